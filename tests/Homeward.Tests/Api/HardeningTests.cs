using System.Net;
using System.Net.Http.Json;
using Homeward.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Homeward.Tests.Api;

/// <summary>Security headers on every response, and a limit on sign-in attempts.</summary>
public sealed class HardeningTests(HardeningTests.LimitedApp app) : IClassFixture<HardeningTests.LimitedApp>
{
    /// <summary>The app with a low sign-in limit, so the test can reach it.</summary>
    public sealed class LimitedApp : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Security:SignInAttemptsPerMinute", "3");
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/api/referrals")]
    [InlineData("/fhir/metadata")]
    [InlineData("/no-such-page")]
    public async Task Every_response_carries_the_security_headers(string url)
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync(url, Ct);

        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_sign_in_attempts_from_one_place_are_slowed_down()
    {
        using var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await client.PostAsJsonAsync("/api/auth/tokens", new { userName = "hub@demo.homeward", password = "wrong" }, Ct)).StatusCode);

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(3));
        var limited = await client.PostAsJsonAsync("/api/auth/tokens", new { userName = "hub@demo.homeward", password = "wrong" }, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("60", limited.Headers.GetValues("Retry-After").Single());
        // Reading the sign-in page is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login", Ct)).StatusCode);
    }
}
