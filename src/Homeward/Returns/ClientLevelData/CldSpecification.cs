using System.Collections.Frozen;

namespace Homeward.Returns.ClientLevelData;

/// <summary>
/// Adult Social Care Client Level Data, Release 2: the fields in the specification's order and the code lists
/// Homeward writes and checks. Sources (docs/metrics.md): the specification's field list and its conditions
/// (which field applies to which event, and when it is mandatory) as DHSC's published data-quality code applies them
/// (DataS-DHSC/ASC-CLD-LA-Dashboard, GetDQValues); the Release 2 wording of the code lists as DHSC's processing code
/// maps to them (GetDerivedFields and its methodology notes). A field whose list Homeward could not check against a
/// published source is listed in <see cref="UncheckedLists"/>: the validator checks it is present, not its wording.
/// </summary>
public static class CldSpecification
{
    public static readonly string[] Fields =
    [
        "LA_Code", "Reporting_Period_Start_Date", "Reporting_Period_End_Date",
        "LA_Person_Unique_Identifier", "NHS_Number", "GP_Practice_Code", "GP_Practice_Name", "Gender", "Ethnicity", "Date_of_Birth",
        "Date_of_Death", "Client_Type", "Primary_Support_Reason", "Postcode", "Accommodation_Status", "Employment_Status", "Has_Unpaid_Carer",
        "Autism_Spectrum_Disorder_ASD", "Visual_Impairment", "Hearing_Impairment", "Dementia", "Client_Funding_Status",
        "Event_Type", "Event_Reference", "Event_Start_Date", "Event_End_Date", "Event_Description", "Event_Outcome",
        "Request_Route_of_Access", "Assessment_Type", "Eligible_Needs_Identified", "Method_of_Assessment",
        "Total_Hrs_Caring_per_week", "No_of_adults_being_cared_for", "Adult_1_Linked_Person_ID", "Adult_2_Linked_Person_ID", "Adult_3_Linked_Person_ID",
        "Service_Type", "Service_Component", "Delivery_Mechanism", "Provider_CQC_Location_ID", "Provider_CQC_Location_Name",
        "Review_Reason", "Review_Outcomes_Achieved", "Method_of_Review",
        "Unit_Cost", "Cost_Frequency_Unit_Type", "Planned_units_per_week",
    ];

    private static readonly FrozenDictionary<string, int> Index =
        Fields.Select((f, i) => (f, i)).ToFrozenDictionary(x => x.f, x => x.i, StringComparer.Ordinal);

    public static int Column(string field) => Index.TryGetValue(field, out var i) ? i : throw new ArgumentException($"No CLD field {field}.", nameof(field));

    public static class EventTypes
    {
        public const string Request = "Request", Assessment = "Assessment", Service = "Service", Review = "Review";
        public static readonly string[] All = [Request, Assessment, Service, Review];
    }

    public const string ServiceUser = "Service user";
    public static readonly string[] ClientTypes = [ServiceUser, "Carer", "Carer known by association"];

    public static readonly string[] Genders = ["Male", "Female", "Other", "Unknown"];

    public static readonly string[] YesNoUnknown = ["Yes", "No", "Unknown"];

    public static class Outcomes
    {
        public const string AdmittedToHospital = "Admitted to hospital", Continuation = "Continuation of support or services",
            Deceased = "NFA: Deceased", Signposted = "NFA: Information and advice or signposting", NoServicesOther = "NFA: No services offered for other reason",
            Other = "NFA: Other", ToNhs = "NFA: Referral to NHS services or NHS funded social care", WithinCouncil = "NFA: Referral to other service within the local authority",
            MovedAway = "NFA: Responsibility moved to another local authority", SelfFunded = "NFA: Self-funded client or under 12wk disregard",
            Declined = "NFA: Support declined", EndedAsPlanned = "NFA: Support ended as planned", EndedOther = "NFA: Support ended for other reason",
            ToAssessment = "Progress to assessment, review or reassessment", ToReablement = "Progress to reablement/ST-Max",
            ToSupportPlanning = "Progress to support planning or services";

        public static readonly string[] All = [AdmittedToHospital, Continuation, Deceased, Signposted, NoServicesOther, Other, ToNhs, WithinCouncil,
            MovedAway, SelfFunded, Declined, EndedAsPlanned, EndedOther, ToAssessment, ToReablement, ToSupportPlanning];
    }

    public static class ServiceTypes
    {
        public const string StMax = "Short term support: ST-Max", OngoingLowLevel = "Short term support: Ongoing low level",
            OtherShortTerm = "Short term support: Other short term", Nursing = "Long term support: Nursing care",
            Residential = "Long term support: Residential care", Community = "Long term support: Community", Prison = "Long term support: Prison";

        public static readonly string[] All = [StMax, OngoingLowLevel, OtherShortTerm, Nursing, Residential, Community, Prison,
            "Unpaid carer support: Direct to unpaid carer", "Unpaid carer support: Support involving the person cared-for"];
    }

    public static class Components
    {
        public const string Reablement = "Reablement", ShortTermResidential = "Short term residential care";
    }

    /// <summary>Routes of access as SALT and CLD name them.</summary>
    public static readonly string[] Routes = ["Discharge from hospital", "Diversion from hospital services", "Planned entry (transition)",
        "Self-funder with depleted funds", "Community / other route"];

    public static readonly string[] AssessmentTypes = ["Short term assessment", "Long term assessment", "Financial assessment",
        "Unpaid carer assessment", "Joint unpaid carer assessment"];

    public const string ReviewOfShortTermSupport = "Review of short term support";

    /// <summary>Fields the specification asks for that Homeward does not record yet: left empty, and the validator warns (never silently).</summary>
    public static readonly string[] NotRecorded = ["Client_Funding_Status", "Method_of_Assessment", "Method_of_Review"];

    /// <summary>Code lists checked for presence only (see the class summary).</summary>
    public static readonly string[] UncheckedLists = ["Cost_Frequency_Unit_Type"];
}
