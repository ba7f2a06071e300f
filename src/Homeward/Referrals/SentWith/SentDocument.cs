namespace Homeward.Referrals.SentWith;

/// <summary>
/// Something a sending system sent with a referral (a FHIR resource: the Patient and ServiceRequest as sent, a
/// Practitioner, an Encounter, a Condition, a NEWS2 Observation, a discharge summary…), kept exactly as received and
/// linked to the referral, with a line in words for staff.
/// </summary>
public sealed class SentDocument
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ReferralId { get; init; }
    /// <summary>Its place in what was sent (the Bundle entry), so the order is the sender's.</summary>
    public int Position { get; init; }
    /// <summary>The FHIR resource type: Practitioner, Condition, Observation…</summary>
    public required string ResourceType { get; init; }
    /// <summary>The sender's id or fullUrl for it, as sent.</summary>
    public string? SenderId { get; init; }
    /// <summary>What it says, in words: "Condition: Fall (SNOMED CT 1912002), active".</summary>
    public required string Summary { get; init; }
    /// <summary>The resource exactly as received (JSON).</summary>
    public required string Content { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
}
