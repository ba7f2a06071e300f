using System.Globalization;
using Homeward.Episodes;
using Homeward.Figures;
using Homeward.People;
using Homeward.Referrals;
using Homeward.Returns;
using Homeward.Returns.ClientLevelData;
using Homeward.Triage;

namespace Homeward.Tests.Returns;

/// <summary>Client Level Data on hand-built records: which events, their fields and code lists, and the validator.</summary>
public sealed class ClientLevelDataTests
{
    private static readonly Period Year = new(new DateOnly(2025, 10, 1), new DateOnly(2026, 9, 30));

    private static DateTimeOffset At(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>A person with every detail CLD asks for, in council-arranged reablement.</summary>
    private static EpisodeFacts Reablement(string referred, string? started = null, string? ended = null, Sequel? sequel = null) => new()
    {
        EpisodeId = Guid.NewGuid(), PersonId = Guid.NewGuid(), Route = Route.HospitalDischarge, Service = Service.Reablement,
        Status = ended is not null ? EpisodeStatus.Ended : started is not null ? EpisodeStatus.Active : EpisodeStatus.Accepted,
        ReferredAt = At(referred), AcceptedAt = At(referred).AddHours(2), StartedAt = started is null ? null : At(started),
        EndedAt = ended is null ? null : At(ended), Sequel = sequel, Destination = ended is null ? null : Destination.UsualResidence,
        DateOfBirth = new DateOnly(1941, 3, 4), NhsNumber = "9990000018", Gender = Gender.Female, GpPractice = "ZN001", Postcode = "NV1 2AB",
        Ethnicity = Ethnicity.WhiteBritish, PrimarySupportReason = PrimarySupportReason.PhysicalPersonalCare,
        AccommodationStatus = AccommodationStatus.OwnerOccupier, HasUnpaidCarer = false, ArrangedByCouncil = true, ServiceName = "Northvale Reablement",
    };

    private static string V(IReadOnlyList<string> row, string field) => row[CldSpecification.Column(field)];

    private static List<(string Type, Guid Episode, string Start, string End, string Outcome)> Events(ReturnTable t, params EpisodeFacts[] facts) =>
        [.. t.Rows.Select(r => (V(r, "Event_Type"), facts.First(f => V(r, "Event_Reference").StartsWith(f.EpisodeId.ToString("N"), StringComparison.Ordinal)).EpisodeId,
            V(r, "Event_Start_Date"), V(r, "Event_End_Date"), V(r, "Event_Outcome")))];

    [Fact]
    public void Requests_decided_assessments_and_reviews_done_and_services_active_in_the_period_including_those_begun_before_it()
    {
        // Referred and started before the period, still open: its service is in (no end date), its request is not.
        var open = Reablement("2025-09-20T10:00:00Z", started: "2025-09-22T09:00:00Z") with
        {
            AssessedAt = At("2025-10-02T10:00:00Z"), ReviewsHeldAt = [At("2025-10-09T11:00:00Z"), At("2026-10-09T11:00:00Z")],
        };
        // Referred, started and ended in the period: request, service ended with its outcome.
        var ended = Reablement("2026-02-01T10:00:00Z", started: "2026-02-02T10:00:00Z", ended: "2026-02-20T10:00:00Z", sequel: Sequel.NoIdentifiedNeeds);
        // Still being decided: not an event yet.
        var undecided = Reablement("2026-09-29T10:00:00Z") with { Status = EpisodeStatus.Triaged, AcceptedAt = null };
        // Cancelled in the period: the request, decided, with its outcome; no service.
        var cancelled = Reablement("2026-03-01T10:00:00Z") with { Status = EpisodeStatus.Cancelled, AcceptedAt = null, CancelledAt = At("2026-03-02T10:00:00Z") };
        // Ended before the period: nothing.
        var before = Reablement("2025-06-01T10:00:00Z", started: "2025-06-02T10:00:00Z", ended: "2025-07-01T10:00:00Z", sequel: Sequel.NoIdentifiedNeeds);
        // An urgent community response is the NHS's: not in the council's CLD.
        var urgent = Reablement("2026-01-05T10:00:00Z", started: "2026-01-05T11:00:00Z") with { Route = Route.UrgentCommunityResponse, Service = Service.UrgentCommunityResponse, ArrangedByCouncil = false };
        // Intermediate care run by the community trust: the request is not the council's either.
        var nhsRun = Reablement("2026-01-06T10:00:00Z", started: "2026-01-07T10:00:00Z") with { Service = Service.HomeBasedIntermediateCare, ArrangedByCouncil = false };

        var t = ClientLevelData.Build([open, ended, undecided, cancelled, before, urgent, nhsRun], Year, "ZWV", new Dictionary<string, string> { ["ZN001"] = "Northvale Surgery" });

        Assert.Equal(
            [
                ("Service", open.EpisodeId, "2025-09-22", "", "Continuation of support or services"),
                ("Assessment", open.EpisodeId, "2025-10-02", "2025-10-02", "Progress to reablement/ST-Max"),
                ("Review", open.EpisodeId, "2025-10-09", "2025-10-09", "Continuation of support or services"),
                ("Request", ended.EpisodeId, "2026-02-01", "2026-02-01", "Progress to reablement/ST-Max"),
                ("Service", ended.EpisodeId, "2026-02-02", "2026-02-20", "NFA: Support ended as planned"),
                ("Request", cancelled.EpisodeId, "2026-03-01", "2026-03-02", "NFA: Other"),
            ],
            Events(t, open, ended, undecided, cancelled, before, urgent, nhsRun));
        var service = t.Rows.First(r => V(r, "Event_Type") == "Service");
        Assert.Equal("Short term support: ST-Max", V(service, "Service_Type"));
        Assert.Equal("Reablement", V(service, "Service_Component"));
        Assert.Equal("Service user", V(service, "Client_Type"));
        Assert.Equal("White: English, Welsh, Scottish, Northern Irish or British", V(service, "Ethnicity"));
        Assert.Equal("Physical support: Personal care support", V(service, "Primary_Support_Reason"));
        Assert.Equal("Owner occupier or shared ownership scheme", V(service, "Accommodation_Status"));
        Assert.Equal("Northvale Surgery", V(service, "GP_Practice_Name"));
        Assert.All(t.Rows, r => Assert.Equal(["ZWV", "2025-10-01", "2026-09-30"], r.Take(3)));
        Assert.Equal(CldSpecification.Fields, t.Columns);
        Assert.Equal("Discharge from hospital", V(t.Rows.Single(r => V(r, "Event_Type") == "Request" && V(r, "Event_Outcome").StartsWith("Progress", StringComparison.Ordinal)), "Request_Route_of_Access"));
        // Every event has its own reference.
        Assert.Equal(t.Rows.Count, t.Rows.Select(r => V(r, "Event_Reference")).Distinct().Count());
        Assert.DoesNotContain(CldValidator.Check(t), p => p.Blocking);
    }

    [Fact]
    public void A_start_at_half_past_midnight_in_summer_is_that_London_day()
    {
        // 00:30 BST on 1 October is 23:30 UTC on 30 September: a service that starts in the period, on 1 October.
        var late = Reablement("2026-09-29T10:00:00Z", started: "2026-09-30T23:30:00Z") with { AcceptedAt = At("2026-09-30T23:20:00Z") };
        var t = ClientLevelData.Build([late], new Period(new DateOnly(2026, 10, 1), new DateOnly(2027, 9, 30)), "ZWV", new Dictionary<string, string>());
        Assert.Equal([("Service", late.EpisodeId, "2026-10-01", "", "Continuation of support or services"), ("Request", late.EpisodeId, "2026-09-29", "2026-10-01", "Progress to reablement/ST-Max")],
            Events(t, late).OrderBy(e => e.Type, StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public void Two_episodes_for_one_person_are_two_services_with_their_own_references()
    {
        var first = Reablement("2026-01-01T10:00:00Z", started: "2026-01-02T10:00:00Z", ended: "2026-01-20T10:00:00Z", sequel: Sequel.OtherShortTermSupport);
        var second = Reablement("2026-03-01T10:00:00Z", started: "2026-03-02T10:00:00Z") with { PersonId = first.PersonId };
        var t = ClientLevelData.Build([first, second], Year, "ZWV", new Dictionary<string, string>());
        var services = t.Rows.Where(r => V(r, "Event_Type") == "Service").ToList();
        Assert.Equal(2, services.Count);
        Assert.Single(services.Select(r => V(r, "LA_Person_Unique_Identifier")).Distinct());
        Assert.Equal(2, services.Select(r => V(r, "Event_Reference")).Distinct().Count());
        Assert.Equal("Progress to support planning or services", V(services[0], "Event_Outcome"));
    }

    [Fact]
    public void The_validator_names_the_row_and_field_of_every_problem_and_warns_of_what_Homeward_does_not_record()
    {
        var missing = Reablement("2026-02-01T10:00:00Z", started: "2026-02-02T10:00:00Z") with
        {
            Ethnicity = null, PrimarySupportReason = null, AccommodationStatus = null, NhsNumber = "9990000019", // bad check digit
            Service = Service.BedBasedIntermediateCare, CostPerDay = null,
        };
        var t = ClientLevelData.Build([missing], Year, "", new Dictionary<string, string>());
        var problems = CldValidator.Check(t);
        var errors = problems.Where(p => p.Blocking).Select(p => (p.Row, p.Field)).ToHashSet();
        // Both rows (the request and the service): no council code, no ethnicity, no accommodation status, a bad NHS number.
        foreach (var row in new[] { 1, 2 })
            foreach (var field in new[] { "LA_Code", "Ethnicity", "Accommodation_Status", "NHS_Number" })
                Assert.Contains((row, field), errors);
        var service = t.Rows.ToList().FindIndex(r => V(r, "Event_Type") == "Service") + 1;
        var request = 3 - service;
        // The service needs the primary support reason and, as short-term residential care, its cost; the request does not.
        Assert.Contains((service, "Primary_Support_Reason"), errors);
        Assert.Contains((service, "Unit_Cost"), errors);
        Assert.DoesNotContain((request, "Primary_Support_Reason"), errors);
        Assert.Contains(problems, p => !p.Blocking && p.Row == service && p.Field == "Client_Funding_Status");

        // Hand-made rows: an unknown code, an end before the start, a repeated reference, a wrong date.
        var good = ClientLevelData.Build([Reablement("2026-02-01T10:00:00Z", started: "2026-02-02T10:00:00Z", ended: "2026-02-10T10:00:00Z", sequel: Sequel.NoIdentifiedNeeds)],
            Year, "ZWV", new Dictionary<string, string>());
        var rows = good.Rows.Select(r => r.ToArray()).ToList();
        rows[0][CldSpecification.Column("Gender")] = "F";
        rows[1][CldSpecification.Column("Event_End_Date")] = "2026-02-01";
        rows[1][CldSpecification.Column("Event_Reference")] = rows[0][CldSpecification.Column("Event_Reference")];
        rows[0][CldSpecification.Column("Date_of_Birth")] = "04/03/1941";
        var bad = CldValidator.Check(good with { Rows = rows });
        Assert.Contains(bad, p => p is { Row: 1, Field: "Gender", Blocking: true } && p.Message.Contains("'F'", StringComparison.Ordinal));
        Assert.Contains(bad, p => p is { Row: 2, Field: "Event_End_Date" } && p.Message.Contains("ends before it starts", StringComparison.Ordinal));
        Assert.Contains(bad, p => p is { Row: 2, Field: "Event_Reference" } && p.Message.Contains("row 1", StringComparison.Ordinal));
        Assert.Contains(bad, p => p is { Row: 1, Field: "Date_of_Birth" } && p.Message.Contains("YYYY-MM-DD", StringComparison.Ordinal));
    }
}
