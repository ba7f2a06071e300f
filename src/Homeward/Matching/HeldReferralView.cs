using Homeward.Referrals;

namespace Homeward.Matching;

/// <summary>
/// A held referral as its sender may see it: what happened to it, never the held person's details. Once decided the
/// same person, the referral is stored under the same id.
/// </summary>
public sealed record HeldReferralView(Guid Id, MatchStatus Status, string Explanation, DateTimeOffset ReceivedAt, string SentName, string Differing,
    Route Route, Urgency Urgency, string? SenderReference, string? DecidedBy, DateTimeOffset? DecidedAt, string? Note, int Version)
{
    /// <summary>The referral stored from it, when the hub decided it is the same person.</summary>
    public Guid? ReferralId => Status is MatchStatus.SamePersonKeptHeld or MatchStatus.SamePersonUpdated ? Id : null;

    public static HeldReferralView For(HeldReferral h) => new(h.Id, h.Status, Explain(h), h.ReceivedAt, h.SentName, h.Differing, h.Route, h.Urgency,
        h.SenderReference, h.DecidedBy, h.DecidedAt, h.Status == MatchStatus.NotThisPerson ? h.Note : null, h.Version);

    private static string Explain(HeldReferral h) => h.Status switch
    {
        MatchStatus.Waiting => $"Held: Homeward holds this NHS number for someone whose details differ ({h.Differing}). Nothing has been added to "
                               + "that record; the hub will decide whether this is the same person and will contact the referrer if not.",
        MatchStatus.Withdrawn => "Withdrawn by the sender before the hub decided: nothing was stored.",
        MatchStatus.NotThisPerson => "Not taken: the hub decided this is not the person Homeward holds for this NHS number. Check the NHS number "
                                     + "and details with the patient or the Personal Demographics Service, then send the referral again.",
        _ => "Taken: the hub decided this is the person Homeward holds for this NHS number; the referral is stored under this id.",
    };
}
