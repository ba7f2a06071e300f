using System.Globalization;
using System.Text.Json;
using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Simulation.Model;
using Homeward.Simulation.Optimisation;

namespace Homeward.Planning.CapacityPlans;

/// <summary>
/// Finds the cheapest capacity of each service that keeps people's delays within a target, with stated confidence, for
/// today's scenario (or a scenario file) with demand changed, and keeps the plan. Checked at once with every problem;
/// run on the job engine (<see cref="PlanCapacityWork"/>), one at a time with planning runs, as it takes both cores.
/// </summary>
public sealed class PlanCapacity(HomewardDb db, RunPlan runs, TimeProvider clock)
{
    /// <summary>
    /// Text fields (decision 003). Target: StartWithin (value a percentage of people starting within withinDays of being
    /// ready), DelayDays (value the most delay days over the period) or TurnedAway (value the most percentage turned
    /// away); confidence a percentage (default 95).
    /// </summary>
    public sealed record Input(string? Name, string? Mode, string? DemandChange, JsonElement? Scenario, string? Target, string? Value,
        string? WithinDays, string? Confidence, string? Seed);

    public sealed record Prepared(Scenario Scenario, OptimiseOptions Options);

    public async Task<Prepared> Prepare(Input input, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.Plan);
        var problems = new Problems();
        var run = await runs.Check(new RunPlan.Input(input.Name, input.Mode, input.DemandChange, null, null, input.Seed, input.Scenario), problems, ct);
        var kind = problems.Enum<TargetKind>("target", input.Target, "the target");
        var within = Number(problems, "withinDays", input.WithinDays, 2, 0, ReplicationResult.MaxWaitDays, "Days to start within", whole: true);
        var confidence = Number(problems, "confidence", input.Confidence, 95, 50, 99.9, "Confidence (percent)");
        double? value = null;
        if (string.IsNullOrWhiteSpace(input.Value))
            problems.Add("value", kind == TargetKind.DelayDays ? "Enter the most delay days the plan may have over the period." : "Enter the target as a percentage.");
        else if (kind == TargetKind.DelayDays)
            value = Number(problems, "value", input.Value, 0, 0, 10_000_000, "Delay days");
        else if (kind is not null)
            value = Number(problems, "value", input.Value, 0, 0, 100, kind == TargetKind.StartWithin ? "The share starting in time (percent)" : "The share turned away (percent)") / 100;
        if (problems.Any || run is null || kind is not { } k || value is not { } v)
            throw problems.Failure();
        return new Prepared(run.Scenario, new OptimiseOptions
        {
            Target = new PlanTarget(k, v, (int)within), Confidence = confidence / 100, Seed = run.Seed,
        });
    }

    public async Task<CapacityPlanView> Run(Prepared prepared, Actor actor, CancellationToken ct, IProgress<string>? progress = null)
    {
        actor.Demand(Right.Plan);
        var (scenario, options) = prepared;
        var plan = await Task.Run(() => CapacityOptimiser.Optimise(scenario, options, progress, ct), ct);
        var now = clock.GetUtcNow();
        var saved = new CapacityPlan
        {
            Name = scenario.Name,
            CreatedAt = now,
            CreatedBy = actor.UserName,
            Start = scenario.Start,
            Days = scenario.Days,
            Growth = scenario.Growth,
            Target = plan.Target.ToString(),
            Confidence = plan.Confidence,
            Meets = plan.Meets,
            Cost = Math.Round(plan.Cost),
            TodayCost = Math.Round(plan.TodayCost),
            Seconds = Math.Round(plan.Elapsed.TotalSeconds, 1),
            ScenarioJson = ScenarioFile.Write(scenario),
            ResultJson = JsonSerializer.Serialize(plan, Json.Options),
        };
        db.CapacityPlans.Add(saved);
        db.AuditEntries.Add(AuditEntry.For(actor, "planning.capacity-plan", null, saved.Id, now));
        await db.SaveChangesAsync(ct);
        return CapacityPlanView.From(saved);
    }

    private static double Number(Problems problems, string field, string? text, double fallback, double min, double max, string label, bool whole = false)
    {
        if (string.IsNullOrWhiteSpace(text))
            return fallback;
        if (double.TryParse(text.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            && value >= min && value <= max && (!whole || value == Math.Floor(value)))
            return value;
        problems.Add(field, $"{label} is {(whole ? "a whole number" : "a number")} from {min.ToString("N0", CultureInfo.InvariantCulture)} to {max.ToString("#,0.#", CultureInfo.InvariantCulture)}.");
        return fallback;
    }
}
