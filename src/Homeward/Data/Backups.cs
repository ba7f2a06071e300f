using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Homeward.Data;

/// <summary>
/// Backup and restore with each database's own tools: SQLite's online backup API (a consistent copy while the app
/// runs) and PostgreSQL's <c>pg_dump</c>/<c>pg_restore</c> (custom format, one consistent snapshot). A restore goes
/// only into an empty database, never over data. Both report the rows in every table, so a drill can compare them.
/// </summary>
public static class Backups
{
    public sealed record Summary(string File, long Bytes, IReadOnlyDictionary<string, long> Rows);

    public static async Task<Summary> Backup(string provider, string connectionString, string file, CancellationToken ct)
    {
        var full = Path.GetFullPath(file);
        if (File.Exists(full))
            throw new InvalidOperationException($"{full} exists already: choose a new file, so that no backup is overwritten.");
        OwnerOnly(full);
        try
        {
            if (DatabaseSetup.Parse(provider) == DatabaseProvider.Sqlite)
            {
                // Mode=ReadWrite: a mistyped path is an error, not a new empty database backed up as if it were the real one.
                await using var source = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite }.ToString());
                await source.OpenAsync(ct);
                await using var target = new SqliteConnection($"Data Source={full};Pooling=False");
                await target.OpenAsync(ct);
                source.BackupDatabase(target);
            }
            else
            {
                var b = new NpgsqlConnectionStringBuilder(connectionString);
                await Run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", $"--file={full}", .. Target(b)], b.Password, ct);
            }
        }
        catch
        {
            // A failed backup leaves no file that looks like one.
            File.Delete(full);
            throw;
        }
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(full, Private);
        await using var db = DatabaseSetup.Create(provider, connectionString);
        return new Summary(full, new FileInfo(full).Length, await Counts(db, ct));
    }

    /// <summary>A backup holds every record: only its owner may read it.</summary>
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Creates the backup file empty and readable by its owner alone before anything is written into it (SQLite and
    /// pg_dump keep an existing file's mode, and SQLite gives its journal the same), and a missing folder likewise.
    /// </summary>
    private static void OwnerOnly(string full)
    {
        var folder = Path.GetDirectoryName(full)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            File.Create(full).Dispose();
            return;
        }
        if (!Directory.Exists(folder))
            Directory.CreateDirectory(folder, Private | UnixFileMode.UserExecute);
        using var created = new FileStream(full, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = Private });
    }

    public static async Task<Summary> Restore(string provider, string connectionString, string file, CancellationToken ct)
    {
        var full = Path.GetFullPath(file);
        if (!File.Exists(full))
            throw new InvalidOperationException($"No backup at {full}.");
        if (DatabaseSetup.Parse(provider) == DatabaseProvider.Sqlite)
        {
            await using var target = new SqliteConnection(connectionString);
            await target.OpenAsync(ct);
            if (await Tables(target, "SELECT count(*) FROM sqlite_master WHERE type = 'table'", ct) > 0)
                throw new InvalidOperationException("The database to restore into is not empty: restore only into a new, empty database.");
            await using var source = new SqliteConnection($"Data Source={full};Mode=ReadOnly;Pooling=False");
            await source.OpenAsync(ct);
            source.BackupDatabase(target);
        }
        else
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            await CreateIfMissing(b, ct);
            await using (var target = new NpgsqlConnection(connectionString))
            {
                await target.OpenAsync(ct);
                if (await Tables(target, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", ct) > 0)
                    throw new InvalidOperationException("The database to restore into is not empty: restore only into a new, empty database.");
            }
            await Run("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", $"--dbname={b.Database}", .. Connection(b), full], b.Password, ct);
        }
        await using var db = DatabaseSetup.Create(provider, connectionString);
        return new Summary(full, new FileInfo(full).Length, await Counts(db, ct));
    }

    /// <summary>Rows in every table of the model.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> Counts(HomewardDb db, CancellationToken ct)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct())
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT count(*) FROM \"{table}\"";
                counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return counts;
    }

    private static async Task<long> Tables(System.Data.Common.DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task CreateIfMissing(NpgsqlConnectionStringBuilder target, CancellationToken ct)
    {
        var maintenance = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", target.Database!);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database!.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    private static IEnumerable<string> Connection(NpgsqlConnectionStringBuilder b) =>
        [$"--host={b.Host}", $"--port={b.Port}", $"--username={b.Username}"];

    private static IEnumerable<string> Target(NpgsqlConnectionStringBuilder b) => [.. Connection(b), $"--dbname={b.Database}"];

    /// <summary>Runs a PostgreSQL client tool (on the PATH or in Debian's /usr/lib/postgresql/N/bin); a failure says why.</summary>
    private static async Task Run(string tool, IEnumerable<string> arguments, string? password, CancellationToken ct)
    {
        var path = Find(tool) ?? throw new InvalidOperationException($"{tool} is not installed: install the PostgreSQL client (apt-get install postgresql-client).");
        var start = new ProcessStartInfo(path) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        if (password is not null)
            start.Environment["PGPASSWORD"] = password;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {(await error).Trim()}");
    }

    private static string? Find(string tool)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            if (File.Exists(Path.Combine(dir, tool)))
                return Path.Combine(dir, tool);
        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", tool)).Where(File.Exists)
                .OrderByDescending(p => p, StringComparer.Ordinal).FirstOrDefault()
            : null;
    }
}
