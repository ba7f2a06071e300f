using System.Net;
using Homeward.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Homeward.Tests.Api;

/// <summary>The API's limit of requests a minute per user.</summary>
public sealed class ApiLimitTests(ApiLimitTests.LimitedApp app) : IClassFixture<ApiLimitTests.LimitedApp>
{
    /// <summary>The app with a low API limit, so the test can reach it.</summary>
    public class LimitedApp : ApiFactory
    {
        public LimitedApp()
        {
        }

        private LimitedApp(string connectionString) : base(connectionString)
        {
        }

        /// <summary>Another instance on the same database, as behind a load balancer.</summary>
        public static LimitedApp Beside(LimitedApp other) => new(other.ConnectionString) { KeepDatabase = true };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Security:ApiRequestsPerMinute", "12");
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_user_making_too_many_API_requests_is_slowed_down_and_other_users_are_not()
    {
        var hub = await app.ClientFor(Homeward.Access.Role.HubCoordinator);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
            statuses.Add((await hub.GetAsync("/api/referrals", Ct)).StatusCode);
        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.Contains((HttpStatusCode)429, statuses);
        var refused = await hub.GetAsync("/api/referrals", Ct);
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.Contains("Too many requests", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var fhir = await hub.GetAsync("/fhir/Patient?identifier=9990000018", Ct);
        Assert.Equal((HttpStatusCode)429, fhir.StatusCode);
        Assert.Contains("OperationOutcome", await fhir.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // Another user has their own allowance; pages are not limited.
        var manager = await app.ClientFor(Homeward.Access.Role.Manager);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/referrals", Ct)).StatusCode);
        Assert.NotEqual((HttpStatusCode)429, (await hub.GetAsync("/account/login", Ct)).StatusCode);
    }

    [Fact]
    public async Task Two_instances_on_one_database_count_against_one_allowance()
    {
        // Behind a load balancer with no sticky sessions, requests alternate between instances: the allowance is the
        // user's, not each instance's.
        await using var other = LimitedApp.Beside(app);
        var here = await app.ClientFor(Homeward.Access.Role.RapidResponseClinician);
        var there = await other.ClientFor(Homeward.Access.Role.RapidResponseClinician);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await here.GetAsync("/api/referrals", Ct)).StatusCode);
            statuses.Add((await there.GetAsync("/api/referrals", Ct)).StatusCode);
        }

        // 16 requests against 12 a minute: each instance saw only 8, yet the last ones were refused.
        Assert.Equal(12, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.All(statuses.Skip(12), s => Assert.Equal((HttpStatusCode)429, s));
    }

}
