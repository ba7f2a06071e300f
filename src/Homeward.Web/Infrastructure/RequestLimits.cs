using Homeward.Data;
using Homeward.Web.Auth;

namespace Homeward.Web.Infrastructure;

/// <summary>
/// Limits counted in the database, so that every web instance behind the load balancer counts against the same
/// allowance (see <see cref="RateCounter"/>):
/// <list type="bullet">
/// <item>sign-in attempts (the page's forms and the token endpoint, marked <see cref="SignInAttempts"/>): so many a
/// minute from one address, then 429 with Retry-After. It slows password guessing across many accounts, which the
/// per-account lockout does not. Setting: <c>Security:SignInAttemptsPerMinute</c> (default 20).</item>
/// <item>a bearer token that is not accepted (guessed, expired, revoked) counts as a sign-in attempt from its address:
/// guessing tokens is guessing passwords.</item>
/// <item>the API (REST and FHIR): so many requests a minute per signed-in user (per address before sign-in), so a
/// runaway client or a scraper is stopped with 429 and Retry-After. Setting: <c>Security:ApiRequestsPerMinute</c>
/// (default 600).</item>
/// </list>
/// The address is the client's as the proxy saw it (<see cref="Proxies"/>).
/// </summary>
public sealed class RequestLimits(RequestDelegate next, IConfiguration config)
{
    /// <summary>Marks an endpoint whose POSTs are sign-in attempts.</summary>
    public sealed class SignInAttempts;

    private readonly int _signInPerMinute = Math.Max(1, config.GetValue("Security:SignInAttemptsPerMinute", 20));
    private readonly int _apiPerMinute = Math.Max(6, config.GetValue("Security:ApiRequestsPerMinute", 600));

    public async Task InvokeAsync(HttpContext http, RateCounter counter)
    {
        var (key, limit, signIn) = Counted(http);
        if (key is null || await counter.Hit(key, http.RequestAborted) <= limit)
        {
            await next(http);
            return;
        }
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = signIn ? "60" : "10";
        var path = http.Request.Path;
        if (path.StartsWithSegments("/fhir"))
            return; // the FHIR status page answers with an OperationOutcome
        if (path.StartsWithSegments("/api"))
            await (signIn
                    ? Results.Problem(statusCode: 429, title: "Too many sign-in attempts", detail: "Too many sign-in attempts or tokens not accepted from here: wait a minute and try again.")
                    : Results.Problem(statusCode: 429, title: "Too many requests", detail: $"At most {_apiPerMinute} requests a minute per user: wait a few seconds and try again."))
                .ExecuteAsync(http);
        else
            await http.Response.WriteAsync("Too many sign-in attempts from here: wait a minute and try again.", http.RequestAborted);
    }

    /// <summary>What the request counts against (no key: nothing), the limit, and whether it is a sign-in attempt.</summary>
    private (string? Key, int Limit, bool SignIn) Counted(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "local";
        if (HttpMethods.IsPost(http.Request.Method) && http.GetEndpoint()?.Metadata.GetMetadata<SignInAttempts>() is not null)
            return ($"sign-in address:{address}", _signInPerMinute, true);
        if (ApiTokens.IsBearer(http.Request) && http.User.Identity is not { IsAuthenticated: true })
            return ($"sign-in address:{address}", _signInPerMinute, true);
        var path = http.Request.Path;
        if (!(path.StartsWithSegments("/api") || path.StartsWithSegments("/fhir")) || path.StartsWithSegments("/api/auth"))
            return (null, 0, false);
        var who = http.User.Identity is { IsAuthenticated: true, Name: { } name } ? $"user:{name}" : $"address:{address}";
        return ($"api {who}", _apiPerMinute, false);
    }
}

public static class RequestLimitsExtensions
{
    /// <summary>Counts the endpoint's POSTs as sign-in attempts.</summary>
    public static TBuilder LimitedAsSignIn<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestLimits.SignInAttempts());
}
