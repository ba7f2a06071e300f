using System.Net;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Homeward.Access;
using Homeward.Matching;
using Homeward.Tests.Fhir;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Task = System.Threading.Tasks.Task;

namespace Homeward.Tests.Matching;

/// <summary>
/// Safe patient matching: a referral whose patient shares an NHS number with someone held but differs in date of birth,
/// name, gender or address is held apart, touching nothing held, until someone at the hub decides whether it is the
/// same person; the sender can follow it; the decision is made once, and what was sent goes with the referral.
/// </summary>
public sealed class PatientMatchingTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> PostFhir(HttpClient client, string body) =>
        client.PostAsync("/fhir", new StringContent(body, Encoding.UTF8, "application/fhir+json"), Ct);

    /// <summary>A hospital's referral bundle with its own reference, for a patient with the given family name and birth date.</summary>
    private static string Bundle(string nhs, string family, string birthDate, string senderReference)
    {
        var fullUrl = $"urn:uuid:{Guid.NewGuid()}";
        var referral = FhirBundles.Referral(fullUrl).Replace("\"status\": \"active\",",
            $$"""
            "identifier": [ { "system": "https://fhir.vale-general.example/Id/referral", "value": "{{senderReference}}" } ], "status": "active",
            """, StringComparison.Ordinal);
        var condition = $$"""
            { "fullUrl": "urn:uuid:{{Guid.NewGuid()}}", "resource": { "resourceType": "Condition",
              "code": { "coding": [ { "system": "http://snomed.info/sct", "code": "1912002", "display": "Fall" } ] },
              "subject": { "reference": "{{fullUrl}}" } }, "request": { "method": "POST", "url": "Condition" } }
            """;
        return FhirBundles.Transaction(FhirBundles.Patient(nhs, fullUrl, family).Replace("1938-04-12", birthDate, StringComparison.Ordinal), referral, condition);
    }

    private static ServiceRequest Read(string json) => (ServiceRequest)Homeward.Fhir.FhirFormat.Read(json, Homeward.Fhir.FhirFormatKind.Json);

    private static JsonElement Entry(JsonElement bundle) => FhirBundles.ReferralEntry(bundle);

    /// <summary>Refers a new person by FHIR (Edith Testfield, born 12 April 1938) and returns their NHS number.</summary>
    private async Task<string> Known(HttpClient hospital)
    {
        var nhs = Bodies.NewNhsNumber();
        var first = Entry(await (await PostFhir(hospital, Bundle(nhs, "Testfield", "1938-04-12", $"VG-{Guid.NewGuid():N}"))).Expect(HttpStatusCode.OK));
        Assert.Equal("201 Created", first.GetProperty("response").Str("status"));
        return nhs;
    }

    /// <summary>Sends a referral for the same NHS number with another family name and birth date; returns the held id.</summary>
    private async Task<Guid> Held(HttpClient hospital, string nhs, string reference)
    {
        var entry = Entry(await (await PostFhir(hospital, Bundle(nhs, "Otherfield", "1938-04-21", reference))).Expect(HttpStatusCode.OK));
        Assert.Equal("202 Accepted", entry.GetProperty("response").Str("status"));
        Assert.Equal("on-hold", entry.GetProperty("resource").Str("status"));
        return Guid.Parse(entry.GetProperty("resource").Str("id"));
    }

    [Fact]
    public async Task A_system_referral_whose_patient_differs_is_held_touching_nothing_until_the_hub_decides_it_is_the_same_person()
    {
        var hospital = await app.ClientFor(Role.HospitalDischargeTeam);
        var hub = await app.ClientFor(Role.HubCoordinator);
        var nhs = await Known(hospital);
        var reference = $"VG-{Guid.NewGuid():N}";

        var whole = await (await PostFhir(hospital, Bundle(nhs, "Otherfield", "1938-04-21", reference))).Expect(HttpStatusCode.OK);
        // Every entry answered, in order, and none of it stored yet: the Patient, the referral and the Condition all held.
        Assert.Equal(["202 Accepted", "202 Accepted", "202 Accepted"], whole.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("response").Str("status")));
        var response = Entry(whole);
        Assert.Equal("202 Accepted", response.GetProperty("response").Str("status"));
        var id = Guid.Parse(response.GetProperty("resource").Str("id"));
        Assert.Equal($"ServiceRequest/{id}", response.GetProperty("response").Str("location"));
        var said = response.GetProperty("response").GetProperty("outcome").GetProperty("issue")[0].Str("diagnostics");
        Assert.Contains("the date of birth, the family name", said, StringComparison.Ordinal);
        Assert.DoesNotContain("1938-04-12", said, StringComparison.Ordinal); // the held values are not told

        // Nothing touched: the held person is as they were, with one referral; the held one keeps what was sent.
        await using (var db = app.Db())
        {
            var person = await db.People.SingleAsync(p => p.NhsNumber == Homeward.People.NhsNumber.Parse(nhs), Ct);
            Assert.Equal(("Testfield", new DateOnly(1938, 4, 12)), (person.FamilyName, person.DateOfBirth));
            Assert.Equal(1, await db.Referrals.CountAsync(r => r.PersonId == person.Id, Ct));
            var held = await db.HeldReferrals.SingleAsync(h => h.Id == id, Ct);
            Assert.Equal((MatchStatus.Waiting, person.Id), (held.Status, held.HeldPersonId));
            Assert.Equal(["Patient", "ServiceRequest", "Condition"], held.Sent().Select(s => s.Type));
        }

        // The sender follows it: their ServiceRequest, on hold, saying why; valid UK Core.
        var read = await hospital.GetAsync($"/fhir/ServiceRequest/{id}", Ct);
        var text = await read.Content.ReadAsStringAsync(Ct);
        Assert.True(read.StatusCode == HttpStatusCode.OK, text);
        var onHold = Read(text);
        Assert.Equal(RequestStatus.OnHold, onHold.Status);
        Assert.Contains("the hub will decide", onHold.Note.Single().Text, StringComparison.Ordinal);
        Assert.Empty(UkCore.Errors(onHold, UkCore.ServiceRequest));

        // A resend under the sender's reference is the same held referral, not a second one.
        var again = Entry(await (await PostFhir(hospital, Bundle(nhs, "Otherfield", "1938-04-21", reference))).Expect(HttpStatusCode.OK));
        Assert.Equal(("202 Accepted", id.ToString()), (again.GetProperty("response").Str("status"), again.GetProperty("resource").Str("id")));

        // The hub's queue has it, linked to the decision; the decision page shows sent beside held.
        var queue = await (await hub.GetAsync("/api/attention?kind=PatientMatch", Ct)).Expect(HttpStatusCode.OK);
        var item = queue.GetProperty("items").EnumerateArray().Single(i => i.Str("subjectId") == id.ToString());
        Assert.Equal(("PatientMatch", $"/matching/{id}"), (item.Str("kind"), item.Str("link")));
        var match = await (await hub.GetAsync($"/api/referrals/held/{id}/match", Ct)).Expect(HttpStatusCode.OK);
        var family = match.GetProperty("rows").EnumerateArray().Single(r => r.Str("label") == "Family name");
        Assert.Equal(("Otherfield", "Testfield", true), (family.Str("sent"), family.Str("held"), family.GetProperty("differs").GetBoolean()));
        Assert.False(match.GetProperty("rows").EnumerateArray().Single(r => r.Str("label") == "NHS number").GetProperty("differs").GetBoolean());

        // Every problem at once; the version is required.
        var refused = await (await hub.PostJson($"/api/referrals/held/{id}/decision", new { decision = "Maybe" }, "W/\"1\"")).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("decision", refused.ErrorFields());
        refused = await (await hub.PostJson($"/api/referrals/held/{id}/decision", new { decision = "NotThisPerson" }, "W/\"1\"")).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("note", refused.ErrorFields());
        await (await hub.PostJson($"/api/referrals/held/{id}/decision", new { decision = "KeepHeld" })).Expect(HttpStatusCode.PreconditionRequired);

        // The same person, details held kept: the referral is stored under the held id as the hospital's, with what it sent.
        var decided = await (await hub.PostJson($"/api/referrals/held/{id}/decision", new { decision = "KeepHeld", note = "Rang the ward: birth date mistyped." }, "W/\"1\""))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("SamePersonKeptHeld", decided.GetProperty("referral").Str("status"));
        Assert.Equal(id.ToString(), decided.GetProperty("referral").Str("referralId"));
        Assert.NotEqual(JsonValueKind.Null, decided.GetProperty("episodeId").ValueKind);
        await using (var db = app.Db())
        {
            var referral = await db.Referrals.SingleAsync(r => r.Id == id, Ct);
            var person = await db.People.SingleAsync(p => p.Id == referral.PersonId, Ct);
            Assert.Equal(nhs, person.NhsNumber.ToString());
            Assert.Equal(("Testfield", new DateOnly(1938, 4, 12)), (person.FamilyName, person.DateOfBirth));
            var senderName = Homeward.Demo.DemoAccounts.Accounts.Single(a => a.Role == Role.HospitalDischargeTeam).UserName;
            var sender = await db.Users.SingleAsync(u => u.UserName == senderName, Ct);
            Assert.Equal(sender.Id, referral.SubmittedBy);
            Assert.Equal(reference, referral.SenderReference?.Split('|').Last());
            Assert.Equal(["Patient", "ServiceRequest", "Condition"], await db.SentDocuments.Where(d => d.ReferralId == id).OrderBy(d => d.Position).Select(d => d.ResourceType).ToListAsync(Ct));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "referral.match.keepheld" && a.EntityId == id.ToString(), Ct));
        }

        // Decided once; gone from the queue; the sender now reads the referral itself.
        await (await hub.PostJson($"/api/referrals/held/{id}/decision", new { decision = "UpdateHeld" }, "W/\"2\"")).Expect(HttpStatusCode.Conflict);
        queue = await (await hub.GetAsync("/api/attention?kind=PatientMatch", Ct)).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(queue.GetProperty("items").EnumerateArray(), i => i.Str("subjectId") == id.ToString());
        var now = Read(await (await hospital.GetAsync($"/fhir/ServiceRequest/{id}", Ct)).Content.ReadAsStringAsync(Ct));
        Assert.Equal(RequestStatus.Active, now.Status);
    }

    [Fact]
    public async Task Updating_the_held_record_takes_the_details_sent_and_not_the_same_person_goes_back_to_the_sender_with_the_note()
    {
        var hospital = await app.ClientFor(Role.HospitalDischargeTeam);
        var hub = await app.ClientFor(Role.HubCoordinator);

        var nhs = await Known(hospital);
        var id = await Held(hospital, nhs, $"VG-{Guid.NewGuid():N}");
        await (await hub.PostJson($"/api/referrals/held/{id}/decision", new { decision = "UpdateHeld" }, "W/\"1\"")).Expect(HttpStatusCode.OK);
        await using (var db = app.Db())
        {
            var person = await db.People.SingleAsync(p => p.NhsNumber == Homeward.People.NhsNumber.Parse(nhs), Ct);
            Assert.Equal(("Otherfield", new DateOnly(1938, 4, 21)), (person.FamilyName, person.DateOfBirth));
            Assert.Equal(2, await db.Referrals.CountAsync(r => r.PersonId == person.Id, Ct));
        }

        var other = await Known(hospital);
        var reference = $"VG-{Guid.NewGuid():N}";
        var back = await Held(hospital, other, reference);
        var decided = await (await hub.PostJson($"/api/referrals/held/{back}/decision",
            new { decision = "NotThisPerson", note = "Ward checked PDS: the NHS number was another patient's. They will resend." }, "W/\"1\"")).Expect(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, decided.GetProperty("episodeId").ValueKind);

        // The sender sees it sent back, with the note; nothing was stored against the held person.
        var followed = await (await hospital.GetAsync($"/api/referrals/held/{back}", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal("NotThisPerson", followed.Str("status"));
        Assert.Contains("another patient's", followed.Str("note"), StringComparison.Ordinal);
        var revoked = Read(await (await hospital.GetAsync($"/fhir/ServiceRequest/{back}", Ct)).Content.ReadAsStringAsync(Ct));
        Assert.Equal(RequestStatus.Revoked, revoked.Status);
        Assert.Contains("another patient's", revoked.Note.Single().Text, StringComparison.Ordinal);
        await using (var db = app.Db())
        {
            var person = await db.People.SingleAsync(p => p.NhsNumber == Homeward.People.NhsNumber.Parse(other), Ct);
            Assert.Equal(("Testfield", 1), (person.FamilyName, await db.Referrals.CountAsync(r => r.PersonId == person.Id, Ct)));
            Assert.False(await db.Referrals.AnyAsync(r => r.Id == back, Ct));
        }

        // Sent back, the same reference may come again (corrected, or to be looked at afresh): a new hold, not the old one.
        Assert.NotEqual(back, await Held(hospital, other, reference));

        // Someone from another organisation cannot follow it at all.
        var provider = await app.ClientFor(Role.CareProvider);
        await (await provider.GetAsync($"/api/referrals/held/{back}", Ct)).Expect(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await provider.GetAsync($"/fhir/ServiceRequest/{back}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_person_at_the_form_may_hold_a_referral_whose_birth_date_differs_instead_of_guessing()
    {
        var hospital = await app.ClientFor(Role.HospitalDischargeTeam);
        var body = Bodies.HospitalDischarge();
        await (await hospital.PostJson("/api/referrals", body)).Expect(HttpStatusCode.Created);

        var changed = Bodies.HospitalDischarge((string)((Dictionary<string, object?>)body["person"]!)["nhsNumber"]!);
        ((Dictionary<string, object?>)changed["person"]!)["dateOfBirth"] = "1941-03-14";
        changed["duplicateConfirmed"] = true;
        var refused = await (await hospital.PostJson("/api/referrals", changed)).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("person.dateOfBirth", refused.ErrorFields());
        Assert.Contains("personDetails", refused.ErrorFields());

        changed["personDetails"] = "Hold";
        var response = await hospital.PostJson("/api/referrals", changed);
        var held = await response.Expect(HttpStatusCode.Accepted);
        Assert.Equal($"/api/referrals/held/{held.Str("id")}", response.Headers.Location?.ToString());
        Assert.Equal("Waiting", held.Str("status"));
        Assert.Equal("the date of birth", held.Str("differing"));
    }
}
