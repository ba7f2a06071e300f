using Homeward.Matching;
using Homeward.People;

namespace Homeward.Referrals;

/// <summary>What a referral sends, and what submitting it answers.</summary>
public sealed partial class SubmitReferral
{
    public sealed record Request
    {
        public PersonInput? Person { get; init; }
        /// <summary>
        /// The record of someone already held, for a person without an NHS number (who cannot be found by one): the
        /// referral is theirs. Only a record the caller may see.
        /// </summary>
        public Guid? PersonId { get; init; }
        public string? Route { get; init; }
        public string? Source { get; init; }
        public string? ReferrerName { get; init; }
        public string? ReferrerOrganisation { get; init; }
        public string? ReferrerContact { get; init; }
        public string? Urgency { get; init; }
        public string? Reason { get; init; }
        /// <summary>When the referral was received (ISO 8601 with offset); now if absent.</summary>
        public string? ReceivedAt { get; init; }
        public string? Hospital { get; init; }
        public string? Ward { get; init; }
        public string? AdmittedOn { get; init; }
        public string? DischargeReadyDate { get; init; }
        public bool? ExistingClient { get; init; }
        /// <summary>
        /// When the person is already held and what was sent differs (name, address, gender): <c>KeepHeld</c> refers with the
        /// record as held, <c>Update</c> changes the held record to what was sent. Without it, the differences are refused.
        /// <c>Hold</c> (for sending systems, which have nobody to ask): any difference, the date of birth too, holds the
        /// referral apart, touching nothing held, until the hub decides whether it is the same person.
        /// </summary>
        public string? PersonDetails { get; init; }
        /// <summary>The person already has an open referral by the same route: refer again all the same.</summary>
        public bool? DuplicateConfirmed { get; init; }
        /// <summary>The sending system's own reference for the referral (system|value).</summary>
        public string? SenderReference { get; init; }
        /// <summary>What the hub should check because the sender did not say it, in words.</summary>
        public string? ToCheck { get; init; }
        /// <summary>A system sent a hospital discharge without a discharge ready date: it may follow (said in <see cref="ToCheck"/>).</summary>
        public bool? ReadyDateToFollow { get; init; }
    }

    /// <summary>What to do with a held person's details that differ from those sent.</summary>
    public enum HeldDetails { KeepHeld, Update, Hold }

    /// <summary>The referral stored, or (asked to hold when details differ) the referral held for the hub's decision.</summary>
    /// <param name="PersonCreated">The person was recorded by this referral (not already held).</param>
    public sealed record Outcome(ReferralView? Referral, bool Replayed, HeldReferralView? Held = null, bool PersonCreated = false);
}
