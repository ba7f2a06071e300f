using System.Net;
using System.Text.Json;
using Homeward.Access;
using Homeward.Tests.Support;

namespace Homeward.Tests.People;

/// <summary>
/// Rectification (UK GDPR article 16) and restriction (article 18) requests: recorded with every problem named at once,
/// a restriction in force at once (shown on the record, the person's details changed by a manager only) and lifted only
/// after the person is told; a correction made or declined with the person's statement kept with the record.
/// </summary>
public sealed class RightsRequestTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Nhs, string PersonId)> Referred()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var nhs = Bodies.NewNhsNumber();
        var referral = await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge(nhs))).Expect(HttpStatusCode.Created);
        return (nhs, referral.GetProperty("person").Str("id"));
    }

    private async Task<JsonElement> Record(HttpClient client, string personId) =>
        await (await client.GetAsync($"/api/people/{personId}/record", Ct)).Expect(HttpStatusCode.OK);

    [Fact]
    public async Task A_request_is_refused_with_every_problem_at_once_and_only_the_privacy_officer_or_a_manager_records_one()
    {
        var (nhs, _) = await Referred();
        var officer = await app.ClientFor(Role.PrivacyOfficer);
        var bad = await (await officer.PostJson("/api/rights-requests",
            new { kind = "Restriction", nhsNumber = "9990000000", receivedOn = "2/12/2026", statement = " " })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["nhsNumber", "requester", "receivedOn", "statement", "ground"], bad.ErrorFields());
        var noKind = await (await officer.PostJson("/api/rights-requests", new { nhsNumber = nhs, requester = "Herself", statement = "Wrong" }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["kind"], noKind.ErrorFields());

        var hub = await app.ClientFor(Role.HubCoordinator);
        await (await hub.PostJson("/api/rights-requests", new { kind = "Rectification", nhsNumber = nhs, requester = "Herself", statement = "Wrong" }))
            .Expect(HttpStatusCode.Forbidden);
        await (await hub.GetAsync("/api/rights-requests", Ct)).Expect(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_restriction_is_in_force_at_once_stops_staff_changing_the_details_and_is_lifted_only_after_the_person_is_told()
    {
        var (nhs, personId) = await Referred();
        var officer = await app.ClientFor(Role.PrivacyOfficer);
        var opened = await (await officer.PostJson("/api/rights-requests", new
        {
            kind = "Restriction", nhsNumber = nhs, requester = "Ada Testperson, by phone", ground = "AccuracyContested",
            statement = "I do not have dementia: stop using my record until you have checked",
        })).Expect(HttpStatusCode.Created);
        var id = opened.Str("id");
        Assert.Equal("Restricted", opened.Str("status"));
        Assert.Equal(["Lifted"], opened.GetProperty("next").EnumerateArray().Select(n => n.GetString()));
        var current = await (await officer.GetAsync("/api/rights-requests", Ct)).Expect(HttpStatusCode.OK);
        Assert.Contains(current.EnumerateArray(), r => r.Str("id") == id);

        // Everyone reading the record sees it; the hub may no longer change the details; a manager may.
        var hub = await app.ClientFor(Role.HubCoordinator);
        var notice = (await Record(hub, personId)).GetProperty("rights").EnumerateArray().Single();
        Assert.Equal("Restricted", notice.Str("status"));
        Assert.Contains("I do not have dementia", notice.Str("text"));
        var person = await (await hub.GetAsync($"/api/people/{personId}", Ct)).Expect(HttpStatusCode.OK);
        var version = person.GetProperty("version").GetInt32();
        var refused = await hub.PatchJson($"/api/people/{personId}", new { contact = new { phone = "01632 960999" } }, $"\"{version}\"");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("restricted", await refused.Content.ReadAsStringAsync(Ct));
        var manager = await app.ClientFor(Role.Manager);
        await (await manager.PatchJson($"/api/people/{personId}", new { contact = new { phone = "01632 960999" } }, $"\"{version}\"")).Expect(HttpStatusCode.OK);

        // Lifting needs the reason and the day the person was told (not in the future, not before they asked).
        var early = await (await officer.PostJson($"/api/rights-requests/{id}/answer",
            new { decision = "Lifted", personToldOn = "2099-01-01" }, "\"1\"")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["answer", "personToldOn"], early.ErrorFields());
        var wrong = await (await officer.PostJson($"/api/rights-requests/{id}/answer",
            new { decision = "Corrected", answer = "Changed" }, "\"1\"")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["decision"], wrong.ErrorFields());
        await (await officer.PostJson($"/api/rights-requests/{id}/answer", new { decision = "Lifted", answer = "x", personToldOn = opened.Str("receivedOn") }))
            .Expect(HttpStatusCode.PreconditionRequired);
        var lifted = await (await officer.PostJson($"/api/rights-requests/{id}/answer", new
        {
            decision = "Lifted", answer = "The diagnosis was checked with the GP and removed: the referral had it wrong", personToldOn = opened.Str("receivedOn"),
        }, "\"1\"")).Expect(HttpStatusCode.OK);
        Assert.Equal("Lifted", lifted.Str("status"));
        Assert.Empty(lifted.GetProperty("next").EnumerateArray());
        Assert.Empty((await Record(hub, personId)).GetProperty("rights").EnumerateArray());
        var now = await (await hub.GetAsync($"/api/people/{personId}", Ct)).Expect(HttpStatusCode.OK);
        await (await hub.PatchJson($"/api/people/{personId}", new { contact = new { phone = "01632 960998" } }, $"\"{now.GetProperty("version").GetInt32()}\"")).Expect(HttpStatusCode.OK);
        var again = await (await officer.PostJson($"/api/rights-requests/{id}/answer", new { decision = "Lifted", answer = "again", personToldOn = opened.Str("receivedOn") }, "\"2\""))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["decision"], again.ErrorFields());

        var audit = await (await manager.GetAsync($"/api/audit?nhsNumber={nhs}&action=rights", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(["rights.lifted", "rights.restrict"], audit.GetProperty("items").EnumerateArray().Select(a => a.Str("action")));
    }

    [Fact]
    public async Task A_declined_correction_keeps_the_persons_statement_with_their_record_and_a_made_one_says_what_changed()
    {
        var (nhs, personId) = await Referred();
        var officer = await app.ClientFor(Role.PrivacyOfficer);
        var declined = await (await officer.PostJson("/api/rights-requests", new
        {
            kind = "Rectification", nhsNumber = nhs, requester = "Ada Testperson", statement = "The assessment says I fell twice; I fell once",
        })).Expect(HttpStatusCode.Created);
        Assert.Equal("Open", declined.Str("status"));
        Assert.Equal(JsonValueKind.Null, declined.GetProperty("ground").ValueKind);
        var answered = await (await officer.PostJson($"/api/rights-requests/{declined.Str("id")}/answer",
            new { decision = "Declined", answer = "The assessing therapist recorded what the person's daughter reported at the time" }, "\"1\""))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("Declined", answered.Str("status"));
        var seen = (await Record(await app.ClientFor(Role.HubCoordinator), personId)).GetProperty("rights").EnumerateArray().Single();
        Assert.Equal("Declined", seen.Str("status"));
        Assert.Contains("I fell once", seen.Str("text"));
        Assert.Contains("daughter reported", seen.Str("text"));

        var corrected = await (await officer.PostJson("/api/rights-requests", new
        {
            kind = "Rectification", nhsNumber = nhs, requester = "Ada Testperson", statement = "My GP practice is wrong",
        })).Expect(HttpStatusCode.Created);
        var blank = await (await officer.PostJson($"/api/rights-requests/{corrected.Str("id")}/answer", new { decision = "Corrected" }, "\"1\""))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["answer"], blank.ErrorFields());
        var made = await (await officer.PostJson($"/api/rights-requests/{corrected.Str("id")}/answer",
            new { decision = "Corrected", answer = "GP practice changed to Y00002 on her details" }, "\"1\"")).Expect(HttpStatusCode.OK);
        Assert.Equal("Corrected", made.Str("status"));
        Assert.Equal("GP practice changed to Y00002 on her details", made.Str("answer"));
        Assert.Single((await Record(await app.ClientFor(Role.HubCoordinator), personId)).GetProperty("rights").EnumerateArray());
        await (await officer.PostJson($"/api/rights-requests/{corrected.Str("id")}/answer", new { decision = "Declined", answer = "No" }, "\"2\""))
            .Expect(HttpStatusCode.BadRequest);

        // Their requests are part of what is held about them.
        var access = await (await officer.PostJson("/api/subject-access-requests", new { nhsNumber = nhs, requester = "Herself" })).Expect(HttpStatusCode.Created);
        var section = access.GetProperty("document").GetProperty("sections").EnumerateArray()
            .Single(x => x.Str("heading") == "Your requests to correct your record or restrict its use");
        Assert.Equal(["\"The assessment says I fell twice; I fell once\": declined (The assessing therapist recorded what the person's daughter reported at the time)",
            "\"My GP practice is wrong\": corrected (GP practice changed to Y00002 on her details)"],
            section.GetProperty("lines").EnumerateArray().Select(l => l.Str("text")));
    }
}
