using Homeward.Access;
using Homeward.Common;
using Homeward.Returns;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Returns;

/// <summary>The choice of return and period, on the returns page and on each made return's page.</summary>
public sealed record ReturnForm(string? Code, string? From, string? To, IEnumerable<(string Code, string Label)> Options, Homeward.Web.TagHelpers.FormErrors Errors);

/// <summary>A return to show, and where its file downloads from.</summary>
public sealed record ReturnTableView(ReturnTable Table, string Download);

/// <summary>
/// The national returns: pick one and a period, and it is made on the job engine (a region's year of Client Level Data
/// takes tens of seconds); the job's page follows it and opens the made return, to see and download as CSV or XLSX.
/// </summary>
[Needs(Right.ReadFigures)]
public sealed class IndexModel(MakeReturnWork work) : PageModel
{
    [FromQuery] public string? Code { get; set; }
    [FromQuery] public string? From { get; set; }
    [FromQuery] public string? To { get; set; }
    public Homeward.Web.TagHelpers.FormErrors Errors { get; private set; } = new();

    /// <summary>The returns this user may make (Client Level Data names everyone: the hub's coordinators and managers only).</summary>
    public static IEnumerable<(string Code, string Label)> OptionsFor(Actor actor) =>
        ReturnChoices.All.Where(o => o.Return != ReturnCode.Cld || actor.Has(Right.MakeClientLevelData)).Select(o => (o.Code, o.Label));

    public ReturnForm Form => new(Code, From, To, OptionsFor(HttpContext.Actor()), Errors);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Code is null)
            return Page();
        try
        {
            var job = await work.Request(Code, new MakeReturn.Query(From, To), HttpContext.Actor(), ct);
            return LocalRedirect($"/jobs/{job.Job.Id}?follow=true");
        }
        catch (ValidationFailedException e)
        {
            Errors = Homeward.Web.TagHelpers.FormErrors.From(e.ForPeople);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}
