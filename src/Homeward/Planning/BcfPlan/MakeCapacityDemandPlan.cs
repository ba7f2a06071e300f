using System.Globalization;
using Homeward.Access;
using Homeward.Audit;
using Homeward.Capacity;
using Homeward.Common;
using Homeward.Data;
using Homeward.Planning.CapacityPlans;
using Homeward.Simulation.Model;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Planning.BcfPlan;

/// <summary>
/// Makes the BCF capacity and demand plan for a plan year from the live records: today's scenario run on to the end of
/// the year (people in care and waiting now, recent demand with the year's seasonal pattern, capacity as reported or as
/// a kept capacity plan has it), with demand changed, simulated and summed by month (<see cref="CapacityDemandPlan"/>).
/// Which of a service's people come out of hospital is the share of its last year's episodes referred on discharge.
/// </summary>
public sealed class MakeCapacityDemandPlan(HomewardDb db, LoadPlanningInputs load, TimeProvider clock)
{
    public const int Replications = 200;

    /// <summary>
    /// Text fields (decision 003): the plan year's first year (2027 for 2027-28), demand change in percent, a kept
    /// capacity plan's id, and the file wanted (json, csv or xlsx; checked here with the rest, so every problem is said at once).
    /// </summary>
    public sealed record Input(string? Year, string? DemandChange, string? CapacityPlan, string? Format = null);

    /// <summary>The file a caller asked for.</summary>
    public static Returns.ReturnFormat? FormatOf(string? format) => (format ?? "json").Trim().ToLowerInvariant() switch
    {
        "csv" => Returns.ReturnFormat.Csv,
        "xlsx" => Returns.ReturnFormat.Xlsx,
        "json" or "" => Returns.ReturnFormat.Json,
        _ => null,
    };

    public async Task<CapacityDemandPlan> Handle(Input input, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.Plan);
        var now = clock.GetUtcNow();
        var today = London.DateOf(now);
        var nextYear = today < new DateOnly(today.Year, 4, 1) ? today.Year : today.Year + 1;
        var problems = new Problems();
        if (FormatOf(input.Format) is null)
            problems.Add("format", "Choose json, csv or xlsx.");
        var year = nextYear;
        if (!string.IsNullOrWhiteSpace(input.Year))
        {
            var text = input.Year.Trim();
            if (!int.TryParse(text.Length == 7 && text[4] == '-' ? text[..4] : text, NumberStyles.None, CultureInfo.InvariantCulture, out year)
                || year < nextYear || year > nextYear + 1)
                problems.Add("year", $"The plan year is {nextYear}-{(nextYear + 1) % 100:00} or {nextYear + 1}-{(nextYear + 2) % 100:00} (give its first year, {nextYear} or {nextYear + 1}): it starts on 1 April, after today.");
        }
        var growth = RunPlan.Growth(problems, input.DemandChange);
        CapacityPlanDetail? plan = null;
        if (!string.IsNullOrWhiteSpace(input.CapacityPlan))
        {
            if (Guid.TryParse(input.CapacityPlan, out var id) && await db.CapacityPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is { } kept)
                plan = CapacityPlanDetail.From(kept);
            else
                problems.Add("capacityPlan", "Choose a kept capacity plan, or none for the capacity services report.");
        }
        var last = new DateOnly(year + 1, 3, 31);
        var inputs = await load.Handle(today, last.DayNumber - today.DayNumber + 1, ct);
        var nodes = LiveScenario.NodesOf(inputs);
        if (nodes.Count == 0)
            problems.Add("year", RunPlan.NoServices);
        var scenario = LiveScenario.Build(inputs, PlanningMode.Plan);
        scenario = scenario with { Days = last.DayNumber - scenario.Start.DayNumber + 1, Growth = scenario.Growth * growth };
        var notes = new List<string>(scenario.Notes);
        if (plan is not null)
        {
            var planned = plan.Result.Nodes.ToDictionary(n => n.Node, n => n.Planned);
            var missing = scenario.Nodes.Where(n => !planned.ContainsKey(n.Id)).Select(n => n.Name ?? n.Id).ToList();
            if (missing.Count > 0)
                problems.Add("capacityPlan", $"That capacity plan was made for other services: it has none for {string.Join(", ", missing)}.");
            else
            {
                scenario = scenario with { Nodes = [.. scenario.Nodes.Select(n => n with { Capacity = [new CapacityStep(DateOnly.MinValue, planned[n.Id])] })] };
                notes.Add($"Capacity as the capacity plan “{plan.Plan.Name}” ({plan.Plan.CreatedAt:d MMMM yyyy}) has it, from today.");
            }
        }
        problems.ThrowIfAny();

        var result = await Task.Run(() => Simulator.Run(scenario, new RunOptions { Replications = Replications, Seed = 1 }, ct: ct), ct);
        var sources = nodes.Select(n => new CapacityDemandPlan.NodeSource(n.Service.Kind, FromHospital(inputs, n.Service, today, notes))).ToList();
        notes.Add($"Simulated {Replications} times from today ({today:d MMMM yyyy}) to the end of the plan year; each figure is the mean. " +
                  "Capacity in new people is a service's places (or visit slots) over the month divided by the place-days (or visits) one person used in the simulation.");
        db.AuditEntries.Add(AuditEntry.For(actor, "planning.bcf-plan", null, $"{year}-{(year + 1) % 100:00}", now));
        await db.SaveChangesAsync(ct);
        return CapacityDemandPlan.Of(result, sources, year, notes);
    }

    /// <summary>The share of a service's episodes accepted in the last year that came out of hospital.</summary>
    private static double FromHospital(PlanningInputs inputs, PlanningService service, DateOnly today, List<string> notes)
    {
        var year = inputs.Episodes.Where(e => e.ServiceId == service.Id && e.Accepted >= today.AddDays(-365)).ToList();
        if (year.Count > 0)
            return (double)year.Count(e => e.FromHospital) / year.Count;
        var share = service.Kind == ServiceKind.RapidResponseTeam ? 0 : 1;
        notes.Add($"{service.Name} took nobody in the last year: its people are counted as {(share == 1 ? "coming out of hospital" : "referred in the community")}.");
        return share;
    }
}
