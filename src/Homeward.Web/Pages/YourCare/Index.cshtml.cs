using Homeward.Common;
using Homeward.Web.Auth;
using Homeward.YourCare;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.YourCare;

/// <summary>
/// The way in to "Your care": NHS login (when the partnership has it), or a code by e-mail or text to the address or
/// number the team holds. Once signed in: straight to the one person's page, or a choice when they may see several.
/// </summary>
public sealed class IndexModel(PublicAccess access, SignInCodes codes, IConfiguration config) : PublicPage
{
    public bool NhsLoginOn => NhsLogin.From(config) is not null;
    public IReadOnlyList<Viewer> Viewers { get; private set; } = [];
    [BindProperty] public string? Contact { get; set; }
    [FromQuery(Name = "failed")] public string? Failed { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await Who() is not { } identity)
            return Page();
        Viewers = await access.Resolve(identity, ct);
        return Viewers.Count == 1 ? Redirect($"/your-care/{Viewers[0].PersonId}") : Page();
    }

    public async Task<IActionResult> OnPostCodeAsync(CancellationToken ct)
    {
        await Who();
        try
        {
            await codes.Send(Contact, ct);
        }
        catch (ValidationFailedException e)
        {
            Refused(e);
            return Page();
        }
        TempData["Contact"] = Contact?.Trim();
        return Redirect("/your-care/code");
    }

    public IActionResult OnGetNhsLogin() =>
        NhsLoginOn ? Challenge(new AuthenticationProperties { RedirectUri = "/your-care" }, NhsLogin.Scheme) : Redirect("/your-care");

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await PublicSession.SignOut(HttpContext);
        return Redirect("/your-care");
    }
}
