using System.Net;
using Homeward.Tests.Support;
using Homeward.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Tests.Api;

/// <summary>
/// A production start, as a partnership's would be: no demo unless told, nothing fetched from outside, and behind a
/// TLS-terminating proxy the forwarded scheme and host honoured (Secure cookies, HSTS, the right Locations).
/// Served by Kestrel on a loopback port, so the forwarded headers come through a real connection.
/// </summary>
public sealed class SafeDefaultsTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly string _connection = TestDatabase.Fresh();
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _app = HomewardApp.Build([
            "--urls=http://127.0.0.1:0",
            $"--contentRoot={Path.Combine(Repository.Root, "src", "Homeward.Web")}",
            "--environment=Production",
            $"--Database:Provider={TestDatabase.Provider}",
            $"--ConnectionStrings:Homeward={_connection}",
            "--Database:AllowUnsafeDurability=true",
            "--Network:BehindProxy=true",
            "--Audit:SealEverySeconds=0",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _app.StartAsync(Ct);
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(_app.Urls.First()) };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        // Stopped first, as the host would be: the job engine's threads end with it.
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private Task<HttpResponseMessage> Get(string path, bool proxied)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (proxied)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-Host", "homeward.hartmoor.example");
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        }
        return _http.SendAsync(request, Ct);
    }

    [Fact]
    public async Task A_production_start_makes_no_demo_and_lists_no_demo_sign_ins()
    {
        await using var db = _app.Services.CreateScope().ServiceProvider.GetRequiredService<Homeward.Data.HomewardDb>();
        Assert.Equal(0, await db.Users.CountAsync(Ct));
        Assert.Equal(0, await db.Organisations.CountAsync(Ct));
        var login = await (await Get("/account/login", proxied: false)).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("demo.homeward", login, StringComparison.Ordinal);
        Assert.DoesNotContain(Homeward.Demo.DemoAccounts.Password, login, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_on_a_page_is_fetched_from_outside_by_default()
    {
        var response = await Get("/account/login", proxied: false);
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("/lib/nhsuk/nhsuk-frontend.local.css", page, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", string.Join(" ", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        var css = await (await Get("/lib/nhsuk/nhsuk-frontend.local.css", proxied: false)).Content.ReadAsStringAsync(Ct);
        Assert.True(css.Length > 50_000, "the whole stylesheet, less its fonts");
        Assert.DoesNotContain("assets.nhs.uk", css, StringComparison.Ordinal);
        Assert.DoesNotContain("@font-face", css, StringComparison.Ordinal);
        Assert.Matches("(?s)<link[^>]+href=\"/", page);
        Assert.DoesNotMatch("(src|href)=\"https?://", page);
    }

    [Fact]
    public async Task Behind_a_TLS_proxy_links_cookies_and_HSTS_follow_the_forwarded_scheme_and_host()
    {
        var redirected = await Get("/board", proxied: true);
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.StartsWith("https://homeward.hartmoor.example/account/login", redirected.Headers.Location!.ToString(), StringComparison.Ordinal);

        var login = await Get("/account/login", proxied: true);
        Assert.True(login.Headers.Contains("Strict-Transport-Security"));
        Assert.All(login.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));

        var direct = await Get("/account/login", proxied: false);
        Assert.False(direct.Headers.Contains("Strict-Transport-Security"), "HSTS only over https");
    }
}
