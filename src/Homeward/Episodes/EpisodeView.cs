using Homeward.People;
using Homeward.Referrals;
using Homeward.Triage;

namespace Homeward.Episodes;

/// <summary>An episode of care as the API shows it.</summary>
public sealed record EpisodeView(
    Guid Id, Guid ReferralId, PersonSummary Person, Route Route, EpisodeStatus Status, DateTimeOffset ReferredAt,
    Service? Service, Pathway? Pathway, string? NonHomeReason, DateTimeOffset? TriagedAt, DateTimeOffset? AcceptedAt,
    DateTimeOffset? DeclinedAt, string? DeclineReason, DateTimeOffset? WaitingSince, string? WaitingFor,
    DateTimeOffset? StartedAt, DateOnly? DischargedOn, DateTimeOffset? EndedAt, Sequel? Sequel, Destination? Destination,
    string? EndNotes, DateTimeOffset? CancelledAt, string? CancelReason, UrgentOutcome? UrgentOutcome, string? UrgentOutcomeReason, int Version)
{
    public static EpisodeView From(Episode e, Person p, Route route) => new(
        e.Id, e.ReferralId, PersonSummary.From(p), route, e.Status, e.ReferredAt, e.Service, e.Pathway, e.NonHomeReason,
        e.TriagedAt, e.AcceptedAt, e.DeclinedAt, e.DeclineReason, e.WaitingSince, e.WaitingFor, e.StartedAt,
        e.DischargedOn, e.EndedAt, e.Sequel, e.Destination, e.EndNotes, e.CancelledAt, e.CancelReason, e.UrgentOutcome, e.UrgentOutcomeReason, e.Version);

    /// <summary>Whether the episode may take this step now (its status allows it; the user's rights are asked apart).</summary>
    public bool Allows(EpisodeStep step) => Status.Allows(step);
}

public sealed record EpisodeEventView(long Id, EpisodeEventType Type, DateTimeOffset At, DateTimeOffset RecordedAt,
    string ActorUserId, string ActorName, Access.Role ActorRole, Guid ActorOrganisationId, string? Detail)
{
    public static EpisodeEventView From(EpisodeEvent v) =>
        new(v.Id, v.Type, v.At, v.RecordedAt, v.ActorUserId, v.ActorName, v.ActorRole, v.ActorOrganisationId, v.Detail);
}
