using Homeward.Web.Infrastructure;
using Homeward.Access;
using Homeward.Web.Auth;

namespace Homeward.Web.Api;

/// <summary>Break glass: emergency access to one person's record outside the user's relationship, and its review.</summary>
public static class BreakGlassEndpoints
{
    public static void MapBreakGlass(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/break-glass").WithTags("Break glass");

        group.MapPost("/", async (OpenBreakGlass.Input body, OpenBreakGlass breakGlass, LayoutFacts layout, HttpContext http, CancellationToken ct) =>
        {
            var access = await breakGlass.Handle(body, http.Actor(), ct);
            layout.ForgetEmergency(http.Actor().UserId);
            return TypedResults.Created($"/api/people/{access.PersonId}", access);
        })
        .Needs(Right.BreakGlass)
        .WithSummary("Break the glass: open the record of someone outside your relationship, with a reason, for a limited time")
        .WithDescription("For hospital and provider staff. Give the person's NHS number, why you need the record now (20 characters at least) and how many minutes (15 to 720, 60 by default). Every read meanwhile is audited as Emergency and a privacy officer reviews the access.")
        .ProducesValidationProblem();

        group.MapGet("/mine", async (MyBreakGlass breakGlass, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await breakGlass.Handle(http.Actor(), ct)))
            .ForAnySignedIn()
            .WithSummary("Your break-glass accesses still open");

        group.MapPost("/{id:guid}/end", async (Guid id, EndBreakGlass breakGlass, LayoutFacts layout, HttpContext http, CancellationToken ct) =>
            {
                var ended = await breakGlass.Handle(id, http.Actor(), ct);
                layout.ForgetEmergency(http.Actor().UserId);
                return TypedResults.Ok(ended);
            })
            .ForAnySignedIn()
            .WithSummary("Close one of your break-glass accesses before its time limit");

        group.MapGet("/", async ([AsParameters] BreakGlassReviews.Query query, BreakGlassReviews breakGlass, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await breakGlass.Handle(query, http.Actor(), ct)))
            .Needs(Right.ReadAudit)
            .WithSummary("Break-glass accesses for a privacy officer to review: oldest first; show=waiting (the default), reviewed or all")
            .ProducesValidationProblem();

        group.MapPost("/{id:guid}/review", async (Guid id, ReviewBreakGlass.Input body, ReviewBreakGlass breakGlass, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await breakGlass.Handle(id, body, http.Actor(), ct)))
            .Needs(Right.ReadAudit)
            .WithSummary("Record a privacy officer's verdict on a break-glass access: Justified, or Concern with a note")
            .ProducesValidationProblem();
    }
}
