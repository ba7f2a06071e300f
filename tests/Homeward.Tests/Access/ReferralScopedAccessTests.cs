using System.Net;
using Homeward.Access;
using Homeward.Audit;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.Access;

/// <summary>
/// A hospital that refers someone already known sees what it sent and how its own referral is going, not the person's
/// whole history: another organisation's referral of the same person is "not found" to it (and audited as denied), and
/// it is left out of the hospital's lists, the person's record and FHIR.
/// </summary>
public sealed class ReferralScopedAccessTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_hospital_sees_its_own_referral_of_a_known_person_and_not_the_rest_of_their_history()
    {
        var hospital = await app.ClientFor(Role.HospitalDischargeTeam);
        var hub = await app.ClientFor(Role.HubCoordinator);
        var nhs = Bodies.NewNhsNumber();

        // Known to the partnership first through the hub (a community referral), then referred by the hospital.
        var earlier = await (await hub.PostJson("/api/referrals", Bodies.UrgentCommunityResponse(nhs))).Expect(HttpStatusCode.Created);
        var theirs = await (await hospital.PostJson("/api/referrals", Bodies.HospitalDischarge(nhs))).Expect(HttpStatusCode.Created);
        var (earlierReferral, earlierEpisode) = (earlier.Str("id"), earlier.GetProperty("episode").Str("id"));
        var (ownReferral, ownEpisode) = (theirs.Str("id"), theirs.GetProperty("episode").Str("id"));
        var person = theirs.GetProperty("person").Str("id");

        // Its own: readable.
        await (await hospital.GetAsync($"/api/referrals/{ownReferral}", Ct)).Expect(HttpStatusCode.OK);
        await (await hospital.GetAsync($"/api/episodes/{ownEpisode}", Ct)).Expect(HttpStatusCode.OK);

        // The earlier one: not found, by REST and FHIR, each refusal audited.
        foreach (var path in new[]
                 {
                     $"/api/referrals/{earlierReferral}", $"/api/episodes/{earlierEpisode}", $"/api/episodes/{earlierEpisode}/events",
                     $"/api/episodes/{earlierEpisode}/care", $"/fhir/ServiceRequest/{earlierReferral}", $"/fhir/EpisodeOfCare/{earlierEpisode}",
                 })
            Assert.True((await hospital.GetAsync(path, Ct)).StatusCode == HttpStatusCode.NotFound, path);
        await using (var db = app.Db())
            Assert.True(await db.AuditEntries.CountAsync(a => a.EntityId == earlierEpisode && a.Outcome == AuditOutcome.Denied, Ct) >= 3);

        // Left out of its lists and of the person's record; the hub still sees both.
        var record = await (await hospital.GetAsync($"/api/people/{person}/record", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal([ownEpisode], record.GetProperty("episodes").EnumerateArray().Select(e => e.Str("episodeId")));
        Assert.DoesNotContain(record.GetProperty("timeline").EnumerateArray(), t => t.Str("episodeId") == earlierEpisode);
        var episodes = await (await hospital.GetAsync($"/api/episodes?nhsNumber={nhs}", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal([ownEpisode], episodes.GetProperty("items").EnumerateArray().Select(e => e.Str("id")));
        var referrals = await (await hospital.GetAsync($"/api/referrals?nhsNumber={nhs}", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal([ownReferral], referrals.GetProperty("items").EnumerateArray().Select(e => e.Str("id")));
        var hubRecord = await (await hub.GetAsync($"/api/people/{person}/record", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(2, hubRecord.GetProperty("episodes").GetArrayLength());
    }
}
