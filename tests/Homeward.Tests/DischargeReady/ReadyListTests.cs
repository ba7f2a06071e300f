using System.Net;
using System.Text;
using System.Text.Json;
using Homeward.Access;
using Homeward.Common;
using Homeward.Tests.Support;

namespace Homeward.Tests.DischargeReady;

/// <summary>The acute trust's daily discharge-ready list: every line gets an outcome, the right ones are applied, a resend changes nothing.</summary>
public sealed class ReadyListTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static DateOnly Today => London.DateOf(DateTimeOffset.UtcNow);
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static Task<HttpResponseMessage> Send(HttpClient client, string csv, string type = "text/csv") =>
        client.PostAsync("/api/discharge-ready", new StringContent(csv, Encoding.UTF8, type), Ct);

    private static async Task<(string Nhs, JsonElement Referral)> Refer(HttpClient client, int readyDaysAgo)
    {
        var nhs = Bodies.NewNhsNumber();
        var body = Bodies.HospitalDischarge(nhs);
        body["admittedOn"] = Day(Today.AddDays(-12));
        body["dischargeReadyDate"] = Day(Today.AddDays(-readyDaysAgo));
        return (nhs, await (await client.PostJson("/api/referrals", body)).Expect(HttpStatusCode.Created));
    }

    private static JsonElement Line(JsonElement report, int line) =>
        report.GetProperty("outcomes").EnumerateArray().Single(o => o.GetProperty("line").GetInt32() == line);

    [Fact]
    public async Task Each_line_gets_an_outcome_the_right_ones_are_applied_and_a_resend_changes_nothing()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var (a, referralA) = await Refer(hub, 1);
        var (b, _) = await Refer(hub, 4);
        var nobody = Bodies.NewNhsNumber();
        var csv = $"""
            nhs_number,discharge_ready_date,delay_reason,delay_detail,ward
            {a},{Day(Today.AddDays(-2))},Pathway1,Carer hours in the north,Elm
            {b},{Day(Today.AddDays(-4))},,,Elm
            {nobody},{Day(Today)},,,Ash
            12345,2026-13-01,Weather,,Ash
            {a},{Day(Today)},,,Elm
            """;
        var report = await (await Send(hub, csv)).Expect(HttpStatusCode.OK);
        Assert.Equal([5, 1, 1, 1, 2], new[] { "rows", "changed", "unchanged", "notFound", "refused" }.Select(p => report.GetProperty(p).GetInt32()));
        Assert.Equal(["ward"], report.GetProperty("ignoredColumns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("Changed", Line(report, 2).Str("result"));
        Assert.Contains("Main delay reason: Pathway 1", Line(report, 2).Str("said"), StringComparison.Ordinal);
        Assert.Equal("NotFound", Line(report, 4).Str("result"));
        Assert.Equal(["delay_reason", "discharge_ready_date", "nhs_number"], Line(report, 5).GetProperty("problems").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(["nhs_number"], Line(report, 6).GetProperty("problems").EnumerateObject().Select(p => p.Name));

        // The referral has the new date, the ledger the reason from it, the timeline both dates.
        var referralId = referralA.Str("id");
        var episode = referralA.GetProperty("episode").Str("id");
        Assert.Equal(Day(Today.AddDays(-2)), (await (await hub.GetAsync($"/api/referrals/{referralId}", Ct)).Expect(HttpStatusCode.OK)).Str("dischargeReadyDate"));
        var ledger = await (await hub.GetAsync($"/api/episodes/{episode}/delays", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(Day(Today.AddDays(-2)), ledger.GetProperty("current").Str("since"));
        Assert.Equal("Carer hours in the north", ledger.GetProperty("current").Str("detail"));
        var timeline = await (await hub.GetAsync($"/api/episodes/{episode}/events", Ct)).Expect(HttpStatusCode.OK);
        var change = timeline.EnumerateArray().Single(e => e.Str("type") == "ReferralChanged");
        Assert.Contains(Day(Today.AddDays(-1)), change.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("discharge-ready list", change.GetRawText(), StringComparison.Ordinal);

        var again = await (await Send(hub, csv)).Expect(HttpStatusCode.OK);
        Assert.Equal(0, again.GetProperty("changed").GetInt32());
        Assert.Equal(2, again.GetProperty("unchanged").GetInt32());

        // Blank: the person meets the criteria to reside again; a reason then is refused.
        var withdrawn = await (await Send(hub, $"nhs_number,discharge_ready_date\n{a},\n")).Expect(HttpStatusCode.OK);
        Assert.Contains("withdrawn", Line(withdrawn, 2).Str("said"), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await (await hub.GetAsync($"/api/referrals/{referralId}", Ct)).Expect(HttpStatusCode.OK)).GetProperty("dischargeReadyDate").ValueKind);
        var refused = await (await Send(hub, $"nhs_number,discharge_ready_date,delay_reason\n{b},,Transport\n")).Expect(HttpStatusCode.OK);
        Assert.Equal(["delay_reason"], Line(refused, 2).GetProperty("problems").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_hospital_updates_only_its_own_referrals_and_a_file_that_is_not_the_list_is_refused_whole()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var (theirs, _) = await Refer(hub, 2);
        var hospital = await app.ClientFor(Role.HospitalDischargeTeam);
        var (ours, _) = await Refer(hospital, 2);
        var report = await (await Send(hospital, $"NHS_Number,Discharge_Ready_Date\n{theirs},{Day(Today)}\n{ours},{Day(Today)}\n")).Expect(HttpStatusCode.OK);
        Assert.Equal("NotFound", Line(report, 2).Str("result")); // not the hospital's referral: its existence is not revealed
        Assert.Equal("Changed", Line(report, 3).Str("result"));

        var problem = await (await Send(hospital, "name,date\nSomeone,2026-01-01\n")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["file"], problem.ErrorFields());
        await (await Send(hospital, "{}", "application/json")).Expect(HttpStatusCode.UnsupportedMediaType);
        var provider = await app.ClientFor(Role.CareProvider);
        await (await Send(provider, $"nhs_number,discharge_ready_date\n{ours},\n")).Expect(HttpStatusCode.Forbidden);
    }
}
