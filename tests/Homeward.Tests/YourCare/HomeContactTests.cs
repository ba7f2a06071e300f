using System.Net;
using System.Text.Json;
using Homeward.Access;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.YourCare;

/// <summary>
/// The safety net after going home: a contact within 48 hours for everyone who goes home from hospital (pathway 0 or 1)
/// or from an intermediate care bed; attempts kept; "not reached" only after two failed attempts and with what the
/// team did; in Needs attention from a day after they got home until it is made.
/// </summary>
public sealed class HomeContactTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Hub, string EpisodeId)> Started(string service, string pathway)
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var referral = await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
        var id = referral.GetProperty("episode").Str("id");
        var url = $"/api/episodes/{id}";
        await (await hub.PostJson($"{url}/triage", new { service, pathway, nonHomeReason = "Needs daily therapy" }, "\"1\"")).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"{url}/accept", new { }, "\"2\"")).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"{url}/start", new { }, "\"3\"")).Expect(HttpStatusCode.OK);
        return (hub, id);
    }

    private static async Task<JsonElement?> ContactOf(HttpClient hub, string episodeId, bool done = false)
    {
        var list = await (await hub.GetAsync($"/api/home-contacts{(done ? "?done=true" : "")}", Ct)).Expect(HttpStatusCode.OK);
        return list.EnumerateArray().Where(c => c.Str("episodeId") == episodeId).Select(c => (JsonElement?)c).SingleOrDefault();
    }

    [Fact]
    public async Task Going_home_from_hospital_makes_a_contact_due_in_48_hours_and_not_reached_needs_two_tries_and_what_was_done()
    {
        var (hub, episode) = await Started("Reablement", "P1");
        var contact = (await ContactOf(hub, episode))!.Value;
        Assert.Equal("FromHospital", contact.Str("wentHome"));
        Assert.Equal(TimeSpan.FromHours(48), contact.GetProperty("dueBy").GetDateTimeOffset() - contact.GetProperty("homeAt").GetDateTimeOffset());
        var url = $"/api/home-contacts/{contact.Str("id")}";

        var bad = await (await hub.PostJson($"{url}/outcome", new { outcome = "NotReached" }, "\"1\"")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["notes", "outcome"], bad.ErrorFields().Order());
        await (await hub.PostJson($"{url}/attempts", new { reached = false }, null)).Expect((HttpStatusCode)428);
        var noAnswer = await (await hub.PostJson($"{url}/attempts", new { }, "\"1\"")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["reached"], noAnswer.ErrorFields());
        await (await hub.PostJson($"{url}/attempts", new { reached = false, notes = "No answer" }, "\"1\"")).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"{url}/attempts", new { reached = false, notes = "Engaged" }, "\"2\"")).Expect(HttpStatusCode.OK);
        var done = await (await hub.PostJson($"{url}/outcome", new { outcome = "NotReached", notes = "Carer called round at 14:00: all well" }, "\"3\"")).Expect(HttpStatusCode.OK);
        Assert.Equal(("NotReached", 2), (done.Str("outcome"), done.GetProperty("attempts").GetArrayLength()));
        await (await hub.PostJson($"{url}/attempts", new { reached = true }, "\"4\"")).Expect(HttpStatusCode.Conflict);
        Assert.NotNull(await ContactOf(hub, episode, done: true));

        var events = await (await hub.GetAsync($"/api/episodes/{episode}/events", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(2, events.EnumerateArray().Count(e => e.Str("type") == "HomeContactAttempt"));
        Assert.Single(events.EnumerateArray(), e => e.Str("type") == "HomeContacted");
    }

    [Fact]
    public async Task A_contact_not_made_a_day_after_going_home_is_in_needs_attention_until_made()
    {
        var (hub, episode) = await Started("Reablement", "P1");
        var contact = (await ContactOf(hub, episode))!.Value;
        var attention = await (await hub.GetAsync("/api/attention?kind=HomeContactDue", Ct)).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(attention.GetProperty("items").EnumerateArray(), i => i.Str("episodeId") == episode);

        var id = Guid.Parse(contact.Str("id"));
        await using (var db = app.Db())
            await db.HomeContacts.Where(c => c.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.HomeAt, DateTimeOffset.UtcNow.AddHours(-30)).SetProperty(c => c.DueBy, DateTimeOffset.UtcNow.AddHours(18)), Ct);
        attention = await (await hub.GetAsync("/api/attention?kind=HomeContactDue", Ct)).Expect(HttpStatusCode.OK);
        var item = attention.GetProperty("items").EnumerateArray().Single(i => i.Str("episodeId") == episode);
        Assert.Equal("/follow-ups/home", item.Str("link"));

        await (await hub.PostJson($"/api/home-contacts/{id}/outcome", new { outcome = "WellAtHome" }, "\"1\"")).Expect(HttpStatusCode.OK);
        attention = await (await hub.GetAsync("/api/attention?kind=HomeContactDue", Ct)).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(attention.GetProperty("items").EnumerateArray(), i => i.Str("episodeId") == episode);
    }

    [Fact]
    public async Task A_bed_means_the_contact_comes_when_the_stay_ends_at_home()
    {
        var (hub, episode) = await Started("BedBasedIntermediateCare", "P2");
        Assert.Null(await ContactOf(hub, episode));
        await CareRecords.Complete(hub, episode);
        await (await hub.PostJson($"/api/episodes/{episode}/end", new { sequel = "NoIdentifiedNeeds", destination = "UsualResidence" }, "\"4\"")).Expect(HttpStatusCode.OK);
        Assert.Equal("FromABed", (await ContactOf(hub, episode))!.Value.Str("wentHome"));
    }
}
