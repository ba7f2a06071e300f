namespace Homeward.Scheduling.Rota;

/// <summary>
/// Travel from coordinates when no routing engine is configured: great-circle distance times a road factor (roads are
/// longer than the crow flies; 1.3 is typical of English towns and countryside), driven at an average speed. Distance
/// in kilometres, time in minutes. A real routing engine plugs in as another <see cref="ITravel"/>.
/// </summary>
public sealed class GreatCircleTravel(IReadOnlyList<(double Latitude, double Longitude)> places, double roadFactor = 1.3, double kilometresPerHour = 30) : ITravel
{
    private const double EarthRadiusKm = 6371.0088;

    public double Distance(int from, int to) => from == to ? 0 : roadFactor * Kilometres(places[from], places[to]);

    /// <summary>The great-circle (haversine) distance between two places, in kilometres.</summary>
    public static double Kilometres((double Latitude, double Longitude) a, (double Latitude, double Longitude) b)
    {
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var (dLat, dLon) = (Rad(b.Latitude - a.Latitude), Rad(b.Longitude - a.Longitude));
        var h = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Rad(a.Latitude)) * Math.Cos(Rad(b.Latitude)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    public double Time(int from, int to) => Distance(from, to) / kilometresPerHour * 60;
}
