using Homeward.Common;
using Homeward.Episodes;
using Homeward.Referrals;
using Homeward.Triage;

namespace Homeward.Figures;

/// <summary>
/// What the figures need to know of one episode, flattened from the referral, the person, the episode and its care
/// record. Built from the database by <see cref="LoadFacts"/>, or by hand in tests.
/// </summary>
public sealed record EpisodeFacts
{
    public required Guid EpisodeId { get; init; }
    public required Guid PersonId { get; init; }
    public required Route Route { get; init; }
    public Urgency Urgency { get; init; }
    public required DateTimeOffset ReferredAt { get; init; }
    public required EpisodeStatus Status { get; init; }
    public Service? Service { get; init; }
    public Pathway? Pathway { get; init; }
    public DateTimeOffset? AcceptedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateOnly? DischargedOn { get; init; }
    /// <summary>The discharge ready date as it stands (a reset replaces the earlier one).</summary>
    public DateOnly? DischargeReadyDate { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public Sequel? Sequel { get; init; }
    public Destination? Destination { get; init; }
    public UrgentOutcome? UrgentOutcome { get; init; }
    /// <summary>The rapid response record's presenting problem (one of the 2-hour clinical conditions); null until recorded.</summary>
    public UrgentResponse.UcrCondition? PresentingProblem { get; init; }
    public bool ExistingClient { get; init; }
    public required DateOnly DateOfBirth { get; init; }
    public string? Locality { get; init; }
    public string? Hospital { get; init; }
    public decimal? BarthelStart { get; init; }
    public decimal? BarthelEnd { get; init; }
    public decimal? CareHoursStart { get; init; }
    public decimal? CareHoursEnd { get; init; }
    /// <summary>The latest end score of each goal that has one.</summary>
    public IReadOnlyList<int> GoalEndScores { get; init; } = [];

    // For the national returns: who the person is, and the care record's dated events.
    public string? NhsNumber { get; init; }
    public People.Gender Gender { get; init; }
    public string? GpPractice { get; init; }
    public DateTimeOffset? DeclinedAt { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
    public string? WaitingFor { get; init; }
    /// <summary>The delay ledger (hospital discharge): each national delay reason from the day it applied, in order.</summary>
    public IReadOnlyList<(DateOnly Since, Delays.DelayReason Reason)> DelayLedger { get; init; } = [];
    public DateTimeOffset? AssessedAt { get; init; }
    public IReadOnlyList<DateTimeOffset> ReviewsHeldAt { get; init; } = [];
    /// <summary>Where the person was at the 91-day follow-up (null: no follow-up, or no result yet).</summary>
    public FollowUps.FollowUpResult? FollowUpResult { get; init; }

    // For Client Level Data and the refreshed ASCOF.
    public DateOnly? AdmittedOn { get; init; }
    public People.UsualResidence UsualResidence { get; init; }
    public string Postcode { get; init; } = "";
    public People.Ethnicity? Ethnicity { get; init; }
    public People.PrimarySupportReason? PrimarySupportReason { get; init; }
    public People.AccommodationStatus? AccommodationStatus { get; init; }
    /// <summary>From the holistic assessment where there is one, else whether a carer is named on the person.</summary>
    public bool? HasUnpaidCarer { get; init; }
    /// <summary>An unpaid carer was identified for this episode (the carer involvement record).</summary>
    public bool CarerIdentified { get; init; }
    /// <summary>The day the carer had been both asked about willingness and ability and given information (null: not both yet).</summary>
    public DateOnly? CarerInvolvedOn { get; init; }
    /// <summary>The person's answer to the Friends and Family Test question at the end of the episode, and the day of it.</summary>
    public YourCare.Overall? Experience { get; init; }
    public DateOnly? ExperienceOn { get; init; }
    /// <summary>The service that took the person (the accepted or ended booking): its name, whether the council provides or arranges it, its cost a day.</summary>
    public string? ServiceName { get; init; }
    public bool ArrangedByCouncil { get; init; }
    public decimal? CostPerDay { get; init; }

    public int AgeOn(DateOnly date) => People.Ages.On(DateOfBirth, date);

    public DateOnly ReferredOn => London.DateOf(ReferredAt);
    public DateOnly? EndedOn => EndedAt is { } e ? London.DateOf(e) : null;
    public DateOnly? StartedOn => StartedAt is { } s ? London.DateOf(s) : null;

    /// <summary>When the request was decided: accepted, declined or cancelled (null while it is still being decided).</summary>
    public DateTimeOffset? DecidedAt => AcceptedAt ?? DeclinedAt ?? CancelledAt;

    /// <summary>Still open: not ended, declined or cancelled.</summary>
    public bool IsOpen => Status is not (EpisodeStatus.Ended or EpisodeStatus.Declined or EpisodeStatus.Cancelled);

    /// <summary>The delay reason current on a day: the latest line of the ledger applying by then (null: none recorded).</summary>
    public Delays.DelayReason? DelayReasonOn(DateOnly day)
    {
        Delays.DelayReason? reason = null;
        foreach (var (since, r) in DelayLedger.Where(d => d.Since <= day))
            reason = r;
        return reason;
    }

    /// <summary>Days from the discharge ready date to the discharge date (0 when discharged on or before it).</summary>
    public int? DelayDays => DischargedOn is { } d && DischargeReadyDate is { } r ? Math.Max(0, d.DayNumber - r.DayNumber) : null;
}

/// <summary>A range of London dates, both ends included.</summary>
public sealed record Period(DateOnly From, DateOnly To)
{
    public bool Contains(DateOnly date) => date >= From && date <= To;

    /// <summary>The same dates a year earlier (29 February becomes 28 February).</summary>
    public Period YearBefore() => new(From.AddYears(-1), To.AddYears(-1));

    public int Days() => To.DayNumber - From.DayNumber + 1;
}
