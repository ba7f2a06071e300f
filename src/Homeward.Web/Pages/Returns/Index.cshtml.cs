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

    public static readonly (string Code, string Label)[] All =
    [
        ("cld", "Client Level Data (quarterly, rolling 12 months, validated)"),
        ("ascof-2a", "ASCOF 2A: short-term support followed by no request for ongoing support"),
        ("ascof-2d", "ASCOF 2D: 65+ in the community 12 weeks after discharge into reablement"),
        ("weekly-intermediate-care", "Intermediate Care Data Collection (weekly)"),
        ("discharge-delays", "Discharge delays from the Discharge Ready Date (monthly)"),
        ("urgent-response", "Urgent community response: 2-hour and 2-day standards (monthly)"),
        ("bcf", "Better Care Fund 2025–26 metrics: what the records draw (quarterly)"),
        ("local-91-days", "Local measure: at home 91 days after discharge (former ASCOF 2B)"),
        ("sts001", "Local analysis, SALT STS001 layout: requests from new clients"), ("sts002a", "Local analysis, SALT STS002a layout: new clients, by sequel"),
        ("sts002b", "Local analysis, SALT STS002b layout: existing clients, by sequel"), ("sts004", "Local analysis, SALT STS004 layout: by age band and gender"),
    ];

    /// <summary>The returns this user may make (Client Level Data names everyone: the hub's coordinators and managers only).</summary>
    public static IEnumerable<(string Code, string Label)> OptionsFor(Actor actor) => All.Where(o => o.Code != "cld" || actor.Has(Right.MakeClientLevelData));

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
