using System.Globalization;
using Homeward.Delays;
using Homeward.Episodes;
using Homeward.Figures;
using Homeward.Referrals;
using Homeward.Returns.Monthly;
using Homeward.Triage;

namespace Homeward.Tests.Returns;

/// <summary>Discharge delays from the Discharge Ready Date and the urgent response standards, worked by hand.</summary>
public sealed class MonthlyReturnTests
{
    private static readonly Period March = new(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));

    private static DateOnly D(int day, int month = 3) => new(2026, month, day);

    private static DateTimeOffset T(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture);

    private static EpisodeFacts Discharge(DateOnly on, DateOnly? ready, Pathway pathway = Pathway.P1, params (DateOnly, DelayReason)[] ledger) => new()
    {
        EpisodeId = Guid.NewGuid(), PersonId = Guid.NewGuid(), Route = Route.HospitalDischarge, Status = EpisodeStatus.Active, Pathway = pathway,
        ReferredAt = T("2026-02-20T10:00:00Z"), DischargedOn = on, DischargeReadyDate = ready, DelayLedger = ledger, DateOfBirth = new DateOnly(1940, 1, 1),
    };

    private static List<EpisodeFacts> MarchDischarges() =>
    [
        Discharge(D(2), D(2)),                                                                  // on the day
        Discharge(D(3), D(5)),                                                                  // before the ready date: 0
        Discharge(D(10), D(9)),                                                                 // 1 day, no reason recorded
        Discharge(D(12), D(4), Pathway.P2, (D(4), DelayReason.Pathway2), (D(10), DelayReason.Transport)), // 8 days; transport by the end
        Discharge(D(30), D(7), Pathway.P3, (D(7), DelayReason.Pathway3)),                       // 23 days
        Discharge(D(15), null),                                                                 // no ready date: not measured
        Discharge(D(2, 4), D(20)),                                                              // April: outside
    ];

    private static IReadOnlyList<string> Row(Homeward.Returns.ReturnTable t, string group, string measure) =>
        t.Rows.Single(r => r[0] == group && r[1] == measure);

    [Fact]
    public void Delays_count_from_the_ready_date_by_band_pathway_and_national_reason_on_the_discharge_day()
    {
        var t = MonthlyReturns.DischargeDelays(MarchDischarges(), March);
        // 5 measured; 2 on the day (40.0%); 3 delayed (60.0%), 1 + 8 + 23 = 32 days, mean 10.7.
        Assert.Equal(["2", "5", "40.0"], Row(t, "All discharges", "Discharged on their ready date").Skip(2));
        Assert.Equal(["3", "5", "60.0"], Row(t, "All discharges", "Delayed (discharged after their ready date)").Skip(2));
        Assert.Equal("10.7", Row(t, "All discharges", "Mean days delayed, of those delayed")[2]);
        Assert.Equal("32", Row(t, "All discharges", "Days delayed in all")[2]);
        // Bands are cumulative: 3 are 1+, 2 are 2+ and 7+, 1 is 14+ and 21+.
        Assert.Equal(["3", "2", "2", "1", "1"], MonthlyReturns.Bands.Select(b => Row(t, "All discharges", $"Delayed {b.Name}")[2]));
        Assert.Equal(["1", "1", "100.0"], Row(t, "Pathway P3", "Delayed 21 days or more").Skip(2));
        // The reason current on the discharge day: the P2 person's changed to transport on the 10th.
        const string reasons = "Delayed, by main delay reason";
        Assert.Equal(["1", "3", "33.3"], Row(t, reasons, DelayReason.Pathway3.Label()).Skip(2));
        Assert.Equal(["1", "3", "33.3"], Row(t, reasons, DelayReason.Transport.Label()).Skip(2));
        Assert.Equal(["0", "3", "0.0"], Row(t, reasons, DelayReason.Pathway2.Label()).Skip(2));
        Assert.Equal(["1", "3", "33.3"], Row(t, reasons, "Not recorded").Skip(2));
        Assert.Equal(Enum.GetValues<DelayReason>().Length + 1, t.Rows.Count(r => r[0] == reasons)); // every national reason, in order
        Assert.Equal("1", Row(t, "Delayed, by agency (local attribution)", "Adult social care")[2]);
        Assert.Equal("1", Row(t, "Delayed, by agency (local attribution)", "Acute trust")[2]);
        Assert.Equal(["1", "6"], Row(t, "Not measured", "Discharged with no discharge ready date recorded").Skip(2).Take(2));
    }

    [Fact]
    public void The_better_care_fund_discharge_metric_is_the_mean_delay_over_every_adult_discharged()
    {
        var t = Homeward.Returns.Bcf.BetterCareFund.Build(MarchDischarges(), March);
        IReadOnlyList<string> Measure(string starts) => t.Rows.Single(r => r[1].StartsWith(starts, StringComparison.Ordinal));
        Assert.Equal("5", Measure("Adults discharged with a discharge ready date")[2]);
        Assert.Equal(["2", "40.0"], Measure("Discharged on their discharge ready date").Skip(2).Take(2));
        Assert.Equal("10.67", Measure("Mean days delayed, of those not discharged")[2]); // 32 / 3
        Assert.Equal("6.40", Measure("Average length of discharge delay")[2]);            // 32 / 5: the metric
        Assert.All(t.Rows.Where(r => r[0] != Homeward.Returns.Bcf.BetterCareFund.DischargeDelay), r => Assert.StartsWith("Part only", r[4], StringComparison.Ordinal));
    }

    private static EpisodeFacts Urgent(string received, string? started, EpisodeStatus status = EpisodeStatus.Active, Urgency urgency = Urgency.TwoHour,
        Homeward.UrgentResponse.UcrCondition? problem = null) => new()
    {
        EpisodeId = Guid.NewGuid(), PersonId = Guid.NewGuid(), Route = Route.UrgentCommunityResponse, Urgency = urgency, Status = status, PresentingProblem = problem,
        Service = Service.UrgentCommunityResponse, ReferredAt = T(received), StartedAt = started is null ? null : T(started), DateOfBirth = new DateOnly(1940, 1, 1),
    };

    [Fact]
    public void The_two_hour_standard_counts_by_the_time_received_and_leaves_out_what_it_should()
    {
        List<EpisodeFacts> facts =
        [
            Urgent("2026-03-02T10:00:00Z", "2026-03-02T11:59:00Z", problem: Homeward.UrgentResponse.UcrCondition.Falls), // reached in 1 h 59
            Urgent("2026-03-02T10:00:00Z", "2026-03-02T12:01:00Z", problem: Homeward.UrgentResponse.UcrCondition.Falls), // 2 h 1: missed
            Urgent("2026-03-29T00:30:00Z", "2026-03-29T02:20:00Z"),                         // across the clock change: 110 real minutes, reached
            Urgent("2026-03-05T10:00:00Z", null, EpisodeStatus.Declined),                   // declined: left out
            Urgent("2026-03-31T22:30:00Z", null),                                           // 31 March 23:30 BST, clock still running at "now"
            Urgent("2026-03-06T10:00:00Z", "2026-03-06T16:00:00Z", urgency: Urgency.SameDay), // 2 hours not clinically appropriate
            Urgent("2026-03-31T23:30:00Z", "2026-04-01T00:30:00Z"),                         // 1 April 00:30 BST: April
        ];
        var t = MonthlyReturns.UrgentResponse(facts, March, T("2026-03-31T23:00:00Z"));
        Assert.Equal("6", Row(t, "2-hour", "Urgent community response referrals received")[2]);
        Assert.Equal(["5", "6"], Row(t, "2-hour", "Of which a 2-hour response was clinically appropriate").Skip(2).Take(2));
        Assert.Equal("1", Row(t, "2-hour", "Left out: declined or cancelled")[2]);
        Assert.Equal("1", Row(t, "2-hour", "Left out: clock still running")[2]);
        // 2 of 3 = 66.7%.
        Assert.Equal(["2", "3", "66.7"], Row(t, "2-hour", "Reached face to face within 2 hours").Skip(2));
        // By presenting problem: each of the ten in the standard's order, the unrecorded apart; together they are the counted.
        var byProblem = t.Rows.Where(r => r[0] == "2-hour, by presenting problem").ToList();
        Assert.Equal(11, byProblem.Count);
        Assert.Equal(["Falls: reached within 2 hours", "1", "2", "50.0"], byProblem[0].Skip(1));
        Assert.Equal(["Not recorded yet: reached within 2 hours", "1", "1", "100.0"], byProblem[^1].Skip(1));
        Assert.Equal(3, byProblem.Sum(r => int.Parse(r[3], System.Globalization.CultureInfo.InvariantCulture)));
    }
}
