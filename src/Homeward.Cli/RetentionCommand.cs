using Homeward.Retention;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Homeward.Cli;

/// <summary><c>homeward retention</c> applies the retention schedule once (the web app does it every hour) and says what it did.</summary>
internal static class RetentionCommand
{
    public static async Task<int> Apply(string provider, string? connection, CancellationToken ct)
    {
        await using var database = await CliDatabase.Open(provider, connection, ct);
        if (database is null)
            return 2;
        var applied = await database.Services.GetRequiredService<ApplyRetention>().Run(ct);
        var table = new Table().AddColumns("Rule", "Kept for", "Done");
        foreach (var done in applied)
            table.AddRow(done.Rule, RetentionSchedule.Of(done.Rule).KeptFor,
                done.Action == RetentionAction.Review ? $"{done.Count:N0} due for the privacy officer's review" : $"{done.Count:N0} deleted");
        AnsiConsole.Write(table);
        return 0;
    }
}
