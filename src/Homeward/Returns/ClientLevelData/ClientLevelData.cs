using System.Globalization;
using Homeward.Care;
using Homeward.Episodes;
using Homeward.Figures;
using Homeward.People;
using Homeward.Referrals;
using Homeward.Triage;
using static Homeward.Returns.ClientLevelData.CldSpecification;

namespace Homeward.Returns.ClientLevelData;

/// <summary>
/// Builds the Client Level Data file from the facts: one row per event, every field of the specification in its order.
/// <list type="bullet">
/// <item>Requests: each referral decided (accepted, declined or cancelled) in the period, started the day it was
/// received; a request still being decided is not an event yet and is reported once decided.</item>
/// <item>Assessments: each holistic assessment completed in the period.</item>
/// <item>Services: each short-term service (ST-Max) the council provides or arranges, active at any time in the period,
/// including those begun before it and still open (no end date).</item>
/// <item>Reviews: each review of short-term support held in the period.</item>
/// </list>
/// Long-term support (care home placements, home care packages) is recorded in the council's case management system,
/// which sends it in its own CLD; Homeward reports the request that led to it, with its outcome (decision 023).
/// </summary>
public static class ClientLevelData
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The specification's usual period: the rolling 12 months to the end of the latest complete quarter.</summary>
    public static Period RollingYear(DateOnly today)
    {
        var quarterStart = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1);
        return new Period(quarterStart.AddYears(-1), quarterStart.AddDays(-1));
    }

    /// <summary>Short-term support to maximise independence that the council provides or arranges.</summary>
    public static bool IsCouncilStMax(EpisodeFacts f) => EndingRules.IsReablementOrRehabilitation(f.Service) && f.ArrangedByCouncil;

    /// <summary>
    /// A request the council handles: anything but an urgent community response (an NHS service), unless it went to an
    /// NHS-run service; a declined or cancelled request counts where it came through the partnership's front door.
    /// </summary>
    public static bool IsCouncilRequest(EpisodeFacts f) => f.Route != Route.UrgentCommunityResponse
        && (f.Service is null or Triage.Service.NoNewSupport or Triage.Service.CareHomePlacement || IsCouncilStMax(f));

    public static ReturnTable Build(IReadOnlyList<EpisodeFacts> facts, Period period, string laCode, IReadOnlyDictionary<string, string> gpNames)
    {
        // The date of death belongs to the person, on every row: the end of an episode that ended in death, up to the period's end.
        var deaths = facts.Where(f => f.Destination == Destination.Died && f.EndedOn <= period.To)
            .GroupBy(f => f.PersonId).ToDictionary(g => g.Key.ToString(), g => Day(g.Min(f => f.EndedOn!.Value)));
        var file = new FileFields(laCode, Day(period.From), Day(period.To), deaths, gpNames);
        // Each episode's events on every core (a region's year is half a million rows), then in the file's order.
        var rows = facts.AsParallel().SelectMany(f => Events(f, period, file)).ToList();
        var (start, type, reference) = (Column("Event_Start_Date"), Column("Event_Type"), Column("Event_Reference"));
        var typeOrder = EventTypes.All.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i);
        var ordered = rows.AsParallel().OrderBy(r => r[start], StringComparer.Ordinal).ThenBy(r => typeOrder[r[type]])
            .ThenBy(r => r[reference], StringComparer.Ordinal).ToList();
        return new ReturnTable("cld", "Adult Social Care Client Level Data (Release 2)", period, Fields, ordered,
            [
                "One row per event, every field of the specification in its order; empty where the event does not use the field.",
                "Requests: referrals decided in the period (a request still being decided is reported once decided). Assessments and reviews: completed in the period. Services: short-term support (ST-Max) the council provides or arranges, active at any time in the period, open ones without an end date.",
                "Long-term support is sent in CLD by the council's case management system; Homeward reports the request that led to it.",
                $"Not recorded by Homeward yet, left empty: {string.Join(", ", NotRecorded)}.",
            ],
            Numbers: ["Unit_Cost", "Planned_units_per_week"]);
    }

    /// <summary>Each day's text made once (a year's file writes the same few hundred days a million times).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<DateOnly, string> Days = new();

    private static string Day(DateOnly d) => Days.GetOrAdd(d, static d => d.ToString("yyyy-MM-dd", Invariant));

    /// <summary>One episode's events in the period: its request, assessment, service and reviews, as far as each is the council's.</summary>
    /// <summary>What is the same on every row of the file, and what is looked up for the person: the date of death, the GP's name.</summary>
    private sealed record FileFields(string LaCode, string From, string To, IReadOnlyDictionary<string, string> Deaths,
        IReadOnlyDictionary<string, string> GpNames);

    private static IEnumerable<string[]> Events(EpisodeFacts f, Period period, FileFields file)
    {
        if (!IsCouncilRequest(f))
            yield break;
        // The person's fields are the same on each of the episode's rows: worked out once (when it has one), copied to each.
        string[]? template = null;
        string[] Template() => template ??= Person(f, file);
        if (f.DecidedAt is { } decided && period.Contains(Common.London.DateOf(decided)))
            yield return Request(f, Template(), decided);
        if (f.AssessedAt is { } assessed && period.Contains(Common.London.DateOf(assessed)) && f.Status != EpisodeStatus.Cancelled)
            yield return Assessment(f, Template(), Common.London.DateOf(assessed));
        if (!IsCouncilStMax(f))
            yield break;
        if (f.StartedOn is { } started && started <= period.To && (f.EndedOn is not { } ended || ended >= period.From))
            yield return ServiceEvent(f, Template(), started, period);
        for (var i = 0; i < f.ReviewsHeldAt.Count; i++)
            if (Common.London.DateOf(f.ReviewsHeldAt[i]) is var held && period.Contains(held))
                yield return Review(f, Template(), held, i + 1);
    }

    /// <summary>The fields that describe the person and the file, the same on every row of theirs.</summary>
    private static string[] Person(EpisodeFacts f, FileFields file)
    {
        var row = new string[Fields.Length];
        Array.Fill(row, "");
        void Set(string field, string? value) => row[Column(field)] = value ?? "";
        var id = f.PersonId.ToString();
        Set("LA_Code", file.LaCode);
        Set("Reporting_Period_Start_Date", file.From);
        Set("Reporting_Period_End_Date", file.To);
        Set("LA_Person_Unique_Identifier", id);
        Set("Date_of_Death", file.Deaths.GetValueOrDefault(id));
        Set("GP_Practice_Name", f.GpPractice is { Length: > 0 } gp ? file.GpNames.GetValueOrDefault(gp) : null);
        Set("NHS_Number", f.NhsNumber);
        Set("GP_Practice_Code", f.GpPractice);
        Set("Gender", f.Gender switch { Gender.Female => "Female", Gender.Male => "Male", Gender.Other => "Other", _ => "Unknown" });
        Set("Ethnicity", f.Ethnicity?.Label());
        Set("Date_of_Birth", Day(f.DateOfBirth));
        Set("Client_Type", ServiceUser);
        // A request does not need the primary support reason; every other event does.
        Set("Primary_Support_Reason", f.PrimarySupportReason?.Label());
        Set("Postcode", f.Postcode);
        Set("Accommodation_Status", f.AccommodationStatus?.Label());
        Set("Has_Unpaid_Carer", f.HasUnpaidCarer switch { true => "Yes", false => "No", _ => "Unknown" });
        return row;
    }

    /// <summary>A row of the person's for one event.</summary>
    private static string[] Event(string[] person, string eventType, string reference, DateOnly start, DateOnly? end)
    {
        var row = (string[])person.Clone();
        row[Column("Event_Type")] = eventType;
        row[Column("Event_Reference")] = reference;
        row[Column("Event_Start_Date")] = Day(start);
        row[Column("Event_End_Date")] = end is { } e ? Day(e) : "";
        return row;
    }

    private static string[] Request(EpisodeFacts f, string[] person, DateTimeOffset decided)
    {
        var row = Event(person, EventTypes.Request, $"{f.EpisodeId:N}-REQ", f.ReferredOn, Common.London.DateOf(decided));
        row[Column("Request_Route_of_Access")] = f.Route switch
        {
            Route.HospitalDischarge => Routes[0],
            Route.EmergencyDepartment or Route.UrgentCommunityResponse => Routes[1],
            _ => Routes[4],
        };
        row[Column("Event_Outcome")] = f.Status switch
        {
            EpisodeStatus.Declined => Outcomes.NoServicesOther,
            EpisodeStatus.Cancelled => Outcomes.Other,
            _ => f.Service switch
            {
                Triage.Service.NoNewSupport => Outcomes.Signposted,
                Triage.Service.CareHomePlacement => Outcomes.ToSupportPlanning,
                _ when IsCouncilStMax(f) => Outcomes.ToReablement,
                // Urgent community response and NHS-run intermediate care: the NHS takes it.
                _ => Outcomes.ToNhs,
            },
        };
        return row;
    }

    private static string[] Assessment(EpisodeFacts f, string[] person, DateOnly on)
    {
        var row = Event(person, EventTypes.Assessment, $"{f.EpisodeId:N}-ASM", on, on);
        row[Column("Assessment_Type")] = AssessmentTypes[0];
        row[Column("Event_Outcome")] = f.Status == EpisodeStatus.Declined ? Outcomes.NoServicesOther
            : IsCouncilStMax(f) ? Outcomes.ToReablement : f.Service == Triage.Service.CareHomePlacement ? Outcomes.ToSupportPlanning : Outcomes.ToNhs;
        return row;
    }

    private static string[] ServiceEvent(EpisodeFacts f, string[] person, DateOnly started, Period period)
    {
        var ended = f.EndedOn is { } e && e <= period.To ? e : (DateOnly?)null;
        var row = Event(person, EventTypes.Service, $"{f.EpisodeId:N}-SVC", started, ended);
        var bed = f.Service == Triage.Service.BedBasedIntermediateCare;
        row[Column("Service_Type")] = ServiceTypes.StMax;
        row[Column("Service_Component")] = bed ? Components.ShortTermResidential : Components.Reablement;
        row[Column("Event_Description")] = f.ServiceName ?? "";
        row[Column("Event_Outcome")] = ended is null ? Outcomes.Continuation : Outcome(f);
        if (bed && f.CostPerDay is { } cost)
        {
            row[Column("Unit_Cost")] = cost.ToString("0.00", Invariant);
            row[Column("Cost_Frequency_Unit_Type")] = "Daily";
            row[Column("Planned_units_per_week")] = "7";
        }
        return row;
    }

    private static string[] Review(EpisodeFacts f, string[] person, DateOnly held, int number)
    {
        var row = Event(person, EventTypes.Review, $"{f.EpisodeId:N}-REV{number}", held, held);
        row[Column("Review_Reason")] = ReviewOfShortTermSupport;
        row[Column("Event_Outcome")] = Outcomes.Continuation;
        return row;
    }

    /// <summary>What followed short-term support, in the specification's event outcomes.</summary>
    public static string Outcome(EpisodeFacts f) => (f.Sequel, f.Destination) switch
    {
        (_, Destination.Died) => Outcomes.Deceased,
        (_, Destination.Hospital) => Outcomes.AdmittedToHospital,
        (Sequel.EarlyCessationNhsFundedEndOfLifeOrDeath, _) => Outcomes.ToNhs,
        (Sequel.EarlyCessationOtherReason, _) => Outcomes.EndedOther,
        (Sequel.SelfFunded, _) => Outcomes.SelfFunded,
        (Sequel.SupportDeclined, _) => Outcomes.Declined,
        (Sequel.UniversalServicesOrSignposted, _) => Outcomes.Signposted,
        (Sequel.NoIdentifiedNeeds, _) => Outcomes.EndedAsPlanned,
        (Sequel.AllLongTermSupportEnded, _) => Outcomes.EndedAsPlanned,
        (Sequel.LongTermSupportUnchanged, _) => Outcomes.Continuation,
        _ => Outcomes.ToSupportPlanning,
    };
}
