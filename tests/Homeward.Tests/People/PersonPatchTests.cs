using System.Net;
using System.Text.Json;
using Homeward.Access;
using Homeward.Tests.Support;

namespace Homeward.Tests.People;

/// <summary>
/// <c>PATCH /api/people/{id}</c> is a JSON Merge Patch: what is sent replaces, null clears, what is not sent is kept;
/// the result is checked whole, and every value of the wrong type is named at once.
/// </summary>
public sealed class PersonPatchTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Hub, string Url, JsonElement Person)> APerson()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var body = Bodies.HospitalDischarge();
        var person = (Dictionary<string, object?>)body["person"]!;
        person["addressLine2"] = "Flat 2";
        person["ethnicity"] = "WhiteIrish";
        person["unpaidCarer"] = new { name = "Bea Testperson", relationship = "Daughter", phone = "01632 960001", hasOwnNeeds = false };
        person["contact"] = new { phone = "01632 960002", preference = "Phone", language = "Welsh", interpreterNeeded = false, accessToHome = "Key safe", keySafeCode = "1234" };
        var referral = await (await hub.PostJson("/api/referrals", body)).Expect(HttpStatusCode.Created);
        var url = $"/api/people/{referral.GetProperty("person").Str("id")}";
        return (hub, url, await (await hub.GetAsync(url, Ct)).Expect(HttpStatusCode.OK));
    }

    private static string Version(JsonElement person) => $"\"{person.GetProperty("version").GetInt32()}\"";

    [Fact]
    public async Task A_partial_change_keeps_every_field_it_did_not_send()
    {
        var (hub, url, before) = await APerson();

        var after = await (await hub.PatchJson(url, new { contact = new { mobilePhone = "07700 900123" } }, Version(before))).Expect(HttpStatusCode.OK);

        Assert.Equal("07700 900123", after.GetProperty("contact").Str("mobilePhone"));
        foreach (var field in new[] { "givenName", "familyName", "dateOfBirth", "gender", "addressLine1", "addressLine2", "town", "postcode", "gpPracticeCode", "usualResidence", "consent", "ethnicity" })
            Assert.Equal(before.GetProperty(field).ToString(), after.GetProperty(field).ToString());
        foreach (var field in new[] { "phone", "preference", "language", "accessToHome", "keySafeCode" })
            Assert.Equal(before.GetProperty("contact").GetProperty(field).ToString(), after.GetProperty("contact").GetProperty(field).ToString());
        Assert.Equal(before.GetProperty("unpaidCarer").ToString(), after.GetProperty("unpaidCarer").ToString());
        Assert.Equal(before.GetProperty("version").GetInt32() + 1, after.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_patch_that_changes_nothing_makes_no_new_version_but_still_needs_the_current_one()
    {
        var (hub, url, before) = await APerson();

        var same = await (await hub.PatchJson(url, new { givenName = before.Str("givenName") }, Version(before))).Expect(HttpStatusCode.OK);
        Assert.Equal(before.GetProperty("version").GetInt32(), same.GetProperty("version").GetInt32());
        await (await hub.PatchJson(url, new { }, "\"999\"")).Expect(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Null_clears_an_optional_field_and_a_required_one_is_refused_with_nothing_changed()
    {
        var (hub, url, before) = await APerson();

        var cleared = await (await hub.PatchJson(url, new Dictionary<string, object?> { ["addressLine2"] = null, ["unpaidCarer"] = null }, Version(before))).Expect(HttpStatusCode.OK);
        Assert.True(cleared.GetProperty("addressLine2").ValueKind == JsonValueKind.Null);
        Assert.True(cleared.GetProperty("unpaidCarer").ValueKind == JsonValueKind.Null);

        var refused = await (await hub.PatchJson(url, new Dictionary<string, object?> { ["givenName"] = null, ["town"] = "Elsewhere" }, Version(cleared))).Expect(HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("givenName", out _));
        var now = await (await hub.GetAsync(url, Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(cleared.Str("town"), now.Str("town"));
        Assert.Equal(cleared.GetProperty("version").GetInt32(), now.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Every_value_of_the_wrong_type_is_named_at_once()
    {
        var (hub, url, before) = await APerson();

        var refused = await (await hub.PatchJson(url, new { givenName = 5, contact = new { interpreterNeeded = "maybe" } }, Version(before))).Expect(HttpStatusCode.BadRequest);

        var errors = refused.GetProperty("errors");
        Assert.True(errors.TryGetProperty("givenName", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("contact.interpreterNeeded", out _), errors.ToString());
        // Not an object at all.
        await (await hub.PatchJson(url, new[] { 1, 2 }, Version(before))).Expect(HttpStatusCode.BadRequest);
    }
}
