using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Homeward.Episodes;
using Homeward.Figures;
using Homeward.FollowUps;
using Homeward.People;
using Homeward.Referrals;
using Homeward.Returns;
using Homeward.Returns.Weekly;
using Homeward.Delays;
using Homeward.Returns.Ascof;
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
    public void The_local_91_day_measure_counts_people_still_at_home_and_keeps_follow_ups_not_yet_due_apart()
    {
        List<EpisodeFacts> facts =
        [
            Facts(age: 80, result: FollowUpResult.AtHome),                                   // at home: the one success
            Facts(age: 85, service: Service.BedBasedIntermediateCare, pathway: Pathway.P2, result: FollowUpResult.Died), // died: not at home
            Facts(age: 70, result: FollowUpResult.NotContactable),                           // not contactable: not at home
            Facts(age: 75, service: Service.HomeBasedIntermediateCare, result: FollowUpResult.InCareHome), // care home: not at home
            Facts(age: 66),                                                                  // due, no result yet: not at home (and a warning)
            Facts(age: 60, result: FollowUpResult.AtHome),                                   // under 65: out of both
            Facts(age: 90, service: Service.NoNewSupport, pathway: Pathway.P0),              // home, no reablement: offered denominator only
            Facts(age: 80, service: Service.CareHomePlacement, pathway: Pathway.P3),         // new care home: offered denominator only
            Facts(age: 80, discharged: new DateOnly(2025, 9, 30), result: FollowUpResult.AtHome), // September: outside
            Facts(route: Route.Community, age: 80, result: FollowUpResult.AtHome),           // not from hospital: outside
        ];
        // Every follow-up due (1 November + 91 days = 31 January): 1 at home of 5 = 20.0%; offered 5 of 7 = 71.4%.
        var t = AscofMeasures.Local91Days(facts, Q3, new DateOnly(2026, 2, 1));
        Assert.Equal(["1", "5", "20.0"], Row(t, "Local 91 days").Skip(2));
        Assert.Equal(["5", "7", "71.4"], Row(t, "Local offered").Skip(2));
        Assert.Equal("1", t.Rows.Single(r => r[1] == "91 days: Not contactable")[2]);
        Assert.Equal("1", t.Rows.Single(r => r[1].StartsWith("91 days: due, no result", StringComparison.Ordinal))[2]);
        Assert.Contains(t.Notes, n => n.Contains("1 due follow-ups have no result yet", StringComparison.Ordinal));
        Assert.Contains("no longer collected", t.Title, StringComparison.Ordinal);

        // A discharge on 30 December is not due until 31 March: shown apart, and no rate while the cohort is incomplete.
        List<EpisodeFacts> withLate = [.. facts, Facts(age: 81, discharged: new DateOnly(2025, 12, 30))];
        var early = AscofMeasures.Local91Days(withLate, Q3, new DateOnly(2026, 2, 1));
        Assert.Equal(["1", "5", ""], Row(early, "Local 91 days").Skip(2));
        Assert.Equal("1", early.Rows.Single(r => r[1].StartsWith("Follow-ups not yet due", StringComparison.Ordinal))[2]);
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
        Assert.Equal("1", Cell(a, "No identified needs", "Discharge from hospital"));
        Assert.Equal("2", Cell(a, "No identified needs", "Diversion from hospital services")); // A&E and urgent response
        Assert.Equal("1", Cell(a, "Long term support", "Community / other route"));
        Assert.Equal("4", Cell(a, "Total", "Total"));
        Assert.DoesNotContain(a.Rows, r => r[0] == "Move to residential care");
        var b = NationalReturns.Sts002b(facts, Year);
        Assert.Equal("1", Cell(b, "Long term support increased", "Discharge from hospital"));
        Assert.Equal("1", Cell(b, "Move to residential care", "Community / other route"));
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
    public void The_weekly_collection_counts_people_received_discharged_in_service_and_waiting_by_setting_and_direction()
    {
        var week = new Period(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 8)); // Monday to Sunday
        DateTimeOffset At(string s) => DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        EpisodeFacts Home(string referred, string? started, string? ended = null, Route route = Route.Community) => new()
        {
            EpisodeId = Guid.NewGuid(), PersonId = Guid.NewGuid(), Route = route, Service = Service.Reablement, ReferredAt = At(referred),
            AcceptedAt = At(referred).AddHours(1), StartedAt = started is null ? null : At(started), EndedAt = ended is null ? null : At(ended),
            Status = ended is not null ? EpisodeStatus.Ended : started is not null ? EpisodeStatus.Active : EpisodeStatus.Waiting,
            DateOfBirth = new DateOnly(1940, 1, 1),
        };
        List<EpisodeFacts> facts =
        [
            Home("2026-03-01T10:00:00Z", "2026-03-03T10:00:00Z"),                         // received, 2 days after referral
            Home("2026-03-02T10:00:00Z", "2026-03-06T10:00:00Z"),                         // received, 4 days after
            Home("2026-02-01T10:00:00Z", "2026-02-02T10:00:00Z", "2026-03-04T10:00:00Z"), // discharged after 30 days
            Home("2026-03-05T10:00:00Z", null),                                           // waiting at the end of the week
            // From hospital, ready on the 5th and still there on Sunday, waiting for carers (the ledger's reason).
            Home("2026-03-04T10:00:00Z", null, route: Route.HospitalDischarge) with
                { DischargeReadyDate = new DateOnly(2026, 3, 5), DelayLedger = [(new DateOnly(2026, 3, 5), DelayReason.Pathway1)] },
        ];
        var t = IntermediateCareWeekly.Build(facts, week, At("2026-03-20T00:00:00Z"));
        string Value(string setting, string direction, string measure) =>
            t.Rows.Single(r => r[1].StartsWith(setting, StringComparison.Ordinal) && r[2].StartsWith(direction, StringComparison.Ordinal) && r[3] == measure)[4];
        Assert.All(t.Rows, r => Assert.Equal("2026-03-02", r[0]));
        Assert.Equal("2", Value("Home", "Step-up", "People received into the service"));
        Assert.Equal("3.0", Value("Home", "Step-up", "Mean days from referral to start, of those received"));
        Assert.Equal("1", Value("Home", "Step-up", "People discharged from the service"));
        Assert.Equal("30.0", Value("Home", "Step-up", "Mean length of stay (days), of those discharged"));
        Assert.Equal("2", Value("Home", "Step-up", "People in the service at the end of the week"));
        Assert.Equal("1", Value("Home", "Step-up", "People accepted and waiting to start at the end of the week"));
        Assert.Equal("1", Value("Home", "Step-down", "People accepted and waiting to start at the end of the week"));
        Assert.Equal("1", Value("Home", "Step-down", "Of those waiting, in hospital past their discharge ready date"));
        Assert.Equal("1", Value("Home", "Step-down",
            "In hospital past their ready date, main delay reason: Pathway 1: awaiting availability of resource for assessment and start of care at home"));
        Assert.Equal("0", Value("Bed", "Step-down", "People received into the service"));
        Assert.DoesNotContain(t.Rows, r => r[1].Contains("urgent", StringComparison.OrdinalIgnoreCase));

        // A week not yet over has no end-of-week snapshot: blank, not zero.
        var early = IntermediateCareWeekly.Build(facts, week, At("2026-03-07T12:00:00Z"));
        Assert.Equal("", early.Rows.Single(r => r[1].StartsWith("Home", StringComparison.Ordinal) && r[2].StartsWith("Step-up", StringComparison.Ordinal)
                                                 && r[3] == "People in the service at the end of the week")[4]);
    }

    [Fact]
    public async Task Files_are_CSV_with_formula_injection_escaped_and_valid_XLSX_with_only_number_columns_as_numbers()
    {
        var table = new ReturnTable("test", "A test", Year, ["Name", "NHS number", "Count"],
            [["=HYPERLINK(\"x\")", "9990000018", "12"], ["Plain 🙂\u0001", "0123", ""], [" a < b & c > d ", "", "3"]], ["A note"], Numbers: ["Count"]);
        using var csv = new MemoryStream();
        await ReturnFiles.Write(table, ReturnFormat.Csv, csv, TestContext.Current.CancellationToken);
        var text = System.Text.Encoding.UTF8.GetString(csv.ToArray());
        Assert.StartsWith("Name,NHS number,Count\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n=HYPERLINK", text, StringComparison.Ordinal);
        Assert.Contains("12", text, StringComparison.Ordinal);

        using var xlsx = new MemoryStream();
        await ReturnFiles.Write(table, ReturnFormat.Xlsx, xlsx, TestContext.Current.CancellationToken);
        xlsx.Position = 0;
        using var document = SpreadsheetDocument.Open(xlsx, false);
        // Valid OOXML: the SDK's own validator finds nothing wrong.
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document, TestContext.Current.CancellationToken));
        var sheets = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["Return", "Notes"], sheets.Select(x => x.Name!.Value));
        var data = ((WorksheetPart)document.WorkbookPart.GetPartById(sheets[0].Id!)).Worksheet.GetFirstChild<SheetData>()!;
        // Only rows inside the sheet data: nothing else (no drawing) in there.
        Assert.All(data.ChildElements, e => Assert.IsType<DocumentFormat.OpenXml.Spreadsheet.Row>(e));
        var cells = data.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!);
        Assert.True(cells["C2"].DataType is null || cells["C2"].DataType!.Value == CellValues.Number); // a number (the default type)
        Assert.Equal("12", cells["C2"].CellValue!.Text);
        // The NHS number and a code with a leading zero stay text, exactly as written.
        Assert.Equal(CellValues.InlineString, cells["B2"].DataType!.Value);
        Assert.Equal("9990000018", cells["B2"].InnerText);
        Assert.Equal("0123", cells["B3"].InnerText);
        Assert.Equal("=HYPERLINK(\"x\")", cells["A2"].InnerText);
        Assert.Equal("Plain 🙂", cells["A3"].InnerText); // a character XML cannot carry is left out; an emoji is kept
        Assert.Equal("", cells["C3"].InnerText); // no denominator: empty, not 0
        Assert.Equal(" a < b & c > d ", cells["A4"].InnerText); // escaped, and its spaces kept
        Assert.Equal("", cells["B4"].InnerText); // an empty text cell holds no string
    }

    [Theory]
    [InlineData(ReturnCode.Local91Days, "2026-03-31", "2024-10-01", "2024-12-31")] // 91 days after 31 December 2025 is 1 April 2026
    [InlineData(ReturnCode.Local91Days, "2026-04-01", "2025-10-01", "2025-12-31")]
    [InlineData(ReturnCode.Ascof2A, "2026-11-23", "2025-04-01", "2026-03-31")]
    [InlineData(ReturnCode.Ascof2D, "2026-11-23", "2025-04-01", "2026-03-31")]
    [InlineData(ReturnCode.Cld, "2026-11-23", "2025-10-01", "2026-09-30")] // rolling 12 months to the latest complete quarter
    [InlineData(ReturnCode.Cld, "2027-01-01", "2026-01-01", "2026-12-31")]
    [InlineData(ReturnCode.WeeklyIntermediateCare, "2026-11-23", "2026-11-16", "2026-11-22")]
    public void Each_return_has_its_usual_period(ReturnCode code, string today, string from, string to) =>
        Assert.Equal(new Period(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)),
            MakeReturn.UsualPeriod(code, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
}
