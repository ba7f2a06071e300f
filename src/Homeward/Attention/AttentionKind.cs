namespace Homeward.Attention;

/// <summary>What needs a person's attention today, each kind with the time it may wait before it is overdue.</summary>
public enum AttentionKind
{
    /// <summary>A 2-hour urgent community response referral not yet triaged: the clock is running.</summary>
    TwoHourReferral,
    /// <summary>A referral held because its details differ from the person held for its NHS number: is it the same person?</summary>
    PatientMatch,
    /// <summary>A referral the sender left unclear (a route worked out, a date to follow): check it before triage.</summary>
    ReferralToCheck,
    /// <summary>Someone referred without an NHS number: trace it (PDS) so their records can be matched and counted.</summary>
    NhsNumberTrace,
    /// <summary>A provider declined an offer and the person has no other place offered or accepted.</summary>
    OfferDeclined,
    /// <summary>An offer still unanswered past its limit.</summary>
    OfferUnanswered,
    /// <summary>Still in hospital more than 48 hours past the discharge ready date.</summary>
    DelayOver48Hours,
    /// <summary>Still in hospital 21 days or more past the discharge ready date.</summary>
    DelayOver21Days,
    /// <summary>A service reported less capacity than it has booked: the bookings beyond it (the latest made) may lose their care.</summary>
    BeyondCapacity,
    /// <summary>A visit the team's rota for today or tomorrow could not plan (no carer free, too far, outside the window).</summary>
    UnplannedVisit,
    /// <summary>A visit missed (not in, declined, could not get in) and not yet followed up: a welfare check.</summary>
    MissedVisit,
    /// <summary>Soft signs of deterioration, or a NEWS2 calling for a response: step up to the rapid response team.</summary>
    Deterioration,
    /// <summary>A visit on a carer's published round today with no check-in half an hour after its window closed (the carer records on the phone).</summary>
    VisitNotStarted,
    /// <summary>What a carer recorded on the phone did not fit the visit (moved, cancelled, recorded by someone else): kept, to be put right.</summary>
    PhoneConflict,
    /// <summary>A 91-day follow-up due today or overdue.</summary>
    FollowUpDue,
    /// <summary>The contact within 48 hours of going home, not yet made: shown from the day after they got home.</summary>
    HomeContactDue,
}

public static class AttentionKinds
{
    /// <summary>How long an item may wait from when it arose before it is overdue.</summary>
    public static TimeSpan Limit(this AttentionKind kind) => kind switch
    {
        AttentionKind.TwoHourReferral or AttentionKind.Deterioration => TimeSpan.FromMinutes(15),
        AttentionKind.PatientMatch => TimeSpan.FromMinutes(30),
        AttentionKind.MissedVisit or AttentionKind.PhoneConflict => TimeSpan.FromHours(1),
        // Already half an hour past its window when it arises: a call to the carer, now.
        AttentionKind.VisitNotStarted => TimeSpan.FromMinutes(15),
        // Due when the first day beyond capacity begins (the item dates from the day before).
        AttentionKind.BeyondCapacity => TimeSpan.FromDays(1),
        AttentionKind.OfferDeclined or AttentionKind.UnplannedVisit => TimeSpan.FromHours(2),
        AttentionKind.ReferralToCheck or AttentionKind.OfferUnanswered or AttentionKind.NhsNumberTrace => TimeSpan.FromHours(4),
        // Arises when the person gets home; due 48 hours later.
        AttentionKind.HomeContactDue => TimeSpan.FromHours(FollowUps.HomeContact.Hours),
        _ => TimeSpan.FromDays(1),
    };

    public static string Label(this AttentionKind kind) => kind switch
    {
        AttentionKind.TwoHourReferral => "New 2-hour referrals",
        AttentionKind.PatientMatch => "Referrals held: is this the person held?",
        AttentionKind.ReferralToCheck => "Referrals to check",
        AttentionKind.NhsNumberTrace => "NHS numbers to trace",
        AttentionKind.OfferDeclined => "Offers declined",
        AttentionKind.OfferUnanswered => "Offers not answered",
        AttentionKind.DelayOver48Hours => "In hospital over 48 hours past the ready date",
        AttentionKind.DelayOver21Days => "In hospital 21 days or more past the ready date",
        AttentionKind.BeyondCapacity => "Booked beyond a service's capacity",
        AttentionKind.UnplannedVisit => "Visits a rota could not plan",
        AttentionKind.MissedVisit => "Missed visits: welfare checks",
        AttentionKind.Deterioration => "Signs of deterioration: step up",
        AttentionKind.VisitNotStarted => "Visits not started: no check-in after the window",
        AttentionKind.PhoneConflict => "Carers' records that did not fit the visit",
        AttentionKind.HomeContactDue => "Contacts within 48 hours of going home",
        _ => "91-day follow-ups due",
    };

    /// <summary>An offer unanswered this long needs chasing.</summary>
    public static readonly TimeSpan OfferAnswerLimit = TimeSpan.FromHours(4);
}
