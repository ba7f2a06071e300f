using Homeward.Web.Infrastructure;
using Homeward.Access;
using Homeward.Common;
using Homeward.Figures;
using Homeward.Web.Auth;
using Homeward.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.Figures;

/// <summary>The dashboard: every figure for a period beside last year and the targets, trends, the delays, a breakdown.</summary>
[Needs(Right.ReadFigures)]
public sealed class IndexModel(Dashboard dashboard, SetTarget targets) : ActingPage
{
    [FromQuery] public string? From { get; set; }
    [FromQuery] public string? To { get; set; }
    [FromQuery] public string? By { get; set; }
    [FromQuery] public string? Trend { get; set; }
    public Dashboard.View? View { get; private set; }

    protected override string Here => $"/figures{Request.QueryString}";

    protected override async Task Load(CancellationToken ct)
    {
        try
        {
            View = await dashboard.Handle(new Dashboard.Query { From = From, To = To, By = By, Trend = Trend }, HttpContext.Actor(), ct);
        }
        catch (ValidationFailedException e)
        {
            // The filter form is this page's form: its problems are shown like any other form's.
            Errors = Homeward.Web.TagHelpers.FormErrors.From(e.ForPeople);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public bool CanSetTargets => HttpContext.Actor().Has(Right.SetTargets);

    /// <summary>Targets are typed in the figure's display units (70 for 70%).</summary>
    public Task<IActionResult> OnPostTargetAsync(string? code, string? value, CancellationToken ct) =>
        Act("target", key => $"target-{key}", async () =>
        {
            var problems = new Problems();
            decimal? parsed = null;
            if (!string.IsNullOrWhiteSpace(value))
            {
                if (decimal.TryParse(value.Trim().TrimEnd('%'), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var v))
                    parsed = Enum.TryParse<FigureCode>(code, out var c) && FigureFormat.IsRate(FigureDefinitions.Get(c)) ? v / 100 : v;
                else
                    problems.Add("value", "Enter the target as a number, like 70 for 70%.");
            }
            problems.ThrowIfAny();
            await targets.Handle(code ?? "", new SetTarget.Input(parsed), HttpContext.Actor(), ct);
            // Said back in the figure's own terms, so that 0.7 typed for 70% shows as 0.7% at once.
            var figure = FigureDefinitions.Get(Enum.Parse<FigureCode>(code!));
            return parsed is null ? "Target cleared." : $"Target saved: {figure.Name}, {FigureFormat.Value(figure, parsed)}.";
        }, ct);
}
