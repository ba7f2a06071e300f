using Homeward.Data;
using Homeward.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Homeward.Cli;

internal static class DemoCommand
{
    public static async Task<int> Run(string provider, string? connection, DemoSize size, int seed, DateOnly? today, CancellationToken ct)
    {
        await using var database = await CliDatabase.Open(provider, connection, ct, create: true);
        if (database is null)
            return 2;
        var db = database.Db;
        if (await db.Referrals.AnyAsync(ct))
        {
            AnsiConsole.MarkupLine("[yellow]This database already holds referrals: the demo county is built only into an empty one.[/]");
            return 1;
        }

        var county = database.Services.GetRequiredService<DemoCounty>();
        DemoCounty.Summary summary = null!;
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask($"Building the {size} demo county", maxValue: size switch { DemoSize.Small => 2_800, DemoSize.Large => 66_000, DemoSize.Region => 1_030_000, _ => 11_000 });
            summary = await county.GenerateAsync(new DemoCounty.Options(size, seed, today), new Progress<int>(n => task.Value = n), ct);
            task.Value = task.MaxValue;
        });

        var table = new Table().AddColumns("", "");
        table.AddRow("Referrals", summary.Referrals.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("People", summary.People.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("Timeline events", summary.Events.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("Bookings for people in care", summary.Bookings.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("Home visits of people in care", summary.Visits.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("Time", $"{summary.Elapsed.TotalSeconds:F1} s");
        AnsiConsole.Write(table);
        return 0;
    }
}
