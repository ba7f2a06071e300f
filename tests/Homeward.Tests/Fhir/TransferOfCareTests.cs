using System.Net;
using System.Text;
using System.Text.Json;
using Homeward.Access;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.Fhir;

/// <summary>
/// A Transfer of Care discharge summary, built as a UK Core document (a document Bundle: the Composition first, with
/// PRSB headings as sections, its Patient, author, custodian, the stay and the coded entries its sections name), sent
/// by the acute trust after its referral: kept as received with the person's open referral, readable by FHIR, rendered
/// for staff under its headings with anything active removed from its narrative; refused, with nothing kept, when its
/// patient differs from the person held or nobody has an open referral.
/// </summary>
public sealed class TransferOfCareTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> Post(HttpClient client, string body, string path = "/fhir/Bundle") =>
        client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/fhir+json"), Ct);

    /// <summary>Maud, referred by the hospital through the REST API; her referral and episode ids.</summary>
    private async Task<(string Nhs, string ReferralId, string EpisodeId)> Referred(HttpClient hospital)
    {
        var nhs = Bodies.NewNhsNumber();
        var body = Bodies.HospitalDischarge(nhs);
        var person = (Dictionary<string, object?>)body["person"]!;
        (person["givenName"], person["familyName"], person["dateOfBirth"], person["gender"], person["addressLine1"], person["postcode"]) =
            ("Maud", "Testbrook", "1937-02-03", "Female", "9 Willow Row", "NV1 2AB");
        var referral = await (await hospital.PostJson("/api/referrals", body)).Expect(HttpStatusCode.Created);
        return (nhs, referral.Str("id"), referral.GetProperty("episode").Str("id"));
    }

    [Fact]
    public async Task A_discharge_summary_is_kept_with_the_open_referral_readable_and_rendered_for_staff()
    {
        var hospital = await app.ClientFor(Role.HospitalDischargeTeam);
        var (nhs, referralId, episodeId) = await Referred(hospital);
        var documentId = $"DS-{Guid.NewGuid():N}"[..20];
        var hostile = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p onclick=\"steal()\">Alendronic acid 70 mg weekly<script>alert('x')</script></p>"
                      + "<a href=\"javascript:steal()\">see the letter</a><img src=\"https://tracker.example/x.png\"/><p style=\"position:fixed\">Adcal-D3</p></div>";
        var sent = DischargeSummaries.Document(nhs, documentId, narrative: hostile);

        var response = await Post(hospital, sent);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var kept = (Hl7.Fhir.Model.Bundle)Homeward.Fhir.FhirFormat.Read(text, Homeward.Fhir.FhirFormatKind.Json);
        Assert.Equal($"{response.Headers.Location}", $"http://localhost/fhir/Bundle/{kept.Id}");
        // What the trust builds is a UK Core document: the test's document is to the standard, not just to Homeward (its
        // hostile narrative is not valid XHTML for FHIR, and is taken all the same: what is shown is cleaned, not trusted).
        var clean = (Hl7.Fhir.Model.Bundle)Homeward.Fhir.FhirFormat.Read(DischargeSummaries.Document(nhs, documentId), Homeward.Fhir.FhirFormatKind.Json);
        Assert.Empty(UkCore.Errors(clean.Entry[0].Resource!, UkCore.Composition));
        Assert.NotEmpty(UkCore.Errors(kept.Entry[0].Resource!, UkCore.Composition));

        // Readable as received, and named by the referral's supporting information.
        var read = await hospital.GetAsync($"/fhir/Bundle/{kept.Id}", Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var again = (Hl7.Fhir.Model.Bundle)Homeward.Fhir.FhirFormat.Read(await read.Content.ReadAsStringAsync(Ct), Homeward.Fhir.FhirFormatKind.Json);
        Assert.Equal(documentId, again.Identifier?.Value);
        Assert.Equal(6, again.Entry.Count);
        var sr = (Hl7.Fhir.Model.ServiceRequest)Homeward.Fhir.FhirFormat.Read(
            await (await hospital.GetAsync($"/fhir/ServiceRequest/{referralId}", Ct)).Content.ReadAsStringAsync(Ct), Homeward.Fhir.FhirFormatKind.Json);
        var named = Assert.Single(sr.SupportingInfo, s => s.Reference == $"Bundle/{kept.Id}");
        Assert.StartsWith("Discharge summary (SNOMED CT 373942005): Elm ward discharge summary", named.Display);
        Assert.Empty(UkCore.Errors(sr, UkCore.ServiceRequest));

        // Staff read it under its headings; the narrative keeps its words and structure and loses everything active.
        var hub = await app.ClientFor(Role.HubCoordinator);
        var episodePage = await (await hub.GetAsync($"/episodes/{episodeId}", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains($"/episodes/{episodeId}/sent/{kept.Id}", episodePage);
        Assert.Contains("Document received", episodePage);
        var page = await hub.GetAsync($"/episodes/{episodeId}/sent/{kept.Id}", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Elm ward discharge summary", html);
        Assert.Contains("Dr Rowan Test (C1234567)", html);
        Assert.Contains("Vale General Hospital NHS Trust", html);
        Assert.Contains("<h2 class=\"nhsuk-heading-m\">Clinical summary</h2>", html);
        Assert.Contains("<b>Medically optimised</b>", html);
        Assert.Contains("<p><strong>Plan</strong></p>", html); // the sender's h1 does not break the page's headings
        Assert.Contains("Condition: Fall (SNOMED CT 1912002), active", html);
        Assert.Contains("Alendronic acid 70 mg weekly", html);
        Assert.Contains("see the letter", html);
        var rendered = html[html.IndexOf("Medications and medical devices", StringComparison.Ordinal)..html.IndexOf("As received (FHIR JSON)", StringComparison.Ordinal)];
        foreach (var active in new[] { "<script", "alert(", "onclick", "javascript:", "<a ", "<img", "tracker.example", "style=" })
            Assert.DoesNotContain(active, rendered);
    }

    [Fact]
    public async Task Every_kind_of_supporting_information_is_kept_said_in_words_and_a_composition_in_a_referral_is_rendered()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var nhs = Bodies.NewNhsNumber();
        string Entry(string id, string resource) => $$"""{ "fullUrl": "urn:uuid:7b1d0000-0000-4000-8000-00000000000{{id}}", "resource": {{resource}}, "request": { "method": "POST", "url": "{{JsonDocument.Parse(resource).RootElement.GetProperty("resourceType").GetString()}}" } }""";
        const string patientRef = "urn:uuid:0b1e6c59-0c5f-4d5e-9a55-7c2f3b0d4a11";
        var bundle = $$"""
            { "resourceType": "Bundle", "type": "transaction", "entry": [
              {{FhirBundles.Patient(nhs)}}, {{FhirBundles.Referral()}},
              {{Entry("1", """{ "resourceType": "PractitionerRole", "code": [ { "text": "Discharge coordinator" } ], "practitioner": { "display": "Sam Discharge" }, "organization": { "display": "Vale General Hospital" } }""")}},
              {{Entry("2", """{ "resourceType": "Location", "name": "Elm ward", "description": "Care of older people" }""")}},
              {{Entry("3", $$$"""{ "resourceType": "MedicationStatement", "status": "active", "medicationCodeableConcept": { "text": "Alendronic acid 70 mg tablets" }, "subject": { "reference": "{{{patientRef}}}" }, "dosage": [ { "text": "One weekly" } ] }""")}},
              {{Entry("4", $$$"""{ "resourceType": "Consent", "status": "active", "scope": { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "patient-privacy" } ] }, "category": [ { "text": "Consent to share with the intermediate care team" } ], "patient": { "reference": "{{{patientRef}}}" } }""")}},
              {{Entry("5", """{ "resourceType": "DocumentReference", "status": "current", "type": { "text": "Therapy assessment" }, "description": "OT home visit report", "content": [ { "attachment": { "contentType": "application/pdf", "title": "ot-report.pdf" } } ] }""")}},
              {{Entry("6", $$$"""{ "resourceType": "Composition", "status": "final", "type": { "coding": [ { "system": "http://snomed.info/sct", "code": "373942005", "display": "Discharge summary" } ] }, "subject": { "reference": "{{{patientRef}}}" }, "date": "2026-12-05", "author": [ { "display": "Dr Rowan Test" } ], "title": "Interim discharge summary", "section": [ { "title": "Medications and medical devices", "text": { "status": "generated", "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Continue weekly alendronic acid.</p></div>" }, "entry": [ { "reference": "urn:uuid:7b1d0000-0000-4000-8000-000000000003" } ] } ] }""")}},
              {{Entry("7", """{ "resourceType": "QuestionnaireResponse", "status": "completed", "questionnaire": "https://fhir.vale-general.example/Questionnaire/discharge-checklist", "item": [ { "linkId": "1", "text": "Keys available?", "answer": [ { "valueBoolean": true } ] } ] }""")}}
            ] }
            """;
        var response = await hub.PostAsync("/fhir", new StringContent(bundle, Encoding.UTF8, "application/fhir+json"), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var entries = JsonDocument.Parse(text).RootElement.GetProperty("entry").EnumerateArray().ToList();
        Assert.Equal(9, entries.Count);
        Assert.Equal(["201 Created"], entries.Select(e => e.GetProperty("response").Str("status")).Distinct());
        var referralId = entries[1].GetProperty("resource").Str("id");

        await using var db = app.Db();
        var sent = await db.SentDocuments.Where(d => d.ReferralId == Guid.Parse(referralId)).OrderBy(d => d.Position).Select(d => new { d.Id, d.ResourceType, d.Summary }).ToListAsync(Ct);
        Assert.Equal(["Patient", "ServiceRequest", "PractitionerRole", "Location", "MedicationStatement", "Consent", "DocumentReference", "Composition", "QuestionnaireResponse"],
            sent.Select(d => d.ResourceType));
        Assert.Equal([
            "Practitioner role: Discharge coordinator, Sam Discharge, Vale General Hospital",
            "Location: Elm ward, Care of older people",
            "Medication: Alendronic acid 70 mg tablets, One weekly",
            "Consent: Consent to share with the intermediate care team, active",
            "Document: Therapy assessment, OT home visit report",
            "Document: Interim discharge summary, Discharge summary (SNOMED CT 373942005), 2026-12-05",
            "Questionnaire response: https://fhir.vale-general.example/Questionnaire/discharge-checklist, completed, 1 answers",
        ], sent.Skip(2).Select(d => d.Summary));

        // The Composition sent inside the referral reads as a document, its section's entry found among what came with it.
        var episode = await db.Episodes.Where(e => e.ReferralId == Guid.Parse(referralId)).Select(e => e.Id).SingleAsync(Ct);
        var composition = sent.Single(d => d.ResourceType == "Composition").Id;
        var page = await (await hub.GetAsync($"/episodes/{episode}/sent/{composition}", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Interim discharge summary", page);
        Assert.Contains("Continue weekly alendronic acid.", page);
        Assert.Contains("Medication: Alendronic acid 70 mg tablets, One weekly", page);
        // Anything else reads in words, with what was received.
        var other = await (await hub.GetAsync($"/episodes/{episode}/sent/{sent.Single(d => d.ResourceType == "Location").Id}", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Location: Elm ward, Care of older people", other);
        Assert.Contains("As received (FHIR JSON)", other);
    }

    [Fact]
    public async Task A_resend_answers_with_the_first_and_keeps_one()
    {
        var hospital = await app.ClientFor(Role.HospitalDischargeTeam);
        var (nhs, referralId, _) = await Referred(hospital);
        var sent = DischargeSummaries.Document(nhs, $"DS-{Guid.NewGuid():N}"[..20]);
        var first = await Post(hospital, sent);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        // Posted to the base too (a document Bundle): the same document, not a second.
        var second = await Post(hospital, sent, "/fhir");
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        await using var db = app.Db();
        Assert.Equal(1, await db.SentDocuments.CountAsync(d => d.ReferralId == Guid.Parse(referralId) && d.ResourceType == "Bundle", Ct));
    }

    [Fact]
    public async Task A_document_for_someone_else_or_nobody_is_refused_and_nothing_kept()
    {
        var hospital = await app.ClientFor(Role.HospitalDischargeTeam);
        var (nhs, referralId, _) = await Referred(hospital);

        // The same NHS number with another date of birth: not attached to the person held.
        var differs = await Post(hospital, DischargeSummaries.Document(nhs, $"DS-{Guid.NewGuid():N}"[..20], birthDate: "1941-07-30"));
        var outcome = await differs.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, differs.StatusCode);
        Assert.Contains("Bundle.entry[1].resource.birthDate", outcome);
        Assert.Contains("the date of birth", outcome);
        Assert.DoesNotContain("3 February 1937", outcome); // never the values held

        // Nobody with an open referral for this NHS number.
        var nobody = await Post(hospital, DischargeSummaries.Document(Bodies.NewNhsNumber(), $"DS-{Guid.NewGuid():N}"[..20]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nobody.StatusCode);
        Assert.Contains("no open referral for this NHS number", await nobody.Content.ReadAsStringAsync(Ct));

        await using var db = app.Db();
        Assert.Equal(0, await db.SentDocuments.CountAsync(d => d.ReferralId == Guid.Parse(referralId) && d.ResourceType == "Bundle", Ct));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "referral.document.notfound", Ct));
    }

    [Fact]
    public async Task A_document_that_is_not_one_is_refused_with_every_problem()
    {
        var hospital = await app.ClientFor(Role.HospitalDischargeTeam);
        var (nhs, _, _) = await Referred(hospital);
        var broken = DischargeSummaries.Document(nhs, "DS-1")
            .Replace("\"identifier\": { \"system\": \"https://fhir.vale-general.example/Id/document\", \"value\": \"DS-1\" },", "", StringComparison.Ordinal);
        const string subject = "\"subject\": { \"reference\": \"urn:uuid:7a1d0000-0000-4000-8000-000000000002\" },";
        broken = broken.Remove(broken.IndexOf(subject, StringComparison.Ordinal), subject.Length); // the Composition's (the first)
        var response = await Post(hospital, broken);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        foreach (var place in new[] { "Bundle.identifier", "Bundle.entry[0].resource.subject" })
            Assert.True(text.Contains(place, StringComparison.Ordinal), text);

        // Without its title (which FHIR requires), refused by name.
        var untitled = await Post(hospital, DischargeSummaries.Document(nhs, "DS-1").Replace("\"title\": \"Elm ward discharge summary\",", "", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, untitled.StatusCode);
        Assert.Contains("Bundle.entry[0].resource.title", await untitled.Content.ReadAsStringAsync(Ct));

        // A searchset is neither a referral nor a document.
        var other = await Post(hospital, """{ "resourceType": "Bundle", "type": "searchset" }""");
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Contains("a searchset", await other.Content.ReadAsStringAsync(Ct));

        // A provider may not send one.
        var provider = await app.ClientFor(Role.CareProvider);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(provider, DischargeSummaries.Document(nhs, "DS-2"))).StatusCode);
    }
}
