using Homeward.Access;

namespace Homeward.Episodes;

public enum EpisodeEventType
{
    Referred, ReferralChanged, Triaged, Accepted, Declined, Waiting, Started, Ended, Cancelled,
    Booked, BookingAccepted, BookingDeclined, BookingReleased,
    Assessed, PlanAgreed, GoalSet, GoalScored, MeasureRecorded, ReviewHeld, VisitRecorded, MissedVisitFollowedUp,
    CommunitySupport, UrgentOutcome, FollowUpAttempt, FollowedUp, DelayReason, DocumentReceived, Observed, CarerInvolved, HomeContactAttempt, HomeContacted, GoalDescribed, UrgentAssessed,
}

/// <summary>
/// One step in an episode's life, with when it happened (UTC), who did it and in which role and
/// organisation. Figures and returns are computed from these events, never typed in twice.
/// </summary>
public sealed class EpisodeEvent
{
    public long Id { get; init; }
    public Guid EpisodeId { get; init; }
    public Guid PersonId { get; init; }
    public EpisodeEventType Type { get; init; }
    public DateTimeOffset At { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public required string ActorUserId { get; init; }
    public required string ActorName { get; init; }
    public Role ActorRole { get; init; }
    public Guid ActorOrganisationId { get; init; }
    /// <summary>What changed, as a small JSON object (e.g. the pathway chosen, the sequel).</summary>
    public string? Detail { get; init; }

    public static EpisodeEvent Of(Guid episodeId, Guid personId, EpisodeEventType type, DateTimeOffset at, Actor actor, DateTimeOffset now, object? detail) => new()
    {
        EpisodeId = episodeId,
        PersonId = personId,
        Type = type,
        At = at,
        RecordedAt = now,
        ActorUserId = actor.UserId,
        ActorName = actor.UserName,
        ActorRole = actor.Role,
        ActorOrganisationId = actor.OrganisationId,
        Detail = detail is null ? null : System.Text.Json.JsonSerializer.Serialize(detail),
    };
}
