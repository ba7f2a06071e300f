using Homeward.Web.Infrastructure;
using Homeward.Access;
using Homeward.Common;
using Homeward.Web.Auth;
using Homeward.Web.TagHelpers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Audit;

/// <summary>The privacy officer's review of break-glass accesses: who, whose record, why, how long, how many reads; a verdict on each.</summary>
[Needs(Right.ReadAudit)]
public sealed class BreakGlassModel(Homeward.Access.BreakGlass breakGlass) : PageModel
{
    [FromQuery] public string? Show { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }
    public Page<Homeward.Access.BreakGlass.View>? Rows { get; private set; }
    public FormErrors Errors { get; private set; } = new();
    /// <summary>The access whose review failed validation, and what was typed, so it is kept.</summary>
    public Guid? Failed { get; private set; }
    public Homeward.Access.BreakGlass.Review? Typed { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            Rows = await List(ct);
        }
        catch (ValidationFailedException e)
        {
            Errors = FormErrors.From(e.ForPeople);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    public async Task<IActionResult> OnPostAsync([FromForm] Guid id, [FromForm] string? verdict, [FromForm] string? note, CancellationToken ct)
    {
        var review = new Homeward.Access.BreakGlass.Review(verdict, note);
        try
        {
            var access = await breakGlass.Reviewed(id, review, HttpContext.Actor(), ct);
            TempData["Banner"] = $"Review of {access.UserName}'s access to {access.PersonName}'s record saved.";
            return Redirect("/audit/break-glass" + (Show is null ? "" : $"?show={Uri.EscapeDataString(Show)}"));
        }
        catch (ValidationFailedException e)
        {
            (Errors, Failed, Typed) = (FormErrors.From(e.ForPeople.ToDictionary(x => $"{x.Key}-{id:N}", x => x.Value)), id, review);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Rows = await List(ct);
            return Page();
        }
    }

    private Task<Page<Homeward.Access.BreakGlass.View>> List(CancellationToken ct) =>
        breakGlass.ForReview(new Homeward.Access.BreakGlass.Query(Show, PageNumber, 50), HttpContext.Actor(), ct);
}
