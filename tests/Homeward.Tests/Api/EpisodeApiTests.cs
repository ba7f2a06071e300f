using System.Net;
using System.Text.Json;
using Homeward.Access;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.Api;

public sealed class EpisodeApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Client, string EpisodeId, string PersonId)> Referred()
    {
        var client = await app.ClientFor(Role.HubCoordinator);
        var referral = await (await client.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
        return (client, referral.GetProperty("episode").Str("id"), referral.GetProperty("person").Str("id"));
    }

    private static async Task<JsonElement> Step(HttpClient client, string episodeId, string step, object body, int version,
        HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.PostJson($"/api/episodes/{episodeId}/{step}", body, $"\"{version}\"")).Expect(expected);

    [Fact]
    public async Task An_episode_goes_from_referral_to_its_end_with_a_timeline_and_an_audit_trail()
    {
        var (client, id, personId) = await Referred();
        await Step(client, id, "triage", new { service = "BedBasedIntermediateCare", pathway = "P2", nonHomeReason = "Needs daily therapy" }, 1);
        await Step(client, id, "accept", new { }, 2);
        await Step(client, id, "wait", new { waitingFor = "Community bed" }, 3);
        var started = await Step(client, id, "start", new { }, 4);
        Assert.Equal("Active", started.Str("status"));
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-dd"), started.Str("dischargedOn"));

        var ucr = await app.ClientFor(Role.ReablementWorker);
        await CareRecords.Complete(ucr, id);
        var ended = await Step(ucr, id, "end", new { sequel = "NoIdentifiedNeeds", destination = "UsualResidence", notes = "Home and managing" }, 5);
        Assert.Equal("Ended", ended.Str("status"));
        Assert.Equal("NoIdentifiedNeeds", ended.Str("sequel"));
        Assert.Equal(6, ended.GetProperty("version").GetInt32());

        var timeline = await (await client.GetAsync($"/api/episodes/{id}/events", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(["Referred", "Triaged", "Accepted", "Waiting", "Started", "Assessed", "PlanAgreed", "GoalSet", "GoalScored",
                "MeasureRecorded", "MeasureRecorded", "MeasureRecorded", "MeasureRecorded", "Ended"],
            timeline.EnumerateArray().Select(e => e.Str("type")));
        Assert.Equal("ReablementWorker", timeline[timeline.GetArrayLength() - 1].Str("actorRole"));
        var times = timeline.EnumerateArray().Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);

        await using var db = app.Db();
        var actions = await db.AuditEntries.Where(a => a.PersonId == Guid.Parse(personId)).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Ct);
        Assert.Equal(["person.create", "referral.submit", "episode.triage", "episode.accept", "episode.wait", "episode.start",
            "care.assess", "care.plan", "care.goal", "care.goal-score", "care.measure", "care.measure", "care.measure", "care.measure",
            "episode.end", "episode.timeline"], actions);
    }

    [Fact]
    public async Task An_illegal_step_is_a_409_and_changes_nothing()
    {
        var (client, id, _) = await Referred();
        var problem = await Step(client, id, "start", new { }, 1, HttpStatusCode.Conflict);
        Assert.Contains("Referred", problem.Str("detail"));
        var episode = await (await client.GetAsync($"/api/episodes/{id}", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal("Referred", episode.Str("status"));
        Assert.Equal(1, episode.GetProperty("version").GetInt32());

        // The refused step left no audit row claiming it happened: the audit row shares the change's transaction.
        await using var db = app.Db();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.EntityId == id && a.Action == "episode.start", Ct));
    }

    [Fact]
    public async Task Triage_rejects_unknown_pathways_and_home_first_without_a_reason()
    {
        var (client, id, _) = await Referred();
        var problem = await Step(client, id, "triage", new { service = "Spa", pathway = "P9" }, 1, HttpStatusCode.BadRequest);
        Assert.Equal(["service", "pathway"], problem.ErrorFields());
        problem = await Step(client, id, "triage", new { service = "CareHomePlacement", pathway = "P3" }, 1, HttpStatusCode.BadRequest);
        Assert.Equal(["nonHomeReason"], problem.ErrorFields());
    }

    [Fact]
    public async Task A_step_without_If_Match_is_428_and_with_a_stale_one_412()
    {
        var (client, id, _) = await Referred();
        await (await client.PostJson($"/api/episodes/{id}/triage", new { service = "Reablement", pathway = "P1" })).Expect(HttpStatusCode.PreconditionRequired);
        await Step(client, id, "triage", new { service = "Reablement", pathway = "P1" }, 1);
        await Step(client, id, "accept", new { }, 1, HttpStatusCode.PreconditionFailed);
        await (await client.PostJson($"/api/episodes/{id}/accept", new { }, "W/\"garbage")).Expect(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Of_two_edits_of_one_referral_one_wins_and_the_other_gets_412()
    {
        var client = await app.ClientFor(Role.HubCoordinator);
        var referral = await (await client.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
        var url = $"/api/referrals/{referral.Str("id")}";

        var edits = await Task.WhenAll(
            client.PatchJson(url, new { reason = "Edit A: needs a hoist" }, "\"1\""),
            client.PatchJson(url, new { reason = "Edit B: lives alone" }, "\"1\""));
        var statuses = edits.Select(r => r.StatusCode).Order().ToList();
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], statuses);

        var winner = await edits.Single(r => r.StatusCode == HttpStatusCode.OK).Body();
        var stored = await (await client.GetAsync(url, Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(winner.Str("reason"), stored.Str("reason"));
        Assert.Equal(2, stored.GetProperty("version").GetInt32());

        // The loser fetches again and reapplies: nothing is lost.
        var lost = winner.Str("reason") == "Edit A: needs a hoist" ? "Edit B: lives alone" : "Edit A: needs a hoist";
        var retried = await (await client.PatchJson(url, new { reason = lost }, "\"2\"")).Expect(HttpStatusCode.OK);
        Assert.Equal(lost, retried.Str("reason"));
        var timeline = await (await client.GetAsync($"/api/episodes/{referral.GetProperty("episode").Str("id")}/events", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(2, timeline.EnumerateArray().Count(e => e.Str("type") == "ReferralChanged"));
    }

    [Fact]
    public async Task Editing_a_referral_checks_dates_against_what_is_stored()
    {
        var client = await app.ClientFor(Role.HubCoordinator);
        var referral = await (await client.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
        var problem = await (await client.PatchJson($"/api/referrals/{referral.Str("id")}",
            new { dischargeReadyDate = DateTime.UtcNow.AddDays(-30).ToString("yyyy-MM-dd") }, "\"1\"")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["dischargeReadyDate"], problem.ErrorFields());
    }
}
