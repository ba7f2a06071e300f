using Homeward.Episodes;
using Homeward.Figures;
using Homeward.FollowUps;
using Homeward.People;
using Homeward.Referrals;
using Homeward.Returns;
using Homeward.Triage;

namespace Homeward.Tests.Returns;

/// <summary>Each national return on hand-built records, the right answer worked out by hand in the comments.</summary>
public sealed class ReturnTests
{
    private static readonly Period Q3 = new(new DateOnly(2025, 10, 1), new DateOnly(2025, 12, 31));
    private static readonly Period Year = new(new DateOnly(2025, 4, 1), new DateOnly(2026, 3, 31));

    private static EpisodeFacts Facts(Route route = Route.HospitalDischarge, Service? service = Service.Reablement, int age = 80, DateOnly? discharged = null,
        FollowUpResult? result = null, Pathway? pathway = Pathway.P1) => new()
    {
        EpisodeId = Guid.NewGuid(), PersonId = Guid.NewGuid(), Route = route, Service = service, Pathway = pathway,
        ReferredAt = new DateTimeOffset((discharged ?? new DateOnly(2025, 11, 1)).AddDays(-1).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero),
        Status = EpisodeStatus.Active, DischargedOn = route == Route.HospitalDischarge ? discharged ?? new DateOnly(2025, 11, 1) : null,
        DateOfBirth = (discharged ?? new DateOnly(2025, 11, 1)).AddYears(-age).AddDays(-10), FollowUpResult = result, NhsNumber = "9990000018",
    };

    private static EpisodeFacts Ended(Sequel sequel, bool existing = false, Service service = Service.Reablement, Route route = Route.Community,
        int age = 80, Gender gender = Gender.Female, string ended = "2025-09-15T12:00:00Z") => new()
    {
        EpisodeId = Guid.NewGuid(), PersonId = Guid.NewGuid(), Route = route, Service = service, Status = EpisodeStatus.Ended, Sequel = sequel,
        ExistingClient = existing, ReferredAt = DateTimeOffset.Parse(ended, System.Globalization.CultureInfo.InvariantCulture).AddDays(-20),
        StartedAt = DateTimeOffset.Parse(ended, System.Globalization.CultureInfo.InvariantCulture).AddDays(-18),
        EndedAt = DateTimeOffset.Parse(ended, System.Globalization.CultureInfo.InvariantCulture), DateOfBirth = new DateOnly(2025 - age, 1, 1), Gender = gender,
        NhsNumber = "9990000018",
    };

    private static string Cell(ReturnTable t, string firstColumn, string column) =>
        t.Rows.Single(r => r[0] == firstColumn)[t.Columns.ToList().IndexOf(column)];

    private static IReadOnlyList<string> Row(ReturnTable t, string measure) => t.Rows.First(r => r[0] == measure);

    [Fact]
    public void Ascof_2B_counts_only_people_still_at_home_91_days_later()
    {
        List<EpisodeFacts> facts =
        [
            Facts(age: 80, result: FollowUpResult.AtHome),                                   // at home: the one success
            Facts(age: 85, service: Service.BedBasedIntermediateCare, pathway: Pathway.P2, result: FollowUpResult.Died), // died: not at home
            Facts(age: 70, result: FollowUpResult.NotContactable),                           // not contactable: not at home
            Facts(age: 75, service: Service.HomeBasedIntermediateCare, result: FollowUpResult.InCareHome), // care home: not at home
            Facts(age: 66),                                                                  // no result yet: not at home (and a warning)
            Facts(age: 60, result: FollowUpResult.AtHome),                                   // under 65: out of both
            Facts(age: 90, service: Service.NoNewSupport, pathway: Pathway.P0),              // home, no reablement: 2B(2) denominator only
            Facts(age: 80, service: Service.CareHomePlacement, pathway: Pathway.P3),         // new care home: 2B(2) denominator only
            Facts(age: 80, discharged: new DateOnly(2025, 9, 30), result: FollowUpResult.AtHome), // September: outside
            Facts(route: Route.Community, age: 80, result: FollowUpResult.AtHome),           // not from hospital: outside
        ];
        var t = NationalReturns.Ascof2B(facts, Q3);
        // 2B(1): 1 at home of 5 discharged into reablement or rehabilitation = 20.0%.
        Assert.Equal(["2B(1)", "Still at home 91 days after discharge", "1", "5", "20.0"], Row(t, "2B(1)"));
        // 2B(2): those 5 of all 7 people 65+ discharged = 71.4%.
        Assert.Equal(["1", "5", "20.0"], Row(t, "2B(1)").Skip(2));
        Assert.Equal(["5", "7", "71.4"], Row(t, "2B(2)").Skip(2));
        Assert.Equal("1", t.Rows.Single(r => r[1] == "91 days: NotContactable")[2]);
        Assert.Equal("1", t.Rows.Single(r => r[1].StartsWith("91 days: no result", StringComparison.Ordinal))[2]);
        Assert.Contains(t.Notes, n => n.Contains("1 follow-ups have no result yet", StringComparison.Ordinal));
    }

    [Fact]
    public void Ascof_2D_leaves_out_early_endings_declined_and_self_funded()
    {
        List<EpisodeFacts> facts =
        [
            Ended(Sequel.NoIdentifiedNeeds),                            // success
            Ended(Sequel.OngoingLowLevelSupport, service: Service.BedBasedIntermediateCare), // success
            Ended(Sequel.LongTermSupport),                              // counted, not success
            Ended(Sequel.EarlyCessationLeadingToLongTermSupport),       // counted, not success
            Ended(Sequel.EarlyCessationOtherReason),                    // left out
            Ended(Sequel.SelfFunded),                                   // left out
            Ended(Sequel.SupportDeclined),                              // left out
            Ended(Sequel.NoIdentifiedNeeds, existing: true),            // existing client: left out
            Ended(Sequel.NoIdentifiedNeeds, service: Service.UrgentCommunityResponse), // not short-term support to maximise independence
            Ended(Sequel.NoIdentifiedNeeds, ended: "2026-04-01T09:00:00Z"), // next financial year
        ];
        // 2 of 4 = 50.0%.
        Assert.Equal(["2", "4", "50.0"], Row(NationalReturns.Ascof2D(facts, Year), "2D").Skip(2));
    }

    [Fact]
    public void Salt_short_term_support_tables_count_by_sequel_and_route_of_access()
    {
        List<EpisodeFacts> facts =
        [
            Ended(Sequel.NoIdentifiedNeeds, route: Route.HospitalDischarge),
            Ended(Sequel.NoIdentifiedNeeds, route: Route.EmergencyDepartment),
            Ended(Sequel.NoIdentifiedNeeds, route: Route.UrgentCommunityResponse),
            Ended(Sequel.LongTermSupport, route: Route.Community),
            Ended(Sequel.LongTermSupportIncreased, existing: true, route: Route.HospitalDischarge, age: 70, gender: Gender.Male),
            Ended(Sequel.MoveToResidentialCare, existing: true, route: Route.Community, age: 90),
        ];
        var a = NationalReturns.Sts002a(facts, Year);
        Assert.Equal("1", Cell(a, "NoIdentifiedNeeds", "Discharge from hospital"));
        Assert.Equal("2", Cell(a, "NoIdentifiedNeeds", "Diversion from hospital services")); // A&E and urgent response
        Assert.Equal("1", Cell(a, "LongTermSupport", "Community / other route"));
        Assert.Equal("4", Cell(a, "Total", "Total"));
        Assert.DoesNotContain(a.Rows, r => r[0] == "MoveToResidentialCare");
        var b = NationalReturns.Sts002b(facts, Year);
        Assert.Equal("1", Cell(b, "LongTermSupportIncreased", "Discharge from hospital"));
        Assert.Equal("1", Cell(b, "MoveToResidentialCare", "Community / other route"));
        Assert.Equal("2", Cell(b, "Total", "Total"));
        var four = NationalReturns.Sts004(facts, Year);
        Assert.Equal(["65-74", "Male", "0", "1", "1"], four.Rows.Single(r => r[0] == "65-74" && r[1] == "Male"));
        Assert.Equal(["85 and over", "Female", "0", "1", "1"], four.Rows.Single(r => r[0] == "85 and over" && r[1] == "Female"));
        Assert.Equal(["Total", "", "4", "2", "6"], four.Rows[^1]);
    }

    [Fact]
    public void Sts001_counts_requests_from_new_clients_by_what_happened()
    {
        var received = new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);
        EpisodeFacts Request(Route route, EpisodeStatus status, Service? service, bool existing = false) => new()
        {
            EpisodeId = Guid.NewGuid(), PersonId = Guid.NewGuid(), Route = route, ReferredAt = received, Status = status, Service = service,
            ExistingClient = existing, DateOfBirth = new DateOnly(1940, 1, 1),
        };
        List<EpisodeFacts> facts =
        [
            Request(Route.HospitalDischarge, EpisodeStatus.Ended, Service.Reablement),
            Request(Route.HospitalDischarge, EpisodeStatus.Active, Service.CareHomePlacement),
            Request(Route.UrgentCommunityResponse, EpisodeStatus.Ended, Service.UrgentCommunityResponse),
            Request(Route.Community, EpisodeStatus.Declined, null),
            Request(Route.Community, EpisodeStatus.Referred, null),
            Request(Route.Community, EpisodeStatus.Ended, Service.Reablement, existing: true), // existing client: not in STS001
        ];
        var t = NationalReturns.Sts001(facts, Year);
        Assert.Equal("1", Cell(t, "Short-term support to maximise independence", "Discharge from hospital"));
        Assert.Equal("1", Cell(t, "Long-term support (new care home placement)", "Discharge from hospital"));
        Assert.Equal("1", Cell(t, "Urgent response or no new support", "Diversion from hospital services"));
        Assert.Equal("1", Cell(t, "Declined", "Community / other route"));
        Assert.Equal("1", Cell(t, "Still being decided", "Community / other route"));
        Assert.Equal("5", Cell(t, "Total", "Total"));
    }

    [Fact]
    public void Client_level_data_has_requests_assessments_and_reviews_completed_in_the_period_and_services_active_in_it()
    {
        var quarter = new Period(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31));
        DateTimeOffset At(string s) => DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        var open = new EpisodeFacts
        {
            EpisodeId = Guid.NewGuid(), PersonId = Guid.NewGuid(), Route = Route.HospitalDischarge, Service = Service.Reablement, Status = EpisodeStatus.Active,
            ReferredAt = At("2025-12-30T10:00:00Z"), AssessedAt = At("2026-01-02T10:00:00Z"), StartedAt = At("2025-12-31T10:00:00Z"),
            ReviewsHeldAt = [At("2026-01-07T11:00:00Z"), At("2026-04-07T11:00:00Z")], DateOfBirth = new DateOnly(1940, 5, 6), NhsNumber = "9990000018",
            GpPractice = "ZN001",
        };
        var ended = open with
        {
            EpisodeId = Guid.NewGuid(), PersonId = Guid.NewGuid(), Status = EpisodeStatus.Ended, ReferredAt = At("2026-02-01T10:00:00Z"),
            AssessedAt = null, StartedAt = At("2026-02-02T10:00:00Z"), EndedAt = At("2026-02-20T10:00:00Z"), Sequel = Sequel.NoIdentifiedNeeds, ReviewsHeldAt = [],
        };
        var cancelled = open with { EpisodeId = Guid.NewGuid(), Status = EpisodeStatus.Cancelled, ReferredAt = At("2026-02-03T10:00:00Z"), StartedAt = null, AssessedAt = null, ReviewsHeldAt = [] };
        var before = ended with { EpisodeId = Guid.NewGuid(), ReferredAt = At("2025-11-01T10:00:00Z"), StartedAt = At("2025-11-02T10:00:00Z"), EndedAt = At("2025-12-01T10:00:00Z") };

        var t = NationalReturns.Cld([open, ended, cancelled, before], quarter, "ZWV");
        var events = t.Rows.Select(r => (r[7], r[8] == open.EpisodeId.ToString() ? "open" : r[8] == ended.EpisodeId.ToString() ? "ended" : "other", r[10], r[13])).ToList();
        // The open episode: its service (ongoing, no end date), its assessment and January review; its request was in December.
        // The ended one: its request and its service, ended with its sequel. Nothing of the cancelled or the earlier episode.
        Assert.Equal(
            [("Service", "open", "", "Ongoing"), ("Assessment", "open", "2026-01-02", "Reablement"), ("Review", "open", "2026-01-07", ""),
             ("Request", "ended", "2026-02-01", "Reablement"), ("Service", "ended", "2026-02-20", "NoIdentifiedNeeds")],
            events);
        Assert.All(t.Rows, r => Assert.Equal("ZWV", r[0]));
    }

    [Fact]
    public void The_weekly_collection_counts_people_received_and_leaving_and_those_waiting_with_their_reasons()
    {
        var week = new Period(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 8)); // Monday to Sunday
        DateTimeOffset At(string s) => DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        EpisodeFacts Home(string referred, string? started, string? ended = null, string? waitingFor = null) => new()
        {
            EpisodeId = Guid.NewGuid(), PersonId = Guid.NewGuid(), Route = Route.Community, Service = Service.Reablement, ReferredAt = At(referred),
            AcceptedAt = At(referred).AddHours(1), StartedAt = started is null ? null : At(started), EndedAt = ended is null ? null : At(ended),
            Status = ended is not null ? EpisodeStatus.Ended : started is not null ? EpisodeStatus.Active : EpisodeStatus.Waiting, WaitingFor = waitingFor,
            DateOfBirth = new DateOnly(1940, 1, 1),
        };
        List<EpisodeFacts> facts =
        [
            Home("2026-03-01T10:00:00Z", "2026-03-03T10:00:00Z"),                         // received, 2 days after referral
            Home("2026-03-02T10:00:00Z", "2026-03-06T10:00:00Z"),                         // received, 4 days after
            Home("2026-02-01T10:00:00Z", "2026-02-02T10:00:00Z", "2026-03-04T10:00:00Z"), // left after 30 days
            Home("2026-03-05T10:00:00Z", null, waitingFor: "Carer hours"),                // waiting at the end of the week
        ];
        var t = NationalReturns.WeeklyIntermediateCare(facts, week, At("2026-03-20T00:00:00Z"));
        var home = t.Rows.Single(r => r[1].StartsWith("Home-based", StringComparison.Ordinal));
        Assert.Equal(["2026-03-02", "2", "3.0", "1", "30.0", "1", "Carer hours: 1"], home.Where((_, i) => i != 1));
    }

    [Fact]
    public async Task Files_are_CSV_with_formula_injection_escaped_and_XLSX_with_numbers_as_numbers()
    {
        var table = new ReturnTable("test", "A test", Year, ["Name", "Count"], [["=HYPERLINK(\"x\")", "12"], ["Plain", "0"]], ["A note"]);
        using var csv = new MemoryStream();
        await ReturnFiles.Write(table, ReturnFormat.Csv, csv, TestContext.Current.CancellationToken);
        var text = System.Text.Encoding.UTF8.GetString(csv.ToArray());
        Assert.StartsWith("Name,Count\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n=HYPERLINK", text, StringComparison.Ordinal);
        Assert.Contains("12", text, StringComparison.Ordinal);

        using var xlsx = new MemoryStream();
        await ReturnFiles.Write(table, ReturnFormat.Xlsx, xlsx, TestContext.Current.CancellationToken);
        xlsx.Position = 0;
        var rows = MiniExcelLibs.MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "Return").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(12m, Convert.ToDecimal(rows[0]["Count"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Plain", rows[1]["Name"]);
        xlsx.Position = 0;
        Assert.Contains(MiniExcelLibs.MiniExcel.Query(xlsx, sheetName: "Notes").Cast<IDictionary<string, object>>(), r => (r["A"] as string) == "A note");
    }

    [Theory]
    [InlineData(ReturnCode.Ascof2B, "2026-03-31", "2024-10-01", "2024-12-31")] // 91 days after 31 December 2025 is 1 April 2026
    [InlineData(ReturnCode.Ascof2B, "2026-04-01", "2025-10-01", "2025-12-31")]
    [InlineData(ReturnCode.Ascof2D, "2026-11-23", "2025-04-01", "2026-03-31")]
    [InlineData(ReturnCode.Cld, "2026-11-23", "2026-07-01", "2026-09-30")]
    [InlineData(ReturnCode.WeeklyIntermediateCare, "2026-11-23", "2026-11-16", "2026-11-22")]
    public void Each_return_has_its_usual_period(ReturnCode code, string today, string from, string to) =>
        Assert.Equal(new Period(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)),
            MakeReturn.UsualPeriod(code, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
}
