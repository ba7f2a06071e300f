using System.Globalization;
using System.Text.RegularExpressions;
using Homeward.Capacity;
using Homeward.Episodes;
using Homeward.Simulation.Model;
using Homeward.Triage;
using Pathway = Homeward.Triage.Pathway;
using SimRoute = Homeward.Simulation.Model.Route;
using VisitPattern = Homeward.Simulation.Model.VisitPattern;

namespace Homeward.Planning;

/// <summary>Two questions a partnership asks: what the next 10 days hold, and what the next six months need.</summary>
public enum PlanningMode
{
    /// <summary>The next 10 days from today's people in care and today's waiting list.</summary>
    Forecast,

    /// <summary>The next 26 weeks, with the year's seasonal pattern.</summary>
    Plan,
}

/// <summary>A service as the planner sees it: its capacity today and ahead.</summary>
public sealed record PlanningService(Guid Id, string Name, ServiceKind Kind, Pathway Pathway, CapacityUnit Unit, int DefaultCapacity,
    IReadOnlyDictionary<DateOnly, int> ReportedCapacity, decimal? CostPerDay = null);

/// <summary>One episode that needed (or needs) one of the services: when it was accepted, started and ended.</summary>
/// <param name="FromHospital">Referred on discharge from hospital (step down), not from the community (step up).</param>
public sealed record PlanningEpisode(Guid ServiceId, EpisodeStatus Status, DateOnly Accepted, DateOnly? Started, DateOnly? Ended,
    DateOnly? WaitingSince, DateOnly? BookedUntil, bool FromHospital = false);

/// <summary>A booked visit pattern: the visits a day and their length, to turn carer minutes into visit slots.</summary>
public sealed record PlanningPattern(Guid ServiceId, int VisitsAtStart, int VisitsAtEnd, int MinutesPerVisit, bool DoubleHanded);

public sealed record PlanningInputs(DateOnly Today, IReadOnlyList<PlanningService> Services, IReadOnlyList<PlanningEpisode> Episodes,
    IReadOnlyList<PlanningPattern> Patterns);

/// <summary>
/// Builds the simulator's starting scenario from Homeward's own records (<c>docs/simulation.md</c>, "From live
/// data"): one node per service on pathways 1 to 3; arrivals a day from the people accepted for it in the last 13
/// weeks (with the last year's month-by-month pattern in a plan); lengths of stay fitted to the stays that ended in
/// the last year (lognormal by median and mean, as the NHS planning models publish them); capacity as reported, day
/// by day; today's people in care with the days they have left, and today's waiting list. Pure: the records come in
/// as <see cref="PlanningInputs"/>.
/// </summary>
public static partial class LiveScenario
{
    public const int RecentDays = 91;
    public const int MinimumStays = 20;

    /// <summary>Costs a day from the planning model in the domain notes: P1 £125, P2 £150, P3 £164; a delayed acute bed-day £346.</summary>
    public static decimal CostPerDay(Pathway pathway) => pathway switch { Pathway.P1 => 125, Pathway.P2 => 150, Pathway.P3 => 164, _ => 0 };

    public const decimal DelayedBedDay = 346;

    /// <summary>Stays from the planning model when a service has too few of its own (lognormal median and mean, days).</summary>
    private static (double Median, double Mean) PlanningStay(Pathway pathway) => pathway switch
    {
        Pathway.P2 => (34, 43),
        Pathway.P3 => (50, 59),
        _ => (9, 18),
    };

    public static Scenario Build(PlanningInputs inputs, PlanningMode mode)
    {
        var today = inputs.Today;
        var days = mode == PlanningMode.Forecast ? 10 : 182;
        var notes = new List<string>
        {
            $"Built from Homeward's records on {today:yyyy-MM-dd}: arrivals from the people accepted in the last {RecentDays} days, " +
            $"stays from those that ended in the last year, capacity as reported, today's people in care and waiting.",
        };
        var recentFrom = today.AddDays(-RecentDays);
        var yearFrom = today.AddDays(-365);
        var byService = inputs.Episodes.ToLookup(e => e.ServiceId);
        var patterns = inputs.Patterns.ToLookup(p => p.ServiceId);
        var monthly = mode == PlanningMode.Plan ? Seasonality(inputs.Episodes, today, notes) : null;

        var nodes = new List<NodeSpec>();
        var arrivals = new List<ArrivalSpec>();
        var initial = new List<InitialSpec>();
        foreach (var (id, service) in NodesOf(inputs))
        {
            var episodes = byService[service.Id].ToList();
            var stays = episodes.Where(e => e is { Started: { } s, Ended: { } end } && end >= yearFrom && end >= s)
                .Select(e => (double)Math.Max(1, e.Ended!.Value.DayNumber - e.Started!.Value.DayNumber)).ToList();
            var stay = FitStay(stays, service, notes);
            var visits = service.Unit == CapacityUnit.CarerMinutes;
            var (pattern, minutesPerSlot) = visits ? Pattern(patterns[service.Id].ToList(), service, notes) : (null, 1.0);
            int Capacity(int value) => visits ? (int)Math.Floor(value / minutesPerSlot) : value;

            var steps = new List<CapacityStep> { new(DateOnly.MinValue, Capacity(service.DefaultCapacity)) };
            var last = steps[0].Value;
            for (var d = 0; d <= days; d++)
            {
                var date = today.AddDays(d);
                var value = Capacity(service.ReportedCapacity.TryGetValue(date, out var reported) ? reported : service.DefaultCapacity);
                if (value != last)
                    steps.Add(new CapacityStep(date, last = value));
            }
            if (steps.Count > 1 && steps[1].From == today)
                steps.RemoveAt(0);
            nodes.Add(new NodeSpec
            {
                Id = id,
                Name = service.Name,
                Kind = visits ? NodeKind.Visits : NodeKind.Places,
                Visits = pattern,
                Capacity = steps,
                // The service's own cost of a day, as its administrator set it; else the pathway's usual cost.
                CostPerDay = (double)(service.CostPerDay ?? CostPerDay(service.Pathway)),
                Default = new Simulation.Model.Pathway(stay, [new SimRoute(null, 1)]),
            });

            var accepted = episodes.Count(e => e.Accepted >= recentFrom && e.Accepted < today && e.Status != EpisodeStatus.Cancelled);
            arrivals.Add(new ArrivalSpec { Node = id, PerDay = Math.Round(accepted / (double)RecentDays, 4), Monthly = monthly });

            var occupants = episodes.Where(e => e is { Status: EpisodeStatus.Active, Started: not null })
                .Select(e => Remaining(e, today, stays)).ToList();
            var waiting = episodes.Where(e => e.Status is EpisodeStatus.Accepted or EpisodeStatus.Waiting)
                .Select(e => (double)Math.Max(0, today.DayNumber - (e.WaitingSince ?? e.Accepted).DayNumber))
                .OrderByDescending(w => w).ToList();
            if (occupants.Count > 0 || waiting.Count > 0)
                initial.Add(new InitialSpec { Node = id, RemainingStays = occupants, Waiting = waiting });
            // Records can hold more people in a unit than its places (a booking over capacity, a capacity lowered since):
            // the run starts as the records stand, and says so rather than show more than 100% busy without a word.
            var placesToday = steps.Last(step => step.From <= today).Value;
            if (!visits && occupants.Count > placesToday)
                notes.Add($"{service.Name} starts with {occupants.Count} people in {placesToday} places, as the records stand ({occupants.Count - placesToday} over): " +
                          "nobody new starts there until enough have left, and its first days show it over 100% busy.");
        }
        return new Scenario
        {
            Name = $"{(mode == PlanningMode.Forecast ? "10-day forecast" : "26-week plan")} from {today:d MMMM yyyy}",
            Notes = notes,
            Start = today,
            Days = days,
            DelayedBedDayCost = (double)DelayedBedDay,
            Nodes = nodes,
            Arrivals = arrivals,
            Initial = initial,
        };
    }

    /// <summary>Days left for someone in care: to their booking's end, else the average of what longer stays had left.</summary>
    private static double Remaining(PlanningEpisode e, DateOnly today, IReadOnlyList<double> stays)
    {
        if (e.BookedUntil is { } until && until >= today)
            return until.DayNumber - today.DayNumber + 1;
        var elapsed = today.DayNumber - e.Started!.Value.DayNumber;
        var longer = stays.Where(s => s > elapsed).Select(s => s - elapsed).ToList();
        return longer.Count > 0 ? Math.Round(longer.Average(), 2) : 1;
    }

    private static Distribution FitStay(IReadOnlyList<double> stays, PlanningService service, List<string> notes)
    {
        if (stays.Count >= MinimumStays)
        {
            var sorted = stays.Order().ToArray();
            var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
            var mean = stays.Average();
            if (mean >= median && median > 0)
                return LogNormalStay.FromMedianAndMean(median, mean);
            var sd = Math.Sqrt(stays.Sum(s => (s - mean) * (s - mean)) / (stays.Count - 1));
            return LogNormalStay.FromMeanAndSd(mean, Math.Max(sd, 0.01));
        }
        var (m, a) = PlanningStay(service.Pathway);
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"{service.Name}: only {stays.Count} stays ended in the last year, so its stay is the planning model's for {service.Pathway} (median {m}, mean {a} days)."));
        return LogNormalStay.FromMedianAndMean(m, a);
    }

    /// <summary>The usual visit pattern of a team's bookings, and the carer minutes one visit slot takes.</summary>
    private static (VisitPattern, double) Pattern(IReadOnlyList<PlanningPattern> booked, PlanningService service, List<string> notes)
    {
        if (booked.Count == 0)
        {
            var (start, end, length) = UsualVisits(service.Kind);
            notes.Add($"{service.Name}: no booked visit patterns to learn from, so {start} visits a day tapering to {end}, {length} minutes each.");
            return (new VisitPattern(start, end), length);
        }
        static int Median(IEnumerable<int> values)
        {
            var sorted = values.Order().ToArray();
            return sorted[sorted.Length / 2];
        }
        var minutes = Median(booked.Select(b => b.MinutesPerVisit));
        var doubled = booked.Count(b => b.DoubleHanded) / (double)booked.Count;
        return (new VisitPattern(Math.Max(1, Median(booked.Select(b => b.VisitsAtStart))), Median(booked.Select(b => b.VisitsAtEnd))),
            Math.Max(1, minutes * (1 + doubled)));
    }

    /// <summary>The usual visits of a kind of team when its bookings do not say: reablement tapers from 4 a day to 1.</summary>
    private static (int Start, int End, int Minutes) UsualVisits(ServiceKind kind) => kind switch
    {
        ServiceKind.RapidResponseTeam => (2, 1, 60),
        ServiceKind.HomeBasedTherapy => (1, 1, 45),
        _ => (4, 1, 30),
    };

    /// <summary>
    /// Month-by-month factors from the last year's acceptances, scaled so that the months of the recent window
    /// average 1 (the recent rate already carries them). Null without a full year of records.
    /// </summary>
    private static double[]? Seasonality(IReadOnlyList<PlanningEpisode> episodes, DateOnly today, List<string> notes)
    {
        var yearFrom = today.AddDays(-365);
        if (episodes.Count == 0 || episodes.Min(e => e.Accepted) > yearFrom.AddDays(14))
        {
            notes.Add("Less than a year of records: demand is flat over the plan (no seasonal pattern).");
            return null;
        }
        var counts = new double[12];
        var daysIn = new double[12];
        foreach (var e in episodes.Where(e => e.Accepted >= yearFrom && e.Accepted < today))
            counts[e.Accepted.Month - 1]++;
        for (var d = yearFrom; d < today; d = d.AddDays(1))
            daysIn[d.Month - 1]++;
        var perDay = counts.Select((c, i) => daysIn[i] > 0 ? c / daysIn[i] : 0).ToArray();
        var recentMonths = Enumerable.Range(0, LiveScenario.RecentDays).Select(d => today.AddDays(-1 - d).Month - 1).ToList();
        var recent = recentMonths.Average(m => perDay[m]);
        if (recent <= 0)
            return null;
        var factors = perDay.Select(p => Math.Round(p / recent, 3)).ToArray();
        notes.Add("Seasonal pattern from the last year's acceptances, month by month (January first): " +
                  string.Join(", ", factors.Select(f => f.ToString("0.00", CultureInfo.InvariantCulture))) + ".");
        return factors;
    }

    /// <summary>Each service on pathways 1 to 3 with the id of its node in the scenario, in the scenario's order.</summary>
    public static IReadOnlyList<(string NodeId, PlanningService Service)> NodesOf(PlanningInputs inputs)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        return [.. inputs.Services.Where(s => s.Pathway is Pathway.P1 or Pathway.P2 or Pathway.P3).OrderBy(s => s.Pathway).ThenBy(s => s.Name)
            .Select(s => (UniqueId(s.Name, ids), s))];
    }

    private static string UniqueId(string name, HashSet<string> used)
    {
        var slug = NonWord().Replace(name.ToLowerInvariant(), "-").Trim('-');
        if (slug.Length == 0)
            slug = "service";
        var id = slug;
        for (var i = 2; !used.Add(id); i++)
            id = $"{slug}-{i}";
        return id;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWord();
}
