namespace Homeward.Episodes;

/// <summary>
/// What followed a period of short-term support: the SALT STS sequels (domain §2). The last seven
/// apply only to existing clients (people who already had long-term support).
/// </summary>
public enum Sequel
{
    EarlyCessationNhsFundedEndOfLifeOrDeath,
    EarlyCessationOtherReason,
    EarlyCessationLeadingToLongTermSupport,
    LongTermSupport,
    SelfFunded,
    OngoingLowLevelSupport,
    OtherShortTermSupport,
    SupportDeclined,
    UniversalServicesOrSignposted,
    NoIdentifiedNeeds,
    MoveToNursingCare,
    MoveToResidentialCare,
    MoveToCommunity,
    LongTermSupportIncreased,
    LongTermSupportUnchanged,
    LongTermSupportDecreased,
    AllLongTermSupportEnded,
}

/// <summary>Where the person went when the episode ended.</summary>
public enum Destination { UsualResidence, ExtraCareHousing, CareHome, NursingHome, Hospital, CommunityBed, Died, Other }

/// <summary>Urgent community response: what happened after the first face-to-face contact.</summary>
public enum UrgentOutcome { StayedAtHome, ConveyedToHospital, Other }

public static class Sequels
{
    public static bool IsExistingClientOnly(this Sequel sequel) => sequel >= Sequel.MoveToNursingCare;

    /// <summary>Early cessation: the support stopped before it could finish (death, admission, other reasons).</summary>
    public static bool IsEarlyCessation(this Sequel sequel) => sequel is Sequel.EarlyCessationNhsFundedEndOfLifeOrDeath
        or Sequel.EarlyCessationOtherReason or Sequel.EarlyCessationLeadingToLongTermSupport;

    /// <summary>Sequels that say the person carries on living in the community without long-term support from a care home.</summary>
    private static bool StaysInCommunity(Sequel sequel) => sequel is Sequel.NoIdentifiedNeeds or Sequel.UniversalServicesOrSignposted
        or Sequel.OngoingLowLevelSupport or Sequel.MoveToCommunity;

    /// <summary>
    /// Why a sequel and a destination cannot both be true, or null when they can (docs/user-guide.md lists the rules):
    /// naming the values as a program sends them, or (<paramref name="forPeople"/>) in the words of the form.
    /// </summary>
    public static string? Contradiction(Sequel sequel, Destination destination, bool forPeople = false)
    {
        string Name<T>(T value) where T : struct, Enum => forPeople ? $"“{Common.Words.Of(value)}”" : value.ToString();
        return (sequel, destination) switch
        {
            (not Sequel.EarlyCessationNhsFundedEndOfLifeOrDeath, Destination.Died) =>
                $"A person who died has the sequel {Name(Sequel.EarlyCessationNhsFundedEndOfLifeOrDeath)}.",
            (Sequel.MoveToNursingCare, not Destination.NursingHome) => $"{Name(Sequel.MoveToNursingCare)} means the destination is {Name(Destination.NursingHome)}.",
            (Sequel.MoveToResidentialCare, not Destination.CareHome) => $"{Name(Sequel.MoveToResidentialCare)} means the destination is {Name(Destination.CareHome)}.",
            (_, Destination.Hospital) when !sequel.IsEarlyCessation() =>
                forPeople ? "Going into hospital ends support early: choose one of the early cessation sequels."
                          : "Going into hospital ends support early: choose one of the EarlyCessation sequels.",
            (_, Destination.CareHome or Destination.NursingHome) when StaysInCommunity(sequel) =>
                $"{Name(sequel)} means the person stays in the community, not in a {(destination == Destination.CareHome ? "care home" : "nursing home")}.",
            _ => null,
        };
    }
}
