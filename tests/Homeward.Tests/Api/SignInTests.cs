using System.Net;
using System.Text.RegularExpressions;
using Homeward.Demo;
using Homeward.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Homeward.Tests.Api;

public sealed partial class SignInTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<HttpResponseMessage> SignIn(HttpClient browser, string userName, string password)
    {
        var form = await (await browser.GetAsync("/account/login", Ct)).Content.ReadAsStringAsync(Ct);
        var token = AntiforgeryField().Match(form);
        Assert.True(token.Success, "The sign-in form has no anti-forgery token.");
        return await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups["name"].Value] = WebUtility.HtmlDecode(token.Groups["value"].Value),
            ["userName"] = userName,
            ["password"] = password,
            ["returnUrl"] = "/",
        }), Ct);
    }

    [Fact]
    public async Task A_person_signs_in_with_the_form_and_sees_their_role()
    {
        var browser = Browser();
        var home = await browser.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/account/login", home.Headers.Location?.PathAndQuery);

        var signedIn = await SignIn(browser, "hub@demo.homeward", DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var page = await (await browser.GetAsync("/board", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Hub coordinator, Wessex Vale Council", page);

        // The cookie works for the API too.
        var me = await (await browser.GetAsync("/api/me", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal("HubCoordinator", me.Str("role"));
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_and_signs_nobody_in()
    {
        var browser = Browser();
        var response = await SignIn(browser, "manager@demo.homeward", "not the password");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("wrong", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_form_post_without_the_anti_forgery_token_is_refused()
    {
        var response = await Browser().PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "hub@demo.homeward",
            ["password"] = DemoAccounts.Password,
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_missing_record_is_a_page_for_people_and_ProblemDetails_for_the_API()
    {
        var browser = Browser();
        await SignIn(browser, "hub@demo.homeward", DemoAccounts.Password);
        var page = await browser.GetAsync($"/episodes/{Guid.NewGuid()}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Not found", html);
        Assert.DoesNotContain("   at ", html);

        var api = await browser.GetAsync($"/api/episodes/{Guid.NewGuid()}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex("<input name=\"(?<name>__RequestVerificationToken)\" type=\"hidden\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
