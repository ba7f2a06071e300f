using System.Net;
using System.Text.Json;
using Homeward.Access;
using Homeward.Tests.Support;

namespace Homeward.Tests.Carers;

/// <summary>
/// Involving the unpaid carer: identified, asked whether willing and able, informed, offered a carer's assessment; each
/// step with when and by whom, refused with every problem named, and started afresh when a different carer is named.
/// </summary>
public sealed class CarerInvolvementTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Hub, string Url)> Referred()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var referral = await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
        return (hub, $"/api/episodes/{referral.GetProperty("episode").Str("id")}");
    }

    private static async Task<JsonElement> Step(HttpClient client, string url, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.PostJson($"{url}/carer", body)).Expect(expected);

    [Fact]
    public async Task Nothing_but_identifying_the_carer_comes_first_and_every_problem_is_named()
    {
        var (hub, url) = await Referred();
        var early = await Step(hub, url, new { step = "Asked", willingness = "Willing", ability = "Able" }, HttpStatusCode.BadRequest);
        Assert.Equal(["step"], early.ErrorFields());
        var unknown = await Step(hub, url, new { step = "Phoned" }, HttpStatusCode.BadRequest);
        Assert.Equal(["step"], unknown.ErrorFields());
        var bad = await Step(hub, url, new { step = "Identified", phone = "call me", email = "not an address", contactPreference = "Text" }, HttpStatusCode.BadRequest);
        Assert.Equal(["name", "relationship", "phone", "email", "contactPreference"], bad.ErrorFields());
        Assert.Equal(JsonValueKind.Null, (await CareRecords.Read(hub, url.Split('/')[^1])).GetProperty("carer").ValueKind);
    }

    [Fact]
    public async Task Each_step_is_kept_with_when_and_by_whom_and_the_carer_is_involved_once_asked_and_informed()
    {
        var (hub, url) = await Referred();
        var identified = await Step(hub, url, new { step = "Identified", name = "Sam Okafor", relationship = "Son", phone = "07700 900123", contactPreference = "Text" });
        var carer = identified.GetProperty("carer");
        Assert.Equal(("Sam Okafor", "Son", "Text", false), (carer.Str("name"), carer.Str("relationship"), carer.Str("contactPreference"), carer.GetProperty("involved").GetBoolean()));
        Assert.Equal("hub@demo.homeward", carer.Str("identifiedBy"));

        // Not willing or not able needs what they said; a carer's assessment wanted needs where the referral went.
        var unsaid = await Step(hub, url, new { step = "Asked", willingness = "WillingWithSupport", ability = "Sometimes" }, HttpStatusCode.BadRequest);
        Assert.Equal(["ability", "notes"], unsaid.ErrorFields());
        var nowhere = await Step(hub, url, new { step = "AssessmentOffered", offer = "Accepted" }, HttpStatusCode.BadRequest);
        Assert.Equal(["referredTo"], nowhere.ErrorFields());

        await Step(hub, url, new { step = "Asked", willingness = "WillingWithSupport", ability = "Able", notes = "Works days: can do evenings and weekends" });
        Assert.False((await CareRecords.Read(hub, url.Split('/')[^1])).GetProperty("carer").GetProperty("involved").GetBoolean());
        await Step(hub, url, new { step = "Informed", informationGiven = "The plan, the team's number, the carers' centre leaflet" });
        var offered = (await Step(hub, url, new { step = "AssessmentOffered", offer = "Accepted", referredTo = "Wessex Vale carers' team" })).GetProperty("carer");
        Assert.True(offered.GetProperty("involved").GetBoolean());
        Assert.Equal(("WillingWithSupport", "Able", "Accepted", "Wessex Vale carers' team"),
            (offered.Str("willingness"), offered.Str("ability"), offered.Str("assessmentOffer"), offered.Str("assessmentReferredTo")));
        foreach (var by in new[] { "askedBy", "informedBy", "offeredBy" })
            Assert.Equal("hub@demo.homeward", offered.Str(by));

        // The timeline says each step.
        var events = await (await hub.GetAsync($"{url}/events", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(4, events.EnumerateArray().Count(e => e.Str("type") == "CarerInvolved"));
    }

    [Fact]
    public async Task Naming_a_different_carer_starts_their_involvement_afresh_and_the_same_carer_keeps_it()
    {
        var (hub, url) = await Referred();
        await Step(hub, url, new { step = "Identified", name = "Sam Okafor", relationship = "Son" });
        await Step(hub, url, new { step = "Informed", informationGiven = "The plan" });
        var same = (await Step(hub, url, new { step = "Identified", name = "Sam Okafor", relationship = "Son", email = "sam@example.org", contactPreference = "Email" })).GetProperty("carer");
        Assert.Equal("The plan", same.Str("informationGiven"));
        Assert.Equal("sam@example.org", same.Str("email"));
        var other = (await Step(hub, url, new { step = "Identified", name = "Ada Okafor", relationship = "Daughter" })).GetProperty("carer");
        Assert.Equal(JsonValueKind.Null, other.GetProperty("informationGiven").ValueKind);
        Assert.Equal("Ada Okafor", other.Str("name"));
    }

    [Fact]
    public async Task A_provider_not_caring_for_the_person_cannot_record_their_carer()
    {
        var (_, url) = await Referred();
        var stranger = await app.ClientFor(Role.CareProvider);
        var refused = await stranger.PostJson($"{url}/carer", new { step = "Identified", name = "Sam Okafor", relationship = "Son" });
        Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, refused.StatusCode.ToString());
    }
}
