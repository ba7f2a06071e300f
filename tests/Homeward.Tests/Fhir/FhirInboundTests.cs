using System.Net;
using System.Text;
using System.Text.Json;
using Homeward.Access;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.Fhir;

/// <summary>
/// A referral as an acute trust's system builds it to UK Core, without Homeward's own codes, with the supporting
/// information such systems send: accepted, everything kept exactly as received, what is not used said back, the
/// route worked out and flagged for the hub, resends returning the first referral.
/// </summary>
public sealed class FhirInboundTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> Post(HttpClient client, string body) =>
        client.PostAsync("/fhir", new StringContent(body, Encoding.UTF8, "application/fhir+json"), Ct);

    /// <summary>A UK Core referral from a hospital: SNOMED CT codes, the trust's own referral number, and its clinical context.</summary>
    private static string TrustBundle(string nhs, string senderReference) => $$"""
        {
          "resourceType": "Bundle", "type": "transaction",
          "entry": [
            { "fullUrl": "urn:uuid:5f0c1c1e-1111-4a4a-9b9b-000000000001",
              "resource": { "resourceType": "Patient",
                "meta": { "profile": ["https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient"] },
                "identifier": [ { "system": "https://fhir.nhs.uk/Id/nhs-number", "value": "{{nhs}}",
                  "extension": [ { "url": "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus",
                    "valueCodeableConcept": { "coding": [ { "system": "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland", "code": "01", "display": "Number present and verified" } ] } } ] } ],
                "name": [ { "use": "official", "family": "Testbrook", "given": ["Maud"] } ],
                "telecom": [ { "system": "phone", "value": "01632 960111", "use": "home" } ],
                "gender": "female", "birthDate": "1937-02-03",
                "address": [ { "use": "home", "line": ["9 Willow Row"], "city": "Northvale", "postalCode": "NV1 2AB" } ],
                "communication": [ { "language": { "coding": [ { "system": "urn:ietf:bcp:47", "code": "pl", "display": "Polish" } ] }, "preferred": true } ],
                "extension": [ { "url": "http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired", "valueBoolean": true } ] },
              "request": { "method": "POST", "url": "Patient" } },
            { "fullUrl": "urn:uuid:5f0c1c1e-1111-4a4a-9b9b-000000000002",
              "resource": { "resourceType": "ServiceRequest",
                "meta": { "profile": ["https://fhir.hl7.org.uk/StructureDefinition/UKCore-ServiceRequest"] },
                "identifier": [ { "system": "https://fhir.vale-general.example/Id/referral", "value": "{{senderReference}}" } ],
                "status": "active", "intent": "order",
                "category": [ { "coding": [ { "system": "http://snomed.info/sct", "code": "3457005", "display": "Patient referral" } ] } ],
                "code": { "coding": [ { "system": "http://snomed.info/sct", "code": "1099041000000109", "display": "Referral to reablement service" } ] },
                "priority": "routine",
                "subject": { "reference": "urn:uuid:5f0c1c1e-1111-4a4a-9b9b-000000000001" },
                "authoredOn": "{{DateTimeOffset.UtcNow.AddHours(-2):yyyy-MM-ddTHH:mm:ss}}+00:00",
                "requester": { "reference": "urn:uuid:5f0c1c1e-1111-4a4a-9b9b-000000000003", "display": "Dr Rowan Test (Elm ward)" },
                "reasonCode": [ { "coding": [ { "system": "http://snomed.info/sct", "code": "1912002", "display": "Fall" } ], "text": "Fall at home; medically optimised; needs reablement." } ],
                "note": [ { "text": "Needs a Polish interpreter; daughter has a key." } ] },
              "request": { "method": "POST", "url": "ServiceRequest", "ifNoneExist": "identifier=https://fhir.vale-general.example/Id/referral|{{senderReference}}" } },
            { "fullUrl": "urn:uuid:5f0c1c1e-1111-4a4a-9b9b-000000000003",
              "resource": { "resourceType": "Practitioner", "identifier": [ { "system": "https://fhir.hl7.org.uk/Id/gmc-number", "value": "C1234567" } ],
                "name": [ { "family": "Test", "given": ["Rowan"], "prefix": ["Dr"] } ] },
              "request": { "method": "POST", "url": "Practitioner" } },
            { "fullUrl": "urn:uuid:5f0c1c1e-1111-4a4a-9b9b-000000000004",
              "resource": { "resourceType": "Organization", "identifier": [ { "system": "https://fhir.nhs.uk/Id/ods-organization-code", "value": "ZVG" } ], "name": "Vale General Hospital NHS Trust" },
              "request": { "method": "POST", "url": "Organization" } },
            { "fullUrl": "urn:uuid:5f0c1c1e-1111-4a4a-9b9b-000000000005",
              "resource": { "resourceType": "Encounter", "status": "in-progress",
                "class": { "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "IMP", "display": "inpatient encounter" },
                "subject": { "reference": "urn:uuid:5f0c1c1e-1111-4a4a-9b9b-000000000001" },
                "period": { "start": "{{DateTime.UtcNow.AddDays(-6):yyyy-MM-dd}}T14:00:00+00:00" },
                "location": [ { "location": { "display": "Elm ward" } } ],
                "serviceProvider": { "reference": "urn:uuid:5f0c1c1e-1111-4a4a-9b9b-000000000004", "display": "Vale General Hospital" } },
              "request": { "method": "POST", "url": "Encounter" } },
            { "fullUrl": "urn:uuid:5f0c1c1e-1111-4a4a-9b9b-000000000006",
              "resource": { "resourceType": "Condition",
                "clinicalStatus": { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active" } ] },
                "code": { "coding": [ { "system": "http://snomed.info/sct", "code": "1912002", "display": "Fall" } ] },
                "subject": { "reference": "urn:uuid:5f0c1c1e-1111-4a4a-9b9b-000000000001" } },
              "request": { "method": "POST", "url": "Condition" } },
            { "fullUrl": "urn:uuid:5f0c1c1e-1111-4a4a-9b9b-000000000007",
              "resource": { "resourceType": "Observation", "status": "final",
                "code": { "coding": [ { "system": "http://snomed.info/sct", "code": "1104051000000101", "display": "Royal College of Physicians National Early Warning Score 2 total score" } ] },
                "subject": { "reference": "urn:uuid:5f0c1c1e-1111-4a4a-9b9b-000000000001" },
                "effectiveDateTime": "{{DateTime.UtcNow.AddDays(-1):yyyy-MM-dd}}T08:00:00+00:00", "valueInteger": 1 },
              "request": { "method": "POST", "url": "Observation" } },
            { "fullUrl": "urn:uuid:5f0c1c1e-1111-4a4a-9b9b-000000000008",
              "resource": { "resourceType": "AllergyIntolerance",
                "code": { "coding": [ { "system": "http://snomed.info/sct", "code": "91936005", "display": "Allergy to penicillin" } ] },
                "patient": { "reference": "urn:uuid:5f0c1c1e-1111-4a4a-9b9b-000000000001" } },
              "request": { "method": "POST", "url": "AllergyIntolerance" } },
            { "fullUrl": "urn:uuid:5f0c1c1e-1111-4a4a-9b9b-000000000009",
              "resource": { "resourceType": "RelatedPerson", "patient": { "reference": "urn:uuid:5f0c1c1e-1111-4a4a-9b9b-000000000001" },
                "relationship": [ { "text": "Daughter" } ], "name": [ { "family": "Testbrook", "given": ["Ola"] } ],
                "telecom": [ { "system": "phone", "value": "07700 900111" } ] },
              "request": { "method": "POST", "url": "RelatedPerson" } }
          ]
        }
        """;

    [Fact]
    public async Task A_UK_Core_referral_without_Homeward_codes_is_taken_kept_as_sent_and_said_back()
    {
        var hospital = await app.ClientFor(Role.HubCoordinator);
        var nhs = Bodies.NewNhsNumber();
        var reference = $"VG-{Guid.NewGuid():N}"[..16];
        var response = await Post(hospital, TrustBundle(nhs, reference));
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var all = JsonDocument.Parse(text).RootElement.GetProperty("entry").EnumerateArray().ToList();
        // One response entry per request entry, in order: the Patient recorded, the referral, and each supporting resource
        // kept at its own address.
        Assert.Equal(9, all.Count);
        Assert.Equal(["201 Created"], all.Select(e => e.GetProperty("response").Str("status")).Distinct());
        Assert.StartsWith("Condition/", all[5].GetProperty("response").Str("location"), StringComparison.Ordinal);
        var entry = all[1];
        Assert.Equal("201 Created", entry.GetProperty("response").Str("status"));
        var id = entry.GetProperty("resource").Str("id");

        // Said back: what was kept but not used, and what the hub will check.
        var issues = entry.GetProperty("response").GetProperty("outcome").GetProperty("issue").EnumerateArray()
            .Select(i => (i.Str("severity"), i.Str("diagnostics"))).ToList();
        Assert.Contains(issues, i => i.Item1 == "warning" && i.Item2.StartsWith("ServiceRequest.note", StringComparison.Ordinal));
        // The language, the interpreter and the sender's NHS number status are used, so not warned about.
        Assert.DoesNotContain(issues, i => i.Item2.StartsWith("Patient.communication", StringComparison.Ordinal) || i.Item2.Contains("NHSNumberVerificationStatus", StringComparison.Ordinal)
                                           || i.Item2.Contains("interpreterRequired", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Item1 == "warning" && i.Item2.Contains("taken as a hospital discharge", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Item1 == "information" && i.Item2.Contains("7 other resources", StringComparison.Ordinal));

        // The route, hospital, ward and admission worked out from the inpatient Encounter; the sender's reference kept.
        await using (var db = app.Db())
        {
            var referral = await db.Referrals.SingleAsync(r => r.Id == Guid.Parse(id), Ct);
            Assert.Equal(Homeward.Referrals.Route.HospitalDischarge, referral.Route);
            Assert.Equal("Vale General Hospital", referral.Hospital);
            Assert.Equal("Elm ward", referral.Ward);
            Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-6)), referral.AdmittedOn);
            Assert.Equal($"https://fhir.vale-general.example/Id/referral|{reference}", referral.SenderReference);
            var person = await db.People.SingleAsync(p => p.Id == referral.PersonId, Ct);
            Assert.Equal(("Polish", true, "01", "01632 960111"), (person.Language, person.InterpreterNeeded, person.NhsNumberVerification, person.Phone));
            Assert.NotNull(referral.ToCheck);
            // Everything sent is kept exactly as received: the Patient, the ServiceRequest and the 7 others.
            var sent = await db.SentDocuments.Where(d => d.ReferralId == referral.Id).OrderBy(d => d.Position).ToListAsync(Ct);
            Assert.Equal(["Patient", "ServiceRequest", "Practitioner", "Organization", "Encounter", "Condition", "Observation", "AllergyIntolerance", "RelatedPerson"],
                sent.Select(d => d.ResourceType));
            Assert.Contains("\"pl\"", sent[0].Content, StringComparison.Ordinal);
            Assert.Contains("Polish interpreter", sent[1].Content, StringComparison.Ordinal);
        }

        // Readable by FHIR: the ServiceRequest points at each, and each reads back as sent.
        var sr = await (await hospital.GetAsync($"/fhir/ServiceRequest/{id}", Ct)).Expect(HttpStatusCode.OK);
        Assert.Contains(sr.GetProperty("identifier").EnumerateArray(), i => i.Str("value") == reference);
        var supporting = sr.GetProperty("supportingInfo").EnumerateArray().Select(r => (Reference: r.Str("reference"), Display: r.Str("display"))).ToList();
        Assert.Equal(9, supporting.Count);
        var condition = supporting.Single(s => s.Reference.StartsWith("Condition/", StringComparison.Ordinal));
        Assert.Equal("Condition: Fall (SNOMED CT 1912002), active", condition.Display);
        var read = await (await hospital.GetAsync($"/fhir/{condition.Reference}", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal("1912002", read.GetProperty("code").GetProperty("coding")[0].Str("code"));
        Assert.Contains(supporting, s => s.Display == "Observation: Royal College of Physicians National Early Warning Score 2 total score (SNOMED CT 1104051000000101): 1"
                                         + $" ({DateTime.UtcNow.AddDays(-1):yyyy-MM-dd}T08:00:00+00:00)");
        Assert.Contains(supporting, s => s.Display == "Practitioner: Dr Rowan Test (GMC C1234567)");

        // Shown on the episode page, in words, with what to check.
        var episodeId = sr.GetProperty("extension").EnumerateArray().Any() ? await EpisodeOf(id) : Guid.Empty;
        var page = await (await hospital.GetAsync($"/episodes/{episodeId}", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Sent with the referral", page, StringComparison.Ordinal);
        Assert.Contains("Allergy or intolerance: Allergy to penicillin (SNOMED CT 91936005)", page, StringComparison.Ordinal);
        Assert.Contains("taken as a hospital discharge", page, StringComparison.Ordinal);
        // And flagged on the hub board, so nobody has to open it to know.
        var board = await (await hospital.GetAsync($"/api/board?pageSize=100&route=HospitalDischarge", Ct)).Expect(HttpStatusCode.OK);
        var row = board.GetProperty("rows").EnumerateArray().Single(r => r.Str("episodeId") == episodeId.ToString());
        Assert.Contains("hospital discharge", row.Str("toCheck"), StringComparison.Ordinal);

        // A provider with no relationship to this person cannot read what was sent.
        var provider = await app.ClientFor(Role.CareProvider);
        var refused = await provider.GetAsync($"/fhir/{condition.Reference}", Ct);
        Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, refused.StatusCode.ToString());
    }

    [Fact]
    public async Task A_known_patient_gains_what_a_referral_brings_and_keeps_what_is_held()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var nhs = Bodies.NewNhsNumber();
        var body = Bodies.HospitalDischarge(nhs);
        var person = (Dictionary<string, object?>)body["person"]!;
        (person["givenName"], person["familyName"], person["dateOfBirth"], person["addressLine1"], person["postcode"]) =
            ("Maud", "Testbrook", "1937-02-03", "9 Willow Row", "NV1 2AB");
        person["contact"] = new { email = "maud@example.org" };
        await (await hub.PostJson("/api/referrals", body)).Expect(HttpStatusCode.Created);

        // The trust's system sends her phone, language, interpreter need and a verified NHS number status.
        var entry = JsonDocument.Parse(await (await Post(hub, TrustBundle(nhs, $"VG-{Guid.NewGuid():N}"[..16]))).Content.ReadAsStringAsync(Ct)).RootElement
            .GetProperty("entry")[1];
        Assert.Equal("201 Created", entry.GetProperty("response").Str("status"));
        await using var db = app.Db();
        var held = await db.People.SingleAsync(p => p.NhsNumber == Homeward.People.NhsNumber.Parse(nhs), Ct);
        Assert.Equal(("01632 960111", "Polish", true, "01", "maud@example.org", 2), (held.Phone, held.Language, held.InterpreterNeeded, held.NhsNumberVerification, held.Email, held.Version));

        // And the Patient Homeward sends says them back in UK Core.
        var patient = (Hl7.Fhir.Model.Patient)Homeward.Fhir.FhirFormat.Read(
            await (await hub.GetAsync($"/fhir/Patient/{held.Id}", Ct)).Content.ReadAsStringAsync(Ct), Homeward.Fhir.FhirFormatKind.Json);
        Assert.Equal("pl", patient.Communication.Single().Language.Coding.Single().Code);
        Assert.Equal("01", ((Hl7.Fhir.Model.CodeableConcept)patient.Identifier[0].Extension.Single().Value!).Coding[0].Code);
        Assert.Empty(UkCore.Errors(patient, UkCore.Patient));
    }

    [Fact]
    public async Task Sending_the_same_referral_again_returns_the_first()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var nhs = Bodies.NewNhsNumber();
        var reference = $"VG-{Guid.NewGuid():N}"[..16];
        var first = JsonDocument.Parse(await (await Post(hub, TrustBundle(nhs, reference))).Content.ReadAsStringAsync(Ct)).RootElement
            .GetProperty("entry")[1];
        await using var db = app.Db();
        var count = await db.Referrals.CountAsync(Ct);
        var again = await Post(hub, TrustBundle(nhs, reference));
        var text = await again.Content.ReadAsStringAsync(Ct);
        Assert.True(again.StatusCode == HttpStatusCode.OK, text);
        var entry = JsonDocument.Parse(text).RootElement.GetProperty("entry")[1];
        Assert.Equal("200 OK", entry.GetProperty("response").Str("status"));
        Assert.Equal(first.GetProperty("resource").Str("id"), entry.GetProperty("resource").Str("id"));
        Assert.Equal(count, await db.Referrals.CountAsync(Ct));

        // The same reference from another organisation names nothing of the first's: it is a referral of its own (and says
        // nothing about the first).
        var hospital = await app.ClientFor(Role.HospitalDischargeTeam);
        var theirs = JsonDocument.Parse(await (await Post(hospital, TrustBundle(Bodies.NewNhsNumber(), reference))).Content.ReadAsStringAsync(Ct)).RootElement
            .GetProperty("entry")[1];
        Assert.Equal("201 Created", theirs.GetProperty("response").Str("status"));
        Assert.NotEqual(first.GetProperty("resource").Str("id"), theirs.GetProperty("resource").Str("id"));
    }

    [Fact]
    public async Task What_Homeward_sends_back_conforms_to_UK_Core()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var text = await (await Post(hub, TrustBundle(Bodies.NewNhsNumber(), $"VG-{Guid.NewGuid():N}"[..16]))).Content.ReadAsStringAsync(Ct);
        var id = JsonDocument.Parse(text).RootElement.GetProperty("entry")[1].GetProperty("resource").Str("id");
        var sr = (Hl7.Fhir.Model.ServiceRequest)Homeward.Fhir.FhirFormat.Read(
            await (await hub.GetAsync($"/fhir/ServiceRequest/{id}", Ct)).Content.ReadAsStringAsync(Ct), Homeward.Fhir.FhirFormatKind.Json);
        Assert.Empty(UkCore.Errors(sr, UkCore.ServiceRequest));
        var patient = (Hl7.Fhir.Model.Patient)Homeward.Fhir.FhirFormat.Read(
            await (await hub.GetAsync($"/fhir/{sr.Subject.Reference}", Ct)).Content.ReadAsStringAsync(Ct), Homeward.Fhir.FhirFormatKind.Json);
        Assert.Empty(UkCore.Errors(patient, UkCore.Patient));

        // The validator is not blind: a ServiceRequest without its subject, and a telecom without its system (UK Core requires one), fail.
        sr.Subject = null!;
        Assert.NotEmpty(UkCore.Errors(sr, UkCore.ServiceRequest));
        patient.Telecom.Add(new Hl7.Fhir.Model.ContactPoint { Value = "01632 960000" }); // UK Core: a telecom value needs its system
        Assert.NotEmpty(UkCore.Errors(patient, UkCore.Patient));
    }

    [Fact]
    public async Task UK_Core_source_of_referral_in_SNOMED_CT_is_read_and_said_back()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var nhs = Bodies.NewNhsNumber();
        var bundle = $$"""
            { "resourceType": "Bundle", "type": "transaction", "entry": [
              {{FhirBundles.Patient(nhs)}},
              { "fullUrl": "urn:uuid:{{Guid.NewGuid()}}",
                "resource": { "resourceType": "ServiceRequest", "status": "active", "intent": "order", "priority": "urgent",
                  "subject": { "reference": "urn:uuid:0b1e6c59-0c5f-4d5e-9a55-7c2f3b0d4a11" },
                  "requester": { "display": "Sam Worker (adult social care)" },
                  "reasonCode": [ { "text": "Managing less well at home since a fall; needs reablement." } ],
                  "extension": [ { "url": "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-SourceOfServiceRequest",
                    "valueCodeableConcept": { "coding": [ { "system": "http://snomed.info/sct", "code": "185365002", "display": "Referred by social worker" } ] } } ] },
                "request": { "method": "POST", "url": "ServiceRequest" } } ] }
            """;
        var text = await (await Post(hub, bundle)).Content.ReadAsStringAsync(Ct);
        var entry = JsonDocument.Parse(text).RootElement.GetProperty("entry")[1];
        Assert.True(entry.GetProperty("response").Str("status") == "201 Created", text);
        Assert.DoesNotContain("Extension-UKCore-SourceOfServiceRequest", entry.GetProperty("response").GetRawText()); // used, not "kept but not used"
        var id = entry.GetProperty("resource").Str("id");
        var referral = await (await hub.GetAsync($"/api/referrals/{id}", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal("SocialWorker", referral.Str("source"));

        var sr = (Hl7.Fhir.Model.ServiceRequest)Homeward.Fhir.FhirFormat.Read(
            await (await hub.GetAsync($"/fhir/ServiceRequest/{id}", Ct)).Content.ReadAsStringAsync(Ct), Homeward.Fhir.FhirFormatKind.Json);
        var national = (Hl7.Fhir.Model.CodeableConcept)sr.Extension.Single(e => e.Url == "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-SourceOfServiceRequest").Value!;
        Assert.Equal("185365002", national.Coding.Single().Code);
        Assert.Empty(UkCore.Errors(sr, UkCore.ServiceRequest));
    }

    [Fact]
    public async Task What_a_sender_sends_is_checked_against_UK_Core_and_said_back_or_refused()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        // UK Core asks every telecom for its system: this one has none.
        var bundle = TrustBundle(Bodies.NewNhsNumber(), $"VG-{Guid.NewGuid():N}"[..16])
            .Replace("""{ "system": "phone", "value": "01632 960111", "use": "home" }""", """{ "value": "01632 960111", "use": "home" }""", StringComparison.Ordinal);
        var text = await (await Post(hub, bundle)).Content.ReadAsStringAsync(Ct);
        var entry = JsonDocument.Parse(text).RootElement.GetProperty("entry")[1];
        Assert.True(entry.GetProperty("response").Str("status") == "201 Created", text);
        var warning = entry.GetProperty("response").GetProperty("outcome").GetProperty("issue").EnumerateArray()
            .Single(i => i.Str("diagnostics").StartsWith("Not as UK Core's UKCore-Patient asks", StringComparison.Ordinal));
        Assert.Equal("warning", warning.Str("severity"));
        Assert.StartsWith("Bundle.entry[0].resource.telecom", warning.GetProperty("expression")[0].GetString(), StringComparison.Ordinal);

        // A partnership that asks for it refuses what does not conform, every problem at its place, before anything is kept.
        var strict = new Homeward.Fhir.UkCoreValidator(UkCore.Folder) { Reject = true };
        var patient = (Hl7.Fhir.Model.Patient)Homeward.Fhir.FhirFormat.Read(
            JsonDocument.Parse(bundle).RootElement.GetProperty("entry")[0].GetProperty("resource").GetRawText(), Homeward.Fhir.FhirFormatKind.Json);
        var refused = Assert.Throws<Homeward.Fhir.FhirException>(() => Homeward.Fhir.Conformance.Check(strict, [(patient, "Bundle.entry[0].resource")]));
        Assert.Equal(422, refused.Status);
        Assert.Contains(refused.Problems, p => p.Expression.StartsWith("Bundle.entry[0].resource.telecom", StringComparison.Ordinal));
        // And a conformant one passes; a validator without the package checks nothing.
        patient.Telecom[0].System = Hl7.Fhir.Model.ContactPoint.ContactPointSystem.Phone;
        Assert.Empty(Homeward.Fhir.Conformance.Check(strict, [(patient, "Bundle.entry[0].resource")]));
        Assert.Empty(Homeward.Fhir.Conformance.Check(new Homeward.Fhir.UkCoreValidator(null), [(new Hl7.Fhir.Model.Patient(), "Patient")]));
    }

    [Fact]
    public async Task Searches_take_an_id_and_refuse_what_they_do_not_support()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var text = await (await Post(hub, TrustBundle(Bodies.NewNhsNumber(), $"VG-{Guid.NewGuid():N}"[..16]))).Content.ReadAsStringAsync(Ct);
        var id = JsonDocument.Parse(text).RootElement.GetProperty("entry")[1].GetProperty("resource").Str("id");

        var found = await (await hub.GetAsync($"/fhir/ServiceRequest?_id={id}", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(1, found.GetProperty("total").GetInt32());
        Assert.Equal(id, found.GetProperty("entry")[0].GetProperty("resource").Str("id"));
        var none = await (await hub.GetAsync($"/fhir/ServiceRequest?_id={Guid.NewGuid()}", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(0, none.GetProperty("total").GetInt32());

        // Never silently ignored: an unsupported common parameter, and _id mixed with other criteria, are refused by name.
        var refused = await (await hub.GetAsync("/fhir/ServiceRequest?_lastUpdated=gt2020-01-01&_sort=priority", Ct)).Expect(HttpStatusCode.BadRequest);
        var places = refused.GetProperty("issue").EnumerateArray().SelectMany(i => i.GetProperty("expression").EnumerateArray().Select(e => e.GetString())).ToList();
        Assert.Contains("_lastUpdated", places);
        Assert.Contains("_sort", places);
        await (await hub.GetAsync("/fhir/EpisodeOfCare?_sort=authored", Ct)).Expect(HttpStatusCode.BadRequest);
        await (await hub.GetAsync($"/fhir/ServiceRequest?_id={id}&status=active", Ct)).Expect(HttpStatusCode.BadRequest);
        await (await hub.GetAsync("/fhir/ServiceRequest?patient=Patient/not-an-id", Ct)).Expect(HttpStatusCode.BadRequest);

        // By the person's record (the way to find someone whose NHS number is still to be traced), in either order.
        var person = JsonDocument.Parse(text).RootElement.GetProperty("entry")[1].GetProperty("resource").GetProperty("subject").Str("reference");
        // Sent an hour after the first (their authoredOn), so the two orders differ.
        var later = System.Text.RegularExpressions.Regex.Replace(TrustBundle(await NhsOf(person), $"VG-{Guid.NewGuid():N}"[..16]),
            "\"authoredOn\": \"[^\"]+\"", $"\"authoredOn\": \"{DateTimeOffset.UtcNow.AddHours(-1):yyyy-MM-ddTHH:mm:ss}+00:00\"");
        var again = JsonDocument.Parse(await (await Post(hub, later))
            .Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("entry")[1].GetProperty("resource").Str("id");
        var newest = await (await hub.GetAsync($"/fhir/ServiceRequest?patient={person}", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal([again, id], newest.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource").Str("id")));
        var oldest = await (await hub.GetAsync($"/fhir/ServiceRequest?subject={person}&_sort=authored", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal([id, again], oldest.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource").Str("id")));
        var episodes = await (await hub.GetAsync($"/fhir/EpisodeOfCare?patient={person}", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(2, episodes.GetProperty("total").GetInt32());
        await (await hub.GetAsync($"/fhir/Encounter?patient={person}", Ct)).Expect(HttpStatusCode.OK);
    }

    private async Task<string> NhsOf(string patientReference)
    {
        await using var db = app.Db();
        var id = Guid.Parse(patientReference["Patient/".Length..]);
        return (await db.People.SingleAsync(p => p.Id == id, Ct)).NhsNumber!.Value.Value;
    }

    private async Task<Guid> EpisodeOf(string referralId)
    {
        await using var db = app.Db();
        return await db.Episodes.Where(e => e.ReferralId == Guid.Parse(referralId)).Select(e => e.Id).SingleAsync(Ct);
    }
}
