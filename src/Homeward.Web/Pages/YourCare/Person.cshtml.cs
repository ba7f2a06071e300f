using Homeward.YourCare;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.YourCare;

/// <summary>One person's care as they and their family see it; 404 for anyone they may not see.</summary>
public sealed class PersonModel(GetYourCare care) : PublicPage
{
    [FromRoute] public Guid Id { get; set; }
    public YourCareView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await Who() is not { } identity)
            return Redirect("/your-care");
        View = await care.Handle(identity, Id, HttpContext.TraceIdentifier, ct);
        return Page();
    }
}
