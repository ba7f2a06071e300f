using Homeward.Common;

namespace Homeward.Referrals;

/// <summary>The rules on a referral's hospital details, shared by submission and editing.</summary>
internal static class ReferralRules
{
    public static Urgency DefaultUrgency(Route route) => route switch
    {
        Route.UrgentCommunityResponse => Urgency.TwoHour,
        Route.EmergencyDepartment => Urgency.SameDay,
        Route.HospitalDischarge => Urgency.Planned,
        _ => Urgency.WithinDays,
    };

    /// <param name="readyDateToFollow">
    /// A system sent the referral without a discharge ready date (UK Core has no place for one): it may follow (the ward,
    /// the discharge-ready feed), and the referral says so for the hub to chase.
    /// </param>
    public static void CheckHospitalDetails(Problems problems, Route route, string? hospital, string? ward,
        DateOnly? admittedOn, DateOnly? dischargeReadyDate, DateOnly today, bool readyDateToFollow = false)
    {
        if (route == Route.HospitalDischarge)
        {
            if (hospital is null)
                problems.Add("hospital", "Enter the hospital the person is being discharged from.");
            if (ward is null)
                problems.Add("ward", "Enter the ward.");
            if (admittedOn is null)
                problems.Add("admittedOn", "Enter the date the person was admitted.");
            if (dischargeReadyDate is null && !readyDateToFollow)
                problems.Add("dischargeReadyDate", "Enter the discharge ready date (the first day the person no longer met the criteria to reside).");
        }
        else
        {
            if (ward is not null)
                problems.Add("ward", "A ward is recorded only for hospital discharge referrals.");
            if (admittedOn is not null)
                problems.Add("admittedOn", "An admission date is recorded only for hospital discharge referrals.");
            if (dischargeReadyDate is not null)
                problems.Add("dischargeReadyDate", "A discharge ready date is recorded only for hospital discharge referrals.");
            if (hospital is not null && route != Route.EmergencyDepartment)
                problems.Add("hospital", "A hospital is recorded only for hospital discharge and A&E referrals.");
        }
        if (admittedOn > today)
            problems.Add("admittedOn", "The admission date cannot be in the future.");
        CheckReadyDate(problems, "dischargeReadyDate", admittedOn, dischargeReadyDate, today);
    }

    /// <summary>A discharge ready date is not before the admission, nor more than 28 days ahead (the field named as the caller's input names it).</summary>
    public static void CheckReadyDate(Problems problems, string field, DateOnly? admittedOn, DateOnly? dischargeReadyDate, DateOnly today)
    {
        if (admittedOn is { } a && dischargeReadyDate is { } d && d < a)
            problems.Add(field, "The discharge ready date cannot be before the admission date.");
        if (dischargeReadyDate > today.AddDays(28))
            problems.Add(field, "The discharge ready date can be at most 28 days ahead.");
    }
}
