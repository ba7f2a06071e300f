using System.Security.Claims;
using Homeward.Access;

namespace Homeward.Web.Auth;

/// <summary>The claims Homeward puts on a signed-in principal, and the <see cref="Actor"/> built from them.</summary>
public static class HomewardClaims
{
    public const string Role = "homeward:role";
    public const string Organisation = "homeward:org";

    public static IEnumerable<Claim> For(HomewardUser user) =>
    [
        new(ClaimTypes.NameIdentifier, user.Id),
        new(ClaimTypes.Name, user.UserName ?? user.Id),
        new("name", user.DisplayName),
        new(Role, user.Role.ToString()),
        new(Organisation, user.OrganisationId.ToString()),
    ];

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
