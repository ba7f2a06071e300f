using Homeward.Access;
using Homeward.Audit;
using Homeward.Data;
using Homeward.Web.TagHelpers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Account;

/// <summary>
/// Where a new or reset user chooses their password, from the link an administrator gave them (it works once, for a
/// day). The password rules (12 characters or more, not the demo's) are said all at once.
/// </summary>
[AllowAnonymous]
public sealed class SetPasswordModel(UserManager<HomewardUser> users, HomewardDb db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    public FormErrors Errors { get; private set; } = new();
    public string? Problem { get; private set; }

    public void OnGet()
    {
        if (string.IsNullOrWhiteSpace(UserId) || string.IsNullOrWhiteSpace(Token))
            Problem = "This link is not whole: copy all of it from the message you were sent, or ask your administrator for a new one.";
    }

    public async Task<IActionResult> OnPostAsync(string? password, string? confirm)
    {
        if (string.IsNullOrEmpty(password))
            Errors.Add("password", "Choose a password");
        else if (password != confirm)
            Errors.Add("confirm", "The two passwords are not the same");
        var user = string.IsNullOrWhiteSpace(UserId) ? null : await users.FindByIdAsync(UserId);
        if (!Errors.Any)
        {
            var result = user is { Active: true } && Token is not null
                ? await users.ResetPasswordAsync(user, Token, password!)
                : IdentityResult.Failed(new IdentityError { Code = "InvalidToken" });
            if (result.Succeeded)
            {
                await users.ResetAccessFailedCountAsync(user!);
                db.AuditEntries.Add(AuditEntry.For(new Actor(user!.Id, user.UserName!, user.Role, user.OrganisationId, HttpContext.TraceIdentifier),
                    "user.set-password", null, user.Id, clock.GetUtcNow()));
                await db.SaveChangesAsync(HttpContext.RequestAborted);
                TempData["Banner"] = "Your password is set. Sign in with it now.";
                return Redirect("/account/login");
            }
            foreach (var error in result.Errors)
                if (error.Code == "InvalidToken")
                    Problem = "This link has been used, has expired or is not whole. Ask your administrator for a new one.";
                else
                    Errors.Add("password", error.Description.TrimEnd('.'));
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
