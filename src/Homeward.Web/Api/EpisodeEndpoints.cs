using Homeward.Access;
using Homeward.Delays;
using Homeward.Episodes;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;

namespace Homeward.Web.Api;

public static class EpisodeEndpoints
{
    public static void MapEpisodes(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/episodes").WithTags("Episodes");

        group.MapGet("/{id:guid}", async (Guid id, GetEpisode handler, HttpContext http, CancellationToken ct) =>
        {
            var episode = await handler.Handle(id, http.Actor(), ct);
            ETags.Set(http.Response, episode.Version);
            return TypedResults.Ok(episode);
        })
        .NeedsForPerson(Right.ReadRecords)
        .WithSummary("Read an episode of care")
        .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:guid}/events", async (Guid id, GetEpisode handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Timeline(id, http.Actor(), ct)))
        .NeedsForPerson(Right.ReadRecords)
        .WithSummary("The episode's timeline: every step, when, and by whom");

        group.MapGet("/", async ([AsParameters] SearchEpisodes.Query query, SearchEpisodes handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Handle(query, http.Actor(), ct)))
        .Needs(Right.ReadRecords)
        .WithSummary("Search and list episodes")
        .ProducesValidationProblem();

        group.MapGet("/{id:guid}/delays", async (Guid id, ReadDelays handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Handle(id, http.Actor(), ct)))
        .NeedsForPerson(Right.ReadRecords)
        .WithSummary("The delay ledger: the Discharge Ready Date, days delayed, and each reason with who recorded it and when")
        .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id:guid}/delays", async (Guid id, RecordDelay.Request request, RecordDelay handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Handle(id, request, http.Actor(), ct)))
        .NeedsForPerson(Right.EditReferral)
        .WithSummary("Record the main reason a person ready to leave hospital is still there (a national delay reason code)")
        .WithDescription("The ledger only grows: the same reason again writes nothing. Open while the person is in hospital; 409 after.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict);

        Step<ChangeEpisode.TriageStep>(group, Right.Triage, "triage", "Triage to a service and pathway (Home First: a reason is needed for anything but home)");
        Step<ChangeEpisode.AcceptStep>(group, Right.AcceptOrDecline, "accept", "Accept the referral");
        Step<ChangeEpisode.DeclineStep>(group, Right.AcceptOrDecline, "decline", "Decline the referral, with a reason");
        Step<ChangeEpisode.WaitStep>(group, Right.AcceptOrDecline, "wait", "Put an accepted episode on the waiting list for capacity");
        Step<ChangeEpisode.StartStep>(group, Right.StartOrEnd, "start", "Start the episode (first face-to-face contact or admission)");
        Step<ChangeEpisode.EndStep>(group, Right.StartOrEnd, "end", "End the episode with its sequel and destination");
        Step<ChangeEpisode.CancelStep>(group, Right.AcceptOrDecline, "cancel", "Cancel an episode that has not started, with a reason");
        Step<ChangeEpisode.OutcomeStep>(group, Right.StartOrEnd, "outcome", "Urgent community response: record the outcome (stayed at home, conveyed to hospital, other) and the reason");
    }

    private static void Step<TStep>(RouteGroupBuilder group, Right right, string name, string summary) where TStep : ChangeEpisode.Step =>
        group.MapPost($"/{{id:guid}}/{name}", async (Guid id, TStep step, ChangeEpisode handler, HttpContext http, CancellationToken ct) =>
        {
            var episode = await handler.Handle(id, step, ETags.IfMatch(http.Request), http.Actor(), ct);
            ETags.Set(http.Response, episode.Version);
            return TypedResults.Ok(episode);
        })
        .NeedsForPerson(right)
        .WithSummary(summary)
        .WithDescription("Needs If-Match with the episode's ETag; a stale one gets 412. An illegal step gets 409.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status428PreconditionRequired);
}
