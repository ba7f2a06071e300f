using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Scheduling.Rota;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Rotas.Adjust;

/// <summary>
/// A draft rota opened for a hand change: the rota, its team's day (carers' hours as they now stand), the rounds as they
/// are, the rules already broken before the change, and from which position each round may change (on today's draft,
/// after what has started by now).
/// </summary>
public sealed record DraftRota(Rota Rota, TeamDay Day, Dictionary<string, List<string>> Routes, Dictionary<string, string> Reasons,
    RotaRulesBefore Before, Dictionary<string, int> Starts, int? Now)
{
    public RotaProblem Problem => Day.Plan.Problem;

    /// <summary>The first position in a carer's round that a change may use.</summary>
    public int FirstFree(string carer) => RotaEdits.FirstFree(Routes[carer], Starts, Now);

    /// <summary>Whether the rota has the visit (planned, or among those it could not plan).</summary>
    public bool Has(string key) =>
        Rota.Assignments.Any(a => RotaPlanning.Key(a.VisitId, a.Second) == key) || Rota.Gaps.Any(g => RotaPlanning.Key(g.VisitId, g.Second) == key);

    /// <summary>Why a visit in the rota can no longer be given to anyone (cancelled, no map position); null when it can.</summary>
    public string? CannotPlan(string key) =>
        Problem.Visits.Any(v => v.Id == key) ? null : Day.Plan.SetAside.GetValueOrDefault(key) ?? "That visit is no longer planned for this day.";

    /// <summary>Whether a visit has started (on today's rota, its start is before now): it stays where it is.</summary>
    public bool Started(string key) => Now is { } n && Starts.TryGetValue(key, out var s) && s < n;
}

/// <summary>The rules a rota broke before a change (for example a carer sent home sick with visits still in their round).</summary>
public sealed record RotaRulesBefore(IReadOnlySet<string> Problems, RotaEdits.Outcome Outcome);

/// <summary>Opens a draft for a change, and keeps a change made: the rota re-filled, counted, versioned and audited.</summary>
public sealed class DraftRotas(HomewardDb db, RotaDays days, TimeProvider clock)
{
    public async Task<DraftRota> Open(Guid id, int? version, Actor actor, CancellationToken ct, bool tracked = true)
    {
        actor.Demand(Right.PlanRota);
        var rota = await days.Find(id, actor, ct, tracked);
        if (tracked)
            Versions.Demand("rota", rota.Version, version);
        if (rota.Status != RotaStatus.Draft)
            throw new InvalidTransitionException("Only a draft rota can be changed: build a new draft to change a published one.");
        var service = await db.CareServices.AsNoTracking().SingleAsync(s => s.Id == rota.ServiceId, ct);
        var day = await days.Load(service, rota.Date, ct, rota.Workers.Select(w => w.WorkerId).ToHashSet());
        var routes = RotaEdits.Routes(rota, day.Workers, day.Plan.Problem);
        var reasons = RotaEdits.Reasons(rota);
        var minutes = RotaPlanning.StartedBefore(rota.Date, clock.GetUtcNow());
        var before = RotaEdits.Try(day.Plan.Problem, routes, reasons);
        return new DraftRota(rota, day, routes, reasons, new RotaRulesBefore(before.NewProblems.ToHashSet(), before), RotaEdits.Starts(rota), minutes);
    }

    /// <summary>The problems a change would cause, in words (people and carers by name), for the field given.</summary>
    public async Task<ValidationFailedException> Refusal(DraftRota draft, string field, IEnumerable<string> problems, CancellationToken ct)
    {
        var names = await days.Names(draft.Rota, draft.Day.Workers, ct);
        return new ValidationFailedException(new Dictionary<string, string[]> { [field] = [.. problems.Select(p => RotaDays.Named(p, names))] });
    }

    /// <summary>Keeps a change: the rota as the change timed it, one more hand adjustment, a new version, audited.</summary>
    public async Task<TeamRotas.Summary> Keep(DraftRota draft, RotaSolution solution, string action, Actor actor, CancellationToken ct)
    {
        RotaPlanning.Fill(draft.Rota, solution, draft.Day.Plan);
        draft.Rota.Adjustments++;
        draft.Rota.Version++;
        db.AuditEntries.Add(AuditEntry.For(actor, action, null, draft.Rota.Id, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return TeamRotas.Summary.From(draft.Rota);
    }
}
