using static Homeward.Returns.Cells;
using System.Globalization;
using Homeward.Common;
using Homeward.Delays;
using Homeward.Figures;
using Homeward.Referrals;
using Homeward.Triage;

namespace Homeward.Returns.Weekly;

/// <summary>
/// NHS England's weekly Intermediate Care Data Collection (since 29 July 2024, replacing the community discharge
/// sitrep), drawn from the partnership's records: for each Monday-to-Sunday week, each setting (home-based, including
/// reablement; bed-based) and each direction (step-down from hospital, step-up from the community), the people
/// received into the service, discharged from it and their length of stay, in it and waiting to start at the end of
/// the week, and, for those waiting in hospital past their Discharge Ready Date, the main delay reason. One measure a
/// row (week, setting, direction, measure, value). Urgent community response is not in this collection (see its own).
/// </summary>
public static class IntermediateCareWeekly
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly (string Name, Service[] Services)[] Settings =
    [
        ("Home-based (including reablement)", [Service.Reablement, Service.HomeBasedIntermediateCare]),
        ("Bed-based", [Service.BedBasedIntermediateCare]),
    ];

    private const string StepDown = "Step-down (from hospital)", StepUp = "Step-up (from the community)";

    public static ReturnTable Build(IReadOnlyList<EpisodeFacts> facts, Period period, DateTimeOffset now)
    {
        var rows = new List<IReadOnlyList<string>>();
        var monday = period.From.AddDays(-(((int)period.From.DayOfWeek + 6) % 7));
        var today = London.DateOf(now);
        var groups = (from setting in Settings
                      from direction in new[] { StepDown, StepUp }
                      select (Setting: setting.Name, Direction: direction,
                          Facts: facts.Where(f => f.Service is { } s && setting.Services.Contains(s)
                                                  && (f.Route == Route.HospitalDischarge) == (direction == StepDown)).ToList())).ToList();
        for (var week = monday; week <= period.To; week = week.AddDays(7))
        {
            var sunday = week.AddDays(6);
            var endOfWeek = London.At(week.AddDays(7), TimeOnly.MinValue);
            var over = endOfWeek <= now;
            foreach (var (setting, direction, these) in groups)
            {
                void Add(string measure, string value) => rows.Add([week.ToString("yyyy-MM-dd", Invariant), setting, direction, measure, value]);
                var received = these.Where(f => f.StartedOn >= week && f.StartedOn <= sunday).ToList();
                var discharged = these.Where(f => f.EndedOn >= week && f.EndedOn <= sunday && f.StartedAt is not null).ToList();
                Add("People received into the service", N(received.Count));
                Add("Mean days from referral to start, of those received", Mean(received.Select(f => (f.StartedAt!.Value - f.ReferredAt).TotalDays)));
                Add("People discharged from the service", N(discharged.Count));
                Add("Mean length of stay (days), of those discharged", Mean(discharged.Select(f => (f.EndedAt!.Value - f.StartedAt!.Value).TotalDays)));
                if (!over)
                {
                    // A week not yet over has no end-of-week snapshot: said, not zero.
                    Add("People in the service at the end of the week", "");
                    Add("People accepted and waiting to start at the end of the week", "");
                    continue;
                }
                var inService = these.Count(f => f.StartedAt < endOfWeek && (f.EndedAt is null || f.EndedAt >= endOfWeek));
                var waiting = these.Where(f => f.AcceptedAt < endOfWeek && (f.StartedAt is null || f.StartedAt >= endOfWeek)
                                               && (f.CancelledAt is null || f.CancelledAt >= endOfWeek)).ToList();
                Add("People in the service at the end of the week", N(inService));
                Add("People accepted and waiting to start at the end of the week", N(waiting.Count));
                if (direction != StepDown)
                    continue;
                // Still in hospital on Sunday past their ready date (discharged later, or not yet): why, by the ledger.
                var delayed = waiting.Where(f => f.DischargeReadyDate < sunday && (f.DischargedOn is null || f.DischargedOn > sunday)).ToList();
                Add("Of those waiting, in hospital past their discharge ready date", N(delayed.Count));
                foreach (var reason in delayed.GroupBy(f => f.DelayReasonOn(sunday)).OrderBy(g => g.Key is null).ThenBy(g => g.Key))
                    Add($"In hospital past their ready date, main delay reason: {(reason.Key is { } r ? r.Label() : "not recorded")}", N(reason.Count()));
            }
        }
        return new ReturnTable("weekly-intermediate-care", "Intermediate Care Data Collection (weekly)", period,
            ["Week commencing", "Setting", "Direction", "Measure", "Value"], rows,
            [
                "Weeks run Monday to Sunday (London). Received: care started (first visit or admission) in the week; discharged: care ended in the week; length of stay from start to end.",
                "At the end of the week (midnight Sunday): in the service, started and not ended; waiting, accepted and neither started nor cancelled. Left blank for a week not yet over.",
                "Step-down: referred from a hospital ward; step-up: from the community, A&E or urgent community response. Urgent community response itself is counted in its own return.",
                "Main delay reason: the line of the delay ledger current on the Sunday, in the words of NHS England's discharge delays collections.",
                "Local departure: the collection is made per provider organisation; this is the partnership's whole intermediate care. Not recorded by Homeward: whether someone in a bed-based service no longer meets the criteria to reside there, so the collection's additional bed days in intermediate care are not drawn.",
            ],
            Numbers: ["Value"]);
    }
}
