using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Planning.CapacityPlans;

/// <summary>The capacity plans kept: the latest, and one with its whole result.</summary>
public sealed class ReadCapacityPlans(HomewardDb db)
{
    public async Task<IReadOnlyList<CapacityPlanView>> List(Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.Plan);
        var plans = await db.CapacityPlans.AsNoTracking().OrderByDescending(p => p.CreatedAt).Take(50).ToListAsync(ct);
        return [.. plans.Select(CapacityPlanView.From)];
    }

    public async Task<CapacityPlanDetail> One(Guid id, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.Plan);
        var plan = await db.CapacityPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("capacity plan", id);
        return CapacityPlanDetail.From(plan);
    }
}
