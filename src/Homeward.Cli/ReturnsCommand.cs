using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Homeward.Returns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Homeward.Cli;

/// <summary>
/// <c>homeward returns CODE</c>: makes a national return from the database and writes it as CSV, XLSX or JSON
/// (to a file, or CSV/JSON to the console). Audited as the system acting for the council.
/// </summary>
internal static class ReturnsCommand
{
    public static async Task<int> Run(string provider, string? connection, string code, string? from, string? to, ReturnFormat format, string? output,
        CancellationToken ct)
    {
        await using var database = await CliDatabase.Open(provider, connection, ct);
        if (database is null)
            return 2;
        var db = database.Db;
        var council = await db.Organisations.Where(o => o.Kind == OrganisationKind.Council).Select(o => o.Id).FirstOrDefaultAsync(ct);
        try
        {
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            var table = await database.Services.GetRequiredService<MakeReturn>()
                .Handle(code, new MakeReturn.Query(from, to), Actor.System(council, "cli"), ct);
            if (output is null && format == ReturnFormat.Xlsx)
            {
                await Console.Error.WriteLineAsync("XLSX needs --out FILE.");
                return 2;
            }
            foreach (var problem in table.Problems.Where(p => !p.Blocking).GroupBy(p => p.Field))
                await Console.Error.WriteLineAsync($"Warning: {problem.Key} on {problem.Count()} rows: {problem.First().Message}");
            if (!table.Submittable && format != ReturnFormat.Json)
            {
                // Errors by row and field; the file is not written until they are put right.
                foreach (var problem in table.Problems.Where(p => p.Blocking))
                    await Console.Error.WriteLineAsync($"Row {problem.Row}, {problem.Field}: {problem.Message}");
                await Console.Error.WriteLineAsync($"{table.Problems.Count(p => p.Blocking)} problems: the file was not written.");
                return 1;
            }
            await using (var stream = output is null ? Console.OpenStandardOutput() : File.Create(output))
                await ReturnFiles.Write(table, format, stream, ct);
            if (output is not null)
                AnsiConsole.MarkupLineInterpolated($"[green]{table.Title}[/]: {table.Period.From:yyyy-MM-dd} to {table.Period.To:yyyy-MM-dd}, {table.Rows.Count} rows, written to {output} in {stopwatch.Elapsed.TotalSeconds:0.0} s.");
            return 0;
        }
        catch (ValidationFailedException e)
        {
            foreach (var (field, messages) in e.Errors)
                await Console.Error.WriteLineAsync($"{field}: {string.Join(" ", messages)}");
            return 2;
        }
    }
}
