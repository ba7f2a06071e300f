using Homeward.Common;
using Homeward.Web.Auth;
using Homeward.YourCare;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.YourCare;

/// <summary>Enter the code that was sent; a right code signs in to "Your care".</summary>
public sealed class CodeModel(SignInCodes codes) : PublicPage
{
    [BindProperty] public string? Contact { get; set; }
    [BindProperty] public string? Code { get; set; }

    public async Task OnGetAsync()
    {
        await Who();
        Contact = TempData.Peek("Contact") as string;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await Who();
        try
        {
            var identity = await codes.Verify(Contact, Code, ct);
            await PublicSession.SignIn(HttpContext, identity);
            TempData.Remove("Contact");
            return Redirect("/your-care");
        }
        catch (ValidationFailedException e)
        {
            Refused(e);
            Code = null;
            return Page();
        }
    }
}
