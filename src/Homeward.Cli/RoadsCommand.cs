using Homeward.Rotas.Roads;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Homeward.Cli;

/// <summary><c>homeward roads import FILE</c>: loads the partnership's road network (OpenStreetMap .osm) for rotas' driving times.</summary>
internal static class RoadsCommand
{
    public static async Task<int> Import(string provider, string? connection, string file, CancellationToken ct)
    {
        await using var database = await CliDatabase.Open(provider, connection, ct);
        if (database is null)
            return 2;
        try
        {
            var result = await database.Services.GetRequiredService<ImportRoads>().Handle(file, ct);
            AnsiConsole.MarkupLineInterpolated($"[green]Loaded[/] {result.Roads:N0} road sections and {result.Junctions:N0} junctions: rotas now use driving times on these roads.");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or FileNotFoundException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }
}
