using System.Net;
using System.Text.Json;
using Homeward.Access;
using Homeward.Common;
using Homeward.Tests.Support;

namespace Homeward.Tests.Delays;

/// <summary>The delay ledger: national reasons from the Discharge Ready Date, kept with who and when, on the board and in the returns.</summary>
public sealed class DelayLedgerTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static DateOnly Today => London.DateOf(DateTimeOffset.UtcNow);
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(HttpClient Hub, string Episode, string Nhs)> ReadyFourDaysAgo()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var nhs = Bodies.NewNhsNumber();
        var body = Bodies.HospitalDischarge(nhs);
        body["admittedOn"] = Day(Today.AddDays(-12));
        body["dischargeReadyDate"] = Day(Today.AddDays(-4));
        var referral = await (await hub.PostJson("/api/referrals", body)).Expect(HttpStatusCode.Created);
        return (hub, referral.GetProperty("episode").Str("id"), nhs);
    }

    [Fact]
    public async Task Reasons_are_kept_line_by_line_from_the_ready_date_and_the_same_reason_again_writes_nothing()
    {
        var (hub, episode, _) = await ReadyFourDaysAgo();
        var ledger = await (await hub.PostJson($"/api/episodes/{episode}/delays", new { reason = "Pathway1", detail = "Carer hours in the north" })).Expect(HttpStatusCode.OK);
        Assert.Equal(4, ledger.GetProperty("daysDelayed").GetInt32());
        Assert.True(ledger.GetProperty("open").GetBoolean());
        var first = ledger.GetProperty("current");
        Assert.Equal(Day(Today.AddDays(-4)), first.Str("since")); // the first reason applies from the ready date
        Assert.Equal("Pathway 1: awaiting availability of resource for assessment and start of care at home", first.Str("reasonLabel"));
        Assert.Equal("Intermediate care services", first.Str("agencyLabel"));

        await (await hub.PostJson($"/api/episodes/{episode}/delays", new { reason = "pathway1", detail = "Carer hours in the north" })).Expect(HttpStatusCode.OK);
        ledger = await (await hub.PostJson($"/api/episodes/{episode}/delays", new { reason = "Transport" })).Expect(HttpStatusCode.OK);
        Assert.Equal(["Pathway1", "Transport"], ledger.GetProperty("entries").EnumerateArray().Select(e => e.Str("reason")));
        Assert.Equal(Day(Today), ledger.GetProperty("current").Str("since")); // a change applies from today
        Assert.Equal("Acute trust", ledger.GetProperty("current").Str("agencyLabel"));

        // Kept on the timeline with who recorded it.
        var timeline = await (await hub.GetAsync($"/api/episodes/{episode}/events", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(2, timeline.EnumerateArray().Count(e => e.Str("type") == "DelayReason"));
        var read = await (await hub.GetAsync($"/api/episodes/{episode}/delays", Ct)).Expect(HttpStatusCode.OK);
        Assert.All(read.GetProperty("entries").EnumerateArray(), e => Assert.False(string.IsNullOrEmpty(e.Str("recordedBy"))));
    }

    [Fact]
    public async Task Bad_reasons_are_refused_naming_every_field_and_a_closed_ledger_is_a_conflict()
    {
        var (hub, episode, _) = await ReadyFourDaysAgo();
        var problem = await (await hub.PostJson($"/api/episodes/{episode}/delays",
            new { reason = "Weather", detail = new string('x', 201), since = Day(Today.AddDays(1)) })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["detail", "reason", "since"], problem.ErrorFields().Order());
        problem = await (await hub.PostJson($"/api/episodes/{episode}/delays", new { reason = "Transport", since = Day(Today.AddDays(-9)) })).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("discharge ready date", problem.GetProperty("errors").GetProperty("since")[0].GetString(), StringComparison.Ordinal);
        await (await hub.PostJson($"/api/episodes/{episode}/delays", new { reason = "Transport", since = Day(Today.AddDays(-1)) })).Expect(HttpStatusCode.OK);
        problem = await (await hub.PostJson($"/api/episodes/{episode}/delays", new { reason = "NoPlan", since = Day(Today.AddDays(-2)) })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["since"], problem.ErrorFields());

        // A community referral has no ledger; nor has someone who has left hospital.
        var community = await (await hub.PostJson("/api/referrals", Bodies.UrgentCommunityResponse())).Expect(HttpStatusCode.Created);
        await (await hub.PostJson($"/api/episodes/{community.GetProperty("episode").Str("id")}/delays", new { reason = "Transport" })).Expect(HttpStatusCode.Conflict);
        await (await hub.PostJson($"/api/episodes/{episode}/triage", new { service = "Reablement", pathway = "P1" }, "\"1\"")).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"/api/episodes/{episode}/accept", new { }, "\"2\"")).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"/api/episodes/{episode}/start", new { }, "\"3\"")).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"/api/episodes/{episode}/delays", new { reason = "Pathway1" })).Expect(HttpStatusCode.Conflict);
        var closed = await (await hub.GetAsync($"/api/episodes/{episode}/delays", Ct)).Expect(HttpStatusCode.OK);
        Assert.False(closed.GetProperty("open").GetBoolean());
        Assert.Equal(4, closed.GetProperty("daysDelayed").GetInt32()); // to the discharge day, today

        // A care provider cannot record reasons; an unknown episode is not found.
        var provider = await app.ClientFor(Role.CareProvider);
        await (await provider.PostJson($"/api/episodes/{episode}/delays", new { reason = "Transport" })).Expect(HttpStatusCode.Forbidden);
        await (await hub.PostJson($"/api/episodes/{Guid.NewGuid()}/delays", new { reason = "Transport" })).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_board_shows_the_current_reason_and_the_discharge_delay_return_counts_it_on_the_discharge_day()
    {
        var (hub, episode, nhs) = await ReadyFourDaysAgo();
        await (await hub.PostJson($"/api/episodes/{episode}/delays", new { reason = "CommunityEquipment" })).Expect(HttpStatusCode.OK);
        var board = await (await hub.GetAsync("/api/board?route=HospitalDischarge&sort=Delay&pageSize=100", Ct)).Expect(HttpStatusCode.OK);
        var row = board.GetProperty("rows").EnumerateArray().Single(r => r.Str("nhsNumber").Replace(" ", "", StringComparison.Ordinal) == nhs);
        Assert.Equal("CommunityEquipment", row.Str("delayReason"));

        async Task<int> EquipmentDelays()
        {
            var t = await (await hub.GetAsync($"/api/returns/discharge-delays?from={Day(Today)}&to={Day(Today)}", Ct)).Expect(HttpStatusCode.OK);
            var line = t.GetProperty("rows").EnumerateArray().Single(r => r[1].GetString() == "Awaiting community equipment and adaptations to housing");
            return int.Parse(line[2].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        }
        var before = await EquipmentDelays();
        await (await hub.PostJson($"/api/episodes/{episode}/triage", new { service = "Reablement", pathway = "P1" }, "\"1\"")).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"/api/episodes/{episode}/accept", new { }, "\"2\"")).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"/api/episodes/{episode}/start", new { }, "\"3\"")).Expect(HttpStatusCode.OK);
        Assert.Equal(before + 1, await EquipmentDelays());
    }
}
