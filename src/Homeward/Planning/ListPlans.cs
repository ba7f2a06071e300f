using Homeward.Access;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Planning;

/// <summary>The planning runs, newest first (the last 100), without their results.</summary>
public sealed class ListPlans(HomewardDb db)
{
    public async Task<IReadOnlyList<PlanSummary>> Handle(Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.Plan);
        var runs = await db.PlanningRuns.AsNoTracking()
            .Select(r => new PlanningRun
            {
                Id = r.Id, Name = r.Name, CreatedAt = r.CreatedAt, CreatedBy = r.CreatedBy, Start = r.Start, Days = r.Days, Growth = r.Growth,
                Replications = r.Replications, Seconds = r.Seconds, DelayDays = r.DelayDays, Cost = r.Cost, ScenarioJson = "", ResultJson = "",
            })
            .ToListAsync(ct);
        return [.. runs.OrderByDescending(r => r.CreatedAt).Take(100).Select(PlanSummary.From)];
    }
}
