using Homeward.Web.Infrastructure;
using Homeward.Access;
using Homeward.Common;
using Homeward.Web.Auth;
using Homeward.Web.TagHelpers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.BreakGlass;

/// <summary>
/// Break the glass: a hospital or provider user opens the record of someone outside their relationship in an emergency,
/// saying why, for a limited time; and sees and closes the accesses they have open.
/// </summary>
[Needs(Right.BreakGlass)]
public sealed class IndexModel(OpenBreakGlass open, MyBreakGlass mine, EndBreakGlass end, Homeward.Web.Infrastructure.LayoutFacts layout) : PageModel
{
    [FromQuery] public string? NhsNumber { get; set; }
    public OpenBreakGlass.Input Input { get; private set; } = new(null, null, null);
    public IReadOnlyList<BreakGlassViews.View> Open { get; private set; } = [];
    public FormErrors Errors { get; private set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input = new(NhsNumber, null, null);
        Open = await mine.Handle(HttpContext.Actor(), ct);
    }

    public async Task<IActionResult> OnPostAsync([FromForm] string? nhsNumber, [FromForm] string? reason, [FromForm] string? minutes,
        [FromForm] string? changeReason, CancellationToken ct)
    {
        Input = new(nhsNumber, reason, null, changeReason);
        try
        {
            int? length = null;
            if (!string.IsNullOrWhiteSpace(minutes))
                length = int.TryParse(minutes, out var m) ? m : throw new ValidationFailedException(new Dictionary<string, string[]> { ["minutes"] = ["Choose how long you need the record for."] });
            var access = await open.Handle(Input with { Minutes = length }, HttpContext.Actor(), ct);
            layout.ForgetEmergency(HttpContext.Actor().UserId);
            TempData["Banner"] = $"You have emergency access to {access.PersonName}'s record until {Labels.When(access.ExpiresAt)}"
                                 + (string.IsNullOrWhiteSpace(changeReason) ? ", to read it" : ", to read and change it")
                                 + ". Every page you open is recorded and a privacy officer will review your reason.";
            return Redirect($"/people/{access.PersonId}");
        }
        catch (ValidationFailedException e)
        {
            Errors = FormErrors.From(e.ForPeople);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Open = await mine.Handle(HttpContext.Actor(), ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostEndAsync([FromForm] Guid id, CancellationToken ct)
    {
        var access = await end.Handle(id, HttpContext.Actor(), ct);
        layout.ForgetEmergency(HttpContext.Actor().UserId);
        TempData["Banner"] = $"Emergency access to {access.PersonName}'s record is closed.";
        return Redirect("/break-glass");
    }
}
