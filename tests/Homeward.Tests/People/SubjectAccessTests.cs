using System.Net;
using Homeward.Access;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.People;

/// <summary>A subject access request: everything about one person, and nothing about anyone else.</summary>
public sealed class SubjectAccessTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Everything_about_the_person_and_nothing_about_anyone_else()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var (mine, theirs) = (Bodies.NewNhsNumber(), Bodies.NewNhsNumber());
        var referral = await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge(mine))).Expect(HttpStatusCode.Created);
        var episodeId = referral.GetProperty("episode").Str("id");
        var url = $"/api/episodes/{episodeId}";
        await (await hub.PostJson($"{url}/triage", new { service = "Reablement", pathway = "P1" }, "\"1\"")).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"{url}/accept", new { }, "\"2\"")).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"{url}/start", new { }, "\"3\"")).Expect(HttpStatusCode.OK);
        await CareRecords.Complete(hub, episodeId, visitsAtStart: 1);
        var other = await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge(theirs))).Expect(HttpStatusCode.Created);
        var personId = referral.GetProperty("person").Str("id");

        var manager = await app.ClientFor(Role.Manager);
        var response = await manager.GetAsync($"/api/people/{personId}/subject-access", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var export = System.Text.Json.JsonDocument.Parse(text).RootElement;
        Assert.Equal(mine, export.GetProperty("person").Str("nhsNumber"));
        Assert.Equal(1, export.GetProperty("referrals").GetArrayLength());
        var episode = export.GetProperty("episodes")[0];
        Assert.Equal("Active", episode.GetProperty("episode").Str("status"));
        Assert.True(episode.GetProperty("timeline").GetArrayLength() >= 4);
        var care = episode.GetProperty("careRecord");
        Assert.Equal(1, care.GetProperty("goals").GetArrayLength());
        Assert.True(care.GetProperty("measures").GetArrayLength() >= 4);
        Assert.True(care.GetProperty("visits").GetArrayLength() >= 1);
        Assert.Contains(export.GetProperty("accesses").EnumerateArray(), a => a.Str("action") == "referral.submit");

        // Nothing of the other person: not their NHS number, their record's id, their referral or their episode.
        foreach (var foreign in new[] { theirs, other.GetProperty("person").Str("id"), other.Str("id"), other.GetProperty("episode").Str("id") })
            Assert.DoesNotContain(foreign, text, StringComparison.Ordinal);

        await using var db = app.Db();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "person.subject-access" && a.PersonId == Guid.Parse(personId), Ct));
        Assert.Equal(HttpStatusCode.Forbidden, (await hub.GetAsync($"/api/people/{personId}/subject-access", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/people/{Guid.NewGuid()}/subject-access", Ct)).StatusCode);

        // The privacy officer answers it too (the partnership's information governance), though they read no records otherwise.
        var privacy = await app.ClientFor(Role.PrivacyOfficer);
        var answered = await (await privacy.GetAsync($"/api/people/{personId}/subject-access", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(mine, answered.GetProperty("person").Str("nhsNumber"));
        Assert.Equal(1, answered.GetProperty("episodes")[0].GetProperty("careRecord").GetProperty("goals").GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await privacy.GetAsync($"/api/people/{personId}/record", Ct)).StatusCode);
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "person.subject-access" && a.PersonId == Guid.Parse(personId), Ct));
    }
}
