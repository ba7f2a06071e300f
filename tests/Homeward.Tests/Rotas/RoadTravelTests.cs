using System.Globalization;
using System.Net;
using System.Text;
using Homeward.Access;
using Homeward.Demo;
using Homeward.Rotas.Roads;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Homeward.Tests.Rotas;

/// <summary>
/// Rotas on real roads (PostgreSQL with pgRouting): an OpenStreetMap file the test writes, loaded with osm2pgrouting;
/// driving times follow the fastest route, not the shortest, and respect one-way streets; a team's rota is built on
/// the roads and says so, and its driving times are kept for the day. On SQLite there is no road network: the rota
/// says it estimated (checked in RotaApiTests' pages and here by the travel field).
/// </summary>
public sealed class RoadTravelTests(RoadTravelTests.County app) : IClassFixture<RoadTravelTests.County>
{
    public sealed class County : ApiFactory
    {
        public Task Ensure(CancellationToken ct) => Once(async c =>
        {
            await using var scope = Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoCounty>()
                .GenerateAsync(new DemoCounty.Options(DemoSize.Small, Seed: 7, Today: DateOnly.FromDateTime(DateTime.UtcNow)), ct: c);
        }, ct);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An .osm file: nodes by id and position, ways by their nodes and tags.</summary>
    private static string Osm(IEnumerable<(long Id, double Lat, double Lon)> nodes, IEnumerable<(long Id, long[] Nodes, string[] Tags)> ways)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<osm version=\"0.6\" generator=\"homeward-tests\">\n");
        foreach (var (id, lat, lon) in nodes)
            xml.Append(CultureInfo.InvariantCulture, $"  <node id=\"{id}\" lat=\"{lat:F7}\" lon=\"{lon:F7}\" version=\"1\" visible=\"true\"/>\n");
        foreach (var (id, refs, tags) in ways)
        {
            xml.Append(CultureInfo.InvariantCulture, $"  <way id=\"{id}\" version=\"1\" visible=\"true\">");
            foreach (var r in refs)
                xml.Append(CultureInfo.InvariantCulture, $"<nd ref=\"{r}\"/>");
            for (var i = 0; i < tags.Length; i += 2)
                xml.Append(CultureInfo.InvariantCulture, $"<tag k=\"{tags[i]}\" v=\"{tags[i + 1]}\"/>");
            xml.Append("</way>\n");
        }
        return xml.Append("</osm>\n").ToString();
    }

    private async Task Load(string osm)
    {
        var file = Path.Combine(Path.GetTempPath(), $"homeward-roads-{Guid.NewGuid():N}.osm");
        await File.WriteAllTextAsync(file, osm, Ct);
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ImportRoads>().Handle(file, Ct);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<double> Metres(params long[] osmWays)
    {
        await using var db = app.Db();
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT sum(length_m) FROM roads.ways WHERE osm_id = ANY(@ids)", (NpgsqlConnection)db.Database.GetDbConnection());
        command.Parameters.AddWithValue("ids", osmWays);
        return (double)(await command.ExecuteScalarAsync(Ct))!;
    }

    [Fact]
    public async Task Driving_times_follow_the_fastest_route_and_one_way_streets()
    {
        Assert.SkipWhen(!TestDatabase.IsPostgres, "The road network is PostgreSQL's (pgRouting).");
        await app.Ensure(Ct);
        // A square: A to C the short way through a 20 mph lane (B), or the long way round on a 60 mph road (D, E);
        // and from C back to A the lane is one way (A to B to C only), so the way back is the long way round.
        // A cul-de-sac off the lane at B makes B a junction (a place is joined to the network at its nearest junction).
        (long, double, double)[] nodes = [(1, 51.0, -2.0), (2, 51.0, -1.99), (3, 51.0, -1.98), (4, 51.01, -2.0), (5, 51.01, -1.98), (6, 50.995, -1.99)];
        await Load(Osm(nodes,
        [
            (101, [1, 2, 3], ["highway", "residential", "maxspeed", "20 mph", "oneway", "yes"]),
            (102, [1, 4], ["highway", "primary", "maxspeed", "60 mph"]),
            (103, [4, 5], ["highway", "primary", "maxspeed", "60 mph"]),
            (104, [5, 3], ["highway", "primary", "maxspeed", "60 mph"]),
            (105, [2, 6], ["highway", "residential", "maxspeed", "20 mph"]),
        ]));
        var (lane, round) = (await Metres(101), await Metres(102, 103, 104));
        Assert.True(round > 2 * lane, "the long way round is more than twice the lane");

        await using var scope = app.Services.CreateAsyncScope();
        var roads = scope.ServiceProvider.GetRequiredService<RoadNetwork>();
        Assert.True(await roads.Loaded(Ct));
        // A, C, and B: places at the junctions and on the lane.
        var (minutes, km, estimated) = await roads.Route([(51.0, -2.0), (51.0, -1.98), (51.0, -1.99)], Ct);
        Assert.Equal(0, estimated);
        const double mph20 = 20 * 1.609344, mph60 = 60 * 1.609344;
        var viaLane = lane / 1000 / mph20 * 60;
        var viaRound = round / 1000 / mph60 * 60;
        // A to C: whichever is faster; here the 60 mph road round the square.
        Assert.True(viaRound < viaLane);
        Assert.Equal(viaRound, minutes[0 * 3 + 1], 2);
        Assert.Equal(round / 1000, km[0 * 3 + 1], 3);
        // C to A: the lane is one way, so round the square too, the same time.
        Assert.Equal(viaRound, minutes[1 * 3 + 0], 2);
        // A to B: along the lane (the only way), and B to A: the lane is one way, so on to C and round the square.
        var ab = await Metres(101) / 2;
        Assert.InRange(km[0 * 3 + 2], ab / 1000 * 0.99, ab / 1000 * 1.01);
        Assert.True(minutes[2 * 3 + 0] > minutes[0 * 3 + 2], "B to A goes the long way round");
        Assert.InRange(km[2 * 3 + 0], (lane - ab + round) / 1000 * 0.99, (lane - ab + round) / 1000 * 1.01);
    }

    [Fact]
    public async Task A_team_s_rota_is_built_on_the_roads_says_so_and_keeps_its_driving_times_for_the_day()
    {
        await app.Ensure(Ct);
        Guid team;
        List<(double Lat, double Lon)> places;
        await using (var db = app.Db())
        {
            team = await db.CareWorkers.Where(w => w.UserName == "reablement@demo.homeward").Select(w => w.ServiceId).SingleAsync(Ct);
            places = [.. (await db.CareWorkers.Where(w => w.ServiceId == team).Select(w => new { w.Latitude, w.Longitude }).ToListAsync(Ct)).Select(p => (p.Latitude, p.Longitude)),
                .. (await db.People.Where(p => p.Latitude != null).Select(p => new { p.Latitude, p.Longitude }).ToListAsync(Ct)).Select(p => (p.Latitude!.Value, p.Longitude!.Value))];
        }
        var hub = await app.ClientFor(Role.HubCoordinator);
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd");
        if (!TestDatabase.IsPostgres)
        {
            // No road network on SQLite: the rota says it estimated.
            var estimated = (await (await hub.PostJson("/api/rotas", new { serviceId = team.ToString(), date = tomorrow })).ExpectJobDone(hub)).GetProperty("rota");
            Assert.Equal("StraightLine", estimated.Str("travel"));
            return;
        }

        // A grid of 30 mph streets over the county, every 0.01° (about 1 km).
        var (minLat, maxLat) = (Math.Floor(places.Min(p => p.Lat) * 100) / 100 - 0.02, Math.Ceiling(places.Max(p => p.Lat) * 100) / 100 + 0.02);
        var (minLon, maxLon) = (Math.Floor(places.Min(p => p.Lon) * 100) / 100 - 0.02, Math.Ceiling(places.Max(p => p.Lon) * 100) / 100 + 0.02);
        var (rows, columns) = ((int)Math.Round((maxLat - minLat) * 100) + 1, (int)Math.Round((maxLon - minLon) * 100) + 1);
        long Node(int r, int c) => 1 + r * columns + c;
        var nodes = Enumerable.Range(0, rows).SelectMany(r => Enumerable.Range(0, columns).Select(c => (Node(r, c), minLat + r * 0.01, minLon + c * 0.01)));
        var ways = new List<(long, long[], string[])>();
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
            {
                if (c + 1 < columns)
                    ways.Add((ways.Count + 1, [Node(r, c), Node(r, c + 1)], ["highway", "residential", "maxspeed", "30 mph"]));
                if (r + 1 < rows)
                    ways.Add((ways.Count + 1, [Node(r, c), Node(r + 1, c)], ["highway", "residential", "maxspeed", "30 mph"]));
            }
        await Load(Osm(nodes, ways));

        var built = (await (await hub.PostJson("/api/rotas", new { serviceId = team.ToString(), date = tomorrow })).ExpectJobDone(hub)).GetProperty("rota");
        Assert.Equal("Roads", built.Str("travel"));
        Assert.True(built.GetProperty("planned").GetInt32() > 0);
        // The driving times were kept for the team's day: a look and a move read them, not the roads again.
        await using (var db = app.Db())
        {
            var kept = await db.Set<RoadMatrix>().SingleAsync(m => m.ServiceId == team && m.Date == DateOnly.Parse(tomorrow), Ct);
            Assert.Equal(0, kept.Estimated);
            var rota = await (await hub.GetAsync($"/api/rotas/{built.Str("id")}", Ct)).Expect(HttpStatusCode.OK);
            Assert.Equal("Roads", rota.GetProperty("rota").Str("travel"));
            var again = await db.Set<RoadMatrix>().AsNoTracking().SingleAsync(m => m.ServiceId == team && m.Date == DateOnly.Parse(tomorrow), Ct);
            Assert.Equal(kept.Id, again.Id);
            // Driven on 30 mph streets (48 km/h), not estimated at 30 km/h: nearly every leg is faster than the estimate
            // would make it (only the stretch from the door to the nearest junction is counted at 30 km/h).
            var (minutes, km) = kept.Unpack();
            var legs = Enumerable.Range(0, kept.Places).SelectMany(a => Enumerable.Range(0, kept.Places).Select(b => a * kept.Places + b)).Where(i => km[i] > 1).ToList();
            Assert.NotEmpty(legs);
            Assert.True(legs.Count(i => minutes[i] < km[i] / 30 * 60 * 0.95) > legs.Count * 0.9);
            Assert.All(legs, i => Assert.InRange(minutes[i], km[i] / 48.3 * 60 * 0.99, km[i] / 30 * 60 * 1.01));
        }
        // The page says the times are the roads'.
        var page = await hub.GetStringAsync($"/rotas/{built.Str("id")}", Ct);
        Assert.Contains("driving times on the partnership&#x27;s road network", page, StringComparison.Ordinal);
    }
}
