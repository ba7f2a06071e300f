using System.Security.Claims;
using Homeward.Access;

namespace Homeward.Web.Auth;

/// <summary>The claims Homeward puts on a signed-in principal, and the <see cref="Actor"/> built from them.</summary>
public static class HomewardClaims
{
    public const string Role = "homeward:role";
    public const string Organisation = "homeward:org";

    /// <summary>The user's claims acting in a profile: their own role and organisation unless another is named.</summary>
    public static IEnumerable<Claim> For(HomewardUser user, Access.Role? role = null, Guid? organisationId = null) =>
    [
        new(ClaimTypes.NameIdentifier, user.Id),
        new(ClaimTypes.Name, user.UserName ?? user.Id),
        new("name", user.DisplayName),
        new(Role, (role ?? user.Role).ToString()),
        new(Organisation, (organisationId ?? user.OrganisationId).ToString()),
    ];

    /// <summary>The same principal acting in another profile (role and organisation replaced; nothing else changed).</summary>
    public static ClaimsPrincipal ActingAs(ClaimsPrincipal principal, Access.Role role, Guid organisationId)
    {
        var identity = (ClaimsIdentity)principal.Identity!;
        foreach (var claim in identity.FindAll(c => c.Type is Role or Organisation).ToList())
            identity.RemoveClaim(claim);
        identity.AddClaim(new Claim(Role, role.ToString()));
        identity.AddClaim(new Claim(Organisation, organisationId.ToString()));
        return principal;
    }

    /// <summary>The actor of this request, from the authenticated principal only: nothing the client sends changes it.</summary>
    public static Actor Actor(this HttpContext http)
    {
        var user = http.User;
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier)
                 ?? throw new InvalidOperationException("The request is not authenticated.");
        return new Actor(
            id,
            user.FindFirstValue(ClaimTypes.Name) ?? id,
            Enum.Parse<Role>(user.FindFirstValue(Role)!),
            Guid.Parse(user.FindFirstValue(Organisation)!),
            http.TraceIdentifier);
    }
}
