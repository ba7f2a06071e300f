using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Homeward;
using Homeward.Data;
using Homeward.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Homeward.Bench;

/// <summary>Generates a demo county into a fresh database and reports how long it took and how big it is.</summary>
internal static class CountyBench
{
    public static async Task Run(DemoSize size, string provider, string? connectionArg, bool keep = false, Action<string>? built = null)
    {
var file = Path.Combine(Path.GetTempPath(), $"homeward-bench-{Guid.NewGuid():N}.db");
var connection = connectionArg ?? $"Data Source={file}";

var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
services.AddHomeward(provider, connection);
await using var root = services.BuildServiceProvider();
await using var scope = root.CreateAsyncScope();
var db = scope.ServiceProvider.GetRequiredService<HomewardDb>();
await db.Database.EnsureDeletedAsync();
var migrate = Stopwatch.StartNew();
await db.Database.MigrateAsync();
migrate.Stop();

var county = scope.ServiceProvider.GetRequiredService<DemoCounty>();
var summary = await county.GenerateAsync(new DemoCounty.Options(size, Seed: 2026, Today: new DateOnly(2026, 11, 23)));

if (db.Provider == DatabaseProvider.Sqlite)
    await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
var bytes = db.Provider == DatabaseProvider.Sqlite
    ? new FileInfo(file).Length
    : await db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync();
var audit = await db.AuditEntries.CountAsync();

var inv = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(inv, $"""
    # Demo county generation ({size}, {db.Provider})
    machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}
    date: {DateTime.UtcNow:yyyy-MM-dd}
    migrations: {migrate.Elapsed.TotalSeconds:F2} s
    referrals: {summary.Referrals:N0}
    people: {summary.People:N0}
    timeline events: {summary.Events:N0}
    generation: {summary.Elapsed.TotalSeconds:F1} s ({summary.Referrals / summary.Elapsed.TotalSeconds:N0} referrals/s)
    database size: {bytes / 1024.0 / 1024.0:F1} MiB ({bytes / (double)summary.Referrals / 1024:F1} KiB a referral, with its person, episode and timeline)
    """));

built?.Invoke(connection);
if (db.Provider == DatabaseProvider.Sqlite && !keep)
{
    await db.Database.CloseConnectionAsync();
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    foreach (var s in new[] { "", "-wal", "-shm" })
        File.Delete(file + s);
}
    }

    /// <summary>Deletes a SQLite benchmark database kept for a later benchmark (PostgreSQL ones go with their cluster).</summary>
    public static void Remove(string provider, string connection)
    {
        if (!provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
            return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection).DataSource;
        foreach (var s in new[] { "", "-wal", "-shm" })
            File.Delete(file + s);
    }
}
