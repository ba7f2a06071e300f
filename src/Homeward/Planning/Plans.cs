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
/// Planning runs: the live scenario from today's records, a run of it (or of a changed scenario file) with demand
/// and capacity changed, stored for comparison; the list of runs and one run. Runs take the machine's cores, so
/// one runs at a time; the others wait their turn.
/// </summary>
public sealed class Plans(HomewardDb db, LoadPlanningInputs inputs, TimeProvider clock)
{
    public const int MaxReplications = 2000;
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>
    /// What to run. Text fields (decision 003): mode forecast|plan (the live scenario), or a whole scenario file in
    /// <see cref="Scenario"/>; demand change in percent (20 = 20% more); capacity by node id; replications; seed.
    /// </summary>
    public sealed record Input(string? Name, string? Mode, string? DemandChange, IReadOnlyDictionary<string, string?>? Capacity,
        string? Replications, string? Seed, JsonElement? Scenario);

    public sealed record Summary(Guid Id, string Name, DateTimeOffset CreatedAt, string CreatedBy, DateOnly Start, int Days, double Growth,
        int Replications, double Seconds, double DelayDays, double Cost);

    public sealed record Detail(Summary Run, PlanResult Result, string ScenarioJson);

    public async Task<Scenario> Live(string? mode, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.Plan);
        var problems = new Problems();
        var parsed = ModeOf(mode, problems);
        problems.ThrowIfAny();
        return await LiveScenarioFor(parsed, ct);
    }

    private async Task<Scenario> LiveScenarioFor(PlanningMode mode, CancellationToken ct)
    {
        var today = London.DateOf(clock.GetUtcNow());
        var records = await inputs.Handle(today, mode == PlanningMode.Forecast ? 10 : 182, ct);
        return LiveScenario.Build(records, mode);
    }

    private static PlanningMode ModeOf(string? mode, Problems problems)
    {
        switch (mode?.Trim().ToLowerInvariant())
        {
            case null or "" or "forecast":
                return PlanningMode.Forecast;
            case "plan":
                return PlanningMode.Plan;
            default:
                problems.Add("mode", "Choose forecast (the next 10 days) or plan (the next 26 weeks).");
                return PlanningMode.Forecast;
        }
    }

    public async Task<Summary> Run(Input input, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.Plan);
        var problems = new Problems();
        var name = problems.Optional("name", input.Name, 120, "Name");
        var replications = Whole(problems, "replications", input.Replications, 200, 10, MaxReplications, "Replications");
        var seed = Whole(problems, "seed", input.Seed, 1, 0, int.MaxValue, "Seed");
        double growth = 1;
        if (!string.IsNullOrWhiteSpace(input.DemandChange))
        {
            if (double.TryParse(input.DemandChange.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var change) && change is >= -90 and <= 300)
                growth = 1 + change / 100;
            else
                problems.Add("demandChange", "Demand change is a percentage from -90 to 300 (20 means 20% more people).");
        }
        var mode = ModeOf(input.Mode, problems);

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
            scenario = await LiveScenarioFor(mode, ct);

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
            if (!problems.Any)
                foreach (var p in ScenarioRules.Check(scenario))
                    problems.Add($"scenario.{p.Place}", p.Message);
        }
        problems.ThrowIfAny();
        var ready = scenario!;

        SimulationResult result;
        await OneAtATime.WaitAsync(ct);
        try
        {
            result = await Task.Run(() => Simulator.Run(ready, new RunOptions { Replications = replications, Seed = seed }, ct: ct), ct);
        }
        finally
        {
            OneAtATime.Release();
        }
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
        return ToSummary(run);
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

    public async Task<IReadOnlyList<Summary>> List(Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.Plan);
        var runs = await db.PlanningRuns.AsNoTracking()
            .Select(r => new PlanningRun
            {
                Id = r.Id, Name = r.Name, CreatedAt = r.CreatedAt, CreatedBy = r.CreatedBy, Start = r.Start, Days = r.Days, Growth = r.Growth,
                Replications = r.Replications, Seconds = r.Seconds, DelayDays = r.DelayDays, Cost = r.Cost, ScenarioJson = "", ResultJson = "",
            })
            .ToListAsync(ct);
        return [.. runs.OrderByDescending(r => r.CreatedAt).Take(100).Select(ToSummary)];
    }

    public async Task<Detail> Get(Guid id, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.Plan);
        var run = await db.PlanningRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("planning run", id);
        return new Detail(ToSummary(run), JsonSerializer.Deserialize<PlanResult>(run.ResultJson, Json.Options)!, run.ScenarioJson);
    }

    private static Summary ToSummary(PlanningRun r) =>
        new(r.Id, r.Name, r.CreatedAt, r.CreatedBy, r.Start, r.Days, r.Growth, r.Replications, r.Seconds, r.DelayDays, r.Cost);
}
