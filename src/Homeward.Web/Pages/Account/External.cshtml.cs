using Homeward.Access;
using Homeward.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Account;

/// <summary>
/// Back from the identity provider: the identity it vouched for is matched to a Homeward account (user name or email,
/// by the configured claim); a match is signed in as that account, anyone else is told they have no account here.
/// </summary>
[AllowAnonymous]
public sealed class ExternalModel(SignInManager<HomewardUser> signIn, RoleProfiles profiles, IConfiguration config, TimeProvider clock, ILogger<ExternalModel> log) : PageModel
{
    [FromQuery] public string? ReturnUrl { get; set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var settings = ExternalSignIn.From(config);
        if (settings is null)
            return NotFound();
        var result = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!result.Succeeded || result.Principal is not { } principal)
            return Refuse($"Signing in with {settings.DisplayName} did not complete. Try again, or sign in with your Homeward user name.");

        var identity = principal.FindFirst(settings.UserClaim)?.Value ?? principal.FindFirst("preferred_username")?.Value;
        var user = string.IsNullOrWhiteSpace(identity) ? null
            : await signIn.UserManager.FindByNameAsync(identity) ?? await signIn.UserManager.FindByEmailAsync(identity);
        if (user is null)
        {
            log.LogWarning("External sign-in refused: no Homeward account for {Identity}", identity);
            return Refuse($"There is no Homeward account for {identity ?? "that identity"}. Ask your Homeward administrator to set one up with your role.");
        }
        if (!user.Active)
            return Refuse("This Homeward account has been deactivated. Ask your Homeward administrator.");
        if (await signIn.UserManager.IsLockedOutAsync(user))
            return Refuse("This account is locked. Try again later, or ask your Homeward administrator.");

        user.LastSignInAt = clock.GetUtcNow();
        await signIn.UserManager.UpdateAsync(user);
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: ExternalSignIn.Scheme);
        var back = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
        return (await profiles.Of(user.Id, ct)).Count > 1
            ? LocalRedirect("/account/profile?returnUrl=" + Uri.EscapeDataString(back))
            : LocalRedirect(back);
    }

    private PageResult Refuse(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
