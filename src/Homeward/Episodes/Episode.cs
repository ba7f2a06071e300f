using Homeward.Access;
using Homeward.Common;
using Homeward.Triage;

namespace Homeward.Episodes;

public enum EpisodeStatus { Referred, Triaged, Accepted, Declined, Waiting, Active, Ended, Cancelled }

/// <summary>
/// An episode of intermediate care: the state machine from referral to its end.
/// <code>
/// Referred ─triage→ Triaged ─accept→ Accepted ─wait→ Waiting ─start→ Active ─end→ Ended
///    │                 │ ↺ re-triage      └──────────start──────────┘
///    └───decline───────┴─decline→ Declined
/// Referred, Triaged, Accepted, Waiting ─cancel→ Cancelled
/// </code>
/// Every transition is timestamped, authored and appended to the timeline; every illegal one throws
/// <see cref="InvalidTransitionException"/>. Times may be given in the past (recording what already
/// happened) but never before the previous step nor in the future.
/// </summary>
public sealed class Episode
{
    private readonly List<EpisodeEvent> _events = [];

    private Episode() { }

    public Guid Id { get; private init; } = Guid.CreateVersion7();
    public Guid ReferralId { get; private init; }
    public Guid PersonId { get; private init; }
    public EpisodeStatus Status { get; private set; }

    public DateTimeOffset ReferredAt { get; private init; }
    public Service? Service { get; private set; }
    public Pathway? Pathway { get; private set; }
    /// <summary>Why the person is not going home (Home First); required for bed-based care and P2/P3.</summary>
    public string? NonHomeReason { get; private set; }
    public DateTimeOffset? TriagedAt { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public DateTimeOffset? DeclinedAt { get; private set; }
    public string? DeclineReason { get; private set; }
    public DateTimeOffset? WaitingSince { get; private set; }
    public string? WaitingFor { get; private set; }
    /// <summary>First face-to-face contact or admission to the service.</summary>
    public DateTimeOffset? StartedAt { get; private set; }
    /// <summary>Hospital route: the date the person left hospital (delay = this − discharge ready date).</summary>
    public DateOnly? DischargedOn { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public Sequel? Sequel { get; private set; }
    public Destination? Destination { get; private set; }
    public string? EndNotes { get; private set; }
    /// <summary>Urgent community response: what happened after the first contact, and why.</summary>
    public UrgentOutcome? UrgentOutcome { get; private set; }
    public string? UrgentOutcomeReason { get; private set; }
    public DateTimeOffset? UrgentOutcomeAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public string? CancelReason { get; private set; }
    public int Version { get; set; } = 1;

    public IReadOnlyList<EpisodeEvent> Events => _events;

    private DateTimeOffset LastStepAt =>
        new[] { ReferredAt, TriagedAt, AcceptedAt, WaitingSince, StartedAt }.Max(t => t ?? DateTimeOffset.MinValue);

    public static Episode Open(Guid referralId, Guid personId, DateTimeOffset referredAt, Actor actor, DateTimeOffset now)
    {
        var episode = new Episode
        {
            ReferralId = referralId,
            PersonId = personId,
            ReferredAt = referredAt,
            Status = EpisodeStatus.Referred,
        };
        episode.Record(EpisodeEventType.Referred, referredAt, actor, now, null);
        return episode;
    }

    public void Triage(Service service, Pathway? pathway, string? nonHomeReason, DateTimeOffset at, Actor actor, DateTimeOffset now)
    {
        Require(EpisodeStep.Triage, "triage", at, now);
        var problems = new Problems();
        if (pathway is { } p && HomeFirst.Mismatch(service, p) is { } mismatch)
            problems.Add("pathway", mismatch);
        if (HomeFirst.NeedsReason(service, pathway) && string.IsNullOrWhiteSpace(nonHomeReason))
            problems.Add("nonHomeReason", "Home First: give the reason this person cannot go home.");
        problems.ThrowIfAny();

        Service = service;
        Pathway = pathway;
        NonHomeReason = HomeFirst.NeedsReason(service, pathway) ? nonHomeReason!.Trim() : null;
        TriagedAt = at;
        Status = EpisodeStatus.Triaged;
        Record(EpisodeEventType.Triaged, at, actor, now, new { service = service.ToString(), pathway = pathway?.ToString(), nonHomeReason = NonHomeReason });
    }

    public void Accept(DateTimeOffset at, Actor actor, DateTimeOffset now)
    {
        Require(EpisodeStep.Accept, "accept", at, now);
        AcceptedAt = at;
        Status = EpisodeStatus.Accepted;
        Record(EpisodeEventType.Accepted, at, actor, now, null);
    }

    public void Decline(string? reason, DateTimeOffset at, Actor actor, DateTimeOffset now)
    {
        Require(EpisodeStep.Decline, "decline", at, now);
        DeclineReason = RequireText(reason, "reason", "the reason for declining");
        DeclinedAt = at;
        Status = EpisodeStatus.Declined;
        Record(EpisodeEventType.Declined, at, actor, now, new { reason = DeclineReason });
    }

    public void Wait(string? waitingFor, DateTimeOffset at, Actor actor, DateTimeOffset now)
    {
        Require(EpisodeStep.Wait, "put on the waiting list", at, now);
        WaitingSince = at;
        WaitingFor = string.IsNullOrWhiteSpace(waitingFor) ? null : waitingFor.Trim();
        Status = EpisodeStatus.Waiting;
        Record(EpisodeEventType.Waiting, at, actor, now, new { waitingFor = WaitingFor });
    }

    public void Start(DateOnly? dischargedOn, DateTimeOffset at, Actor actor, DateTimeOffset now)
    {
        Require(EpisodeStep.Start, "start", at, now);
        StartedAt = at;
        DischargedOn = dischargedOn;
        Status = EpisodeStatus.Active;
        Record(EpisodeEventType.Started, at, actor, now, new { dischargedOn = dischargedOn?.ToString("yyyy-MM-dd") });
    }

    public void RecordUrgentOutcome(UrgentOutcome outcome, string? reason, DateTimeOffset at, Actor actor, DateTimeOffset now)
    {
        Require(EpisodeStep.RecordUrgentOutcome, "record an urgent response outcome", at, now);
        if (Service != Homeward.Triage.Service.UrgentCommunityResponse)
            throw new InvalidTransitionException("Only an urgent community response episode has an urgent response outcome.");
        if (outcome != Episodes.UrgentOutcome.StayedAtHome && string.IsNullOrWhiteSpace(reason))
            throw ValidationFailedException.For("reason", "Give the reason the person did not stay at home.");
        UrgentOutcome = outcome;
        UrgentOutcomeReason = string.IsNullOrWhiteSpace(reason) ? null : RequireText(reason, "reason", "the reason");
        UrgentOutcomeAt = at;
        Record(EpisodeEventType.UrgentOutcome, at, actor, now, new { outcome = outcome.ToString(), reason = UrgentOutcomeReason });
    }

    /// <summary>
    /// Ends the episode. <paramref name="missing"/> lists what the care record still lacks (from
    /// <see cref="EndingRules"/>); ending is refused while anything is missing or the outcome contradicts itself.
    /// </summary>
    public void End(Sequel sequel, Destination destination, bool existingClient, string? notes, DateTimeOffset at, Actor actor, DateTimeOffset now,
        Problems? missing = null)
    {
        Require(EpisodeStep.End, "end", at, now);
        var problems = missing ?? new Problems();
        if (sequel.IsExistingClientOnly() && !existingClient)
            problems.Add("sequel", $"{sequel} applies only to existing clients (people who already had long-term support).",
                $"“{Words.Of(sequel)}” applies only to existing clients (people who already had long-term support).");
        if (Sequels.Contradiction(sequel, destination) is { } contradiction)
            problems.Add("destination", contradiction, Sequels.Contradiction(sequel, destination, forPeople: true)!);
        if (UrgentOutcome == Episodes.UrgentOutcome.ConveyedToHospital && destination != Episodes.Destination.Hospital)
            problems.Add("destination", "The urgent response outcome says the person was conveyed to hospital: the destination must be Hospital.");
        if (UrgentOutcome == Episodes.UrgentOutcome.StayedAtHome && destination == Episodes.Destination.Hospital)
            problems.Add("destination", "The urgent response outcome says the person stayed at home: change the outcome first if they went to hospital.");
        problems.ThrowIfAny();
        Sequel = sequel;
        Destination = destination;
        EndNotes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        EndedAt = at;
        Status = EpisodeStatus.Ended;
        Record(EpisodeEventType.Ended, at, actor, now, new { sequel = sequel.ToString(), destination = destination.ToString() });
    }

    public void Cancel(string? reason, DateTimeOffset at, Actor actor, DateTimeOffset now)
    {
        Require(EpisodeStep.Cancel, "cancel", at, now);
        CancelReason = RequireText(reason, "reason", "the reason for cancelling");
        CancelledAt = at;
        Status = EpisodeStatus.Cancelled;
        Record(EpisodeEventType.Cancelled, at, actor, now, new { reason = CancelReason });
    }

    /// <summary>Notes a booking step (held, accepted, declined, released) on the timeline; the episode's own state is unchanged.</summary>
    public void NoteBooking(EpisodeEventType type, object detail, Actor actor, DateTimeOffset now)
    {
        if (type is not (EpisodeEventType.Booked or EpisodeEventType.BookingAccepted or EpisodeEventType.BookingDeclined or EpisodeEventType.BookingReleased))
            throw new ArgumentOutOfRangeException(nameof(type), type, "Not a booking step.");
        Record(type, now, actor, now, detail);
    }

    /// <summary>Notes a piece of care (an assessment, a goal score, a visit) on the timeline; the episode's own state is unchanged.</summary>
    public EpisodeEvent Note(EpisodeEventType type, DateTimeOffset at, Actor actor, DateTimeOffset now, object? detail) =>
        EpisodeEvent.Of(Id, PersonId, type, at, actor, now, detail);

    /// <summary>Notes a change to the referral on the episode's timeline.</summary>
    /// <remarks>A change of the discharge ready date keeps both dates: its history is the delay's history.</remarks>
    public void NoteReferralChanged(IReadOnlyCollection<string> fields, Actor actor, DateTimeOffset now, (DateOnly? From, DateOnly? To)? readyDate = null,
        string? source = null)
    {
        if (fields.Count > 0)
            Record(EpisodeEventType.ReferralChanged, now, actor, now,
                readyDate is { } d ? new { fields, dischargeReadyDate = new { from = d.From, to = d.To }, source } : new { fields, source });
    }

    private void Require(EpisodeStep step, string action, DateTimeOffset at, DateTimeOffset now)
    {
        var allowed = EpisodeSteps.From(step);
        if (!allowed.Contains(Status))
            throw new InvalidTransitionException(
                $"An episode that is {Status} cannot {action}; only one that is {string.Join(" or ", allowed)} can.");
        if (at > now.AddMinutes(5))
            throw ValidationFailedException.For("at", "The time cannot be in the future.");
        // Times are typed to the minute: a step entered as 14:05 may follow one recorded at 14:05:30.
        if (at < LastStepAt.AddTicks(-(LastStepAt.Ticks % TimeSpan.TicksPerMinute)))
            throw ValidationFailedException.For("at", $"The time cannot be before the episode's previous step ({LastStepAt:u}).");
    }

    private static string RequireText(string? text, string field, string label)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw ValidationFailedException.For(field, $"Enter {label}.");
        if (text.Length > 2000)
            throw ValidationFailedException.For(field, $"{label} must be 2000 characters or fewer.");
        return text.Trim();
    }

    /// <summary>Steps that change the episode itself raise its version (its ETag); notes on the timeline do not.</summary>
    private void Record(EpisodeEventType type, DateTimeOffset at, Actor actor, DateTimeOffset now, object? detail)
    {
        _events.Add(EpisodeEvent.Of(Id, PersonId, type, at, actor, now, detail));
        if (type is EpisodeEventType.Triaged or EpisodeEventType.Accepted or EpisodeEventType.Declined or EpisodeEventType.Waiting
            or EpisodeEventType.Started or EpisodeEventType.Ended or EpisodeEventType.Cancelled or EpisodeEventType.Booked
            or EpisodeEventType.UrgentOutcome)
            Version++;
    }
}
