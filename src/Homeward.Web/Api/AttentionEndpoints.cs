using Homeward.Access;
using Homeward.Attention;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;

namespace Homeward.Web.Api;

public static class AttentionEndpoints
{
    public static void MapAttention(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/attention").WithTags("Needs attention");

        group.MapGet("/", async (string? kind, NeedsAttention handler, HttpContext http, CancellationToken ct) =>
        {
            var problems = new Homeward.Common.Problems();
            var only = problems.Enum<AttentionKind>("kind", kind, "kind of item", required: false);
            problems.ThrowIfAny();
            return TypedResults.Ok(await handler.Handle(http.Actor(), ct, only));
        })
        .Needs(Right.AcceptOrDecline)
        .WithSummary("What needs the hub's attention now: each item with its time limit, whether it is overdue, and who has taken it")
        .WithDescription($"Each kind lists its first {NeedsAttention.ShownPerKind} (overdue first; the counts are complete); ?kind= lists one kind whole.")
        .ProducesValidationProblem();

        app.MapGet("/api/home", async (Homeward.Home.YourDay handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Handle(http.Actor(), ct)))
        .Needs(Right.ReadRecords)
        .WithTags("Needs attention")
        .WithSummary("Where a hospital team, a provider or a reablement worker starts the day: the exceptions of their own work, each with where to deal with it");

        group.MapPost("/{kind}/{subjectId:guid}/{action}", async (string kind, Guid subjectId, string action, ClaimAttention handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Handle(kind, subjectId, action, http.Actor(), ct)))
        .Needs(Right.AcceptOrDecline)
        .WithSummary("Take an item, hand it back (release) or mark it done")
        .WithDescription("Taking an item someone else has taken gets 409 naming them; an item no longer in the queue gets 404.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
