using System.Net;
using System.Text.Json;
using Homeward.Access;
using Homeward.Capacity;
using Homeward.Pressure;
using Homeward.Tests.Support;
using Homeward.Triage;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.Pressure;

/// <summary>The scoring of the community OPEL: each parameter's level by its thresholds, the weighted score, the level.</summary>
public sealed class OpelScoringTests
{
    [Fact]
    public void A_parameter_reaches_each_level_at_its_threshold_either_way_round()
    {
        var occupancy = new OpelSetting([85, 92, 98], 1);
        Assert.Equal([1, 2, 2, 3, 4, 4], new decimal[] { 84.9m, 85, 91.9m, 92, 98, 120 }.Select(occupancy.Level));
        var response = new OpelSetting([70, 60, 50], 1, LowerIsWorse: true);
        Assert.Equal([1, 1, 2, 3, 4], new decimal[] { 100, 70, 69.9m, 55, 10 }.Select(response.Level));
    }

    [Fact]
    public void The_score_is_the_weighted_share_of_the_most_pressure_and_the_level_follows_in_quarters()
    {
        Assert.Equal(0, Opel.Score([(1, 1), (1, 2)]));
        Assert.Equal(100, Opel.Score([(4, 1), (4, 3)]));
        // (3-1)*1 + (1-1)*1 = 2 of a most of 6: 33.3.
        Assert.Equal(33.3m, Opel.Score([(3, 1), (1, 1)]));
        // Weighted: (4-1)*3 + (1-1)*1 = 9 of 12: 75.
        Assert.Equal(75, Opel.Score([(4, 3), (1, 1)]));
        Assert.Equal(0, Opel.Score([]));
        Assert.Equal([1, 2, 2, 3, 4], new decimal[] { 24.9m, 25, 49.9m, 50, 75 }.Select(Opel.LevelOf));
    }
}

/// <summary>System pressure worked out from the records, and the escalation log: who may read it, who may act, every problem at once.</summary>
public sealed class SystemPressureTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Full_beds_raise_their_parameter_and_an_escalation_action_is_logged_owned_and_done()
    {
        await using (var db = app.Db())
        {
            var organisation = await db.Organisations.Where(o => o.OdsCode == "ZWV").Select(o => o.Id).SingleAsync(Ct);
            var beds = new CareService { Name = "Larch House beds", Kind = ServiceKind.CommunityBedUnit, Pathway = Pathway.P2, DefaultDailyCapacity = 4, OrganisationId = organisation };
            var team = new CareService { Name = "Larch reablement", Kind = ServiceKind.ReablementTeam, Pathway = Pathway.P1, DefaultDailyCapacity = 600, OrganisationId = organisation };
            db.CareServices.AddRange(beds, team);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            db.CapacityDays.AddRange(new CapacityDay { ServiceId = beds.Id, Date = today, Capacity = 4, Booked = 4 },
                new CapacityDay { ServiceId = team.Id, Date = today, Capacity = 600, Booked = 300 });
            await db.SaveChangesAsync(Ct);
        }
        var hub = await app.ClientFor(Role.HubCoordinator);
        var pressure = await (await hub.GetAsync("/api/pressure", Ct)).Expect(HttpStatusCode.OK);
        var parameters = pressure.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.Str("code"));
        Assert.Equal(100, parameters["BedOccupancy"].GetProperty("value").GetDecimal());
        Assert.Equal(4, parameters["BedOccupancy"].GetProperty("level").GetInt32());
        Assert.Equal(50, parameters["HomeCareCommitted"].GetProperty("value").GetDecimal());
        Assert.Equal(1, parameters["HomeCareCommitted"].GetProperty("level").GetInt32());
        Assert.Equal(JsonValueKind.Null, parameters["TwoHourResponse"].GetProperty("level").ValueKind);
        var counted = parameters.Values.Where(p => p.GetProperty("level").ValueKind == JsonValueKind.Number)
            .Select(p => (p.GetProperty("level").GetInt32(), p.GetProperty("weight").GetDecimal()));
        var score = Opel.Score(counted);
        Assert.Equal(score, pressure.GetProperty("score").GetDecimal());
        Assert.Equal(Opel.LevelOf(score), pressure.GetProperty("level").GetInt32());

        // Every problem at once; then an action logged at the level of the moment.
        var bad = await (await hub.PostJson("/api/pressure/actions", new { action = "", owner = new string('x', 201), dueBy = "2020-01-01T09:00:00Z" }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["action", "dueBy", "owner"], bad.ErrorFields().Order());
        var added = await (await hub.PostJson("/api/pressure/actions",
            new { action = "Open the 2 flex beds at Larch House", owner = "Bed manager, Larch House", dueBy = DateTimeOffset.UtcNow.AddHours(4).ToString("O") }))
            .Expect(HttpStatusCode.Created);
        Assert.Equal(pressure.GetProperty("level").GetInt32(), added.GetProperty("level").GetInt32());
        var id = added.Str("id");

        // The hospital team reads the pressure but does not run the partnership's escalation; a provider does not read it.
        var hospital = await app.ClientFor(Role.HospitalDischargeTeam);
        var seen = await (await hospital.GetAsync("/api/pressure", Ct)).Expect(HttpStatusCode.OK);
        Assert.Contains(seen.GetProperty("openActions").EnumerateArray(), a => a.Str("id") == id && a.Str("owner") == "Bed manager, Larch House");
        Assert.Equal(HttpStatusCode.Forbidden, (await hospital.PostJson("/api/pressure/actions", new { action = "x", owner = "y" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor(Role.CareProvider)).GetAsync("/api/pressure", Ct)).StatusCode);

        // Done: the version seen, and what was done; done once.
        await (await hub.PostJson($"/api/pressure/actions/{id}/done", new { result = "Both opened at 14:00" })).Expect(HttpStatusCode.PreconditionRequired);
        var noResult = await (await hub.PostJson($"/api/pressure/actions/{id}/done", new { result = " " }, "\"1\"")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["result"], noResult.ErrorFields());
        var done = await (await hub.PostJson($"/api/pressure/actions/{id}/done", new { result = "Both opened at 14:00" }, "\"1\"")).Expect(HttpStatusCode.OK);
        Assert.Equal("hub@demo.homeward", done.Str("doneBy"));
        await (await hub.PostJson($"/api/pressure/actions/{id}/done", new { result = "Again" }, "\"2\"")).Expect(HttpStatusCode.Conflict);
        await (await hub.PostJson($"/api/pressure/actions/{Guid.NewGuid()}/done", new { result = "x" }, "\"1\"")).Expect(HttpStatusCode.NotFound);
        var after = await (await hub.GetAsync("/api/pressure", Ct)).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(after.GetProperty("openActions").EnumerateArray(), a => a.Str("id") == id);
        Assert.Contains(after.GetProperty("doneActions").EnumerateArray(), a => a.Str("id") == id && a.Str("result") == "Both opened at 14:00");
    }
}
