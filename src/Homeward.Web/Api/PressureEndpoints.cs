using Homeward.Access;
using Homeward.Pressure;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;

namespace Homeward.Web.Api;

/// <summary>System pressure: the community OPEL worked out live, and the log of escalation actions.</summary>
public static class PressureEndpoints
{
    public static void MapPressure(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/pressure").WithTags("System pressure");

        group.MapGet("/", async (SystemPressure handler, HttpContext http, CancellationToken ct) => TypedResults.Ok(await handler.Handle(http.Actor(), ct)))
            .Needs(Right.ReadFigures)
            .WithSummary("The community operational pressures escalation level (OPEL 1–4) from each parameter's value, level and weight, with the escalation actions");

        group.MapPost("/actions", async (RecordEscalation.NewAction body, RecordEscalation handler, HttpContext http, CancellationToken ct) =>
            {
                var added = await handler.Add(body, http.Actor(), ct);
                ETags.Set(http.Response, added.Version);
                return TypedResults.Created($"/api/pressure/actions/{added.Id}", added);
            })
            .Needs(Right.AcceptOrDecline)
            .WithSummary("Log an escalation action with its owner (and when it is due), at the level of the moment")
            .ProducesValidationProblem();

        group.MapPost("/actions/{id:guid}/done", async (Guid id, RecordEscalation.Done body, RecordEscalation handler, HttpContext http, CancellationToken ct) =>
            {
                var done = await handler.Complete(id, body, ETags.IfMatch(http.Request), http.Actor(), ct);
                ETags.Set(http.Response, done.Version);
                return TypedResults.Ok(done);
            })
            .Needs(Right.AcceptOrDecline)
            .WithSummary("Mark an escalation action done with its result (If-Match: the version seen)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
