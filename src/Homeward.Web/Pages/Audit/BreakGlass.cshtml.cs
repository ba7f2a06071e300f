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
public sealed class BreakGlassModel(BreakGlassReviews reviews, ReviewBreakGlass review) : PageModel
{
    [FromQuery] public string? Show { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }
    public Page<BreakGlassViews.View>? Rows { get; private set; }
    public FormErrors Errors { get; private set; } = new();
    /// <summary>The access whose review failed validation, and what was typed, so it is kept.</summary>
    public Guid? Failed { get; private set; }
    public ReviewBreakGlass.Input? Typed { get; private set; }

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
        var verdictGiven = new ReviewBreakGlass.Input(verdict, note);
        try
        {
            var access = await review.Handle(id, verdictGiven, HttpContext.Actor(), ct);
            TempData["Banner"] = $"Review of {access.UserName}'s access to {access.PersonName}'s record saved.";
            return Redirect("/audit/break-glass" + (Show is null ? "" : $"?show={Uri.EscapeDataString(Show)}"));
        }
        catch (ValidationFailedException e)
        {
            (Errors, Failed, Typed) = (FormErrors.From(e.ForPeople.ToDictionary(x => $"{x.Key}-{id:N}", x => x.Value)), id, verdictGiven);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Rows = await List(ct);
            return Page();
        }
    }

    private Task<Page<BreakGlassViews.View>> List(CancellationToken ct) =>
        reviews.Handle(new BreakGlassReviews.Query(Show, PageNumber, 50), HttpContext.Actor(), ct);
}
