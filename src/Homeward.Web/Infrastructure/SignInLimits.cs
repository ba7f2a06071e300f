using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Homeward.Web.Infrastructure;

/// <summary>
/// A limit on sign-in attempts (the page's form and the token endpoint): so many a minute from one address, then 429
/// with Retry-After. It slows password guessing across many accounts, which the per-account lockout does not.
/// Setting: <c>Security:SignInAttemptsPerMinute</c> (default 20).
/// And a limit on the API (REST and FHIR): so many requests a minute per signed-in user (per address before sign-in),
/// as a bucket that refills every ten seconds, so a burst is fine and a runaway client or a scraper is stopped with
/// 429 and Retry-After. Setting: <c>Security:ApiRequestsPerMinute</c> (default 600).
/// </summary>
public static class SignInLimits
{
    public const string Policy = "sign-in";

    public static IServiceCollection AddSignInLimits(this IServiceCollection services, IConfiguration config)
    {
        var perMinute = config.GetValue("Security:SignInAttemptsPerMinute", 20);
        var apiPerMinute = Math.Max(6, config.GetValue("Security:ApiRequestsPerMinute", 600));
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var path = http.Request.Path;
                if (!(path.StartsWithSegments("/api") || path.StartsWithSegments("/fhir")) || path.StartsWithSegments("/api/auth"))
                    return RateLimitPartition.GetNoLimiter("not the API");
                var who = http.User.Identity is { IsAuthenticated: true, Name: { } name } ? $"user:{name}" : $"address:{http.Connection.RemoteIpAddress}";
                return RateLimitPartition.GetTokenBucketLimiter(who, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = apiPerMinute, TokensPerPeriod = apiPerMinute / 6, ReplenishmentPeriod = TimeSpan.FromSeconds(10),
                    QueueLimit = 0, AutoReplenishment = true,
                });
            });
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var signIn = http.Request.Path.StartsWithSegments("/api/auth") || http.Request.Path.StartsWithSegments("/account");
                http.Response.Headers.RetryAfter = signIn ? "60" : "10";
                if (http.Request.Path.StartsWithSegments("/fhir"))
                    return; // the FHIR status page answers with an OperationOutcome
                if (http.Request.Path.StartsWithSegments("/api"))
                    await (signIn
                            ? Results.Problem(statusCode: 429, title: "Too many sign-in attempts", detail: "Wait a minute and try again.")
                            : Results.Problem(statusCode: 429, title: "Too many requests", detail: $"At most {apiPerMinute} requests a minute per user: wait a few seconds and try again."))
                        .ExecuteAsync(http);
                else
                    await http.Response.WriteAsync("Too many sign-in attempts from here: wait a minute and try again.", ct);
            };
            o.AddPolicy(Policy, http => http.Request.Method == HttpMethods.Post
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("reading"));
        });
    }
}
