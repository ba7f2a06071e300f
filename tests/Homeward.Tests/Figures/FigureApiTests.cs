using System.Net;
using System.Text.Json;
using Homeward.Access;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.Figures;

/// <summary>The figures through the API, from records made through the API, on both databases.</summary>
public sealed class FigureApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd");

    private async Task Discharged(HttpClient hub, string service, string pathway)
    {
        var referral = await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
        var url = $"/api/episodes/{referral.GetProperty("episode").Str("id")}";
        await (await hub.PostJson($"{url}/triage", new { service, pathway, nonHomeReason = "Needs 24-hour care" }, "\"1\"")).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"{url}/accept", new { }, "\"2\"")).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"{url}/start", new { }, "\"3\"")).Expect(HttpStatusCode.OK);
    }

    private static JsonElement Figure(JsonElement view, string code) =>
        view.GetProperty("figures").EnumerateArray().Single(f => f.Str("code") == code);

    [Fact]
    public async Task Figures_come_from_the_records_and_name_the_people_behind_them()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        // Two people of 85 leave hospital today, a day after they were ready: one home with reablement, one to a care home.
        await Discharged(hub, "Reablement", "P1");
        await Discharged(hub, "CareHomePlacement", "P3");

        var view = await (await hub.GetAsync($"/api/figures?from={Today}&to={Today}&by=Pathway", Ct)).Expect(HttpStatusCode.OK);
        var home = Figure(view, "HomeFromHospital65");
        Assert.Equal(0.5m, home.GetProperty("current").GetProperty("value").GetDecimal());          // 1 of 2
        Assert.Equal(0.5m, Figure(view, "StraightToLongTermCare").GetProperty("current").GetProperty("value").GetDecimal());
        Assert.Equal(2m, Figure(view, "DelayDays").GetProperty("current").GetProperty("value").GetDecimal()); // 1 + 1
        Assert.Equal(["P1", "P3"], view.GetProperty("groups").EnumerateArray().Select(g => g.Str("group")));
        Assert.Equal(2, view.GetProperty("delays").EnumerateArray().Single(b => b.Str("band") == "1 day").GetProperty("people").GetInt32());

        var people = await (await hub.GetAsync($"/api/figures/HomeFromHospital65/people?from={Today}&to={Today}", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(2, people.GetArrayLength());
        Assert.Equal(1, people.EnumerateArray().Count(p => p.GetProperty("counts").GetBoolean()));
        await using var db = app.Db();
        // One entry for the list, naming both people shown.
        var listed = await db.AuditEntries.Where(a => a.Action == "figures.people").Select(a => a.People.Count).ToListAsync(Ct);
        Assert.Equal([2], listed);
    }

    [Fact]
    public async Task Bad_periods_and_breakdowns_are_named()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var problem = await (await hub.GetAsync("/api/figures?from=2026-13-01&by=Colour&trend=Daily", Ct)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["from", "by", "trend"], problem.ErrorFields());
        problem = await (await hub.GetAsync("/api/figures?from=2026-05-02&to=2026-05-01", Ct)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["to"], problem.ErrorFields());
        problem = await (await hub.GetAsync("/api/figures?from=2020-01-01&to=2026-01-01", Ct)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["from"], problem.ErrorFields());
        problem = await (await hub.GetAsync("/api/figures/Happiness/people", Ct)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["code"], problem.ErrorFields());
    }

    [Fact]
    public async Task Managers_set_targets_and_the_figures_show_against_them()
    {
        var manager = await app.ClientFor(Role.Manager);
        var hub = await app.ClientFor(Role.HubCoordinator);
        await (await hub.PutJson("/api/targets/UrgentResponseTwoHours", new { value = 0.7 })).Expect(HttpStatusCode.Forbidden);
        var wrong = await (await manager.PutJson("/api/targets/UrgentResponseTwoHours", new { value = 70 })).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("fraction", wrong.GetProperty("errors").GetProperty("value")[0].GetString());
        var targets = await (await manager.PutJson("/api/targets/HomeFromHospital65", new { value = 0.95 })).Expect(HttpStatusCode.OK);
        Assert.Equal(0.95m, targets.GetProperty("HomeFromHospital65").GetDecimal());

        // Tomorrow has no discharges yet: a target but nothing to meet it with.
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd");
        var view = await (await hub.GetAsync($"/api/figures?from={tomorrow}&to={tomorrow}", Ct)).Expect(HttpStatusCode.OK);
        var home = Figure(view, "HomeFromHospital65");
        Assert.Equal(0.95m, home.GetProperty("target").GetDecimal());
        Assert.Equal(JsonValueKind.Null, home.GetProperty("meetsTarget").ValueKind);
        // Today's (from the other test, if it ran first) or none: met exactly when the value reaches 95%.
        view = await (await hub.GetAsync($"/api/figures?from={Today}&to={Today}", Ct)).Expect(HttpStatusCode.OK);
        home = Figure(view, "HomeFromHospital65");
        if (home.GetProperty("current").GetProperty("value") is { ValueKind: JsonValueKind.Number } value)
            Assert.Equal(value.GetDecimal() >= 0.95m, home.GetProperty("meetsTarget").GetBoolean());

        await (await manager.PutJson("/api/targets/HomeFromHospital65", new { value = (decimal?)null })).Expect(HttpStatusCode.OK);
        Assert.False((await (await hub.GetAsync("/api/targets", Ct)).Expect(HttpStatusCode.OK)).TryGetProperty("HomeFromHospital65", out _));
    }

    [Fact]
    public async Task Care_providers_do_not_see_the_figures()
    {
        var provider = await app.ClientFor(Role.CareProvider);
        await (await provider.GetAsync("/api/figures", Ct)).Expect(HttpStatusCode.Forbidden);
    }
}
