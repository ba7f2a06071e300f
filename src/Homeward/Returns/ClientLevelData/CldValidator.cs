using System.Globalization;
using Homeward.People;
using static Homeward.Returns.ClientLevelData.CldSpecification;

namespace Homeward.Returns.ClientLevelData;

/// <summary>
/// Applies the specification's rules to a CLD file before it is offered: every mandatory field present for the event
/// and client type it applies to, values from the code lists, real dates in order and inside the reporting period,
/// valid NHS numbers and postcodes, one row per event reference. Errors block the file; warnings (fields Homeward
/// does not record yet) are listed so nobody submits without knowing.
/// </summary>
public static class CldValidator
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // The code lists as sets, built once (a year's file has a hundred thousand rows).
    private static readonly HashSet<string> EthnicityLabels = [.. Enum.GetValues<Ethnicity>().Select(e => e.Label())];
    private static readonly HashSet<string> SupportReasonLabels = [.. Enum.GetValues<PrimarySupportReason>().Select(p => p.Label())];
    private static readonly HashSet<string> AccommodationLabels = [.. Enum.GetValues<AccommodationStatus>().Select(a => a.Label())];
    private static readonly HashSet<string> GenderCodes = [.. Genders], ClientTypeCodes = [.. ClientTypes], CarerCodes = [.. YesNoUnknown],
        EventTypeCodes = [.. EventTypes.All], OutcomeCodes = [.. Outcomes.All], RouteCodes = [.. Routes], AssessmentCodes = [.. AssessmentTypes],
        ServiceTypeCodes = [.. ServiceTypes.All];

    /// <summary>Rows checked together by one thread: a region's year (half a million rows) is checked on every core.</summary>
    private const int Chunk = 8_192;

    public static IReadOnlyList<ReturnProblem> Check(ReturnTable table)
    {
        // An event reference met before (row number), found in order first; then the rows' own checks, a chunk a thread.
        var reference = Column("Event_Reference");
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var sameAs = new int[table.Rows.Count];
        for (var r = 0; r < table.Rows.Count; r++)
            if (table.Rows[r][reference] is { Length: > 0 } value && !seen.TryAdd(value, r + 1))
                sameAs[r] = seen[value];
        var chunks = new List<ReturnProblem>[(table.Rows.Count + Chunk - 1) / Chunk];
        Parallel.For(0, chunks.Length, c =>
        {
            var found = new List<ReturnProblem>();
            for (var r = c * Chunk; r < Math.Min(table.Rows.Count, (c + 1) * Chunk); r++)
                CheckRow(table.Rows[r], r + 1, sameAs[r], found);
            chunks[c] = found;
        });
        return [.. chunks.SelectMany(c => c)];
    }

    private static void CheckRow(IReadOnlyList<string> row, int n, int sameAsRow, List<ReturnProblem> problems)
    {
        string V(string field) => row[Column(field)];
        void Error(string field, string message) => problems.Add(new ReturnProblem(n, field, message, true));
        void Required(string field, string what)
        {
            if (V(field).Length == 0)
                Error(field, $"Missing: {what} is mandatory here.");
        }
        void InList(string field, HashSet<string> list)
        {
            if (V(field).Length > 0 && !list.Contains(V(field)))
                Error(field, $"'{V(field)}' is not in the specification's list for {field}.");
        }
        DateOnly? Date(string field)
        {
            if (V(field).Length == 0)
                return null;
            if (DateOnly.TryParseExact(V(field), "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var d))
                return d;
            Error(field, $"'{V(field)}' is not a date in the form YYYY-MM-DD.");
            return null;
        }

        Required("LA_Code", "the council's code");
        var periodFrom = Date("Reporting_Period_Start_Date");
        var periodTo = Date("Reporting_Period_End_Date");
        Required("Reporting_Period_Start_Date", "the reporting period's first day");
        Required("Reporting_Period_End_Date", "the reporting period's last day");
        Required("LA_Person_Unique_Identifier", "the council's identifier for the person");
        Required("NHS_Number", "the NHS number");
        if (V("NHS_Number").Length > 0 && !NhsNumber.TryParse(V("NHS_Number"), out _, out var nhsError))
            Error("NHS_Number", nhsError!);
        Required("Gender", "gender");
        InList("Gender", GenderCodes);
        Required("Ethnicity", "ethnicity (record it on the person's page)");
        InList("Ethnicity", EthnicityLabels);
        var born = Date("Date_of_Birth");
        Required("Date_of_Birth", "the date of birth");
        var died = Date("Date_of_Death");
        Required("Client_Type", "the client type");
        InList("Client_Type", ClientTypeCodes);
        var type = V("Event_Type");
        if (type != EventTypes.Request)
            Required("Primary_Support_Reason", "the primary support reason (record it on the person's page)");
        InList("Primary_Support_Reason", SupportReasonLabels);
        Required("Postcode", "the postcode");
        if (V("Postcode").Length > 0 && !Postcode.TryParse(V("Postcode"), out _, out _))
            Error("Postcode", $"'{V("Postcode")}' is not a UK postcode.");
        Required("Accommodation_Status", "the accommodation status (record it on the person's page)");
        InList("Accommodation_Status", AccommodationLabels);
        Required("Has_Unpaid_Carer", "whether the person has an unpaid carer");
        InList("Has_Unpaid_Carer", CarerCodes);

        Required("Event_Type", "the event type");
        InList("Event_Type", EventTypeCodes);
        Required("Event_Reference", "the event reference");
        if (sameAsRow > 0)
            Error("Event_Reference", $"The same event reference as row {sameAsRow}: each event has its own.");
        var start = Date("Event_Start_Date");
        Required("Event_Start_Date", "the event's start date");
        var end = Date("Event_End_Date");
        if (type != EventTypes.Service || died is not null)
            Required("Event_End_Date", type == EventTypes.Service ? "the end date of a service for a person who has died" : "the event's end date");
        Required("Event_Outcome", "the event outcome");
        InList("Event_Outcome", OutcomeCodes);

        if (start is { } s && end is { } e && e < s)
            Error("Event_End_Date", "The event ends before it starts.");
        if (born is { } b && start is { } s2 && s2 < b)
            Error("Event_Start_Date", "The event starts before the person was born.");
        if (born is { } b2 && died is { } d2 && d2 < b2)
            Error("Date_of_Death", "The date of death is before the date of birth.");
        if (periodFrom is { } pf && periodTo is { } pt)
        {
            if (start > pt)
                Error("Event_Start_Date", "The event starts after the reporting period.");
            if (end is { } e2 && e2 < pf)
                Error("Event_End_Date", "The event ended before the reporting period.");
            if (end > pt)
                Error("Event_End_Date", "The end date is after the reporting period: leave it empty while the service carries on.");
        }

        switch (type)
        {
            case EventTypes.Request:
                Required("Request_Route_of_Access", "the route of access");
                InList("Request_Route_of_Access", RouteCodes);
                break;
            case EventTypes.Assessment:
                Required("Assessment_Type", "the assessment type");
                InList("Assessment_Type", AssessmentCodes);
                break;
            case EventTypes.Service:
                Required("Service_Type", "the service type");
                InList("Service_Type", ServiceTypeCodes);
                Required("Service_Component", "the service component");
                if (V("Service_Component") == Components.ShortTermResidential)
                {
                    Required("Unit_Cost", "the unit cost of short-term residential care (set the service's cost a day)");
                    Required("Cost_Frequency_Unit_Type", "the cost frequency");
                    Required("Planned_units_per_week", "the planned units a week");
                }
                break;
            case EventTypes.Review:
                Required("Review_Reason", "the review reason");
                break;
        }

        foreach (var field in NotRecorded.Where(f => V(f).Length == 0 && Applies(f, type)))
            problems.Add(new ReturnProblem(n, field, "Homeward does not record this yet: add it from the council's system before submitting.", false));
    }

    private static bool Applies(string field, string eventType) => field switch
    {
        "Client_Funding_Status" => eventType is EventTypes.Service or EventTypes.Review,
        "Method_of_Assessment" => eventType == EventTypes.Assessment,
        "Method_of_Review" => eventType == EventTypes.Review,
        _ => false,
    };
}
