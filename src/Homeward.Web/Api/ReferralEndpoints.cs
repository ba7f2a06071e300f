using Homeward.Access;
using Homeward.Common;
using Homeward.Matching;
using Homeward.Referrals;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Api;

public static class ReferralEndpoints
{
    public static void MapReferrals(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/referrals").WithTags("Referrals");

        group.MapPost("/", async Task<Results<Created<ReferralView>, Accepted<HeldReferralView>>> (SubmitReferral.Request request,
            [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, SubmitReferral handler, HttpContext http, CancellationToken ct) =>
        {
            var outcome = await handler.Handle(request, idempotencyKey, http.Actor(), ct);
            if (outcome.Replayed)
                http.Response.Headers["Idempotent-Replayed"] = "true";
            if (outcome.Held is { } held)
            {
                ETags.Set(http.Response, held.Version);
                return TypedResults.Accepted($"/api/referrals/held/{held.Id}", held);
            }
            ETags.Set(http.Response, outcome.Referral!.Version);
            return TypedResults.Created($"/api/referrals/{outcome.Referral.Id}", outcome.Referral);
        })
        .Needs(Right.SubmitReferral)
        .WithSummary("Submit a referral")
        .WithDescription("Finds the person by NHS number or records them, stores the referral and opens its episode. " +
                         "Send an Idempotency-Key to make retries safe. With personDetails=Hold, details that differ from the " +
                         "person held for the NHS number hold the referral for the hub to decide (202, with where to follow it).")
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

        group.MapGet("/held/{id:guid}", async (Guid id, GetHeldReferral handler, HttpContext http, CancellationToken ct) =>
        {
            var held = await handler.Handle(id, http.Actor(), ct);
            ETags.Set(http.Response, held.Version);
            return TypedResults.Ok(held);
        })
        .Needs(Right.ReadRecords)
        .WithSummary("Follow a referral held for a patient-matching decision")
        .WithDescription("For its sender's organisation and the hub: whether it is still held, taken (then referralId names the referral) "
                         + "or sent back, never the held person's details.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/held/{id:guid}/match", async (Guid id, GetHeldReferral handler, HttpContext http, CancellationToken ct) =>
        {
            var match = await handler.ForDecision(id, http.Actor(), ct);
            ETags.Set(http.Response, match.Referral.Version);
            return TypedResults.Ok(match);
        })
        .Needs(Right.Triage)
        .WithSummary("The details sent beside those held, to decide whether a held referral is the same person")
        .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/held/{id:guid}/decision", async (Guid id, DecideMatch.Request request, DecideMatch handler, HttpContext http, CancellationToken ct) =>
        {
            var decided = await handler.Handle(id, request, ETags.IfMatch(http.Request), http.Actor(), ct);
            ETags.Set(http.Response, decided.Referral.Version);
            return TypedResults.Ok(decided);
        })
        .Needs(Right.Triage)
        .WithSummary("Decide whether a held referral is the person held for its NHS number")
        .WithDescription("decision: KeepHeld or UpdateHeld (the same person: the referral is stored under the held id, as its sender's), "
                         + "or NotThisPerson (back to the referrer; a note of what they were told is required). Needs If-Match.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status428PreconditionRequired);

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
