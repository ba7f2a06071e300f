using System.Security.Claims;
using Homeward.Access;
using Homeward.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Homeward.Web.Auth;

/// <summary>
/// A sign-in cookie is honoured only while its account is active and its security stamp is the account's current one:
/// checked on every request (one small query), so signing out (which gives the account a new stamp), deactivation, a
/// password reset or a change of role ends the session on the server at once, whoever holds a copy of the cookie.
/// </summary>
public static class Sessions
{
    public static async Task Validate(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        var principal = context.Principal;
        var stampType = http.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var userId = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = principal?.FindFirstValue(stampType);
        var db = http.RequestServices.GetRequiredService<HomewardDb>();
        var current = userId is null ? null
            : await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Active, u.SecurityStamp }).SingleOrDefaultAsync(http.RequestAborted);
        if (current is null || !current.Active || stamp is null || stamp != current.SecurityStamp)
        {
            context.RejectPrincipal();
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>Ends the user's sessions everywhere (a new security stamp), then this browser's cookie.</summary>
    public static async Task SignOut(SignInManager<HomewardUser> signIn, ClaimsPrincipal principal)
    {
        if (await signIn.UserManager.GetUserAsync(principal) is { } user)
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
    }
}
