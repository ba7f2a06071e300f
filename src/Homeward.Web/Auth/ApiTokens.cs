using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Homeward.Access;
using Homeward.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Homeward.Web.Auth;

/// <summary>Personal access tokens: <c>Authorization: Bearer hw_…</c>. Only a SHA-256 hash is stored.</summary>
public static class ApiTokens
{
    public const string Scheme = "ApiToken";
    private const string Prefix = "hw_";

    public static (string Token, string Hash) NewToken()
    {
        var token = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, HashOf(token));
    }

    public static string HashOf(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool IsBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
}

public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    HomewardDb db, RoleProfiles profiles, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        if (token.Length is 0 or > 200)
            return AuthenticateResult.Fail("The token is malformed.");

        var hash = ApiTokens.HashOf(token);
        var now = clock.GetUtcNow();
        var found = await (from t in db.ApiTokens.AsNoTracking()
                           join u in db.Users.AsNoTracking() on t.UserId equals u.Id
                           where t.Hash == hash && t.RevokedAt == null && t.ExpiresAt > now
                           select new { User = u, t.Role, t.OrganisationId }).SingleOrDefaultAsync(Context.RequestAborted);
        // A lockout (wrong passwords, from anyone) stops interactive sign-in only: it must not switch off a user's tokens.
        if (found is null || !found.User.Active)
            return AuthenticateResult.Fail("The token is unknown, expired or revoked.");
        // A token made for another of the user's profiles works only while the user still holds that profile.
        if (found.Role is { } role && found.OrganisationId is { } organisation
            && !await profiles.Holds(found.User.Id, role, organisation, Context.RequestAborted))
            return AuthenticateResult.Fail("The token's role is no longer held.");

        var identity = new ClaimsIdentity(HomewardClaims.For(found.User, found.Role, found.OrganisationId), ApiTokens.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiTokens.Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}

/// <summary>Adds Homeward's role and organisation claims to cookie sign-ins.</summary>
public sealed class HomewardClaimsFactory(
    Microsoft.AspNetCore.Identity.UserManager<HomewardUser> users,
    IOptions<Microsoft.AspNetCore.Identity.IdentityOptions> options)
    : Microsoft.AspNetCore.Identity.UserClaimsPrincipalFactory<HomewardUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(HomewardUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaims(HomewardClaims.For(user).Where(c => c.Type is HomewardClaims.Role or HomewardClaims.Organisation or "name"));
        return identity;
    }
}
