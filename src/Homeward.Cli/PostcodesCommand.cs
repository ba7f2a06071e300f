using Homeward.People;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Homeward.Cli;

/// <summary><c>homeward postcodes import FILE</c>: loads a postcode directory (ONS Postcode Directory or NSPL CSV) and puts people on the map.</summary>
internal static class PostcodesCommand
{
    public static async Task<int> Import(string provider, string? connection, string file, CancellationToken ct)
    {
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"No such file: {file}");
            return 2;
        }
        await using var database = await CliDatabase.Open(provider, connection, ct);
        if (database is null)
            return 2;
        using var reader = new StreamReader(file);
        try
        {
            var result = await database.Services.GetRequiredService<PostcodeDirectory>().Import(reader, ct);
            AnsiConsole.MarkupLineInterpolated($"[green]Imported[/] {result.Imported:N0} postcodes of {result.Rows:N0} rows; skipped {result.Skipped:N0}; {result.PeoplePlaced:N0} people put on the map.");
            foreach (var problem in result.Problems)
                AnsiConsole.MarkupLineInterpolated($"  [yellow]{problem}[/]");
            return 0;
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }
}
