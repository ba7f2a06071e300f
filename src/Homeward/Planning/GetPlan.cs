using System.Text.Json;
using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Planning;

/// <summary>One planning run with its results.</summary>
public sealed class GetPlan(HomewardDb db)
{
    public async Task<PlanDetail> Handle(Guid id, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.Plan);
        var run = await db.PlanningRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("planning run", id);
        return new PlanDetail(PlanSummary.From(run), JsonSerializer.Deserialize<PlanResult>(run.ResultJson, Json.Options)!, run.ScenarioJson);
    }
}
