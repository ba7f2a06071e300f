using static Homeward.Returns.Cells;
using System.Globalization;
using Homeward.Common;
using Homeward.Delays;
using Homeward.Episodes;
using Homeward.Figures;
using Homeward.Referrals;
using Homeward.Triage;

namespace Homeward.Returns.Monthly;

/// <summary>
/// The monthly measures NHS England publishes: discharge delays measured from the Discharge Ready Date, and the urgent
/// community response 2-hour standard (with the 2-day standard for reablement). Pure functions of the facts;
/// docs/metrics.md gives each definition and its source.
/// </summary>
public static class MonthlyReturns
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Bands of delay as the UEC plan and the monthly publication count them: at least N days after the ready date.</summary>
    public static readonly (string Name, int Days)[] Bands = [("1 day or more", 1), ("2 days or more (over 48 hours)", 2), ("7 days or more", 7),
        ("14 days or more", 14), ("21 days or more", 21)];

    /// <summary>
    /// Discharge delays from the Discharge Ready Date, for discharges in the period: discharged on the ready date (or
    /// before it), delayed, the mean delay of those delayed, the delayed by band, by pathway, and by what they were
    /// waiting for.
    /// </summary>
    public static ReturnTable DischargeDelays(IReadOnlyList<EpisodeFacts> facts, Period period)
    {
        var discharges = facts.Where(f => f.Route == Route.HospitalDischarge && f.DischargedOn is { } d && period.Contains(d)).ToList();
        var measured = discharges.Where(f => f.DischargeReadyDate is not null).ToList();
        List<IReadOnlyList<string>> rows = [];
        void Group(string group, IReadOnlyList<EpisodeFacts> these)
        {
            var delayed = these.Where(f => f.DelayDays > 0).ToList();
            rows.Add([group, "Discharged (with a ready date)", N(these.Count), "", ""]);
            rows.Add([group, "Discharged on their ready date", N(these.Count - delayed.Count), N(these.Count), Rate(these.Count - delayed.Count, these.Count)]);
            rows.Add([group, "Delayed (discharged after their ready date)", N(delayed.Count), N(these.Count), Rate(delayed.Count, these.Count)]);
            rows.Add([group, "Mean days delayed, of those delayed", delayed.Count == 0 ? "" : delayed.Average(f => f.DelayDays!.Value).ToString("0.0", Invariant), N(delayed.Count), ""]);
            rows.Add([group, "Days delayed in all", N(delayed.Sum(f => f.DelayDays!.Value)), "", ""]);
            foreach (var (name, days) in Bands)
                rows.Add([group, $"Delayed {name}", N(these.Count(f => f.DelayDays >= days)), N(these.Count), Rate(these.Count(f => f.DelayDays >= days), these.Count)]);
        }
        Group("All discharges", measured);
        foreach (var pathway in Enum.GetValues<Pathway>())
            Group($"Pathway {pathway}", [.. measured.Where(f => f.Pathway == pathway)]);
        // The main reason on the discharge day, in the national collection's list and order; then who could end it.
        var delayed = measured.Where(f => f.DelayDays > 0).Select(f => (Facts: f, Reason: f.DelayReasonOn(f.DischargedOn!.Value))).ToList();
        foreach (var reason in Enum.GetValues<DelayReason>())
            ByReason("Delayed, by main delay reason", reason.Label(), [.. delayed.Where(d => d.Reason == reason).Select(d => d.Facts)]);
        ByReason("Delayed, by main delay reason", "Not recorded", [.. delayed.Where(d => d.Reason is null).Select(d => d.Facts)]);
        foreach (var agency in Enum.GetValues<DelayAgency>())
            ByReason("Delayed, by agency (local attribution)", agency.Label(), [.. delayed.Where(d => d.Reason?.Agency() == agency).Select(d => d.Facts)]);
        void ByReason(string group, string name, IReadOnlyList<EpisodeFacts> these) =>
            rows.Add([group, name, N(these.Count), N(delayed.Count), Rate(these.Count, delayed.Count)]);
        rows.Add(["Not measured", "Discharged with no discharge ready date recorded", N(discharges.Count - measured.Count), N(discharges.Count), ""]);
        return new ReturnTable("discharge-delays", "Discharge delays from the Discharge Ready Date", period,
            ["Group", "Measure", "Number", "Of", "Per cent"], rows,
            [
                "Discharges in the period (the day the person left hospital) of people referred to the partnership from a hospital ward.",
                "Delay: days from the Discharge Ready Date (the first day of the final period in which the person no longer met the criteria to reside; reset when they became unwell again) to the discharge day; 0 when discharged on or before it.",
                "Bands are cumulative: a person delayed 8 days is in 1+, 2+ and 7+.",
                "Main delay reason: the line of the delay ledger current on the discharge day, in the words and order of NHS England's acute discharge delays collection, as a share of everyone delayed. The agency is Homeward's own attribution of who can end each reason (the national collection attributes none).",
            ],
            Numbers: ["Number", "Of", "Per cent"]);
    }

    /// <summary>The 2-hour clock, and the 2-day one for reablement and intermediate care at home.</summary>
    public static readonly TimeSpan TwoHours = TimeSpan.FromHours(2), TwoDays = TimeSpan.FromDays(2);

    /// <summary>
    /// Urgent community response: of 2-hour referrals received in the period (as the sender dated them), those reached
    /// face to face within 2 hours; and of referrals for reablement or intermediate care at home from the community,
    /// those started within 2 days.
    /// </summary>
    public static ReturnTable UrgentResponse(IReadOnlyList<EpisodeFacts> facts, Period period, DateTimeOffset now)
    {
        var received = facts.Where(f => f.Route == Route.UrgentCommunityResponse && period.Contains(f.ReferredOn)).ToList();
        var twoHour = received.Where(f => f.Urgency == Urgency.TwoHour).ToList();
        var declined = twoHour.Where(f => f.Status is EpisodeStatus.Declined or EpisodeStatus.Cancelled).ToList();
        var running = twoHour.Except(declined).Where(f => f.StartedAt is null && now - f.ReferredAt <= TwoHours).ToList();
        var counted = twoHour.Except(declined).Except(running).ToList();
        var met = counted.Count(f => f.StartedAt - f.ReferredAt <= TwoHours);

        var stepUp = facts.Where(f => f.Route is Route.Community or Route.UrgentCommunityResponse && period.Contains(f.ReferredOn)
                                      && f.Service is Service.Reablement or Service.HomeBasedIntermediateCare && f.AcceptedAt is not null
                                      && (f.StartedAt is not null || now - f.ReferredAt > TwoDays)).ToList();
        var metDays = stepUp.Count(f => f.StartedAt - f.ReferredAt <= TwoDays);
        List<IReadOnlyList<string>> rows =
        [
            ["2-hour", "Urgent community response referrals received", N(received.Count), "", ""],
            ["2-hour", "Of which a 2-hour response was clinically appropriate", N(twoHour.Count), N(received.Count), ""],
            ["2-hour", "Left out: declined or cancelled", N(declined.Count), "", ""],
            ["2-hour", "Left out: clock still running", N(running.Count), "", ""],
            ["2-hour", "Reached face to face within 2 hours", N(met), N(counted.Count), Rate(met, counted.Count)],
            ["2-day", "Reablement or intermediate care at home from the community, started within 2 days", N(metDays), N(stepUp.Count), Rate(metDays, stepUp.Count)],
        ];
        // The counted 2-hour referrals by presenting problem, each of the nine conditions (and Other) in the standard's order.
        var byProblem = counted.ToLookup(f => f.PresentingProblem);
        foreach (var condition in Homeward.UrgentResponse.UcrConditions.All)
        {
            var these = byProblem[condition.Code].ToList();
            var reached = these.Count(f => f.StartedAt - f.ReferredAt <= TwoHours);
            rows.Add(["2-hour, by presenting problem", $"{condition.Name}: reached within 2 hours", N(reached), N(these.Count), Rate(reached, these.Count)]);
        }
        var unrecorded = byProblem[null].ToList();
        var unrecordedMet = unrecorded.Count(f => f.StartedAt - f.ReferredAt <= TwoHours);
        rows.Add(["2-hour, by presenting problem", "Not recorded yet: reached within 2 hours", N(unrecordedMet), N(unrecorded.Count), Rate(unrecordedMet, unrecorded.Count)]);
        return new ReturnTable("urgent-response", "Urgent community response: the 2-hour standard (and the 2-day standard for reablement)", period,
            ["Standard", "Measure", "Number", "Of", "Per cent"], rows,
            [
                "Referrals received in the period, dated by when the referral was received as the sender gave it (not when it was typed into Homeward).",
                "2-hour: referrals where a 2-hour response was clinically appropriate (urgency 2-hour); reached: the first face-to-face contact within 120 minutes of receipt, on real elapsed time. Declined and cancelled referrals, and clocks still running, are left out. The national standard is 70%.",
                "By presenting problem: the counted 2-hour referrals by the presenting problem on the rapid response record (NHS England's nine 2-hour clinical conditions, and Other); those without a record yet are counted apart.",
                "2-day: accepted referrals from the community (including urgent response) to reablement or intermediate care at home that started within 48 hours; those still inside their 2 days are left out.",
                "Local departure: the national figure comes from the Community Services Data Set; this is the same definition on the partnership's own records.",
            ],
            Numbers: ["Number", "Of", "Per cent"]);
    }
}
