using Homeward.Access;
using Homeward.Capacity;
using Homeward.Episodes;
using Homeward.Referrals;
using Homeward.Triage;

namespace Homeward.Figures;

/// <summary>The rows the parts' queries read.</summary>
public sealed partial class LoadFacts
{
    private sealed record Taken(Guid EpisodeId, DateOnly StartDate, string Name, bool Commissioned, ServiceKind ServiceKind, OrganisationKind Kind, decimal? CostPerDay);

    private sealed record Row(Guid Id, Guid PersonId, Route Route, Urgency Urgency, DateTimeOffset ReferredAt, EpisodeStatus Status, Triage.Service? Service,
        Pathway? Pathway, DateTimeOffset? AcceptedAt, DateTimeOffset? StartedAt, DateOnly? DischargedOn, DateOnly? DischargeReadyDate, DateTimeOffset? EndedAt,
        Sequel? Sequel, Destination? Destination, UrgentOutcome? UrgentOutcome, bool ExistingClient, DateOnly DateOfBirth, string? Locality, string? Hospital,
        People.NhsNumber? NhsNumber, People.Gender Gender, string? GpPracticeCode, DateTimeOffset? DeclinedAt, DateTimeOffset? CancelledAt, string? WaitingFor,
        DateTimeOffset? AssessedAt, FollowUps.FollowUpResult? FollowUpResult, DateOnly? AdmittedOn, People.UsualResidence UsualResidence, People.Postcode Postcode,
        People.Ethnicity? Ethnicity, People.PrimarySupportReason? PrimarySupportReason, People.AccommodationStatus? AccommodationStatus, bool? AssessedCarer, string? CarerName);
}
