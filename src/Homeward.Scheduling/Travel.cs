namespace Homeward.Scheduling;

/// <summary>A point on a plane (the benchmark instances' coordinates).</summary>
public sealed record Place(double X, double Y);

/// <summary>A visit: where, how long, the window its start must fall in, and (for vehicle routing) a load.</summary>
public sealed record Visit(string Id, int Place, double Duration, double Earliest, double Latest, int Demand = 0);

/// <summary>A carer or vehicle: where the day starts and ends, the shift, and (for vehicle routing) a capacity.</summary>
public sealed record Carer(string Id, int Start, int End, double ShiftStart, double ShiftEnd, int Capacity = int.MaxValue);

/// <summary>Travel between places, in the same unit as times; also the distance that the objective counts.</summary>
public interface ITravel
{
    double Time(int from, int to);
    double Distance(int from, int to);
}

/// <summary>Straight-line travel on a plane: time equals distance (the Solomon convention).</summary>
public sealed class EuclideanTravel(IReadOnlyList<Place> places) : ITravel
{
    public double Distance(int from, int to)
    {
        var (a, b) = (places[from], places[to]);
        return Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
    }

    public double Time(int from, int to) => Distance(from, to);
}

/// <summary>Travel looked up in matrices (a routing engine's answers): seconds and metres become minutes and kilometres.</summary>
public sealed class MatrixTravel : ITravel
{
    private readonly double[] _minutes;
    private readonly double[] _km;
    private readonly int _n;

    /// <param name="minutes">Row-major, <paramref name="n"/> × <paramref name="n"/>: from row to column.</param>
    public MatrixTravel(int n, double[] minutes, double[] km)
    {
        if (minutes.Length != n * n || km.Length != n * n)
            throw new ArgumentException($"A travel matrix for {n} places has {n * n} entries.");
        (_n, _minutes, _km) = (n, minutes, km);
    }

    public int Places => _n;

    public double Time(int from, int to) => _minutes[from * _n + to];

    public double Distance(int from, int to) => _km[from * _n + to];
}
