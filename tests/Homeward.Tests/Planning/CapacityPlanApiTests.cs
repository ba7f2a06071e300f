using System.Net;
using Homeward.Access;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.Planning;

/// <summary>Capacity plans over the API: a known optimum found through the job engine and kept; bad input refused at once.</summary>
public sealed class CapacityPlanApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An Erlang loss unit: 10 a day, 1-day stays, no waiting; 16 places turn away 2.35%, 15 turn away 3.54%.</summary>
    private static object LossUnit => new
    {
        name = "Loss unit", start = "2027-01-01", days = 400, warmUpDays = 20,
        nodes = new[] { new { id = "unit", name = "Step-down unit", capacity = 12, queueLimit = 0, costPerDay = 150, stay = new { dist = "exponential", mean = 1 } } },
        arrivals = new[] { new { node = "unit", perDay = 10 } },
    };

    [Fact]
    public async Task The_cheapest_plan_is_found_on_the_job_engine_kept_and_read_back()
    {
        var manager = await app.ClientFor(Role.Manager);
        var done = await (await manager.PostJson("/api/planning/capacity-plans", new { scenario = LossUnit, target = "TurnedAway", value = "3", seed = "5" }))
            .ExpectJobDone(manager);
        var plan = done.GetProperty("plan");
        Assert.True(plan.GetProperty("meets").GetBoolean());
        Assert.Equal("at most 3.0% of people turned away", plan.Str("target"));
        var node = done.GetProperty("result").GetProperty("nodes")[0];
        Assert.Equal(12, node.GetProperty("today").GetInt32());
        Assert.Equal(16, node.GetProperty("planned").GetInt32());
        Assert.Equal(16 * 150 * 400, plan.GetProperty("cost").GetDouble());
        Assert.True(done.GetProperty("result").GetProperty("curve").GetArrayLength() >= 2);

        var list = await (await manager.GetAsync("/api/planning/capacity-plans", Ct)).Expect(HttpStatusCode.OK);
        Assert.Contains(list.EnumerateArray(), p => p.Str("id") == plan.Str("id"));
        await using var db = app.Db();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "planning.capacity-plan" && a.EntityId == plan.Str("id"), Ct));
    }

    [Fact]
    public async Task Every_problem_is_refused_at_once_and_only_planners_plan()
    {
        var manager = await app.ClientFor(Role.Manager);
        var problem = await (await manager.PostJson("/api/planning/capacity-plans",
            new { mode = "weekly", demandChange = "lots", target = "Fastest", withinDays = "1.5", confidence = "100" })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["confidence", "demandChange", "mode", "target", "value", "withinDays"], problem.ErrorFields().Order());
        var share = await (await manager.PostJson("/api/planning/capacity-plans", new { scenario = LossUnit, target = "StartWithin", value = "120" }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["value"], share.ErrorFields());
        await using (var db = app.Db())
            Assert.False(await db.Jobs.AnyAsync(j => j.Kind == Homeward.Jobs.JobKind.CapacityPlan && j.Title.Contains("Fastest"), Ct));

        var worker = await app.ClientFor(Role.ReablementWorker);
        await (await worker.PostJson("/api/planning/capacity-plans", new { target = "DelayDays", value = "10" })).Expect(HttpStatusCode.Forbidden);
        await (await manager.GetAsync($"/api/planning/capacity-plans/{Guid.NewGuid()}", Ct)).Expect(HttpStatusCode.NotFound);
    }
}
