using Homeward.Figures;
using Homeward.Web.Auth;

namespace Homeward.Web.Api;

/// <summary>The figures the service is judged by, the people behind each, and the partnership's targets.</summary>
public static class FigureEndpoints
{
    public static void MapFigures(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Figures");

        group.MapGet("/figures", async ([AsParameters] Dashboard.Query query, Dashboard dashboard, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await dashboard.Handle(query, http.Actor(), ct)))
        .WithSummary("Every figure for a period (from, to), beside the same period a year earlier and the targets; broken down (by) and as a trend (Week or Month)")
        .WithDescription("Rates and changes are fractions (0.946 is 94.6%). by: Locality, Hospital, Route, Pathway or AgeBand.")
        .ProducesValidationProblem();

        group.MapGet("/figures/{code}/people", async (string code, [AsParameters] Dashboard.Query query, Dashboard dashboard, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await dashboard.People(code, query, http.Actor(), ct)))
        .WithSummary("The episodes behind a figure in a period: who counted and who did not (each person shown is audited)")
        .ProducesValidationProblem();

        group.MapGet("/targets", async (SetTarget targets, CancellationToken ct) => TypedResults.Ok(await targets.All(ct)))
            .WithSummary("The partnership's targets, by figure");

        group.MapPut("/targets/{code}", async (string code, SetTarget.Input body, SetTarget targets, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await targets.Handle(code, body, http.Actor(), ct)))
        .WithSummary("Set a figure's target (managers); a null value clears it. Rates are fractions (0.7 for 70%).")
        .ProducesValidationProblem();
    }
}
