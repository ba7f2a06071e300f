using System.Net;
using Homeward.Access;
using Homeward.Audit;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.Access;

/// <summary>
/// Break glass: a hospital user opens the record of someone it did not refer, with a reason, for a limited time; every
/// read meanwhile is audited as an emergency; access ends when the time is up or the user closes it; a privacy officer
/// reviews each one.
/// </summary>
public sealed class BreakGlassTests(ClockedApiFactory app) : IClassFixture<ClockedApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Reason = "Attended A&E after a fall; need their care plan and who visits them.";

    private async Task<(string Nhs, string PersonId, string EpisodeId)> ReferredByTheHub()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var nhs = Bodies.NewNhsNumber();
        var referral = await (await hub.PostJson("/api/referrals", Referral(nhs))).Expect(HttpStatusCode.Created);
        return (nhs, referral.GetProperty("person").Str("id"), referral.GetProperty("episode").Str("id"));
    }

    /// <summary>A hospital discharge on this test's clock.</summary>
    private Dictionary<string, object?> Referral(string nhs)
    {
        var body = Bodies.HospitalDischarge(nhs);
        var today = app.Clock.GetUtcNow().UtcDateTime;
        body["admittedOn"] = today.AddDays(-10).ToString("yyyy-MM-dd");
        body["dischargeReadyDate"] = today.AddDays(-1).ToString("yyyy-MM-dd");
        return body;
    }

    [Fact]
    public async Task Emergency_access_opens_one_record_for_a_time_audits_every_read_and_waits_for_review()
    {
        var (nhs, personId, episodeId) = await ReferredByTheHub();
        var hospital = await app.ClientFor(Role.HospitalDischargeTeam);
        Assert.Equal(HttpStatusCode.NotFound, (await hospital.GetAsync($"/api/people/{personId}", Ct)).StatusCode);

        var access = await (await hospital.PostJson("/api/break-glass", new { nhsNumber = nhs, reason = Reason, minutes = 30 })).Expect(HttpStatusCode.Created);
        Assert.Equal(personId, access.Str("personId"));
        Assert.True(access.GetProperty("active").GetBoolean());
        await (await hospital.GetAsync($"/api/people/{personId}", Ct)).Expect(HttpStatusCode.OK);
        await (await hospital.GetAsync($"/api/episodes/{episodeId}", Ct)).Expect(HttpStatusCode.OK);
        await (await hospital.GetAsync($"/fhir/Patient/{personId}", Ct)).Expect(HttpStatusCode.OK);
        // Break glass opens the record; it does not put the person in the hospital's lists.
        Assert.DoesNotContain(nhs, await (await hospital.GetAsync("/api/referrals?pageSize=100", Ct)).Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // Another organisation's user is not let in by someone else's emergency.
        var provider = await app.ClientFor(Role.CareProvider);
        Assert.Equal(HttpStatusCode.NotFound, (await provider.GetAsync($"/api/people/{personId}", Ct)).StatusCode);

        var id = Guid.Parse(personId);
        await using (var db = app.Db())
        {
            var rows = await db.AuditEntries.Where(a => a.PersonId == id && a.Role == Role.HospitalDischargeTeam).ToListAsync(Ct);
            Assert.Contains(rows, a => a.Action == "breakglass.start" && a.Outcome == AuditOutcome.Emergency);
            var reads = rows.Where(a => a.Action != "breakglass.start" && a.Outcome != AuditOutcome.Denied).ToList();
            Assert.True(reads.Count >= 3, $"{reads.Count} reads audited");
            Assert.All(reads, a => Assert.Equal(AuditOutcome.Emergency, a.Outcome));
        }

        // The privacy officer sees it waiting, with the reason and the reads; the hospital cannot see the review list.
        var privacy = await app.ClientFor(Role.PrivacyOfficer);
        Assert.Equal(HttpStatusCode.Forbidden, (await hospital.GetAsync("/api/break-glass", Ct)).StatusCode);
        var waiting = await (await privacy.GetAsync("/api/break-glass?pageSize=100", Ct)).Expect(HttpStatusCode.OK);
        var item = waiting.GetProperty("items").EnumerateArray().Single(i => i.Str("id") == access.Str("id"));
        Assert.Equal(Reason, item.Str("reason"));
        Assert.True(item.GetProperty("reads").GetInt32() >= 3);

        // Half an hour later the glass has closed again, and the refusal is audited.
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        hospital = await app.ClientFor(Role.HospitalDischargeTeam);
        Assert.Equal(HttpStatusCode.NotFound, (await hospital.GetAsync($"/api/people/{personId}", Ct)).StatusCode);
        Assert.Equal(0, (await (await hospital.GetAsync("/api/break-glass/mine", Ct)).Expect(HttpStatusCode.OK)).GetArrayLength());

        // Review: a verdict is needed, a concern needs a note, and a review is given once.
        privacy = await app.ClientFor(Role.PrivacyOfficer);
        var url = $"/api/break-glass/{access.Str("id")}/review";
        Assert.Equal(["verdict"], (await (await privacy.PostJson(url, new { })).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["note"], (await (await privacy.PostJson(url, new { verdict = "Concern" })).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        var reviewed = await (await privacy.PostJson(url, new { verdict = "Justified", note = "Seen in A&E at that time." })).Expect(HttpStatusCode.OK);
        Assert.Equal("Justified", reviewed.Str("verdict"));
        Assert.Equal(["verdict"], (await (await privacy.PostJson(url, new { verdict = "Concern", note = "Second thoughts" })).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        var stillWaiting = await (await privacy.GetAsync("/api/break-glass?pageSize=100", Ct)).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(stillWaiting.GetProperty("items").EnumerateArray(), i => i.Str("id") == access.Str("id"));
        var done = await (await privacy.GetAsync("/api/break-glass?show=reviewed&pageSize=100", Ct)).Expect(HttpStatusCode.OK);
        Assert.Contains(done.GetProperty("items").EnumerateArray(), i => i.Str("id") == access.Str("id"));
    }

    [Fact]
    public async Task Emergency_access_reads_only_unless_a_reason_for_a_change_is_given()
    {
        var (nhs, _, episodeId) = await ReferredByTheHub();
        var hospital = await app.ClientFor(Role.HospitalDischargeTeam);
        var access = await (await hospital.PostJson("/api/break-glass", new { nhsNumber = nhs, reason = Reason })).Expect(HttpStatusCode.Created);
        await (await hospital.GetAsync($"/api/episodes/{episodeId}/delays", Ct)).Expect(HttpStatusCode.OK);
        var refused = await (await hospital.PostJson($"/api/episodes/{episodeId}/delays", new { reason = "Transport" })).Expect(HttpStatusCode.Conflict);
        Assert.Contains("to read it", refused.GetRawText(), StringComparison.Ordinal);
        await using (var db = app.Db())
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "delay.record" && a.Outcome == AuditOutcome.Denied && a.EntityId == episodeId, Ct));

        // A reason for a change must be a real one; with it, the record can be changed (and the change is an emergency access).
        await (await hospital.PostJson($"/api/break-glass/{access.Str("id")}/end", new { })).Expect(HttpStatusCode.OK);
        var tooShort = await (await hospital.PostJson("/api/break-glass", new { nhsNumber = nhs, reason = Reason, changeReason = "fix it" })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["changeReason"], tooShort.ErrorFields());
        var toChange = await (await hospital.PostJson("/api/break-glass",
            new { nhsNumber = nhs, reason = Reason, changeReason = "The ward must record why the patient is still here today." })).Expect(HttpStatusCode.Created);
        Assert.False(string.IsNullOrEmpty(toChange.Str("changeReason")));
        await (await hospital.PostJson($"/api/episodes/{episodeId}/delays", new { reason = "Transport" })).Expect(HttpStatusCode.OK);
        await using (var db = app.Db())
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "delay.record" && a.Outcome == AuditOutcome.Emergency && a.EntityId == episodeId, Ct));
        await (await hospital.PostJson($"/api/break-glass/{toChange.Str("id")}/end", new { })).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_user_can_close_their_emergency_access_early()
    {
        var (nhs, personId, _) = await ReferredByTheHub();
        var provider = await app.ClientFor(Role.CareProvider);
        var access = await (await provider.PostJson("/api/break-glass", new { nhsNumber = nhs, reason = Reason })).Expect(HttpStatusCode.Created);
        Assert.Single((await (await provider.GetAsync("/api/break-glass/mine", Ct)).Expect(HttpStatusCode.OK)).EnumerateArray(), a => a.Str("id") == access.Str("id"));
        await (await provider.GetAsync($"/api/people/{personId}", Ct)).Expect(HttpStatusCode.OK);
        var ended = await (await provider.PostJson($"/api/break-glass/{access.Str("id")}/end", new { })).Expect(HttpStatusCode.OK);
        Assert.False(ended.GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await provider.GetAsync($"/api/people/{personId}", Ct)).StatusCode);
        // Someone else cannot end (or find) another user's access.
        var hospital = await app.ClientFor(Role.HospitalDischargeTeam);
        Assert.Equal(HttpStatusCode.NotFound, (await hospital.PostJson($"/api/break-glass/{access.Str("id")}/end", new { })).StatusCode);
    }

    [Fact]
    public async Task Breaking_the_glass_needs_a_known_person_a_real_reason_and_a_sensible_time_and_only_where_it_is_needed()
    {
        var hospital = await app.ClientFor(Role.HospitalDischargeTeam);
        var all = await (await hospital.PostJson("/api/break-glass", new { nhsNumber = "123", reason = "need it", minutes = 5 })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["minutes", "nhsNumber", "reason"], all.ErrorFields().Order());
        var unknown = await (await hospital.PostJson("/api/break-glass", new { nhsNumber = Bodies.NewNhsNumber(), reason = Reason })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["nhsNumber"], unknown.ErrorFields());

        // The hospital's own referral: it can see the person already, so there is no glass to break.
        var nhs = Bodies.NewNhsNumber();
        await (await hospital.PostJson("/api/referrals", Referral(nhs))).Expect(HttpStatusCode.Created);
        Assert.Equal(["nhsNumber"], (await (await hospital.PostJson("/api/break-glass", new { nhsNumber = nhs, reason = Reason })).Expect(HttpStatusCode.BadRequest)).ErrorFields());

        // The hub sees the partnership's people and the privacy officer no records: neither may break the glass.
        foreach (var role in new[] { Role.HubCoordinator, Role.PrivacyOfficer })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor(role)).PostJson("/api/break-glass", new { nhsNumber = nhs, reason = Reason })).StatusCode);
    }

    [Fact]
    public async Task A_concern_about_an_access_still_open_ends_it_at_once()
    {
        var (nhs, personId, _) = await ReferredByTheHub();
        var provider = await app.ClientFor(Role.CareProvider);
        var access = await (await provider.PostJson("/api/break-glass", new { nhsNumber = nhs, reason = Reason, minutes = 240 })).Expect(HttpStatusCode.Created);
        await (await provider.GetAsync($"/api/people/{personId}", Ct)).Expect(HttpStatusCode.OK);
        var privacy = await app.ClientFor(Role.PrivacyOfficer);
        var reviewed = await (await privacy.PostJson($"/api/break-glass/{access.Str("id")}/review", new { verdict = "Concern", note = "No booking with this provider: asked their manager." }))
            .Expect(HttpStatusCode.OK);
        Assert.False(reviewed.GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await provider.GetAsync($"/api/people/{personId}", Ct)).StatusCode);
    }
}
