using Homeward.Planning;
using Homeward.Simulation.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Homeward.Cli;

/// <summary>
/// <c>homeward simulate SCENARIO</c>: runs a demand-and-capacity scenario file with a progress bar and writes the
/// daily figures, the summary and the occupancy levels as CSV (and the summary as Markdown); with <c>--sweep</c>,
/// runs it once for each value of one input and writes the curve.
/// </summary>
internal static class SimulateCommand
{
    public static async Task<int> Run(string file, int replications, long seed, string output, string? sweep, double? growth, CancellationToken ct)
    {
        if (!File.Exists(file))
            return Fail($"No such scenario file: {file}");
        if (replications is < 1 or > 100_000)
            return Fail("--replications must be from 1 to 100,000.");
        try
        {
            var tree = ScenarioFile.Parse(await File.ReadAllTextAsync(file, ct), file);
            if (growth is { } g)
                ScenarioFile.Set(tree, "growth", g);
            var options = new RunOptions { Replications = replications, Seed = seed };
            Directory.CreateDirectory(output);
            if (sweep is not null)
                return await RunSweep(tree, sweep, options, output, ct);

            var scenario = ScenarioFile.FromNode(tree);
            SimulationResult? result = null;
            await AnsiConsole.Progress().StartAsync(async context =>
            {
                var task = context.AddTask($"{scenario.Name}: {replications:N0} replications", maxValue: replications);
                var progress = new Progress<int>(done => task.Value = done);
                result = await Task.Run(() => Simulator.Run(scenario, options, progress, ct), ct);
                task.Value = replications;
            });
            await Write(output, "daily.csv", s => Reports.WriteDaily(result!, s, ct));
            await Write(output, "summary.csv", s => Reports.WriteSummary(result!, s, ct));
            await Write(output, "levels.csv", s => Reports.WriteLevels(result!, s, ct));
            var markdown = Reports.Markdown(result!);
            await File.WriteAllTextAsync(Path.Combine(output, "summary.md"), markdown, ct);
            Console.WriteLine(markdown);
            AnsiConsole.MarkupLineInterpolated($"[green]Written[/] daily.csv, summary.csv, levels.csv and summary.md to {output}.");
            return 0;
        }
        catch (ScenarioException e)
        {
            return Fail(e.Message);
        }
    }

    /// <summary>Builds today's scenario from the database and writes it to OUT/scenario.json; null after saying why not.</summary>
    public static async Task<string?> WriteLive(string provider, string? connection, string mode, string output, CancellationToken ct)
    {
        await using var database = await CliDatabase.Open(provider, connection, ct);
        if (database is null)
            return null;
        var council = await database.Db.Organisations.Where(o => o.Kind == Homeward.Access.OrganisationKind.Council).Select(o => o.Id)
            .FirstOrDefaultAsync(ct);
        try
        {
            var scenario = await database.Services.GetRequiredService<GetLiveScenario>().Handle(mode, Homeward.Access.Actor.System(council, "cli"), ct);
            Directory.CreateDirectory(output);
            var file = Path.Combine(output, "scenario.json");
            await File.WriteAllTextAsync(file, ScenarioFile.Write(scenario), ct);
            var (inCare, waiting) = (scenario.Initial.Sum(i => i.RemainingStays.Count), scenario.Initial.Sum(i => i.Waiting.Count));
            AnsiConsole.MarkupLineInterpolated($"[green]{scenario.Name}[/]: {scenario.Nodes.Count} services, {inCare} people in care, {waiting} waiting; written to {file}.");
            foreach (var note in scenario.Notes)
                Console.WriteLine("  " + note);
            return file;
        }
        catch (Homeward.Common.ValidationFailedException e)
        {
            await Console.Error.WriteLineAsync(string.Join("; ", e.Errors.SelectMany(x => x.Value)));
            return null;
        }
    }

    private static async Task<int> RunSweep(System.Text.Json.Nodes.JsonNode tree, string spec, RunOptions options, string output, CancellationToken ct)
    {
        var (path, values) = Sweep.ParseSpec(spec);
        IReadOnlyList<(double Value, SimulationResult Result)> points = [];
        await AnsiConsole.Progress().StartAsync(async context =>
        {
            var task = context.AddTask($"{path}: {values.Count} values × {options.Replications:N0} replications", maxValue: values.Count);
            var progress = new Progress<int>(done => task.Value = done);
            points = await Task.Run(() => Sweep.Run(tree, path, values, options, progress, ct), ct);
            task.Value = values.Count;
        });
        await Write(output, "sweep.csv", s => Reports.WriteSweep(path, points, s, ct));
        var table = new Table().AddColumns(path, "delay days", "95% CI", "turned away", "cost (£)");
        foreach (var (value, result) in points)
            table.AddRow($"{value:0.##}", $"{result.TotalDelayDays.Mean:N0}", $"{result.TotalDelayDays.Low:N0} to {result.TotalDelayDays.High:N0}",
                $"{result.Nodes.Sum(n => n.TurnedAway.Mean):N0}", $"{result.TotalCost.Mean:N0}");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"[green]Written[/] sweep.csv to {output}.");
        return 0;
    }

    private static async Task Write(string dir, string name, Func<Stream, Task> write)
    {
        await using var stream = File.Create(Path.Combine(dir, name));
        await write(stream);
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
