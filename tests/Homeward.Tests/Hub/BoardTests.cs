using System.Net;
using Homeward.Access;
using Homeward.Tests.Support;

namespace Homeward.Tests.Hub;

public sealed class BoardTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_two_hour_referral_carries_its_deadline_until_the_first_visit()
    {
        var ucr = await app.ClientFor(Role.RapidResponseClinician);
        var nhs = Bodies.NewNhsNumber();
        var referral = await (await ucr.PostJson("/api/referrals", Bodies.UrgentCommunityResponse(nhs))).Expect(HttpStatusCode.Created);
        var received = referral.GetProperty("receivedAt").GetDateTimeOffset();

        async Task<System.Text.Json.JsonElement> Row()
        {
            var board = await (await ucr.GetAsync("/api/board?route=UrgentCommunityResponse&pageSize=100", Ct)).Expect(HttpStatusCode.OK);
            return board.GetProperty("rows").EnumerateArray().Single(r => r.Str("nhsNumber").Replace(" ", "") == nhs);
        }

        var row = await Row();
        // PostgreSQL keeps microseconds, .NET ticks are finer: compare to the millisecond.
        var deadline = row.GetProperty("twoHourDeadline").GetDateTimeOffset();
        Assert.True(Math.Abs((deadline - received.AddHours(2)).TotalMilliseconds) < 1, $"deadline {deadline:O}, received {received:O}");
        Assert.Equal("Triage", row.Str("nextAction"));
        Assert.Equal("Rapid response team", row.Str("owner"));

        var id = referral.GetProperty("episode").Str("id");
        await (await ucr.PostJson($"/api/episodes/{id}/triage", new { service = "UrgentCommunityResponse" }, "\"1\"")).Expect(HttpStatusCode.OK);
        await (await ucr.PostJson($"/api/episodes/{id}/accept", new { }, "\"2\"")).Expect(HttpStatusCode.OK);
        await (await ucr.PostJson($"/api/episodes/{id}/start", new { at = DateTimeOffset.UtcNow.ToString("O") }, "\"3\"")).Expect(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await Row()).GetProperty("twoHourDeadline").ValueKind);
    }

    [Fact]
    public async Task The_hospitals_to_filter_by_are_the_partnerships_sites_and_any_other_on_the_board()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var elsewhere = Bodies.HospitalDischarge();
        elsewhere["hospital"] = "Far Shore Infirmary";
        await (await hub.PostJson("/api/referrals", elsewhere)).Expect(HttpStatusCode.Created);
        var sites = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            app.Db().HospitalSites.Where(h => h.Active).Select(h => h.Name), Ct);
        Assert.NotEmpty(sites);

        // Filtered to one hospital, the others are still offered to choose instead.
        var board = await (await hub.GetAsync("/api/board?hospital=Far%20Shore%20Infirmary", Ct)).Expect(HttpStatusCode.OK);
        var offered = board.GetProperty("hospitals").EnumerateArray().Select(o => o.Str("value")).ToList();
        Assert.Contains("Far Shore Infirmary", offered);
        Assert.All(sites, site => Assert.Contains(site, offered));
        Assert.Equal(offered.Distinct().Order(StringComparer.Ordinal), offered);
    }

    [Fact]
    public async Task Bad_board_filters_are_400s_naming_each()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var problem = await (await hub.GetAsync("/api/board?pathway=P7&route=Teleport&sort=Colour&pageSize=0", Ct)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["pathway", "route", "sort", "pageSize"], problem.ErrorFields());
    }
}
