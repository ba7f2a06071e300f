namespace Homeward.People;

/// <summary>
/// The person's ethnic group as they describe it, in the 2021 Census categories the NHS Data Dictionary and Adult
/// Social Care Client Level Data (Release 2) use. <see cref="SocialCareLabels"/> gives the exact wording.
/// </summary>
public enum Ethnicity
{
    WhiteBritish, WhiteIrish, WhiteGypsyOrIrishTraveller, WhiteRoma, WhiteOther,
    MixedWhiteAndBlackCaribbean, MixedWhiteAndBlackAfrican, MixedWhiteAndAsian, MixedOther,
    AsianIndian, AsianPakistani, AsianBangladeshi, AsianChinese, AsianOther,
    BlackAfrican, BlackCaribbean, BlackOther,
    OtherArab, OtherAny,
    Refused, NotKnown,
}

/// <summary>The main reason the person needs support (Client Level Data's Primary Support Reason).</summary>
public enum PrimarySupportReason
{
    PhysicalAccessAndMobilityOnly, PhysicalPersonalCare,
    SensoryVisual, SensoryHearing, SensoryDual,
    MemoryAndCognition, LearningDisability, MentalHealth,
    SocialSubstanceMisuse, SocialAsylumSeeker, SocialIsolationOrOther, SocialSupportToUnpaidCarer,
    Unknown,
}

/// <summary>Where and how the person lives (Client Level Data's Accommodation Status).</summary>
public enum AccommodationStatus
{
    OwnerOccupier, TenantSocial, TenantPrivate, WithFamilyOrFriends, SupportedAccommodation, SharedLives,
    ApprovedPremises, ShelteredOrExtraCare, MobileAccommodation, RoughSleeper, NightShelter, Refuge,
    CouncilTemporaryAccommodation, ShortTermGuest, HospitalOrHealthcareFacility, CareHome, NursingHome, Prison,
    OtherTemporary, Unknown,
}

/// <summary>
/// The wording staff read on forms and that goes into Client Level Data. Sources: DHSC's published CLD processing
/// code (ethnicity and primary support reason as mapped to Release 2; accommodation status as its reference table
/// lists it). docs/metrics.md cites them.
/// </summary>
public static class SocialCareLabels
{
    public static string Label(this Ethnicity e) => e switch
    {
        Ethnicity.WhiteBritish => "White: English, Welsh, Scottish, Northern Irish or British",
        Ethnicity.WhiteIrish => "White: Irish",
        Ethnicity.WhiteGypsyOrIrishTraveller => "White: Gypsy or Irish Traveller",
        Ethnicity.WhiteRoma => "White: Roma",
        Ethnicity.WhiteOther => "White: Any other White background",
        Ethnicity.MixedWhiteAndBlackCaribbean => "Mixed or multiple ethnic groups: White and Black Caribbean",
        Ethnicity.MixedWhiteAndBlackAfrican => "Mixed or multiple ethnic groups: White and Black African",
        Ethnicity.MixedWhiteAndAsian => "Mixed or multiple ethnic groups: White and Asian",
        Ethnicity.MixedOther => "Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background",
        Ethnicity.AsianIndian => "Asian or Asian British: Indian",
        Ethnicity.AsianPakistani => "Asian or Asian British: Pakistani",
        Ethnicity.AsianBangladeshi => "Asian or Asian British: Bangladeshi",
        Ethnicity.AsianChinese => "Asian or Asian British: Chinese",
        Ethnicity.AsianOther => "Asian or Asian British: Any other Asian background",
        Ethnicity.BlackAfrican => "Black, Black British, Caribbean or African: African",
        Ethnicity.BlackCaribbean => "Black, Black British, Caribbean or African: Caribbean",
        Ethnicity.BlackOther => "Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean background",
        Ethnicity.OtherArab => "Other ethnic group: Arab",
        Ethnicity.OtherAny => "Other ethnic group: Any other ethnic group",
        Ethnicity.Refused => "No data: Refused",
        _ => "No data: Undeclared or not known",
    };

    public static string Label(this PrimarySupportReason r) => r switch
    {
        PrimarySupportReason.PhysicalAccessAndMobilityOnly => "Physical support: Access and mobility only",
        PrimarySupportReason.PhysicalPersonalCare => "Physical support: Personal care support",
        PrimarySupportReason.SensoryVisual => "Sensory support: Support for visual impairment",
        PrimarySupportReason.SensoryHearing => "Sensory support: Support for hearing impairment",
        PrimarySupportReason.SensoryDual => "Sensory support: Support for dual impairment",
        PrimarySupportReason.MemoryAndCognition => "Support with memory and cognition",
        PrimarySupportReason.LearningDisability => "Learning disability support",
        PrimarySupportReason.MentalHealth => "Mental health support",
        PrimarySupportReason.SocialSubstanceMisuse => "Social support: Substance misuse support",
        PrimarySupportReason.SocialAsylumSeeker => "Social support: Asylum seeker support",
        PrimarySupportReason.SocialIsolationOrOther => "Social support: Support for social isolation or other",
        PrimarySupportReason.SocialSupportToUnpaidCarer => "Social support: Support to unpaid carer",
        _ => "Unknown",
    };

    public static string Label(this AccommodationStatus a) => a switch
    {
        AccommodationStatus.OwnerOccupier => "Owner occupier or shared ownership scheme",
        AccommodationStatus.TenantSocial => "Tenant",
        AccommodationStatus.TenantPrivate => "Tenant - private landlord",
        AccommodationStatus.WithFamilyOrFriends => "Settled mainstream housing with family / friends",
        AccommodationStatus.SupportedAccommodation => "Supported accommodation / supported lodgings / supported group home",
        AccommodationStatus.SharedLives => "Shared Lives scheme",
        AccommodationStatus.ApprovedPremises => "Approved premises for offenders released from prison or under probation supervision",
        AccommodationStatus.ShelteredOrExtraCare => "Sheltered housing / extra care housing / other sheltered housing",
        AccommodationStatus.MobileAccommodation => "Mobile accommodation for Gypsy / Roma and Traveller communities",
        AccommodationStatus.RoughSleeper => "Rough sleeper / squatting",
        AccommodationStatus.NightShelter => "Night shelter / emergency hostel / direct access hostel",
        AccommodationStatus.Refuge => "Refuge",
        AccommodationStatus.CouncilTemporaryAccommodation => "Placed in temporary accommodation by the council (inc. homelessness resettlement)",
        AccommodationStatus.ShortTermGuest => "Staying with family / friends as a short-term guest",
        AccommodationStatus.HospitalOrHealthcareFacility => "Acute / long-term healthcare residential facility or hospital",
        AccommodationStatus.CareHome => "Registered care home",
        AccommodationStatus.NursingHome => "Registered nursing home",
        AccommodationStatus.Prison => "Prison / Young offenders institution / detention centre",
        AccommodationStatus.OtherTemporary => "Other temporary accommodation",
        _ => "Unknown",
    };
}
