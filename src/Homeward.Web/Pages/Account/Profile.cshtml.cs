using Homeward.Access;
using Homeward.Audit;
using Homeward.Data;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Homeward.Web.TagHelpers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Account;

/// <summary>
/// Choose the role and organisation to act in, for a user with several profiles. Rights and whose records the user sees
/// follow the choice; the choice is checked against the profiles the user holds (nothing the form sends is trusted),
/// and audited.
/// </summary>
[Needs]
public sealed class ProfileModel(RoleProfiles profiles, HomewardDb db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public IReadOnlyList<RoleProfiles.Profile> Profiles { get; private set; } = [];
    public string Current { get; private set; } = "";
    public FormErrors Errors { get; private set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public async Task<IActionResult> OnPostAsync([FromForm] string? profile, CancellationToken ct)
    {
        await Load(ct);
        var chosen = Profiles.FirstOrDefault(p => p.Key == profile);
        if (chosen is null)
        {
            Errors.Add("profile", "Choose one of your roles");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var principal = HomewardClaims.ActingAs(User, chosen.Role, chosen.OrganisationId);
        await HttpContext.SignInAsync(IdentityConstants.ApplicationScheme, principal, new AuthenticationProperties { IsPersistent = false });
        var actor = HttpContext.Actor() with { Role = chosen.Role, OrganisationId = chosen.OrganisationId };
        db.AuditEntries.Add(AuditEntry.For(actor, "profile.choose", null, chosen.Key, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        TempData["Banner"] = $"You are acting as {chosen.Label}.";
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    private async Task Load(CancellationToken ct)
    {
        var actor = HttpContext.Actor();
        Profiles = await profiles.Of(actor.UserId, ct);
        Current = $"{actor.Role}@{actor.OrganisationId}";
    }
}
