using Homeward.Episodes;
using Homeward.Figures;
using Homeward.Referrals;
using Homeward.Triage;

namespace Homeward.Tests.Figures;

/// <summary>
/// Each figure on a small hand-built set of records, with the answer worked out by hand in the comments (never by
/// calling the code under test). The period is March 2026, which holds the clock change of Sunday 29 March.
/// </summary>
public sealed class FigureTests
{
    private static readonly Period March = new(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));
    private static readonly DateTimeOffset Now = new(2026, 4, 15, 12, 0, 0, TimeSpan.Zero);
    private static DateOnly D(int month, int day, int year = 2026) => new(year, month, day);
    private static DateTimeOffset T(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A hospital discharge of someone aged <paramref name="age"/> on the day they left.</summary>
    private static EpisodeFacts Discharge(int age, Pathway pathway, DateOnly on, DateOnly? ready = null, Guid? person = null) => new()
    {
        EpisodeId = Guid.NewGuid(), PersonId = person ?? Guid.NewGuid(), Route = Route.HospitalDischarge, Urgency = Urgency.Planned,
        ReferredAt = new DateTimeOffset(on.AddDays(-1).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero), Status = EpisodeStatus.Active,
        Pathway = pathway, Service = pathway switch { Pathway.P0 => Service.NoNewSupport, Pathway.P1 => Service.Reablement, Pathway.P2 => Service.BedBasedIntermediateCare, _ => Service.CareHomePlacement },
        DischargedOn = on, DischargeReadyDate = ready ?? on, DateOfBirth = on.AddYears(-age).AddDays(-1),
    };

    private static EpisodeFacts Referral(Route route, DateTimeOffset at, EpisodeStatus status = EpisodeStatus.Active) => new()
    {
        EpisodeId = Guid.NewGuid(), PersonId = Guid.NewGuid(), Route = route, ReferredAt = at, Status = status, DateOfBirth = D(1, 1, 1940),
    };

    private static FigureValue Value(FigureCode code, IReadOnlyList<EpisodeFacts> facts, Period? period = null, DateTimeOffset? now = null)
    {
        var figure = FigureDefinitions.Get(code);
        return FigureMath.Evaluate(figure, [.. figure.Select(facts, now ?? Now)], period ?? March);
    }

    private static List<EpisodeFacts> MarchDischarges()
    {
        var readmitted = Guid.NewGuid();
        return
        [
            Discharge(80, Pathway.P1, D(3, 2)),                          // A: 65+, home: counts
            Discharge(70, Pathway.P0, D(3, 3)) with { Service = Service.NoNewSupport }, // B: care home resident back to their care home (P0): counts
            Discharge(90, Pathway.P3, D(3, 4)),                          // C: 65+, new care home: does not count
            Discharge(66, Pathway.P2, D(3, 5)),                          // D: 65+, community bed: does not count
            Discharge(60, Pathway.P1, D(3, 6)),                          // E: under 65: left out of the 65+ figure
            Discharge(75, Pathway.P1, D(4, 1)),                          // F: April: outside the period
            Discharge(70, Pathway.P1, D(3, 1)) with { DateOfBirth = D(3, 10, 1961), DischargedOn = D(3, 10) }, // G: 65 that very day: counts
            Discharge(82, Pathway.P1, D(3, 12), person: readmitted),     // H1: discharged, re-admitted,
            Discharge(82, Pathway.P1, D(3, 25), person: readmitted),     // H2: and discharged again: each discharge counts
            Discharge(88, Pathway.P1, D(3, 30)) with { Status = EpisodeStatus.Ended, Destination = Destination.Died, Sequel = Sequel.EarlyCessationNhsFundedEndOfLifeOrDeath }, // I: left hospital alive, died later: counts
        ];
    }

    [Fact]
    public void Home_from_hospital_counts_people_65_and_over_by_discharge()
    {
        // 65+ discharged in March: A, B, C, D, G, H1, H2, I = 8; home (P0/P1): A, B, G, H1, H2, I = 6; 6 / 8 = 0.75.
        var v = Value(FigureCode.HomeFromHospital65, MarchDischarges());
        Assert.Equal((6, 8), (v.Numerator, v.Denominator));
        Assert.Equal(0.75m, v.Value);
    }

    [Fact]
    public void Straight_to_long_term_care_is_P3_of_every_discharge()
    {
        // Every March discharge (any age): A, B, C, D, E, G, H1, H2, I = 9; P3: C = 1.
        var v = Value(FigureCode.StraightToLongTermCare, MarchDischarges());
        Assert.Equal((1, 9), (v.Numerator, v.Denominator));
        Assert.Equal(1m / 9, v.Value);
    }

    [Fact]
    public void Changes_compare_with_the_same_period_a_year_earlier()
    {
        var facts = MarchDischarges();
        facts.Add(Discharge(50, Pathway.P3, D(3, 20)));                       // March 2026: C and this = 2 P3
        facts.AddRange(Enumerable.Range(1, 4).Select(d => Discharge(80, Pathway.P3, D(3, d * 5, 2025)))); // March 2025: 4 P3
        facts.AddRange(Enumerable.Range(1, 3).Select(d => Discharge(80, Pathway.P1, D(3, d * 5, 2025)))); // March 2025: 3 home
        facts.Add(Discharge(80, Pathway.P3, D(4, 2, 2025)));                   // April 2025: outside the comparison

        // 2 against 4: too few a year earlier for a fair percentage (at least 20), so no value, and the reason.
        var few = Value(FigureCode.LongTermCareChange, facts);
        Assert.Null(few.Value);
        Assert.Contains("Only 4 a year earlier", few.Note, StringComparison.Ordinal);
        // 30 this March against 20 a year earlier: 30 / 20 − 1 = 0.5 (the 2 above plus 28 more; 4 plus 16 more).
        facts.AddRange(Enumerable.Range(0, 28).Select(i => Discharge(80, Pathway.P3, D(3, 1 + i % 28))));
        facts.AddRange(Enumerable.Range(0, 16).Select(i => Discharge(80, Pathway.P3, D(3, 1 + i % 28, 2025))));
        Assert.Equal(0.5m, Value(FigureCode.LongTermCareChange, facts).Value);
        facts.RemoveRange(facts.Count - 44, 44);
        // Home this March: A, B, E, G, H1, H2, I = 7 (any age); a year earlier 3: 7 − 3 = 4 more people home.
        Assert.Equal(4m, Value(FigureCode.MorePeopleHome, facts).Value);
        // Nothing to compare with: no value rather than infinity.
        Assert.Null(Value(FigureCode.LongTermCareChange, MarchDischarges()).Value);
    }

    [Fact]
    public void Demand_counts_referrals_by_their_London_day()
    {
        List<EpisodeFacts> facts =
        [
            Referral(Route.Community, T("2026-02-28T23:30:00Z")),      // 28 Feb, 23:30 GMT: February
            Referral(Route.Community, T("2026-03-01T00:10:00Z")),      // 1 March: counts
            Referral(Route.UrgentCommunityResponse, T("2026-03-29T00:30:00Z")), // the clock-change night, 00:30 GMT: counts
            Referral(Route.Community, T("2026-03-31T22:30:00Z")),      // 31 March, 23:30 BST: counts
            Referral(Route.Community, T("2026-03-31T23:30:00Z")),      // 1 April, 00:30 BST: April
            Referral(Route.Community, T("2025-03-10T10:00:00Z")),      // a year earlier: 2 referrals
            Referral(Route.Community, T("2025-03-31T23:30:00Z")),      // 31 March 2025, 00:30 BST on 1 April 2025: no, April (BST began 30 March 2025)
            Referral(Route.Community, T("2025-03-31T22:30:00Z")),      // 31 March 2025, 23:30 BST: March
        ];
        // This March: 3; last March: 2: too few a year earlier for a percentage.
        var v = Value(FigureCode.DemandChange, facts);
        Assert.Equal(3, v.Numerator);
        Assert.Null(v.Value);
        // 27 more this March and 18 more a year earlier: 30 / 20 − 1 = 0.5.
        facts.AddRange(Enumerable.Range(0, 27).Select(i => Referral(Route.Community, T("2026-03-10T10:00:00Z").AddHours(i))));
        facts.AddRange(Enumerable.Range(0, 18).Select(i => Referral(Route.Community, T("2025-03-10T10:00:00Z").AddHours(i))));
        Assert.Equal(0.5m, Value(FigureCode.DemandChange, facts).Value);
        // With records beginning after last March began (an almost empty year), there is no comparison at all.
        var figure = FigureDefinitions.Get(FigureCode.DemandChange);
        var uncovered = FigureMath.Evaluate(figure, [.. figure.Select(facts, Now)], March, recordsBegin: new DateOnly(2025, 3, 10));
        Assert.Null(uncovered.Value);
        Assert.Contains("records begin on 10 March 2025", uncovered.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Delay_days_use_the_discharge_ready_date_as_it_stands()
    {
        List<EpisodeFacts> facts =
        [
            Discharge(80, Pathway.P1, D(3, 1), ready: D(3, 1)),    // 0
            Discharge(80, Pathway.P2, D(3, 11), ready: D(3, 1)),   // 10: delayed 10 days or more
            Discharge(80, Pathway.P1, D(3, 5), ready: D(3, 10)),   // left before the ready date: 0, not −5
            Discharge(80, Pathway.P3, D(3, 12), ready: D(3, 8)),   // ready date reset from 1 to 8 March: 4, not 11
            Discharge(80, Pathway.P1, D(3, 30), ready: D(3, 28)),  // across the clock change: 2 days, whatever the hours
            Discharge(80, Pathway.P1, D(2, 27), ready: D(2, 1)),   // February: outside
        ];
        // 0 + 10 + 0 + 4 + 2 = 16 days; 1 person delayed 10 days or more.
        Assert.Equal(16m, Value(FigureCode.DelayDays, facts).Value);
        Assert.Equal(1m, Value(FigureCode.DelayedTenDaysOrMore, facts).Value);
        Assert.Equal([("0 days", 2), ("1 day", 0), ("2–3 days", 1), ("4–6 days", 1), ("7–13 days", 1), ("14–20 days", 0), ("21 days or more", 0)],
            FigureMath.DelayDistribution(facts, March).Select(b => (b.Band, b.People)));
    }

    private static EpisodeFacts TwoHour(string referred, string? started, EpisodeStatus status = EpisodeStatus.Active) =>
        Referral(Route.UrgentCommunityResponse, T(referred), status) with { Urgency = Urgency.TwoHour, StartedAt = started is null ? null : T(started) };

    [Fact]
    public void The_two_hour_clock_runs_on_real_time_across_the_March_change()
    {
        List<EpisodeFacts> facts =
        [
            TwoHour("2026-03-10T10:00:00Z", "2026-03-10T11:59:00Z"),  // 1 h 59: counts
            TwoHour("2026-03-10T10:00:00Z", "2026-03-10T12:01:00Z"),  // 2 h 01: does not
            TwoHour("2026-03-29T00:30:00Z", "2026-03-29T02:15:00Z"),  // 00:30 GMT → 03:15 BST: 1 h 45 really: counts
            TwoHour("2026-03-20T10:00:00Z", null),                    // never reached, long past: does not
            TwoHour("2026-03-21T10:00:00Z", null, EpisodeStatus.Declined),  // declined: left out
            TwoHour("2026-03-22T10:00:00Z", null, EpisodeStatus.Cancelled), // cancelled: left out
            Referral(Route.UrgentCommunityResponse, T("2026-03-23T10:00:00Z")) with { Urgency = Urgency.SameDay, StartedAt = T("2026-03-23T18:00:00Z") }, // not a 2-hour referral
        ];
        // Counted: the first four; reached in time: the 1st and 3rd: 2 / 4 = 0.5.
        var v = Value(FigureCode.UrgentResponseTwoHours, facts);
        Assert.Equal((2, 4), (v.Numerator, v.Denominator));
        Assert.Equal(0.5m, v.Value);
    }

    [Fact]
    public void The_two_hour_clock_runs_on_real_time_across_the_October_change_and_a_running_clock_is_left_out()
    {
        var october = new Period(D(10, 1), D(10, 31));
        List<EpisodeFacts> facts =
        [
            TwoHour("2026-10-25T00:30:00Z", "2026-10-25T02:40:00Z"),  // 01:30 BST → 02:40 GMT: 1 h 10 on the wall, 2 h 10 really: does not
            TwoHour("2026-10-25T00:45:00Z", "2026-10-25T01:45:00Z"),  // 01:45 BST → 01:45 GMT (the hour that happens twice): 1 h: counts
            TwoHour("2026-10-30T10:00:00Z", null),                    // 30 minutes old at "now": still running, left out
        ];
        var v = Value(FigureCode.UrgentResponseTwoHours, facts, october, now: T("2026-10-30T10:30:00Z"));
        Assert.Equal((1, 2), (v.Numerator, v.Denominator));
    }

    [Fact]
    public void Bed_based_care_should_start_within_2_days_of_referral()
    {
        EpisodeFacts Bed(string referred, string? started, bool accepted = true) =>
            Referral(Route.Community, T(referred)) with
            {
                Service = Service.BedBasedIntermediateCare, Pathway = Pathway.P2, AcceptedAt = accepted ? T(referred).AddHours(1) : null,
                StartedAt = started is null ? null : T(started), Status = accepted ? EpisodeStatus.Active : EpisodeStatus.Declined,
            };
        List<EpisodeFacts> facts =
        [
            Bed("2026-03-02T09:00:00Z", "2026-03-04T08:59:00Z"),    // 47 h 59: counts
            Bed("2026-03-02T09:00:00Z", "2026-03-04T09:01:00Z"),    // 48 h 01: does not
            Bed("2026-03-05T09:00:00Z", null),                      // accepted, still waiting a month later: does not
            Bed("2026-03-06T09:00:00Z", null, accepted: false),     // declined: left out
            Referral(Route.Community, T("2026-03-07T09:00:00Z")) with { Service = Service.Reablement, AcceptedAt = T("2026-03-07T10:00:00Z") }, // not bed-based
        ];
        // 1 of 3.
        var v = Value(FigureCode.BedBasedStartTwoDays, facts);
        Assert.Equal((1, 3), (v.Numerator, v.Denominator));
    }

    private static List<EpisodeFacts> EndedCare() =>
    [
        Referral(Route.Community, T("2026-02-20T10:00:00Z"), EpisodeStatus.Ended) with
        {
            Service = Service.Reablement, EndedAt = T("2026-03-10T12:00:00Z"), CareHoursStart = 10.5m, CareHoursEnd = 3m, BarthelStart = 8, BarthelEnd = 15,
            GoalEndScores = [0, 1, -1],
        },
        Referral(Route.HospitalDischarge, T("2026-02-25T10:00:00Z"), EpisodeStatus.Ended) with
        {
            Service = Service.BedBasedIntermediateCare, EndedAt = T("2026-03-20T12:00:00Z"), CareHoursStart = 7m, CareHoursEnd = 7m, BarthelStart = 10, BarthelEnd = 9,
            GoalEndScores = [2],
        },
        // Ended early (admitted): no end measures, so left out of both.
        Referral(Route.Community, T("2026-03-01T10:00:00Z"), EpisodeStatus.Ended) with
        {
            Service = Service.Reablement, EndedAt = T("2026-03-05T12:00:00Z"), CareHoursStart = 14m, BarthelStart = 6, Sequel = Sequel.EarlyCessationOtherReason,
        },
        // Rapid response: not reablement.
        Referral(Route.UrgentCommunityResponse, T("2026-03-03T10:00:00Z"), EpisodeStatus.Ended) with
        {
            Service = Service.UrgentCommunityResponse, EndedAt = T("2026-03-04T12:00:00Z"), CareHoursStart = 5m, CareHoursEnd = 0m,
        },
        // Ended in April.
        Referral(Route.Community, T("2026-03-20T10:00:00Z"), EpisodeStatus.Ended) with
        {
            Service = Service.Reablement, EndedAt = T("2026-04-02T12:00:00Z"), CareHoursStart = 20m, CareHoursEnd = 0m, BarthelStart = 0, BarthelEnd = 20,
            GoalEndScores = [-2],
        },
    ];

    [Fact]
    public void Hours_of_care_saved_are_shown_beside_the_change_in_functional_score()
    {
        // (10.5 − 3) + (7 − 7) = 7.5 hours a week; Barthel ((15 − 8) + (9 − 10)) / 2 = 3 points.
        Assert.Equal(7.5m, Value(FigureCode.CareHoursSaved, EndedCare()).Value);
        Assert.Equal(3m, Value(FigureCode.FunctionalScoreChange, EndedCare()).Value);
    }

    [Fact]
    public void Goals_are_achieved_at_0_or_above_at_the_end()
    {
        // March endings: scores 0, 1, −1 and 2: 3 of 4 achieved.
        var v = Value(FigureCode.GoalsAchieved, EndedCare());
        Assert.Equal((3, 4), (v.Numerator, v.Denominator));
    }

    [Fact]
    public void A_and_E_contacts_kept_out_of_hospital()
    {
        List<EpisodeFacts> facts =
        [
            Referral(Route.EmergencyDepartment, T("2026-03-02T10:00:00Z"), EpisodeStatus.Ended) with { Destination = Destination.UsualResidence }, // kept out
            Referral(Route.EmergencyDepartment, T("2026-03-03T10:00:00Z"), EpisodeStatus.Ended) with { UrgentOutcome = UrgentOutcome.ConveyedToHospital, Destination = Destination.Hospital }, // admitted
            Referral(Route.EmergencyDepartment, T("2026-03-04T10:00:00Z"), EpisodeStatus.Ended) with { Destination = Destination.Hospital }, // admitted later
            Referral(Route.EmergencyDepartment, T("2026-03-05T10:00:00Z"), EpisodeStatus.Declined), // declined: not shown to be kept out
            Referral(Route.EmergencyDepartment, T("2026-03-06T10:00:00Z"), EpisodeStatus.Referred), // not decided yet: left out
            Referral(Route.EmergencyDepartment, T("2026-03-07T10:00:00Z"), EpisodeStatus.Active),   // at home with support now: kept out
        ];
        // 2 of 5.
        var v = Value(FigureCode.EmergencyDepartmentKeptOut, facts);
        Assert.Equal((2, 5), (v.Numerator, v.Denominator));
    }

    [Fact]
    public void Carers_involved_counts_discharges_whose_carer_was_asked_and_informed_by_the_day_they_left()
    {
        var facts = new List<EpisodeFacts>
        {
            Discharge(80, Pathway.P1, D(3, 10)) with { HasUnpaidCarer = true, CarerIdentified = true, CarerInvolvedOn = D(3, 9) },  // A: before: counts
            Discharge(80, Pathway.P1, D(3, 11)) with { HasUnpaidCarer = true, CarerIdentified = true, CarerInvolvedOn = D(3, 11) }, // B: that day: counts
            Discharge(80, Pathway.P1, D(3, 12)) with { HasUnpaidCarer = true, CarerIdentified = true, CarerInvolvedOn = D(3, 14) }, // C: after: does not
            Discharge(80, Pathway.P1, D(3, 13)) with { CarerIdentified = true },                                                  // D: identified, never asked: does not
            Discharge(80, Pathway.P1, D(3, 14)) with { HasUnpaidCarer = true },                                                   // E: named, not identified: does not
            Discharge(80, Pathway.P1, D(3, 15)) with { HasUnpaidCarer = false },                                                  // F: no carer: left out
            Discharge(80, Pathway.P1, D(3, 16)),                                                                                   // G: not known: left out
            Discharge(80, Pathway.P1, D(4, 2)) with { HasUnpaidCarer = true, CarerInvolvedOn = D(4, 1), CarerIdentified = true }, // H: April: outside
        };
        // A, B of A–E: 2 / 5.
        var v = Value(FigureCode.CarerInvolved, facts);
        Assert.Equal((2, 5), (v.Numerator, v.Denominator));
    }

    [Fact]
    public void Experience_rated_good_is_very_good_or_good_of_every_answer_but_dont_know_by_the_day_it_was_given()
    {
        EpisodeFacts Said(Homeward.YourCare.Overall? overall, DateOnly? on) => Referral(Route.Community, T("2026-02-01T10:00:00Z")) with { Experience = overall, ExperienceOn = on };
        var facts = new List<EpisodeFacts>
        {
            Said(Homeward.YourCare.Overall.VeryGood, D(3, 2)),            // counts
            Said(Homeward.YourCare.Overall.Good, D(3, 3)),                // counts
            Said(Homeward.YourCare.Overall.Poor, D(3, 4)),                // does not
            Said(Homeward.YourCare.Overall.NeitherGoodNorPoor, D(3, 5)),  // does not
            Said(Homeward.YourCare.Overall.DontKnow, D(3, 6)),            // left out
            Said(Homeward.YourCare.Overall.VeryGood, D(4, 1)),            // April: outside
            Said(null, null),                                             // not asked: left out
        };
        // 2 of 4.
        var v = Value(FigureCode.ExperiencePositive, facts);
        Assert.Equal((2, 4), (v.Numerator, v.Denominator));
    }

    [Fact]
    public void Every_figure_has_a_definition_and_a_unit() =>
        Assert.All(Enum.GetValues<FigureCode>(), code =>
        {
            var figure = FigureDefinitions.Get(code);
            Assert.False(string.IsNullOrWhiteSpace(figure.Definition));
            Assert.False(string.IsNullOrWhiteSpace(figure.Unit));
        });
}
