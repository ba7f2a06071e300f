using Homeward.Access;
using Homeward.Web.TagHelpers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Account;

[AllowAnonymous]
public sealed class LoginModel(SignInManager<HomewardUser> signIn) : PageModel
{
    public FormErrors Errors { get; private set; } = new();
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
        if (!Errors.Any)
        {
            var result = await signIn.PasswordSignInAsync(UserName!.Trim(), Password!, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            Errors.Add("userName", result.IsLockedOut
                ? "This account is locked after too many failed attempts. Try again in 15 minutes"
                : "The user name or password is wrong");
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}

public sealed class LogoutModel(SignInManager<HomewardUser> signIn) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/account/login");
    }
}
