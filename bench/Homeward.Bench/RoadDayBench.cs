using System.Diagnostics;
using System.Globalization;
using System.Text;
using Homeward.Rotas.Roads;
using Homeward.Scheduling;
using Homeward.Scheduling.Rota;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Bench;

/// <summary>
/// The county day (<see cref="RotaDayBench"/>: 1,500 visits, 80 carers) on road travel times: a road network over the
/// county written as OpenStreetMap (a town grid of streets every 0.005°, about 350–550 m, 30 mph, with a 50 mph road
/// every tenth line and every seventh street one way), loaded with osm2pgrouting, every pair of the day's places routed
/// by pgRouting, then the day planned on those times. Prints how long each step took and the rota's figures.
/// Needs an empty PostgreSQL database with pgRouting available.
/// </summary>
internal static class RoadDayBench
{
    public static async Task Run(string connection, int[] seconds)
    {
        var inv = CultureInfo.InvariantCulture;
        var (problem, places) = RotaDayBench.DayAndPlaces(visits: 1500, carers: 80, seed: 2026);
        await using var app = await BenchApp.Start("Postgres", connection);
        var (minLat, maxLat) = (Math.Floor(places.Min(p => p.Latitude) * 100) / 100 - 0.02, Math.Ceiling(places.Max(p => p.Latitude) * 100) / 100 + 0.02);
        var (minLon, maxLon) = (Math.Floor(places.Min(p => p.Longitude) * 100) / 100 - 0.02, Math.Ceiling(places.Max(p => p.Longitude) * 100) / 100 + 0.02);
        const double step = 0.005;
        var (rows, columns) = ((int)Math.Round((maxLat - minLat) / step) + 1, (int)Math.Round((maxLon - minLon) / step) + 1);
        var file = Path.Combine(Path.GetTempPath(), "homeward-county-roads.osm");
        var ways = WriteGrid(file, minLat, minLon, step, rows, columns);
        Console.WriteLine(string.Create(inv, $"# The county day on road travel times, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}"));
        Console.WriteLine(string.Create(inv, $"Network: a grid of {rows * columns:N0} junctions and {ways:N0} streets over {maxLat - minLat:0.00}° × {maxLon - minLon:0.00}°; {places.Count} places ({problem.Carers.Count} carers' bases, {places.Count - problem.Carers.Count} homes)."));

        var watch = Stopwatch.StartNew();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var loaded = await scope.ServiceProvider.GetRequiredService<ImportRoads>().Handle(file, CancellationToken.None);
            Console.WriteLine(string.Create(inv, $"Loaded by osm2pgrouting: {loaded.Roads:N0} road sections, {loaded.Junctions:N0} junctions in {watch.Elapsed.TotalSeconds:0.0} s."));
        }
        watch.Restart();
        double[] minutes, km;
        int estimated;
        await using (var scope = app.Services.CreateAsyncScope())
            (minutes, km, estimated) = await scope.ServiceProvider.GetRequiredService<RoadNetwork>().Route(places, CancellationToken.None);
        var pairs = Enumerable.Range(0, places.Count).SelectMany(a => Enumerable.Range(0, places.Count).Select(b => (a, b))).Where(p => p.a != p.b).ToList();
        var ratio = pairs.Average(p => km[p.a * places.Count + p.b] / Math.Max(0.01, GreatCircleTravel.Kilometres(places[p.a], places[p.b])));
        Console.WriteLine(string.Create(inv, $"Routed {pairs.Count:N0} pairs by pgRouting in {watch.Elapsed.TotalSeconds:0.0} s ({estimated} estimated); roads are {ratio:0.00} × the straight line on average (the estimate assumes 1.3)."));

        var onRoads = problem with { Travel = new MatrixTravel(places.Count, minutes, km) };
        RotaDayBench.Solve(onRoads, seconds);
    }

    /// <summary>Writes the grid as .osm XML and returns how many streets it has.</summary>
    private static int WriteGrid(string file, double minLat, double minLon, double step, int rows, int columns)
    {
        var inv = CultureInfo.InvariantCulture;
        using var xml = new StreamWriter(file, false, new UTF8Encoding(false));
        xml.WriteLine("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<osm version=\"0.6\" generator=\"homeward-bench\">");
        long Node(int r, int c) => 1 + (long)r * columns + c;
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                xml.WriteLine(string.Create(inv, $"  <node id=\"{Node(r, c)}\" lat=\"{minLat + r * step:F6}\" lon=\"{minLon + c * step:F6}\" version=\"1\" visible=\"true\"/>"));
        var ways = 0;
        void Street(long a, long b, bool main, bool oneWay)
        {
            ways++;
            var tags = main ? "<tag k=\"highway\" v=\"primary\"/><tag k=\"maxspeed\" v=\"50 mph\"/>" : "<tag k=\"highway\" v=\"residential\"/><tag k=\"maxspeed\" v=\"30 mph\"/>";
            xml.WriteLine(string.Create(inv, $"  <way id=\"{ways}\" version=\"1\" visible=\"true\"><nd ref=\"{a}\"/><nd ref=\"{b}\"/>{tags}{(oneWay ? "<tag k=\"oneway\" v=\"yes\"/>" : "")}</way>"));
        }
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
            {
                if (c + 1 < columns)
                    Street(Node(r, c), Node(r, c + 1), main: r % 10 == 0, oneWay: r % 10 != 0 && r % 7 == 3);
                if (r + 1 < rows)
                    Street(Node(r, c), Node(r + 1, c), main: c % 10 == 0, oneWay: c % 10 != 0 && c % 7 == 3);
            }
        xml.WriteLine("</osm>");
        return ways;
    }
}
