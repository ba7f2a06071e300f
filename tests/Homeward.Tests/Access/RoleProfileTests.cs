using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Homeward.Access;
using Homeward.Demo;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.Access;

/// <summary>
/// A user with several profiles (the demo's rapid response clinician also covers the hub) acts in one at a time: an API
/// token names the one it acts in, rights follow it, a profile the user does not hold is refused, and a token stops
/// working when its profile is taken away.
/// </summary>
public sealed class RoleProfileTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string User = "ucr@demo.homeward";

    private async Task<HttpResponseMessage> Token(object body) => await app.CreateClient().PostAsJsonAsync("/api/auth/tokens", body, Ct);

    private HttpClient With(string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task A_token_acts_in_the_profile_it_names_and_rights_follow_it()
    {
        var own = await (await Token(new { userName = User, password = DemoAccounts.Password })).Expect(HttpStatusCode.OK);
        Assert.Equal("RapidResponseClinician", own.Str("role"));
        var me = await (await With(own.Str("token")).GetAsync("/api/me", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(2, me.GetProperty("profiles").GetArrayLength());
        // Rapid response may not plan rotas; as the hub coordinator the same person may.
        Assert.Equal(HttpStatusCode.Forbidden, (await With(own.Str("token")).GetAsync("/api/rotas/teams", Ct)).StatusCode);

        var hub = await (await Token(new { userName = User, password = DemoAccounts.Password, role = "HubCoordinator" })).Expect(HttpStatusCode.OK);
        Assert.Equal("HubCoordinator", hub.Str("role"));
        var asHub = await (await With(hub.Str("token")).GetAsync("/api/me", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal("HubCoordinator", asHub.Str("role"));
        Assert.Equal("Wessex Vale Council (adult social care)", asHub.Str("organisationName"));
        await (await With(hub.Str("token")).GetAsync("/api/rotas/teams", Ct)).Expect(HttpStatusCode.OK);

        // Named by organisation too (ODS code), and audited as the profile acted in.
        var byOds = await (await Token(new { userName = User, password = DemoAccounts.Password, role = "HubCoordinator", organisation = "zwv" })).Expect(HttpStatusCode.OK);
        Assert.Equal("HubCoordinator", byOds.Str("role"));
    }

    [Fact]
    public async Task A_profile_the_user_does_not_hold_is_refused_and_says_which_they_do()
    {
        var manager = await (await Token(new { userName = User, password = DemoAccounts.Password, role = "Manager" })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["role"], manager.ErrorFields());
        Assert.Contains("HubCoordinator at ZWV", manager.GetProperty("errors").GetProperty("role")[0].GetString(), StringComparison.Ordinal);
        var elsewhere = await (await Token(new { userName = User, password = DemoAccounts.Password, role = "HubCoordinator", organisation = "ZP1" })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["role"], elsewhere.ErrorFields());
        var unknown = await (await Token(new { userName = User, password = DemoAccounts.Password, role = "Wizard", organisation = "ZWV" })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["role"], unknown.ErrorFields());
        // A wrong password says nothing about the profiles.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Token(new { userName = User, password = "wrong-password", role = "HubCoordinator" })).StatusCode);
    }

    [Fact]
    public async Task A_token_stops_working_when_its_profile_is_taken_away()
    {
        await using var db = app.Db();
        var user = await db.Users.SingleAsync(u => u.UserName == "hub@demo.homeward", Ct);
        var provider = await db.Organisations.Where(o => o.OdsCode == "ZP1").Select(o => o.Id).SingleAsync(Ct);
        db.RoleProfiles.Add(new RoleProfile { UserId = user.Id, Role = Role.CareProvider, OrganisationId = provider });
        await db.SaveChangesAsync(Ct);

        var token = (await (await Token(new { userName = "hub@demo.homeward", password = DemoAccounts.Password, role = "CareProvider" })).Expect(HttpStatusCode.OK)).Str("token");
        var me = await (await With(token).GetAsync("/api/me", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal("CareProvider", me.Str("role"));

        await db.RoleProfiles.Where(p => p.UserId == user.Id && p.Role == Role.CareProvider).ExecuteDeleteAsync(Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, (await With(token).GetAsync("/api/me", Ct)).StatusCode);
    }
}
