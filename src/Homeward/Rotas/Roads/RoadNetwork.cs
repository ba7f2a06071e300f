using System.Globalization;
using Homeward.Data;
using Homeward.Scheduling;
using Homeward.Scheduling.Rota;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Homeward.Rotas.Roads;

/// <summary>
/// Driving times and distances on the partnership's road network: OpenStreetMap loaded into its PostgreSQL by
/// osm2pgrouting (<see cref="ImportRoads"/>), routed by pgRouting. Each place is joined to the network at its nearest
/// junction (the rest of the way, there and back, is counted as the crow flies); a pair the network cannot join (an
/// island, a place off the map) is estimated as the crow flies and counted. SQLite deployments have no network: the
/// rota keeps the straight-line estimate and says so.
/// </summary>
public sealed class RoadNetwork(HomewardDb db, RotaSettings settings, TimeProvider clock, ILogger<RoadNetwork> log,
    IServiceScopeFactory scopes)
{
    /// <summary>The schema osm2pgrouting loads into, apart from Homeward's own tables.</summary>
    public const string Schema = "roads";

    /// <summary>The cost of a metre beside a second's driving when the length of the fastest route is measured.</summary>
    private const double PerMetre = 1e-6;

    /// <summary>Routing looks only at roads within this margin (degrees, about 11 km) of the day's places.</summary>
    private const double Margin = 0.1;

    /// <summary>Whether a road network is loaded (PostgreSQL with pgRouting and the network's tables).</summary>
    public async Task<bool> Loaded(CancellationToken ct)
    {
        if (db.Provider != DatabaseProvider.Postgres)
            return false;
        var connection = await Open(ct);
        await using var command = new NpgsqlCommand(
            "SELECT to_regclass('roads.ways') IS NOT NULL AND to_regclass('roads.ways_vertices_pgr') IS NOT NULL " +
            "AND EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pgrouting')", connection);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The team's day with road travel when a network is loaded (kept for the day), else as it was.</summary>
    public async Task<RotaPlanning.Day> Apply(Guid serviceId, DateOnly date, RotaPlanning.Day day, CancellationToken ct)
    {
        if (day.Places.Count == 0 || !await Loaded(ct))
            return day;
        var key = RoadMatrix.KeyOf(day.Places);
        var kept = await db.Set<RoadMatrix>().AsNoTracking().SingleOrDefaultAsync(m => m.ServiceId == serviceId && m.Date == date, ct);
        if (kept is not null && kept.Key == key)
        {
            var (minutes, km) = kept.Unpack();
            return day.WithTravel(new MatrixTravel(kept.Places, minutes, km), RotaTravel.Roads);
        }
        var started = clock.GetTimestamp();
        var (m, k, estimated) = await Route(day.Places, ct);
        log.LogInformation("Routed {Places} places on the road network in {Seconds:0.0} s ({Estimated} pairs estimated)",
            day.Places.Count, clock.GetElapsedTime(started).TotalSeconds, estimated);
        await Keep(new RoadMatrix
        {
            ServiceId = serviceId, Date = date, Key = key, Places = day.Places.Count, Estimated = estimated, MadeAt = clock.GetUtcNow(), Data = RoadMatrix.Pack(m, k),
        }, scopes, ct);
        return day.WithTravel(new MatrixTravel(day.Places.Count, m, k), RotaTravel.Roads);
    }

    /// <summary>Minutes and kilometres between every pair of places, and how many pairs had to be estimated.</summary>
    public async Task<(double[] Minutes, double[] Km, int Estimated)> Route(IReadOnlyList<(double Latitude, double Longitude)> places, CancellationToken ct)
    {
        var n = places.Count;
        var connection = await Open(ct);
        // Each place joined to its nearest junction, and how far it is from it.
        var vertex = new long[n];
        var offRoad = new double[n];
        await using (var snap = new NpgsqlCommand(
            "SELECT x.i, v.id, ST_Distance(v.the_geom::geography, ST_SetSRID(ST_MakePoint(x.lon, x.lat), 4326)::geography) " +
            "FROM unnest(@lats, @lons) WITH ORDINALITY AS x(lat, lon, i) " +
            "CROSS JOIN LATERAL (SELECT id, the_geom FROM roads.ways_vertices_pgr ORDER BY the_geom <-> ST_SetSRID(ST_MakePoint(x.lon, x.lat), 4326) LIMIT 1) v",
            connection))
        {
            snap.Parameters.AddWithValue("lats", places.Select(p => p.Latitude).ToArray());
            snap.Parameters.AddWithValue("lons", places.Select(p => p.Longitude).ToArray());
            await using var rows = await snap.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct))
            {
                var i = (int)rows.GetInt64(0) - 1;
                (vertex[i], offRoad[i]) = (rows.GetInt64(1), rows.GetDouble(2) / 1000);
            }
        }
        // Shortest driving time between every pair of junctions, and the length of that route: pgRouting's cost matrix
        // twice, on time and on time plus a millionth of a second a metre (the same fastest route, ties broken by
        // length), whose difference is the route's length in millionths.
        var ids = vertex.Distinct().ToArray();
        var (minLat, maxLat) = (places.Min(p => p.Latitude) - Margin, places.Max(p => p.Latitude) + Margin);
        var (minLon, maxLon) = (places.Min(p => p.Longitude) - Margin, places.Max(p => p.Longitude) + Margin);
        var within = string.Format(CultureInfo.InvariantCulture, "WHERE the_geom && ST_MakeEnvelope({0}, {1}, {2}, {3}, 4326)", minLon, minLat, maxLon, maxLat);
        var seconds = await CostMatrix(connection, $"SELECT gid AS id, source, target, cost_s AS cost, reverse_cost_s AS reverse_cost FROM roads.ways {within}", ids, ct);
        var tieBroken = await CostMatrix(connection,
            $"SELECT gid AS id, source, target, cost_s + {PerMetre.ToString("R", CultureInfo.InvariantCulture)} * length_m AS cost, " +
            $"CASE WHEN reverse_cost_s < 0 THEN reverse_cost_s ELSE reverse_cost_s + {PerMetre.ToString("R", CultureInfo.InvariantCulture)} * length_m END AS reverse_cost " +
            $"FROM roads.ways {within}", ids, ct);
        var routes = seconds.Where(r => tieBroken.ContainsKey(r.Key))
            .ToDictionary(r => r.Key, r => (Seconds: r.Value, Metres: Math.Max(0, (tieBroken[r.Key] - r.Value) / PerMetre)));
        var crow = new GreatCircleTravel(places, settings.RoadFactor, settings.KilometresPerHour);
        var (minutes, km) = (new double[n * n], new double[n * n]);
        var estimated = 0;
        for (var a = 0; a < n; a++)
            for (var b = 0; b < n; b++)
            {
                if (a == b)
                    continue;
                var ends = offRoad[a] + offRoad[b];
                if (vertex[a] == vertex[b])
                    (minutes[a * n + b], km[a * n + b]) = (crow.Time(a, b), crow.Distance(a, b));
                else if (routes.TryGetValue((vertex[a], vertex[b]), out var r))
                    (minutes[a * n + b], km[a * n + b]) = (r.Seconds / 60 + ends / settings.KilometresPerHour * 60, r.Metres / 1000 + ends);
                else
                {
                    (minutes[a * n + b], km[a * n + b]) = (crow.Time(a, b), crow.Distance(a, b));
                    estimated++;
                }
            }
        return (minutes, km, estimated);
    }

    /// <summary>The least cost between every pair of junctions (pgr_dijkstraCostMatrix; no row for a pair it cannot join).</summary>
    private static async Task<Dictionary<(long, long), double>> CostMatrix(NpgsqlConnection connection, string edges, long[] ids, CancellationToken ct)
    {
        var costs = new Dictionary<(long, long), double>();
        if (ids.Length < 2)
            return costs;
        await using var command = new NpgsqlCommand("SELECT start_vid, end_vid, agg_cost FROM pgr_dijkstraCostMatrix(@edges, @ids, true)", connection)
        {
            CommandTimeout = 600,
        };
        command.Parameters.AddWithValue("edges", edges);
        command.Parameters.AddWithValue("ids", ids);
        await using var rows = await command.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
            costs[(rows.GetInt64(0), rows.GetInt64(1))] = rows.GetDouble(2);
        return costs;
    }

    /// <summary>
    /// Keeps a team's day of driving times, on a context of its own: the caller's (a move, an urgent visit inside its
    /// transaction) is neither saved nor disturbed by it.
    /// </summary>
    private static async Task Keep(RoadMatrix matrix, IServiceScopeFactory scopes, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<HomewardDb>();
        await own.Set<RoadMatrix>().Where(r => (r.ServiceId == matrix.ServiceId && r.Date == matrix.Date) || r.Date < matrix.Date.AddDays(-7)).ExecuteDeleteAsync(ct);
        own.Set<RoadMatrix>().Add(matrix);
        try
        {
            await own.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance kept the same day at the same moment: theirs stands.
        }
    }

    private async Task<NpgsqlConnection> Open(CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
            await db.Database.OpenConnectionAsync(ct);
        return connection;
    }
}
