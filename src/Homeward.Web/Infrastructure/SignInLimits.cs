using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Homeward.Web.Infrastructure;

/// <summary>
/// A limit on sign-in attempts (the page's form and the token endpoint): so many a minute from one address, then 429
/// with Retry-After. It slows password guessing across many accounts, which the per-account lockout does not.
/// Setting: <c>Security:SignInAttemptsPerMinute</c> (default 20).
/// </summary>
public static class SignInLimits
{
    public const string Policy = "sign-in";

    public static IServiceCollection AddSignInLimits(this IServiceCollection services, IConfiguration config)
    {
        var perMinute = config.GetValue("Security:SignInAttemptsPerMinute", 20);
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                if (context.HttpContext.Request.Path.StartsWithSegments("/api"))
                    await Results.Problem(statusCode: 429, title: "Too many sign-in attempts", detail: "Wait a minute and try again.")
                        .ExecuteAsync(context.HttpContext);
                else
                    await context.HttpContext.Response.WriteAsync("Too many sign-in attempts from here: wait a minute and try again.", ct);
            };
            o.AddPolicy(Policy, http => http.Request.Method == HttpMethods.Post
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("reading"));
        });
    }
}
