using Homeward.Access;
using Homeward.Web.Infrastructure;
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
        .Needs(Right.ReadFigures)
        .WithSummary("Every figure for a period (from, to), beside the same period a year earlier and the targets; broken down (by) and as a trend (Week or Month)")
        .WithDescription("Rates and changes are fractions (0.946 is 94.6%). by: Locality, Hospital, Route, Pathway or AgeBand.")
        .ProducesValidationProblem();

        group.MapGet("/figures/{code}/people", async (string code, [AsParameters] Dashboard.Query query, Dashboard dashboard, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await dashboard.People(code, query, http.Actor(), ct)))
        .Needs(Right.ReadFigures, Right.ReadRecords)
        .WithSummary("The episodes behind a figure in a period: who counted and who did not (each person shown is audited)")
        .ProducesValidationProblem();

        group.MapGet("/targets", async (SetTarget targets, CancellationToken ct) => TypedResults.Ok(await targets.All(ct)))
            .Needs(Right.ReadFigures)
            .WithSummary("The partnership's targets, by figure");

        group.MapPut("/targets/{code}", async (string code, SetTarget.Input body, SetTarget targets, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await targets.Handle(code, body, http.Actor(), ct)))
        .Needs(Right.SetTargets)
        .WithSummary("Set a figure's target (managers); a null value clears it. Rates are fractions (0.7 for 70%).")
        .ProducesValidationProblem();
    }
}

/// <summary>The national returns, as JSON, CSV or XLSX.</summary>
public static class ReturnEndpoints
{
    public static void MapReturns(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/returns/{code}", async (string code, string? from, string? to, string? format, Homeward.Returns.MakeReturn make,
                HttpContext http, CancellationToken ct) =>
            {
                var as_ = Format(format);
                var table = await make.Handle(code, new Homeward.Returns.MakeReturn.Query(from, to), http.Actor(), ct);
                return await Answer(table, as_, ct);
            })
            .WithTags("Returns")
            .Needs(Right.ReadFigures)
            .WithSummary("A national return or measure for a period: cld, ascof-2a, ascof-2d, local-91-days, weekly-intermediate-care, discharge-delays, urgent-response, bcf, and the SALT-layout local analyses sts001, sts002a, sts002b, sts004")
            .WithDescription("format: json (default), csv or xlsx. Without from and to, the return's usual period (see docs/metrics.md). Client Level Data comes with its validation (problems, by row and field); a file that fails it is refused (422) until the problems are put right. " +
                             "At a region's size a year's Client Level Data takes tens of seconds: make it as a job instead (POST /api/returns/{code}/jobs).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        app.MapPost("/api/returns/{code}/jobs", async (string code, string? from, string? to, Homeward.Returns.MakeReturnWork work,
                HttpContext http, CancellationToken ct) =>
                JobEndpoints.Accepted(await work.Request(code, new Homeward.Returns.MakeReturn.Query(from, to), http.Actor(), ct)))
            .WithTags("Returns")
            .Needs(Right.ReadFigures)
            .WithSummary("Make a return on the job engine, kept a week to read and download")
            .WithDescription("The same return and period as GET /api/returns/{code}, checked at once and answered 202 with the job (Location: /api/jobs/{id}); " +
                             "when its status is Done, resultUrl names the made return (/api/returns/made/{id}). Asking again for the same return and period while it is being made answers that job.")
            .Produces<Homeward.Jobs.JobView>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem();

        app.MapGet("/api/returns/made/{id:guid}", async (Guid id, string? format, Homeward.Returns.GetMadeReturn get, HttpContext http, CancellationToken ct) =>
            {
                var as_ = Format(format);
                var (_, table) = await get.Handle(id, http.Actor(), ct);
                return await Answer(table, as_, ct);
            })
            .WithTags("Returns")
            .Needs(Right.ReadFigures)
            .WithSummary("A return made as a job: as JSON (with its validation), CSV or XLSX, as it was made")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        app.MapGet("/api/returns/cld/data-quality", async (string? from, string? to, Homeward.Returns.ClientLevelData.DataQuality quality,
                HttpContext http, CancellationToken ct) => TypedResults.Ok(await quality.Handle(from, to, http.Actor(), ct)))
            .WithTags("Returns")
            .Needs(Right.MakeClientLevelData)
            .WithSummary("What stops the Client Level Data file from passing: problems counted by field, and the people whose records need a detail")
            .ProducesValidationProblem();
    }

    private static Homeward.Returns.ReturnFormat Format(string? format)
    {
        var problems = new Homeward.Common.Problems();
        var as_ = problems.Enum<Homeward.Returns.ReturnFormat>("format", format ?? "json", "format (json, csv or xlsx)");
        problems.ThrowIfAny();
        return as_!.Value;
    }

    /// <summary>The return as asked: JSON with its validation; a file only when the validation passes.</summary>
    private static async Task<IResult> Answer(Homeward.Returns.ReturnTable table, Homeward.Returns.ReturnFormat as_, CancellationToken ct)
    {
        if (as_ == Homeward.Returns.ReturnFormat.Json)
            return Results.Ok(table);
        if (!table.Submittable)
            return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The file does not pass its validation",
                detail: $"{table.Problems.Count(p => p.Blocking)} problems must be put right before the file is offered: ask for format=json to see each one by row and field. "
                        + string.Join(" ", table.Problems.Where(p => p.Blocking).Take(5).Select(p => $"Row {p.Row}, {p.Field}: {p.Message}")));
        return Results.File(await Homeward.Returns.ReturnFiles.Bytes(table, as_, ct), Homeward.Returns.ReturnFiles.ContentType(as_),
            Homeward.Returns.ReturnFiles.FileName(table, as_));
    }
}
