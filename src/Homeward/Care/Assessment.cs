using Homeward.People;

namespace Homeward.Care;

/// <summary>
/// The holistic assessment at the start of an episode (NICE QS173): what matters to the person, their home,
/// their unpaid carer and the carer's own needs, consent (with the best-interest decision where the person
/// lacks capacity), and risks. One per episode; edits replace it and raise its version.
/// </summary>
public sealed class Assessment
{
    public Guid EpisodeId { get; init; }
    public required string WhatMatters { get; set; }
    public required string HomeSituation { get; set; }
    public bool HasUnpaidCarer { get; set; }
    /// <summary>The unpaid carer's own needs, and whether a carer's assessment was offered.</summary>
    public string? CarerNeeds { get; set; }
    public Consent Consent { get; set; }
    /// <summary>Required when the person lacks capacity to consent: who decided, and why it is in their best interest.</summary>
    public string? BestInterestDecision { get; set; }
    public required string Risks { get; set; }
    public DateTimeOffset AssessedAt { get; set; }
    public required string AssessedBy { get; set; }
    public int Version { get; set; } = 1;
}
