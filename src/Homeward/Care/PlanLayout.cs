using Homeward.Access;
using Homeward.Data;
using Homeward.Visits;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Care;

/// <summary>
/// How a care plan becomes the visits and reviews of its days: laid out when the plan is agreed or changed, and again
/// when care starts after the day the plan was to begin. Nothing recorded is touched. Runs in the caller's transaction.
/// </summary>
public static class PlanLayout
{
    /// <summary>
    /// Replaces the future: planned visits and unheld reviews from today on are laid out again from the plan;
    /// what was recorded, and what is overdue, stays.
    /// </summary>
    public static async Task LayOut(HomewardDb db, CarePlan plan, Guid personId, DateOnly today, CancellationToken ct)
    {
        await Withdraw(db, db.Visits.Where(v => v.EpisodeId == plan.EpisodeId && v.Status == VisitStatus.Planned && v.Date >= today), ct);
        var kept = await db.Visits.Where(v => v.EpisodeId == plan.EpisodeId && v.Date >= today && v.Status != VisitStatus.Cancelled)
            .Select(v => new { v.Date, v.WindowStart }).ToListAsync(ct);
        db.Visits.AddRange(VisitPlanner.Lay(plan, personId, today).Where(v => !kept.Any(k => k.Date == v.Date && k.WindowStart == v.WindowStart)));

        await db.Reviews.Where(r => r.EpisodeId == plan.EpisodeId && r.HeldAt == null && r.DueOn >= today).ExecuteDeleteAsync(ct);
        var held = await db.Reviews.Where(r => r.EpisodeId == plan.EpisodeId).Select(r => r.DueOn).ToListAsync(ct);
        db.Reviews.AddRange(plan.ReviewDates().Where(d => d >= today && !held.Contains(d))
            .Select(d => new Review { EpisodeId = plan.EpisodeId, DueOn = d }));
    }

    /// <summary>
    /// Care starts on <paramref name="start"/>: a plan agreed for an earlier day (at the assessment in hospital, say)
    /// moves to begin that day, its length kept, and its visits and reviews are laid out again from it; nothing recorded
    /// is touched. Returns the day the plan began before, or null when it needed no move. In the caller's transaction.
    /// </summary>
    public static async Task<DateOnly?> MovePlanToStart(HomewardDb db, Guid episodeId, Guid personId, DateOnly start, Actor actor, DateTimeOffset now,
        CancellationToken ct)
    {
        var plan = await db.CarePlans.SingleOrDefaultAsync(p => p.EpisodeId == episodeId, ct);
        if (plan is null || plan.StartsOn >= start)
            return null;
        var was = plan.StartsOn;
        var days = plan.Days;
        plan.StartsOn = start;
        plan.EndsOn = start.AddDays(days - 1);
        plan.UpdatedAt = now;
        plan.UpdatedBy = actor.UserName;
        plan.Version++;
        // The visits laid out before care started never could happen: they go, as planned ones from the start on do.
        await Withdraw(db, db.Visits.Where(v => v.EpisodeId == episodeId && v.Status == VisitStatus.Planned && v.Date < start), ct);
        await LayOut(db, plan, personId, start, ct);
        return was;
    }

    /// <summary>
    /// Planned visits the plan no longer has: deleted, except those on a published rota, which are cancelled instead, so
    /// a carer's round (perhaps offline on their phone) still finds them and is told they were cancelled.
    /// </summary>
    private static async Task Withdraw(HomewardDb db, IQueryable<Visit> visits, CancellationToken ct)
    {
        var onRota = from a in db.RotaAssignments
                     join r in db.Rotas on a.RotaId equals r.Id
                     where r.Status == Rotas.RotaStatus.Published
                     select a.VisitId;
        await visits.Where(v => onRota.Contains(v.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Status, VisitStatus.Cancelled).SetProperty(v => v.Version, v => v.Version + 1), ct);
        await visits.ExecuteDeleteAsync(ct);
    }
}
