using System.Net;
using System.Text.RegularExpressions;
using Homeward.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Homeward.Tests.Access;

/// <summary>
/// Sign-in through an OpenID Connect identity provider (a real one on a port, speaking the protocol): an identity with a
/// Homeward account is signed in as that account; one without is refused and not signed in; a user with several roles is
/// asked which to act in; without configuration there is no such button.
/// </summary>
public sealed partial class ExternalSignInTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private FakeIdentityProvider _idp = null!;
    private Factory _app = null!;

    private sealed class Factory(FakeIdentityProvider idp) : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Authentication:OpenIdConnect:Authority", idp.Authority);
            builder.UseSetting("Authentication:OpenIdConnect:ClientId", idp.ClientId);
            builder.UseSetting("Authentication:OpenIdConnect:ClientSecret", idp.ClientSecret);
            builder.UseSetting("Authentication:OpenIdConnect:RequireHttpsMetadata", "false");
            builder.UseSetting("Authentication:OpenIdConnect:DisplayName", "Wessex Vale sign-in");
        }
    }

    public async ValueTask InitializeAsync()
    {
        _idp = await FakeIdentityProvider.Start();
        _app = new Factory(_idp);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _idp.DisposeAsync();
    }

    /// <summary>Signs in at the provider as <paramref name="email"/> and follows the protocol back; returns the browser and Homeward's last answer.</summary>
    private async Task<(HttpClient Browser, HttpResponseMessage Answer)> SignIn(string email)
    {
        _idp.SignedInAs = email;
        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
        var login = await browser.GetStringAsync("/account/login?returnUrl=%2Fboard", Ct);
        Assert.Contains("Sign in with Wessex Vale sign-in", login, StringComparison.Ordinal);
        var antiForgery = AntiForgery().Match(login).Groups[1].Value;
        var challenge = await browser.PostAsync("/account/login?handler=External", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiForgery, ["returnUrl"] = "/board",
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith($"{_idp.Authority}/authorize", challenge.Headers.Location!.ToString(), StringComparison.Ordinal);

        // At the provider, which posts the code back to Homeward (form_post).
        using var elsewhere = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var page = await (await elsewhere.GetAsync(challenge.Headers.Location, Ct)).Content.ReadAsStringAsync(Ct);
        var action = new Uri(FormAction().Match(page).Groups[1].Value);
        var fields = HiddenField().Matches(page).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        var callback = await browser.PostAsync(action.PathAndQuery, new FormUrlEncodedContent(fields), Ct);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.StartsWith("/account/external", callback.Headers.Location!.ToString(), StringComparison.Ordinal);
        return (browser, await browser.GetAsync(callback.Headers.Location, Ct));
    }

    [Fact]
    public async Task An_identity_with_a_homeward_account_is_signed_in_as_that_account()
    {
        var (browser, answer) = await SignIn("hub@demo.homeward");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/board", answer.Headers.Location!.ToString());
        var board = await browser.GetAsync("/board", Ct);
        Assert.Equal(HttpStatusCode.OK, board.StatusCode);
        Assert.Contains("Harper Hale", await board.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_identity_without_an_account_is_refused_and_not_signed_in()
    {
        var (browser, answer) = await SignIn("stranger@elsewhere.example");
        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains("There is no Homeward account for stranger@elsewhere.example", await answer.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var board = await browser.GetAsync("/board", Ct);
        Assert.Equal(HttpStatusCode.Redirect, board.StatusCode);
        Assert.Contains("/account/login", board.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_with_several_roles_is_asked_which_to_act_in()
    {
        var (_, answer) = await SignIn("ucr@demo.homeward");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.StartsWith("/account/profile", answer.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_configuration_there_is_no_provider_to_sign_in_with()
    {
        await using var plain = new ApiFactory();
        var login = await plain.CreateClient().GetStringAsync("/account/login", Ct);
        Assert.DoesNotContain("Sign in with", login, StringComparison.Ordinal);
    }

    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="__RequestVerificationToken" """)]
    private static partial Regex AntiForgery();

    [GeneratedRegex("""<form method="post" action="([^"]+)">""")]
    private static partial Regex FormAction();

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]*)">""")]
    private static partial Regex HiddenField();
}
