using System.Globalization;
using System.Text.Json;
using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Simulation.Model;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Planning;

/// <summary>
/// A planning run: the live scenario (or a changed scenario file) with demand and capacity changed, run and stored for
/// comparison. Runs take the machine's cores: on the job engine (<see cref="RunPlanWork"/>) one runs at a time across the
/// instances, and the others wait their turn.
/// </summary>
public sealed class RunPlan(HomewardDb db, LiveScenarios live, TimeProvider clock)
{
    public const int MaxReplications = 2000;

    /// <summary>
    /// What to run. Text fields (decision 003): mode forecast|plan (the live scenario), or a whole scenario file in
    /// <see cref="Scenario"/>; demand change in percent (20 = 20% more); capacity by node id; replications; seed.
    /// </summary>
    public sealed record Input(string? Name, string? Mode, string? DemandChange, IReadOnlyDictionary<string, string?>? Capacity,
        string? Replications, string? Seed, JsonElement? Scenario);

    /// <summary>A run checked and ready: the scenario with its changes, and how to run it.</summary>
    public sealed record Prepared(Scenario Scenario, int Replications, int Seed);

    /// <summary>Checks a run and runs it here (the job engine runs <see cref="RunPlanWork"/>, which calls this).</summary>
    /// <param name="progress">Told the share of replications done, 0 to 100.</param>
    public async Task<PlanSummary> Handle(Input input, Actor actor, CancellationToken ct, IProgress<int>? progress = null) =>
        await Run(await Prepare(input, actor, ct), actor, ct, progress);

    /// <summary>Every problem of the run at once, before anything runs.</summary>
    public async Task<Prepared> Prepare(Input input, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.Plan);
        var problems = new Problems();
        if (await Check(input, problems, ct) is not { } prepared || problems.Any)
            throw problems.Failure();
        return prepared;
    }

    /// <summary>
    /// Checks a run's fields, adding every problem to <paramref name="problems"/> (a capacity plan checks its own fields
    /// beside these); the run ready to go when there were none.
    /// </summary>
    public async Task<Prepared?> Check(Input input, Problems problems, CancellationToken ct)
    {
        var before = problems.Count;
        var name = problems.Optional("name", input.Name, 120, "Name");
        var replications = Whole(problems, "replications", input.Replications, 200, 10, MaxReplications, "Replications");
        var seed = Whole(problems, "seed", input.Seed, 1, 0, int.MaxValue, "Seed");
        var growth = Growth(problems, input.DemandChange);
        var mode = LiveScenarios.ModeOf(input.Mode, problems);

        // Every problem at once: the scenario and the capacity changes are checked even when a field above is wrong.
        Scenario? scenario = null;
        if (input.Scenario is { ValueKind: JsonValueKind.Object } file)
        {
            try
            {
                scenario = ScenarioFile.Read(file.GetRawText());
            }
            catch (ScenarioException e)
            {
                foreach (var p in e.Problems)
                    problems.Add($"scenario.{p.Place}", p.Message);
            }
        }
        else if (input.Scenario is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) })
            problems.Add("scenario", "A scenario is an object in the scenario file format (docs/simulation.md).");
        else
        {
            scenario = await live.For(mode, ct);
            if (scenario.Nodes.Count == 0)
            {
                problems.Add("mode", NoServices);
                scenario = null;
            }
        }

        if (scenario is not null)
        {
            scenario = scenario with { Growth = scenario.Growth * growth, Name = name ?? scenario.Name };
            var nodes = scenario.Nodes.ToList();
            foreach (var (id, text) in input.Capacity ?? new Dictionary<string, string?>())
            {
                var index = nodes.FindIndex(n => n.Id == id);
                if (index < 0)
                    problems.Add($"capacity.{id}", $"\"{id}\" is not a service in this scenario.");
                else if (string.IsNullOrWhiteSpace(text))
                    continue;
                else if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value is < 0 or > 1_000_000)
                    problems.Add($"capacity.{id}", $"{nodes[index].Name ?? id}: capacity is a whole number from 0 to 1,000,000.");
                else
                    nodes[index] = nodes[index] with { Capacity = [new CapacityStep(DateOnly.MinValue, value)] };
            }
            scenario = scenario with { Nodes = nodes };
            if (problems.Count == before)
                foreach (var p in ScenarioRules.Check(scenario))
                    problems.Add($"scenario.{p.Place}", p.Message);
        }
        return problems.Count > before || scenario is null ? null : new Prepared(scenario, replications, seed);
    }

    public async Task<PlanSummary> Run(Prepared prepared, Actor actor, CancellationToken ct, IProgress<int>? progress = null)
    {
        actor.Demand(Right.Plan);
        var (ready, replications, seed) = prepared;
        var done = progress is null ? null : new Done(progress, replications);
        var result = await Task.Run(() => Simulator.Run(ready, new RunOptions { Replications = replications, Seed = seed }, done, ct), ct);
        var now = clock.GetUtcNow();
        var run = new PlanningRun
        {
            Name = ready.Name,
            CreatedAt = now,
            CreatedBy = actor.UserName,
            Start = ready.Start,
            Days = ready.Days,
            Growth = ready.Growth,
            Replications = replications,
            Seed = seed,
            Seconds = Math.Round(result.Elapsed.TotalSeconds, 3),
            DelayDays = Math.Round(result.TotalDelayDays.Mean, 1),
            Cost = Math.Round(result.TotalCost.Mean, 0),
            ScenarioJson = ScenarioFile.Write(ready),
            ResultJson = JsonSerializer.Serialize(PlanResult.From(result), Json.Options),
        };
        db.PlanningRuns.Add(run);
        db.AuditEntries.Add(AuditEntry.For(actor, "planning.run", null, run.Id, now));
        await db.SaveChangesAsync(ct);
        return PlanSummary.From(run);
    }

    /// <summary>Replications done as a share of the run.</summary>
    private sealed class Done(IProgress<int> progress, int replications) : IProgress<int>
    {
        public void Report(int value) => progress.Report(100 * value / replications);
    }

    public const string NoServices = "There are no services to plan yet: add the partnership's services, with their capacity, under Administration.";

    /// <summary>A change in demand in percent ("20", "20%", "-10") as the factor on today's demand; 1 when blank.</summary>
    public static double Growth(Problems problems, string? demandChange)
    {
        if (string.IsNullOrWhiteSpace(demandChange))
            return 1;
        if (double.TryParse(demandChange.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var change) && change is >= -90 and <= 300)
            return 1 + change / 100;
        problems.Add("demandChange", "Demand change is a percentage from -90 to 300 (20 means 20% more people).");
        return 1;
    }

    private static int Whole(Problems problems, string field, string? text, int fallback, int min, int max, string label)
    {
        if (string.IsNullOrWhiteSpace(text))
            return fallback;
        if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        problems.Add(field, $"{label} is a whole number from {min:N0} to {max:N0}.");
        return fallback;
    }
}
