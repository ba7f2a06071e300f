using System.Net;
using System.Text.Json;
using Homeward.Access;
using Homeward.Capacity;
using Homeward.Tests.Support;
using Homeward.Triage;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.Planning;

/// <summary>Planning over the API, from records made through the API, on both databases.</summary>
public sealed class PlanningApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> Accepted(HttpClient hub, bool start)
    {
        var referral = await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
        var url = $"/api/episodes/{referral.GetProperty("episode").Str("id")}";
        await (await hub.PostJson($"{url}/triage", new { service = "BedBasedIntermediateCare", pathway = "P2", nonHomeReason = "Needs rehabilitation in a bed" }, "\"1\"")).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"{url}/accept", new { }, "\"2\"")).Expect(HttpStatusCode.OK);
        if (start)
            await (await hub.PostJson($"{url}/start", new { }, "\"3\"")).Expect(HttpStatusCode.OK);
        return url;
    }

    private async Task EnsureBeds()
    {
        await using var db = app.Db();
        if (await db.CareServices.AnyAsync(s => s.Name == "Planning test beds", Ct))
            return;
        db.CareServices.Add(new CareService
        {
            Name = "Planning test beds", Kind = ServiceKind.CommunityBedUnit, Pathway = Pathway.P2, DefaultDailyCapacity = 6,
            OrganisationId = await db.Organisations.Select(o => o.Id).FirstAsync(Ct),
        });
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task Todays_scenario_runs_is_kept_and_can_be_compared()
    {
        await EnsureBeds();
        var hub = await app.ClientFor(Role.HubCoordinator);
        await Accepted(hub, start: true);
        await Accepted(hub, start: false);

        var scenarioText = await (await hub.GetAsync("/api/planning/scenario?mode=forecast", Ct)).Content.ReadAsStringAsync(Ct);
        var scenario = JsonDocument.Parse(scenarioText).RootElement;
        var beds = scenario.GetProperty("nodes").EnumerateArray().Single(n => n.Str("id") == "planning-test-beds");
        Assert.Equal(6, beds.GetProperty("capacity").GetInt32());
        var initial = scenario.GetProperty("initial").EnumerateArray().Single(i => i.Str("node") == "planning-test-beds");
        Assert.True(initial.GetProperty("occupants").GetArrayLength() >= 1);
        Assert.True(initial.GetProperty("waiting").GetArrayLength() >= 1);

        var run = (await (await hub.PostJson("/api/planning/runs", new
        {
            name = "Two more beds, demand up a fifth", mode = "forecast", demandChange = "20", replications = "20",
            capacity = new Dictionary<string, string> { ["planning-test-beds"] = "8" },
        })).ExpectJobDone(hub)).GetProperty("run");
        Assert.Equal(1.2, run.GetProperty("growth").GetDouble(), 6);
        var id = run.Str("id");

        var list = await (await hub.GetAsync("/api/planning/runs", Ct)).Expect(HttpStatusCode.OK);
        Assert.Contains(list.EnumerateArray(), r => r.Str("id") == id);
        var detail = await (await hub.GetAsync($"/api/planning/runs/{id}", Ct)).Expect(HttpStatusCode.OK);
        var node = detail.GetProperty("result").GetProperty("nodes").EnumerateArray().Single(n => n.Str("id") == "planning-test-beds");
        Assert.Equal(8, node.GetProperty("capacity").GetInt32());
        Assert.Equal(10, node.GetProperty("dailyOccupancy").GetArrayLength());
        Assert.True(node.GetProperty("occupancy").GetProperty("mean").GetDouble() >= 1);

        // The scenario it ran, downloaded and posted back as a file, runs the same.
        var file = await (await hub.GetAsync($"/api/planning/runs/{id}/scenario", Ct)).Content.ReadAsStringAsync(Ct);
        var again = (await (await hub.PostJson("/api/planning/runs", new { replications = "20", scenario = JsonDocument.Parse(file).RootElement }))
            .ExpectJobDone(hub)).GetProperty("run");
        Assert.Equal(run.GetProperty("delayDays").GetDouble(), again.GetProperty("delayDays").GetDouble());

        await using var db = app.Db();
        Assert.True(await db.AuditEntries.CountAsync(a => a.Action == "planning.run", Ct) >= 2);
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once_and_nothing_runs()
    {
        await EnsureBeds();
        var manager = await app.ClientFor(Role.Manager);
        await using (var db = app.Db())
        {
            var before = await db.PlanningRuns.CountAsync(Ct);
            var response = await manager.PostJson("/api/planning/runs", new
            {
                mode = "weekly", demandChange = "lots", replications = "5",
                capacity = new Dictionary<string, string> { ["nowhere"] = "3", ["planning-test-beds"] = "-2" },
            });
            var problem = await response.Expect(HttpStatusCode.BadRequest);
            var fields = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
            Assert.Equal(["capacity.nowhere", "capacity.planning-test-beds", "demandChange", "mode", "replications"], fields.Order());
            Assert.Equal(before, await db.PlanningRuns.CountAsync(Ct));
        }

        var bad = await manager.PostJson("/api/planning/runs", new
        {
            scenario = new { start = "2027-01-01", days = 30, nodes = new[] { new { id = "A", capacity = -1, stay = new { dist = "lognormal", median = 5, mean = 2 } } }, arrivals = new[] { new { node = "B", perDay = 1 } } },
        });
        var errors = (await bad.Expect(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("scenario.nodes[0].stay", out _));
        Assert.True(errors.TryGetProperty("scenario.nodes[0].capacity[0]", out _));
        Assert.True(errors.TryGetProperty("scenario.arrivals[0].node", out _));
    }

    [Fact]
    public async Task Only_planners_may_plan()
    {
        var worker = await app.ClientFor(Role.ReablementWorker);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/planning/runs", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostJson("/api/planning/runs", new { mode = "forecast" })).StatusCode);
        var manager = await app.ClientFor(Role.Manager);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/planning/runs/{Guid.NewGuid()}", Ct)).StatusCode);
    }
}
