using System.Net;
using System.Text;
using System.Text.Json;
using Homeward.Access;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.People;

/// <summary>
/// Someone referred without an NHS number (an urgent referral from 111 or a crew): taken when the referrer says nobody
/// knows it, never because the field was forgotten; recorded "trace required", never matched to another such record;
/// on the hub's Needs attention until the hub enters the number it traced, once, and never one another record holds.
/// </summary>
public sealed class TraceTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, object?> Untraced()
    {
        var body = Bodies.UrgentCommunityResponse();
        var person = (Dictionary<string, object?>)body["person"]!;
        person.Remove("nhsNumber");
        person["nhsNumberVerification"] = "03";
        return body;
    }

    [Fact]
    public async Task A_person_without_an_NHS_number_is_referred_to_be_traced_and_the_hub_enters_it_once()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);

        // A forgotten NHS number is still refused, saying how to refer without one.
        var forgotten = Bodies.UrgentCommunityResponse();
        ((Dictionary<string, object?>)forgotten["person"]!).Remove("nhsNumber");
        var refused = await (await hub.PostJson("/api/referrals", forgotten)).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("trace required", refused.GetProperty("errors").GetProperty("person.nhsNumber")[0].GetString(), StringComparison.Ordinal);

        // Said to be not known: taken, twice as two people (the same details are not proof of the same person).
        var first = await (await hub.PostJson("/api/referrals", Untraced())).Expect(HttpStatusCode.Created);
        var second = await (await hub.PostJson("/api/referrals", Untraced())).Expect(HttpStatusCode.Created);
        var id = first.GetProperty("person").Str("id");
        Assert.NotEqual(id, second.GetProperty("person").Str("id"));
        var person = await (await hub.GetAsync($"/api/people/{id}", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, person.GetProperty("nhsNumber").ValueKind);
        Assert.Equal("Not known: trace needed", person.Str("nhsNumberDisplay"));
        Assert.Equal("03", person.Str("nhsNumberVerification"));

        // The hub is asked to trace it, and the person's page says so with a form.
        var attention = await (await hub.GetAsync("/api/attention?kind=NhsNumberTrace", Ct)).Expect(HttpStatusCode.OK);
        var item = attention.GetProperty("items").EnumerateArray().Single(i => i.Str("personId") == id);
        Assert.Equal($"/people/{id}", item.Str("link"));
        var page = await (await hub.GetAsync($"/people/{id}", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("NHS number not known", page);
        Assert.Contains("Record the NHS number", page);

        // Not a number another record holds (the person recorded twice: Homeward says so, and changes nothing).
        var held = Bodies.NewNhsNumber();
        await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge(held))).Expect(HttpStatusCode.Created);
        var taken = await (await hub.PutJson($"/api/people/{id}/nhs-number", new { nhsNumber = held }, "\"1\"")).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("Another record holds this NHS number", taken.GetProperty("errors").GetProperty("nhsNumber")[0].GetString(), StringComparison.Ordinal);
        await (await hub.PutJson($"/api/people/{id}/nhs-number", new { nhsNumber = "123" }, "\"1\"")).Expect(HttpStatusCode.BadRequest);
        await (await hub.PutJson($"/api/people/{id}/nhs-number", new { nhsNumber = Bodies.NewNhsNumber() }, null)).Expect((HttpStatusCode)428);

        // The traced number: recorded once, verified; the item is gone; a second time is refused.
        var traced = Bodies.NewNhsNumber();
        var after = await (await hub.PutJson($"/api/people/{id}/nhs-number", new { nhsNumber = traced }, "\"1\"")).Expect(HttpStatusCode.OK);
        Assert.Equal((traced, "01"), (after.Str("nhsNumber"), after.Str("nhsNumberVerification")));
        await (await hub.PutJson($"/api/people/{id}/nhs-number", new { nhsNumber = Bodies.NewNhsNumber() }, "\"2\"")).Expect(HttpStatusCode.Conflict);
        attention = await (await hub.GetAsync("/api/attention?kind=NhsNumberTrace", Ct)).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(attention.GetProperty("items").EnumerateArray(), i => i.Str("personId") == id);
        // Now found by it.
        Assert.Equal(id, (await (await hub.GetAsync($"/api/people/by-nhs-number/{traced}", Ct)).Expect(HttpStatusCode.OK)).Str("id"));

        // Only the hub traces.
        var hospital = await app.ClientFor(Role.HospitalDischargeTeam);
        var other = second.GetProperty("person").Str("id");
        Assert.Equal(HttpStatusCode.Forbidden, (await hospital.PutJson($"/api/people/{other}/nhs-number", new { nhsNumber = Bodies.NewNhsNumber() }, "\"1\"")).StatusCode);
    }

    [Fact]
    public async Task A_FHIR_Patient_whose_NHS_number_is_not_known_says_so_in_UK_Core_both_ways()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        const string patient = """
            { "fullUrl": "urn:uuid:0b1e6c59-0c5f-4d5e-9a55-7c2f3b0d4a11",
              "resource": { "resourceType": "Patient",
                "extension": [ { "url": "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberUnavailableReason",
                  "valueCodeableConcept": { "coding": [ { "system": "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberUnavailableReason", "code": "nhs-number-not-known" } ] } } ],
                "name": [ { "use": "official", "family": "Testfield", "given": ["Edith"] } ], "gender": "female", "birthDate": "1938-04-12",
                "address": [ { "use": "home", "line": ["4 Orchard Way"], "city": "Northvale", "postalCode": "NV1 2AB" } ] },
              "request": { "method": "POST", "url": "Patient" } }
            """;
        var bundle = $$"""{ "resourceType": "Bundle", "type": "transaction", "entry": [ {{patient}}, {{Fhir.FhirBundles.Referral(route: "UrgentCommunityResponse")}} ] }""";
        var response = await hub.PostAsync("/fhir", new StringContent(bundle, Encoding.UTF8, "application/fhir+json"), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var sr = JsonDocument.Parse(text).RootElement.GetProperty("entry")[1].GetProperty("resource");
        var read = (Hl7.Fhir.Model.Patient)Homeward.Fhir.FhirFormat.Read(
            await (await hub.GetAsync($"/fhir/{sr.GetProperty("subject").Str("reference")}", Ct)).Content.ReadAsStringAsync(Ct), Homeward.Fhir.FhirFormatKind.Json);
        Assert.Empty(read.Identifier);
        Assert.Contains(read.Extension, e => e.Url == "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberUnavailableReason");
        Assert.Empty(UkCore.Errors(read, UkCore.Patient));

        // A Patient with neither the number nor the reason is refused by name.
        var bare = patient.Replace("\"extension\": [ { \"url\": \"https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberUnavailableReason\",", "\"extension\": [ { \"url\": \"https://example.org/other\",", StringComparison.Ordinal);
        var refused = await hub.PostAsync("/fhir", new StringContent($$"""{ "resourceType": "Bundle", "type": "transaction", "entry": [ {{bare}}, {{Fhir.FhirBundles.Referral(route: "UrgentCommunityResponse")}} ] }""",
            Encoding.UTF8, "application/fhir+json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("nhs-number-not-known", await refused.Content.ReadAsStringAsync(Ct));
        await using var db = app.Db();
        Assert.True(await db.People.AnyAsync(p => p.NhsNumber == null && p.NhsNumberVerification == "03", Ct));
    }
}
