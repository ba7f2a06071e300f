using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Homeward.Access;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.Fhir;

/// <summary>FHIR R4 under /fhir: referrals in from transaction Bundles, records out, every refusal an OperationOutcome.</summary>
public sealed class FhirApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> Post(HttpClient client, string url, string body, string type = "application/fhir+json") =>
        client.PostAsync(url, new StringContent(body, Encoding.UTF8, type), Ct);

    private static async Task<JsonElement> Outcome(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {text}");
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal("OperationOutcome", body.Str("resourceType"));
        return body;
    }

    private static IEnumerable<string> Expressions(JsonElement outcome) =>
        outcome.GetProperty("issue").EnumerateArray().SelectMany(i => i.TryGetProperty("expression", out var e) ? e.EnumerateArray().Select(x => x.GetString()!) : []);

    [Fact]
    public async Task A_referral_bundle_lands_on_the_board_and_reads_back_as_FHIR()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var nhs = Bodies.NewNhsNumber();

        var response = await Post(hub, "/fhir", FhirBundles.Transaction(FhirBundles.Patient(nhs), FhirBundles.Referral()));
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var result = JsonDocument.Parse(text).RootElement;
        Assert.Equal("transaction-response", result.Str("type"));
        // One response entry per request entry: the Patient recorded, the referral created.
        Assert.Equal(["201 Created", "201 Created"], result.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("response").Str("status")));
        var entry = FhirBundles.ReferralEntry(result);
        Assert.StartsWith("Patient/", result.GetProperty("entry")[0].GetProperty("response").Str("location"), StringComparison.Ordinal);
        Assert.Equal("201 Created", entry.GetProperty("response").Str("status"));
        var id = entry.GetProperty("resource").Str("id");

        // On the hub board, still in hospital a day after being ready.
        var board = await (await hub.GetAsync("/api/board?pageSize=100", Ct)).Expect(HttpStatusCode.OK);
        var row = board.GetProperty("rows").EnumerateArray().Single(r => r.Str("nhsNumber").Replace(" ", "", StringComparison.Ordinal) == nhs);
        Assert.Equal("Edith Testfield", row.Str("name"));
        Assert.Equal(1, row.GetProperty("delayDays").GetInt32());

        // Read back: the ServiceRequest with its ETag, the Patient by NHS number, the EpisodeOfCare by the patient.
        var read = await hub.GetAsync($"/fhir/ServiceRequest/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("W/\"1\"", read.Headers.ETag?.ToString());
        var sr = JsonDocument.Parse(await read.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("HospitalDischarge", sr.GetProperty("category")[0].GetProperty("coding")[0].Str("code"));
        Assert.Equal("active", sr.Str("status"));

        var patients = JsonDocument.Parse(await hub.GetStringAsync($"/fhir/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|{nhs}", Ct)).RootElement;
        Assert.Equal(1, patients.GetProperty("total").GetInt32());
        var episodes = JsonDocument.Parse(await hub.GetStringAsync($"/fhir/EpisodeOfCare?patient.identifier={nhs}&status=planned", Ct)).RootElement;
        Assert.Equal(1, episodes.GetProperty("total").GetInt32());
        Assert.Equal($"ServiceRequest/{id}", episodes.GetProperty("entry")[0].GetProperty("resource").GetProperty("referralRequest")[0].Str("reference"));

        // XML on request, and readable as FHIR.
        var xml = await hub.GetStringAsync($"/fhir/ServiceRequest/{id}?_format=xml", Ct);
        Assert.StartsWith("<ServiceRequest xmlns=\"http://hl7.org/fhir\">", xml, StringComparison.Ordinal);

        // A look-up of an NHS number nobody holds finds nothing, and is audited all the same.
        var unknown = Bodies.NewNhsNumber();
        var none = JsonDocument.Parse(await hub.GetStringAsync($"/fhir/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|{unknown}", Ct)).RootElement;
        Assert.Equal(0, none.GetProperty("total").GetInt32());

        await using var db = app.Db();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "referral.read" || a.Action == "referral.search", Ct));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "person.lookup.notfound" && a.EntityId == unknown.Replace(" ", ""), Ct));
    }

    [Fact]
    public async Task The_integrators_guide_example_is_accepted()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "docs", "fhir", "referral-bundle.json")))
            dir = Path.GetDirectoryName(dir)!;
        var example = (await File.ReadAllTextAsync(Path.Combine(dir, "docs", "fhir", "referral-bundle.json"), Ct))
            .Replace("9990001812", Bodies.NewNhsNumber(), StringComparison.Ordinal);
        var hub = await app.ClientFor(Role.HubCoordinator);

        var response = await Post(hub, "/fhir", example);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_ServiceRequest_for_a_known_patient_is_created_in_XML_too()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var nhs = Bodies.NewNhsNumber();
        var first = JsonDocument.Parse(await (await Post(hub, "/fhir", FhirBundles.Transaction(FhirBundles.Patient(nhs), FhirBundles.Referral())))
            .Content.ReadAsStringAsync(Ct)).RootElement;
        var patientId = FhirBundles.ReferralEntry(first).GetProperty("resource").GetProperty("subject").Str("reference");

        var sr = JsonDocument.Parse(FhirBundles.Referral(subject: patientId, route: "Community")).RootElement.GetProperty("resource").GetRawText();
        var created = await Post(hub, "/fhir/ServiceRequest", sr);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        Assert.Contains("/fhir/ServiceRequest/", created.Headers.Location?.ToString(), StringComparison.Ordinal);
        // The Location can be read (vread of the current version); an older version is not kept, and says so.
        var location = created.Headers.Location!.ToString();
        Assert.EndsWith("/_history/1", location, StringComparison.Ordinal);
        await (await hub.GetAsync(location, Ct)).Expect(HttpStatusCode.OK);
        var old = await hub.GetAsync(location.Replace("/_history/1", "/_history/7", StringComparison.Ordinal), Ct);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        Assert.Contains("keeps the current version (1)", await old.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // The same in XML: read the one just made as XML and post it back.
        var xml = await hub.GetStringAsync($"{created.Headers.Location}?_format=xml".Replace("/_history/1", "", StringComparison.Ordinal), Ct);
        var again = await Post(hub, "/fhir/ServiceRequest", xml, "application/fhir+xml");
        Assert.True(again.StatusCode == HttpStatusCode.Created, await again.Content.ReadAsStringAsync(Ct));
        var referrals = await (await hub.GetAsync($"/api/referrals?nhsNumber={nhs}", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(3, referrals.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task One_bad_entry_and_nothing_is_kept_with_every_problem_placed()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var good = Bodies.NewNhsNumber();
        await using var db = app.Db();
        var before = await db.Referrals.CountAsync(Ct);

        // The second referral's patient has an NHS number that fails its check digit: neither referral is kept.
        var bad = "9990000010";
        var response = await Post(hub, "/fhir", FhirBundles.Transaction(
            FhirBundles.Patient(good, "urn:uuid:6a0f2c51-7e0b-4b52-9d2e-1b3c4d5e6f70"), FhirBundles.Referral("urn:uuid:6a0f2c51-7e0b-4b52-9d2e-1b3c4d5e6f70"),
            FhirBundles.Patient(bad, "urn:uuid:6a0f2c51-7e0b-4b52-9d2e-1b3c4d5e6f71"), FhirBundles.Referral("urn:uuid:6a0f2c51-7e0b-4b52-9d2e-1b3c4d5e6f71")));
        var outcome = await Outcome(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Bundle.entry[2].resource.identifier", Expressions(outcome));
        Assert.Equal(before, await db.Referrals.CountAsync(Ct));

        // FHIR-level problems, all at once: no NHS number, a missing patient (a route in another code system is worked out, not refused).
        var noNhs = FhirBundles.Patient(good, "urn:uuid:6a0f2c51-7e0b-4b52-9d2e-1b3c4d5e6f72").Replace("https://fhir.nhs.uk/Id/nhs-number", "https://example.org/other", StringComparison.Ordinal);
        outcome = await Outcome(await Post(hub, "/fhir", FhirBundles.Transaction(
            noNhs, FhirBundles.Referral("urn:uuid:6a0f2c51-7e0b-4b52-9d2e-1b3c4d5e6f72", routeSystem: "http://snomed.info/sct"),
            FhirBundles.Referral($"Patient/{Guid.NewGuid()}"))), HttpStatusCode.UnprocessableEntity);
        var places = Expressions(outcome).ToList();
        Assert.Contains("Bundle.entry[0].resource.identifier", places);
        Assert.Contains("Bundle.entry[2].resource.subject", places);
        Assert.Equal(before, await db.Referrals.CountAsync(Ct));
    }

    public static TheoryData<string, string> Hostile()
    {
        var valid = FhirBundles.Transaction(FhirBundles.Patient("9990000018"), FhirBundles.Referral());
        var data = new TheoryData<string, string>
        {
            { "not JSON", "application/fhir+json" },
            { "{", "application/fhir+json" },
            { "", "application/fhir+json" },
            { "[]", "application/fhir+json" },
            { "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":\"nope\"}", "application/fhir+json" },
            { "{\"resourceType\":\"Spaceship\"}", "application/fhir+json" },
            { "{\"resourceType\":\"Patient\",\"birthDate\":\"1938-13-45\",\"gender\":\"robot\"}", "application/fhir+json" },
            { "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[]}", "application/fhir+json" },
            { new string('[', 100_000), "application/fhir+json" },
            { "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + new string('x', 6_000_000) + "\"}]}", "application/fhir+json" },
            { "<Bundle xmlns=\"http://hl7.org/fhir\"><type value=\"transaction\"/>", "application/fhir+xml" },
            { "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><Patient xmlns=\"http://hl7.org/fhir\"><id value=\"&lol2;\"/></Patient>", "application/fhir+xml" },
            { "<Patient xmlns=\"http://hl7.org/fhir\"><gender value=\"robot\"/></Patient>", "application/fhir+xml" },
            { "\u0000\u0001\u0002", "application/fhir+json" },
        };
        // Truncated at many points.
        for (var cut = 10; cut < valid.Length; cut += valid.Length / 12)
            data.Add(valid[..cut], "application/fhir+json");
        return data;
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Malformed_and_hostile_bodies_get_an_OperationOutcome_never_a_500(string body, string type)
    {
        var hub = await app.ClientFor(Role.HubCoordinator);

        var response = await Post(hub, "/fhir", body, type);

        Assert.InRange((int)response.StatusCode, 400, 499);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("OperationOutcome", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);   // no stack trace
    }

    [Fact]
    public async Task Wrong_types_unknown_ids_searches_and_rights_are_answered_clearly()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        await Outcome(await Post(hub, "/fhir/ServiceRequest", "{\"resourceType\":\"Patient\"}"), HttpStatusCode.BadRequest);
        await Outcome(await Post(hub, "/fhir/Patient", "{\"resourceType\":\"Patient\",\"gender\":\"female\"}"), HttpStatusCode.BadRequest);
        await Outcome(await hub.GetAsync($"/fhir/Patient/{Guid.NewGuid()}", Ct), HttpStatusCode.NotFound);
        await Outcome(await hub.GetAsync("/fhir/Patient/not-an-id", Ct), HttpStatusCode.NotFound);
        await Outcome(await hub.GetAsync("/fhir/Medication", Ct), HttpStatusCode.NotFound);
        await Outcome(await hub.GetAsync("/fhir/Patient?name=Smith", Ct), HttpStatusCode.BadRequest);
        await Outcome(await hub.GetAsync("/fhir/ServiceRequest?status=sideways", Ct), HttpStatusCode.BadRequest);
        await Outcome(await hub.GetAsync("/fhir/ServiceRequest?authored=2026-99-01", Ct), HttpStatusCode.BadRequest);
        var draft = JsonDocument.Parse(await hub.GetStringAsync("/fhir/ServiceRequest?status=draft", Ct)).RootElement;
        Assert.Equal(0, draft.GetProperty("total").GetInt32());

        // A care provider may read but not refer.
        var provider = await app.ClientFor(Role.CareProvider);
        await Outcome(await Post(provider, "/fhir", FhirBundles.Transaction(FhirBundles.Patient(Bodies.NewNhsNumber()), FhirBundles.Referral())), HttpStatusCode.Forbidden);

        // The CapabilityStatement is public; everything else needs sign-in.
        using var anonymous = app.CreateClient();
        var metadata = JsonDocument.Parse(await anonymous.GetStringAsync("/fhir/metadata", Ct)).RootElement;
        Assert.Equal("CapabilityStatement", metadata.Str("resourceType"));
        Assert.Equal("4.0.1", metadata.Str("fhirVersion"));
        // Valid as FHIR's own CapabilityStatement definition says (cpb-* invariants, codes from their value sets).
        var statement = Homeward.Fhir.FhirFormat.Read(metadata.GetRawText(), Homeward.Fhir.FhirFormatKind.Json);
        Assert.Empty(UkCore.Errors(statement, "http://hl7.org/fhir/StructureDefinition/CapabilityStatement"));
        // And true: every type it declares answers (a read of an unknown id is "not found", never "not served").
        var hubClient = await app.ClientFor(Role.HubCoordinator);
        foreach (var type in metadata.GetProperty("rest")[0].GetProperty("resource").EnumerateArray().Select(r => r.Str("type")))
        {
            var answer = JsonDocument.Parse(await (await hubClient.GetAsync($"/fhir/{type}/{Guid.NewGuid()}", Ct)).Content.ReadAsStringAsync(Ct)).RootElement;
            Assert.DoesNotContain("does not serve", answer.GetRawText(), StringComparison.Ordinal);
        }
        var login = await Outcome(await anonymous.GetAsync("/fhir/Patient?identifier=9990000018", Ct), HttpStatusCode.Unauthorized);
        Assert.Equal("login", login.GetProperty("issue")[0].Str("code"));
    }
}
