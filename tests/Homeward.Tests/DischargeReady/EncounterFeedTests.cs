using System.Net;
using System.Text;
using System.Text.Json;
using Homeward.Access;
using Homeward.Common;
using Homeward.Tests.Support;

namespace Homeward.Tests.DischargeReady;

/// <summary>
/// The trust's discharge-ready feed by FHIR: its inpatient Encounter, posted when the person's readiness changes, sets,
/// moves or withdraws the Discharge Ready Date of the open referral (and records the delay reason), each change on the
/// timeline with both dates; exactly as a line of the daily list, with the same refusals.
/// </summary>
public sealed class EncounterFeedTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static DateOnly Today => London.DateOf(DateTimeOffset.UtcNow);
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Stay(string nhs, string extensions, string @class = "IMP") => $$"""
        { "resourceType": "Encounter", "status": "in-progress",
          "meta": { "profile": ["https://fhir.hl7.org.uk/StructureDefinition/UKCore-Encounter"] },
          "identifier": [ { "system": "https://fhir.vale-general.example/Id/visit", "value": "V-{{nhs}}" } ],
          "class": { "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "{{@class}}" },
          "subject": { "identifier": { "system": "https://fhir.nhs.uk/Id/nhs-number", "value": "{{nhs}}" } },
          "period": { "start": "{{Day(Today.AddDays(-12))}}" },
          "extension": [ {{extensions}} ] }
        """;

    private static string Ready(DateOnly day) => $$"""{ "url": "https://homeward.example/fhir/StructureDefinition/discharge-ready-date", "valueDate": "{{Day(day)}}" }""";
    private const string Resides = """{ "url": "https://homeward.example/fhir/StructureDefinition/meets-criteria-to-reside", "valueBoolean": true }""";

    private static Task<HttpResponseMessage> Post(HttpClient client, string body) =>
        client.PostAsync("/fhir/Encounter", new StringContent(body, Encoding.UTF8, "application/fhir+json"), Ct);

    [Fact]
    public async Task The_trusts_encounter_sets_moves_and_withdraws_the_ready_date_with_its_delay_reason()
    {
        var hospital = await app.ClientFor(Role.HospitalDischargeTeam);
        var nhs = Bodies.NewNhsNumber();
        var body = Bodies.HospitalDischarge(nhs);
        body["admittedOn"] = Day(Today.AddDays(-12));
        body["dischargeReadyDate"] = Day(Today.AddDays(-1));
        var referral = await (await hospital.PostJson("/api/referrals", body)).Expect(HttpStatusCode.Created);
        var (referralId, episode) = (referral.Str("id"), referral.GetProperty("episode").Str("id"));

        // Ready two days ago, waiting for Pathway 1 care.
        var delay = """{ "url": "https://homeward.example/fhir/StructureDefinition/delay-reason", "valueCoding": { "system": "https://homeward.example/fhir/CodeSystem/delay-reason", "code": "Pathway1", "display": "Carer hours in the north" } }""";
        var moved = await Post(hospital, Stay(nhs, $"{Ready(Today.AddDays(-2))}, {delay}"));
        var said = await moved.Content.ReadAsStringAsync(Ct);
        Assert.True(moved.StatusCode == HttpStatusCode.OK, said);
        Assert.Contains($"changed from {Day(Today.AddDays(-1))} to {Day(Today.AddDays(-2))}", said);
        Assert.Contains("Main delay reason: Pathway 1", said);
        Assert.Equal(Day(Today.AddDays(-2)), (await (await hospital.GetAsync($"/api/referrals/{referralId}", Ct)).Expect(HttpStatusCode.OK)).Str("dischargeReadyDate"));
        var hub = await app.ClientFor(Role.HubCoordinator);
        var ledger = await (await hub.GetAsync($"/api/episodes/{episode}/delays", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal("Carer hours in the north", ledger.GetProperty("current").Str("detail"));
        var change = (await (await hub.GetAsync($"/api/episodes/{episode}/events", Ct)).Expect(HttpStatusCode.OK)).EnumerateArray()
            .Single(e => e.Str("type") == "ReferralChanged");
        Assert.Contains("Encounter (FHIR)", change.GetRawText(), StringComparison.Ordinal);

        // The same again changes nothing; meeting the criteria to reside withdraws the date.
        Assert.Contains("Unchanged", await (await Post(hospital, Stay(nhs, $"{Ready(Today.AddDays(-2))}, {delay}"))).Content.ReadAsStringAsync(Ct));
        Assert.Contains("withdrawn", await (await Post(hospital, Stay(nhs, Resides))).Content.ReadAsStringAsync(Ct));
        Assert.Equal(JsonValueKind.Null, (await (await hospital.GetAsync($"/api/referrals/{referralId}", Ct)).Expect(HttpStatusCode.OK)).GetProperty("dischargeReadyDate").ValueKind);
    }

    [Fact]
    public async Task An_update_that_says_nothing_clear_or_names_nobody_is_refused_and_changes_nothing()
    {
        var hospital = await app.ClientFor(Role.HospitalDischargeTeam);
        var nhs = Bodies.NewNhsNumber();
        var body = Bodies.HospitalDischarge(nhs);
        body["admittedOn"] = Day(Today.AddDays(-12));
        body["dischargeReadyDate"] = Day(Today.AddDays(-1));
        var referralId = (await (await hospital.PostJson("/api/referrals", body)).Expect(HttpStatusCode.Created)).Str("id");

        // Neither a date nor the criteria to reside: never read as a withdrawal. An outpatient stay, and an unknown delay reason, all at once.
        var vague = await Post(hospital, Stay(nhs, """{ "url": "https://homeward.example/fhir/StructureDefinition/delay-reason", "valueCoding": { "system": "https://homeward.example/fhir/CodeSystem/delay-reason", "code": "Weather" } }""", "AMB"));
        var text = await vague.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, vague.StatusCode);
        foreach (var words in new[] { "Encounter.class", "Homeward never guesses", "'Weather' is not a national delay reason" })
            Assert.Contains(words, text);
        // Both at once, and a ready date before the admission.
        Assert.Contains("one or the other", await (await Post(hospital, Stay(nhs, $"{Ready(Today)}, {Resides}"))).Content.ReadAsStringAsync(Ct));
        var early = await Post(hospital, Stay(nhs, Ready(Today.AddDays(-30))));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.Contains("Encounter.extension", await early.Content.ReadAsStringAsync(Ct));
        // Nobody with an open referral; and a provider may not send it.
        var nobody = await Post(hospital, Stay(Bodies.NewNhsNumber(), Ready(Today)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nobody.StatusCode);
        Assert.Contains("Nobody to update", await nobody.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(await app.ClientFor(Role.CareProvider), Stay(nhs, Ready(Today)))).StatusCode);

        Assert.Equal(Day(Today.AddDays(-1)), (await (await hospital.GetAsync($"/api/referrals/{referralId}", Ct)).Expect(HttpStatusCode.OK)).Str("dischargeReadyDate"));
    }
}
