using Homeward.Audit;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Homeward.Cli;

/// <summary><c>homeward audit seal</c> seals new audit rows into the hash chain; <c>homeward audit verify</c> checks the whole chain.</summary>
internal static class AuditCommand
{
    public static async Task<int> Seal(string provider, string? connection, CancellationToken ct)
    {
        await using var database = await CliDatabase.Open(provider, connection, ct);
        if (database is null)
            return 2;
        var sealedRows = await database.Services.GetRequiredService<AuditChain>().Seal(ct);
        AnsiConsole.MarkupLineInterpolated($"[green]Sealed[/] {sealedRows:N0} audit rows.");
        return 0;
    }

    public static async Task<int> Verify(string provider, string? connection, CancellationToken ct)
    {
        await using var database = await CliDatabase.Open(provider, connection, ct);
        if (database is null)
            return 2;
        var result = await database.Services.GetRequiredService<AuditChain>().Verify(ct);
        if (result.Intact)
        {
            AnsiConsole.MarkupLineInterpolated($"[green]Intact[/]: {result.Sealed:N0} sealed audit rows check out; {result.Unsealed:N0} not yet sealed.");
            return 0;
        }
        AnsiConsole.MarkupLineInterpolated($"[red]Broken[/] at row {result.BrokenAt:N0}: {result.Why}. {result.Sealed:N0} rows before it check out.");
        return 1;
    }
}
