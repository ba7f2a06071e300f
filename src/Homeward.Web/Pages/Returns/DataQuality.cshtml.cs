using Homeward.Access;
using Homeward.Common;
using Homeward.Returns.ClientLevelData;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Returns;

/// <summary>Client Level Data's data quality: what is missing, by field, and the people whose records need a detail.</summary>
[Needs(Right.MakeClientLevelData)]
public sealed class DataQualityModel(DataQuality quality) : PageModel
{
    [FromQuery] public string? From { get; set; }
    [FromQuery] public string? To { get; set; }
    public DataQuality.Report? Report { get; private set; }
    public Homeward.Web.TagHelpers.FormErrors Errors { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            Report = await quality.Handle(From, To, HttpContext.Actor(), ct);
        }
        catch (ValidationFailedException e)
        {
            Errors = Homeward.Web.TagHelpers.FormErrors.From(e.ForPeople);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }
}
