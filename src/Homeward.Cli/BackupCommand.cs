using Homeward.Data;
using Spectre.Console;

namespace Homeward.Cli;

/// <summary><c>homeward backup --out FILE</c> and <c>homeward restore FILE</c> (into an empty database only).</summary>
internal static class BackupCommand
{
    public static async Task<int> Backup(string provider, string? connection, string file, CancellationToken ct) =>
        await Report("Backed up", () => Backups.Backup(provider, connection ?? CliDatabase.DefaultSqlite(), file, ct));

    public static async Task<int> Restore(string provider, string? connection, string file, CancellationToken ct) =>
        await Report("Restored", () => Backups.Restore(provider, connection ?? CliDatabase.DefaultSqlite(), file, ct));

    private static async Task<int> Report(string what, Func<Task<Backups.Summary>> action)
    {
        try
        {
            var summary = await action();
            var (megabytes, total, tables) = (summary.Bytes / 1024.0 / 1024, summary.Rows.Values.Sum(), summary.Rows.Count);
            AnsiConsole.MarkupLineInterpolated($"[green]{what}[/] {summary.File} ({megabytes:0.0} MB): {total:N0} rows in {tables} tables.");
            foreach (var (table, rows) in summary.Rows.Where(r => r.Value > 0))
                Console.WriteLine($"  {table}: {rows:N0}");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
    }
}
