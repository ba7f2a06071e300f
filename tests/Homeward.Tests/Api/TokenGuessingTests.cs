using System.Net;
using Homeward.Access;
using Homeward.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Homeward.Tests.Api;

/// <summary>Guessed bearer tokens count as sign-in attempts from their address: guessing tokens is guessing passwords.</summary>
public sealed class TokenGuessingTests(TokenGuessingTests.LimitedApp app) : IClassFixture<TokenGuessingTests.LimitedApp>
{
    /// <summary>The app with a low sign-in limit, so the test can reach it (its own database: its own counts).</summary>
    public sealed class LimitedApp : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Security:SignInAttemptsPerMinute", "6");
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tokens_that_are_not_accepted_are_limited_per_address_and_good_ones_are_not()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        using var guesser = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, i % 2 == 0 ? "/api/referrals" : "/fhir/Patient?identifier=9990000018");
            request.Headers.Authorization = new("Bearer", $"hw_guess-{i}");
            statuses.Add((await guesser.SendAsync(request, Ct)).StatusCode);
        }
        // Refused as unknown at first, then slowed down (together with the hub's own sign-in, at most 6 a minute).
        Assert.Equal(HttpStatusCode.Unauthorized, statuses[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        var first = statuses.IndexOf(HttpStatusCode.TooManyRequests);
        Assert.All(statuses.Skip(first), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.All(statuses.Take(first), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/referrals");
        again.Headers.Authorization = new("Bearer", "hw_guess-again");
        var limited = await guesser.SendAsync(again, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("60", limited.Headers.GetValues("Retry-After").Single());

        // A token that is accepted is not a guess: the hub carries on from the same address.
        Assert.Equal(HttpStatusCode.OK, (await hub.GetAsync("/api/referrals", Ct)).StatusCode);
        // A request with no token at all is not a guess either (it is refused as not signed in, not slowed down).
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/referrals", Ct)).StatusCode);
    }
}
