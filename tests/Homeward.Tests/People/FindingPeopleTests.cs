using System.Net;
using Homeward.Access;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.People;

/// <summary>
/// Finding and reaching people: search by name, NHS number, date of birth or postcode within the user's access; their
/// own numbers and contact preference; and referrals for someone already held that never drop a difference without a word.
/// </summary>
public sealed class FindingPeopleTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, object?> Referral(string nhs, string given, string family, string dob, string postcode)
    {
        var body = Bodies.HospitalDischarge(nhs);
        var person = (Dictionary<string, object?>)body["person"]!;
        (person["givenName"], person["familyName"], person["dateOfBirth"], person["postcode"]) = (given, family, dob, postcode);
        person["contact"] = new { phone = "01632 960 123", mobilePhone = "+44 7700 900456", preference = "Text", notes = "Hard of hearing: text first" };
        return body;
    }

    [Fact]
    public async Task People_are_found_by_name_NHS_number_date_of_birth_or_postcode_and_only_within_access()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var nhs = Bodies.NewNhsNumber();
        var family = "Quibble" + Guid.NewGuid().ToString("N")[..6];
        var referral = await (await hub.PostJson("/api/referrals", Referral(nhs, "Winifred", family, "1938-02-14", "NV7 3XY"))).Expect(HttpStatusCode.Created);
        var id = referral.GetProperty("person").Str("id");

        async Task<List<string>> Find(string query) =>
            [.. (await (await hub.GetAsync("/api/people?" + query, Ct)).Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Select(p => p.Str("id"))];
        Assert.Contains(id, await Find($"text={Uri.EscapeDataString("win " + family[..7].ToLowerInvariant())}"));
        Assert.Contains(id, await Find($"text={nhs[..3]}%20{nhs[3..6]}%20{nhs[6..]}"));
        Assert.Contains(id, await Find($"text={Uri.EscapeDataString(family + " 14/2/1938")}"));
        Assert.Contains(id, await Find($"text={Uri.EscapeDataString(family + " NV7")}"));
        Assert.Contains(id, await Find($"name={family}&postcode=nv73xy&dateOfBirth=1938-02-14"));
        Assert.DoesNotContain(id, await Find($"text={Uri.EscapeDataString(family + " 15/2/1938")}"));

        var hit = (await (await hub.GetAsync($"/api/people?nhsNumber={nhs}", Ct)).Expect(HttpStatusCode.OK)).GetProperty("items")[0];
        Assert.Equal(1, hit.GetProperty("openEpisodes").GetInt32());

        var bad = await (await hub.GetAsync("/api/people?dateOfBirth=31/31/1938&postcode=!!&nhsNumber=123", Ct)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["dateOfBirth", "nhsNumber", "postcode"], bad.ErrorFields().Order());
        var empty = await (await hub.GetAsync("/api/people", Ct)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["text"], empty.ErrorFields());

        // Another hospital's discharge team did not refer them: they are not found there; a privacy officer finds nobody at all.
        var hospital = await app.ClientFor(Role.HospitalDischargeTeam);
        await using (var db = app.Db())
        {
            var other = await db.Organisations.Where(o => o.OdsCode == "ZKM").Select(o => o.Id).SingleAsync(Ct);
            await db.Referrals.Where(r => r.Id == Guid.Parse(referral.Str("id"))).ExecuteUpdateAsync(u => u.SetProperty(r => r.SubmittedByOrganisationId, other), Ct);
        }
        var asHospital = await (await hospital.GetAsync($"/api/people?nhsNumber={nhs}", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(0, asHospital.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor(Role.PrivacyOfficer)).GetAsync($"/api/people?nhsNumber={nhs}", Ct)).StatusCode);
        await using (var db = app.Db())
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "person.search" && a.People.Any(p => p.PersonId == Guid.Parse(id)), Ct));
    }

    [Fact]
    public async Task Contact_details_are_kept_in_a_normal_form_and_wrong_ones_are_all_said()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var made = await (await hub.PostJson("/api/referrals", Referral(Bodies.NewNhsNumber(), "Ada", "Reach", "1940-01-01", "NV1 2AB"))).Expect(HttpStatusCode.Created);
        var person = await (await hub.GetAsync($"/api/people/{made.GetProperty("person").Str("id")}", Ct)).Expect(HttpStatusCode.OK);
        var contact = person.GetProperty("contact");
        Assert.Equal(("01632 960123", "07700 900456", "Text"), (contact.Str("phone"), contact.Str("mobilePhone"), contact.Str("preference")));

        var body = Bodies.HospitalDischarge();
        ((Dictionary<string, object?>)body["person"]!)["contact"] = new { phone = "12345", mobilePhone = "call me", email = "not-an-address", preference = "Pigeon" };
        var bad = await (await hub.PostJson("/api/referrals", body)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["person.contact.email", "person.contact.mobilePhone", "person.contact.phone", "person.contact.preference"], bad.ErrorFields().Order());
        ((Dictionary<string, object?>)body["person"]!)["contact"] = new { preference = "Text" };
        var noMobile = await (await hub.PostJson("/api/referrals", body)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["person.contact.preference"], noMobile.ErrorFields());
    }

    [Fact]
    public async Task A_referral_for_someone_held_says_what_differs_and_that_they_already_have_an_open_referral()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var nhs = Bodies.NewNhsNumber();
        var first = await (await hub.PostJson("/api/referrals", Referral(nhs, "Edna", "Marsh", "1939-05-06", "NV1 2AB"))).Expect(HttpStatusCode.Created);

        var changed = Referral(nhs, "Edna", "Marsh-Hill", "1939-05-06", "NV2 4AB");
        var refused = await (await hub.PostJson("/api/referrals", changed)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["duplicateConfirmed", "person.familyName", "person.postcode", "personDetails"], refused.ErrorFields().Order());
        Assert.Contains("Marsh", refused.GetProperty("errors").GetProperty("person.familyName")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains($"/episodes/{first.GetProperty("episode").Str("id")}", refused.GetProperty("errors").GetProperty("duplicateConfirmed")[0].GetString(), StringComparison.Ordinal);

        changed["personDetails"] = "Update";
        changed["duplicateConfirmed"] = true;
        var second = await (await hub.PostJson("/api/referrals", changed)).Expect(HttpStatusCode.Created);
        var person = await (await hub.GetAsync($"/api/people/{second.GetProperty("person").Str("id")}", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(("Marsh-Hill", "NV2 4AB", 2), (person.Str("familyName"), person.Str("postcode"), person.GetProperty("version").GetInt32()));

        // Someone outside the person's relationship learns only that something differs: not the held values, nor the open referral.
        var hospital = await app.ClientFor(Role.HospitalDischargeTeam);
        await using (var db = app.Db())
        {
            var other = await db.Organisations.Where(o => o.OdsCode == "ZKM").Select(o => o.Id).SingleAsync(Ct);
            await db.Referrals.Where(r => r.PersonId == Guid.Parse(person.Str("id"))).ExecuteUpdateAsync(u => u.SetProperty(r => r.SubmittedByOrganisationId, other), Ct);
        }
        var outside = await (await hospital.PostJson("/api/referrals", Referral(nhs, "Edna", "Marsh", "1939-05-06", "NV1 2AB"))).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["person.familyName", "person.postcode", "personDetails"], outside.ErrorFields().Order());
        Assert.DoesNotContain("Marsh-Hill", outside.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("NV2", outside.GetRawText(), StringComparison.Ordinal);
        var kept = Referral(nhs, "Edna", "Marsh", "1939-05-06", "NV1 2AB");
        kept["personDetails"] = "KeepHeld";
        await (await hospital.PostJson("/api/referrals", kept)).Expect(HttpStatusCode.Created);
        await using (var db = app.Db())
            Assert.Equal("Marsh-Hill", await db.People.Where(p => p.Id == Guid.Parse(person.Str("id"))).Select(p => p.FamilyName).SingleAsync(Ct));
    }
}
