using Homeward.Access;
using Homeward.Common;
using Homeward.Planning.BcfPlan;
using Homeward.Planning.CapacityPlans;
using Homeward.Returns;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Homeward.Web.TagHelpers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Planning;

/// <summary>The BCF capacity and demand plan for a plan year: asked by year, demand change and capacity, shown and downloaded.</summary>
[Needs(Right.Plan)]
public sealed class BcfModel(MakeCapacityDemandPlan make, ReadCapacityPlans plans) : PageModel
{
    [FromQuery] public string? Year { get; set; }
    [FromQuery] public string? DemandChange { get; set; }
    [FromQuery] public string? CapacityPlan { get; set; }
    [FromQuery] public bool Show { get; set; }

    public CapacityDemandPlan? Plan { get; private set; }
    public IReadOnlyList<CapacityPlanView> Kept { get; private set; } = [];
    public FormErrors Errors { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Kept = await plans.List(HttpContext.Actor(), ct);
        if (Show)
            await Make(null, ct);
        return Page();
    }

    /// <summary>The plan as CSV or XLSX, made again from the same choices.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(string? format, CancellationToken ct)
    {
        var chosen = MakeCapacityDemandPlan.FormatOf(format) is ReturnFormat.Xlsx ? ReturnFormat.Xlsx : ReturnFormat.Csv;
        if (await Make(chosen.ToString(), ct) is not { } plan)
        {
            Kept = await plans.List(HttpContext.Actor(), ct);
            return Page();
        }
        var table = plan.ToTable();
        return File(await ReturnFiles.Bytes(table, chosen, ct), ReturnFiles.ContentType(chosen), ReturnFiles.FileName(table, chosen));
    }

    private async Task<CapacityDemandPlan?> Make(string? format, CancellationToken ct)
    {
        try
        {
            return Plan = await make.Handle(new(Year, DemandChange, CapacityPlan, format), HttpContext.Actor(), ct);
        }
        catch (ValidationFailedException e)
        {
            Errors = FormErrors.From(e.ForPeople);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return null;
        }
    }
}
