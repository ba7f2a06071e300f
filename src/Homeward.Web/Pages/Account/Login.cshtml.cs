using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Homeward.Access;
using Homeward.Web.TagHelpers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Account;

[AllowAnonymous]
public sealed class LoginModel(SignInManager<HomewardUser> signIn, RoleProfiles profiles, DemoPassword demo, TimeProvider clock, IConfiguration config) : PageModel
{
    /// <summary>The partnership's identity provider, when sign-in through it is configured.</summary>
    public ExternalSignIn.Settings? External { get; } = ExternalSignIn.From(config);

    public FormErrors Errors { get; private set; } = new();
    /// <summary>This start shows the demo, so the page lists its sign-ins.</summary>
    public bool Demo => demo.Demo;
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(UserName))
            Errors.Add("userName", "Enter your user name");
        if (string.IsNullOrEmpty(Password))
            Errors.Add("password", "Enter your password");
        var user = Errors.Any ? null : await signIn.UserManager.FindByNameAsync(UserName!.Trim());
        if (!Errors.Any && user is not null && demo.Refused(Password))
            Errors.Add("password", "The demo password does not open a real partnership's Homeward. Ask your administrator for a link to set your own password");
        else if (!Errors.Any)
        {
            var result = await signIn.PasswordSignInAsync(UserName!.Trim(), Password!, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded && !user!.Active)
            {
                // Told only after the right password, so a guesser learns nothing.
                await signIn.SignOutAsync();
                Errors.Add("userName", "This account has been deactivated. Ask your Homeward administrator");
            }
            else if (result.Succeeded)
            {
                var back = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
                user!.LastSignInAt = clock.GetUtcNow();
                await signIn.UserManager.UpdateAsync(user);
                // A user with several profiles picks the one to act in before anything else.
                return (await profiles.Of(user.Id, HttpContext.RequestAborted)).Count > 1
                    ? LocalRedirect("/account/profile?returnUrl=" + Uri.EscapeDataString(back))
                    : LocalRedirect(back);
            }
            else
                Errors.Add("userName", result.IsLockedOut
                ? "This account is locked after too many failed attempts. Try again in 15 minutes"
                : "The user name or password is wrong");
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Off to the identity provider; back at <c>/account/external</c>.</summary>
    public IActionResult OnPostExternal()
    {
        if (External is null)
            return NotFound();
        var back = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
        return Challenge(new Microsoft.AspNetCore.Authentication.AuthenticationProperties { RedirectUri = "/account/external?returnUrl=" + Uri.EscapeDataString(back) },
            ExternalSignIn.Scheme);
    }
}

[Needs]
public sealed class LogoutModel(SignInManager<HomewardUser> signIn) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await Sessions.SignOut(signIn, User);
        return Redirect("/account/login");
    }
}
