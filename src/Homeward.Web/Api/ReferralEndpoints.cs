using Homeward.Access;
using Homeward.Common;
using Homeward.Referrals;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Api;

public static class ReferralEndpoints
{
    public static void MapReferrals(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/referrals").WithTags("Referrals");

        group.MapPost("/", async (SubmitReferral.Request request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
            SubmitReferral handler, HttpContext http, CancellationToken ct) =>
        {
            var outcome = await handler.Handle(request, idempotencyKey, http.Actor(), ct);
            ETags.Set(http.Response, outcome.Referral.Version);
            if (outcome.Replayed)
                http.Response.Headers["Idempotent-Replayed"] = "true";
            return TypedResults.Created($"/api/referrals/{outcome.Referral.Id}", outcome.Referral);
        })
        .Needs(Right.SubmitReferral)
        .WithSummary("Submit a referral")
        .WithDescription("Finds the person by NHS number or records them, stores the referral and opens its episode. " +
                         "Send an Idempotency-Key to make retries safe.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/{id:guid}", async (Guid id, GetReferral handler, HttpContext http, CancellationToken ct) =>
        {
            var referral = await handler.Handle(id, http.Actor(), ct);
            ETags.Set(http.Response, referral.Version);
            return TypedResults.Ok(referral);
        })
        .NeedsForPerson(Right.ReadRecords)
        .WithSummary("Read a referral")
        .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/", async ([AsParameters] SearchReferrals.Query query, SearchReferrals handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Handle(query, http.Actor(), ct)))
        .Needs(Right.ReadRecords)
        .WithSummary("Search and list referrals")
        .ProducesValidationProblem();

        group.MapPatch("/{id:guid}", async (Guid id, UpdateReferral.Request request, UpdateReferral handler, HttpContext http, CancellationToken ct) =>
        {
            var referral = await handler.Handle(id, request, ETags.IfMatch(http.Request), http.Actor(), ct);
            ETags.Set(http.Response, referral.Version);
            return TypedResults.Ok(referral);
        })
        .NeedsForPerson(Right.EditReferral)
        .WithSummary("Change a referral's details")
        .WithDescription("Only the fields sent change. Needs If-Match with the referral's ETag; a stale one gets 412.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
