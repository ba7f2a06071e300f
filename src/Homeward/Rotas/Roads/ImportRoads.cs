using System.Diagnostics;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Homeward.Rotas.Roads;

/// <summary>
/// Loads the partnership's road network from an OpenStreetMap extract (.osm XML) into its PostgreSQL database with
/// osm2pgrouting (cars' configuration: roads cars may drive, their speed limits, one-way streets), in the
/// <see cref="RoadNetwork.Schema"/> schema, replacing any network loaded before; the driving times kept for rotas are
/// dropped, so the next rota routes on the new network. Needs the postgis and pgrouting extensions (Debian:
/// postgresql-15-pgrouting, osm2pgrouting).
/// </summary>
public sealed class ImportRoads(HomewardDb db)
{
    /// <summary>osm2pgrouting's configuration for cars, as Debian installs it.</summary>
    public const string CarsConfiguration = "/usr/share/osm2pgrouting/mapconfig_for_cars.xml";

    public sealed record Result(long Roads, long Junctions, string Log);

    public async Task<Result> Handle(string file, CancellationToken ct, string configuration = CarsConfiguration)
    {
        if (db.Provider != DatabaseProvider.Postgres)
            throw new InvalidOperationException("A road network is loaded into PostgreSQL (with pgRouting); on SQLite rotas estimate travel as the crow flies.");
        if (!File.Exists(file))
            throw new FileNotFoundException($"No such file: {file}", file);
        if (!File.Exists(configuration))
            throw new FileNotFoundException($"osm2pgrouting's configuration is not at {configuration}: install osm2pgrouting.", configuration);
        await db.Database.ExecuteSqlRawAsync(
            $"CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS pgrouting; CREATE SCHEMA IF NOT EXISTS {RoadNetwork.Schema};", ct);

        var connection = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        var start = new ProcessStartInfo("osm2pgrouting")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--f", Path.GetFullPath(file), "--conf", configuration, "--dbname", connection.Database!, "--username", connection.Username ?? "postgres",
                     "--host", connection.Host ?? "localhost", "--port", connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--schema", RoadNetwork.Schema, "--clean",
                 })
            start.ArgumentList.Add(argument);
        // The password goes to libpq by its environment, not on a command line others can read.
        if (!string.IsNullOrEmpty(connection.Password))
            start.Environment["PGPASSWORD"] = connection.Password;
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("osm2pgrouting is not installed (Debian: apt-get install osm2pgrouting).");
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var errors = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            var log = await output + await errors;
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"osm2pgrouting failed (exit {process.ExitCode}): {log.Trim()}");
            await db.Set<RoadMatrix>().ExecuteDeleteAsync(ct);
            var roads = await Count($"SELECT count(*) FROM {RoadNetwork.Schema}.ways", ct);
            var junctions = await Count($"SELECT count(*) FROM {RoadNetwork.Schema}.ways_vertices_pgr", ct);
            if (roads == 0)
                throw new InvalidOperationException("The extract has no roads cars may drive on: check it is the partnership's area, as .osm XML.");
            return new Result(roads, junctions, log);
        }
    }

    private async Task<long> Count(string sql, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
            await db.Database.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
