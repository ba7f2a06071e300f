using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Data;

/// <summary>
/// Whether the database keeps a committed transaction through a crash or a power cut. PostgreSQL: fsync,
/// full_page_writes and synchronous_commit on. SQLite: a journal on disk (WAL, delete, truncate or persist) and
/// synchronous FULL. The web app refuses to start when any is off, unless <c>Database:AllowUnsafeDurability</c> is set
/// (for a throwaway test cluster run with fsync off).
/// </summary>
public static class Durability
{
    public static async Task<IReadOnlyList<string>> Problems(HomewardDb db, CancellationToken ct)
    {
        var problems = new List<string>();
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
            await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (db.Provider == DatabaseProvider.Postgres)
            {
                foreach (var setting in new[] { "fsync", "full_page_writes" })
                    if (!string.Equals(await Scalar(connection, $"SHOW {setting}", ct), "on", StringComparison.OrdinalIgnoreCase))
                        problems.Add($"PostgreSQL runs with {setting} off: a crash can lose or corrupt committed records. Turn it on in postgresql.conf.");
                if (string.Equals(await Scalar(connection, "SHOW synchronous_commit", ct), "off", StringComparison.OrdinalIgnoreCase))
                    problems.Add("PostgreSQL runs with synchronous_commit off: a crash can lose records the app was told were saved. Turn it on.");
            }
            else
            {
                var journal = await Scalar(connection, "PRAGMA journal_mode", ct);
                if (journal is not ("wal" or "delete" or "truncate" or "persist"))
                    problems.Add($"SQLite's journal is '{journal}': a crash can corrupt the database. Use a database file on a real disk.");
                if (await Scalar(connection, "PRAGMA synchronous", ct) is not ("2" or "3"))
                    problems.Add("SQLite runs with synchronous below FULL: a power cut can lose committed records.");
            }
        }
        finally
        {
            if (opened)
                await db.Database.CloseConnectionAsync();
        }
        return problems;
    }

    private static async Task<string?> Scalar(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync(ct))?.ToString()?.Trim().ToLowerInvariant();
    }
}
