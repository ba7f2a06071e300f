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

public static class Sequels
{
    public static bool IsExistingClientOnly(this Sequel sequel) => sequel >= Sequel.MoveToNursingCare;
}
