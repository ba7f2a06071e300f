namespace Homeward.Referrals;

/// <summary>The route by which a person came to intermediate care (domain §1, "Routes in").</summary>
public enum Route
{
    /// <summary>Step down: from a hospital ward, planned around the discharge ready date.</summary>
    HospitalDischarge,
    /// <summary>From A&amp;E, the aim being to avoid an admission.</summary>
    EmergencyDepartment,
    /// <summary>Step up, within 2 hours.</summary>
    UrgentCommunityResponse,
    /// <summary>Step up, within days.</summary>
    Community,
}

/// <summary>Who made the referral.</summary>
public enum ReferralSource { Ward, EmergencyDepartment, Gp, Nhs111, Ambulance, CareHome, CommunityNurse, SocialWorker, Self, Family, Other }

public enum Urgency
{
    /// <summary>2-hour urgent community response.</summary>
    TwoHour,
    SameDay,
    WithinDays,
    /// <summary>Planned around a discharge ready date.</summary>
    Planned,
}

/// <summary>A request for intermediate care for one person, as received.</summary>
public sealed class Referral
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PersonId { get; init; }
    public Route Route { get; init; }
    public ReferralSource Source { get; set; }
    public required string ReferrerName { get; set; }
    public string? ReferrerOrganisation { get; set; }
    public string? ReferrerContact { get; set; }
    public Urgency Urgency { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Hospital route only: the hospital, ward, admission date and discharge ready date.</summary>
    public string? Hospital { get; set; }
    public string? Ward { get; set; }
    public DateOnly? AdmittedOn { get; set; }
    /// <summary>The first day of the final period in which the patient no longer met the criteria to reside.</summary>
    public DateOnly? DischargeReadyDate { get; set; }

    /// <summary>The person already receives long-term support from the council (an "existing client" in SALT).</summary>
    public bool ExistingClient { get; set; }

    /// <summary>The sending system's own reference for the referral (system|value), when it sent one.</summary>
    public string? SenderReference { get; init; }

    /// <summary>What the hub should check because the sender did not say it (a route worked out, not given), in words.</summary>
    public string? ToCheck { get; set; }

    public required string SubmittedBy { get; set; }
    public Guid SubmittedByOrganisationId { get; set; }
    public int Version { get; set; } = 1;
}
