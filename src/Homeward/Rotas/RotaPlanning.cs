using Homeward.Scheduling.Rota;
using Homeward.Visits;

namespace Homeward.Rotas;

/// <summary>How rotas are planned: travel from coordinates, the costs the optimiser weighs, and how long it searches.</summary>
public sealed record RotaSettings
{
    /// <summary>Roads are longer than the crow flies: great-circle distance times this.</summary>
    public double RoadFactor { get; init; } = 1.3;
    /// <summary>Average driving speed between visits, km/h.</summary>
    public double KilometresPerHour { get; init; } = 30;
    /// <summary>How long the optimiser searches for a team's day.</summary>
    public double SearchSeconds { get; init; } = 10;
    /// <summary>A visit may start at most this long after its window closes; later, it is left unplanned and flagged.</summary>
    public int MostLateMinutes { get; init; } = 60;
    /// <summary>How far back the carers a person knows are looked for (published rotas).</summary>
    public int KnownCarerDays { get; init; } = 28;
    /// <summary>Cost weights: per km driven, per minute late, per visit by a carer the person does not know.</summary>
    public RotaWeights Weights { get; init; } = new() { Distance = 1, Lateness = 2, MaxLateness = 1, Continuity = 5, Unplanned = 10_000 };
}

/// <summary>A visit to plan, with where the person lives (null when the address has no map position).</summary>
public sealed record VisitToPlan(Visit Visit, string PersonName, double? Latitude, double? Longitude);

/// <summary>
/// Turns a team's day (its planned visits, its carers on shift, who knows whom) into the optimiser's problem and the
/// optimiser's answer back into a rota. A double-handed visit becomes two tied visits ("id" and "id/2"). Pure.
/// </summary>
public static class RotaPlanning
{
    /// <param name="Places">Where each place index of the problem's travel is: the carers' bases first, then the homes.</param>
    /// <param name="Travel">How travel between them was worked out.</param>
    public sealed record Day(RotaProblem Problem, IReadOnlyDictionary<string, string> SetAside, IReadOnlyList<(double Latitude, double Longitude)> Places,
        RotaTravel Travel = RotaTravel.StraightLine)
    {
        /// <summary>The same day with travel from a routing engine.</summary>
        public Day WithTravel(Scheduling.ITravel travel, RotaTravel how) => this with { Problem = Problem with { Travel = travel }, Travel = how };
    }

    public static string Key(Guid visit, bool second) => second ? $"{visit}/2" : visit.ToString();

    public static (Guid Visit, bool Second) Parse(string key) =>
        key.EndsWith("/2", StringComparison.Ordinal) ? (Guid.Parse(key[..^2]), true) : (Guid.Parse(key), false);

    /// <param name="days">Each carer's hours that day (leave, sickness and changed hours applied); a carer who does not
    /// work it (kept on an existing rota) has no time for visits.</param>
    public static Day Problem(string name, IReadOnlyList<VisitToPlan> visits, IReadOnlyList<CareWorker> workers,
        IReadOnlyDictionary<Guid, Availability.CarerDay> days, IReadOnlyDictionary<Guid, IReadOnlySet<Guid>> knownCarers, RotaSettings settings)
    {
        var places = workers.Select(w => (w.Latitude, w.Longitude)).ToList();
        var placeOf = new Dictionary<(double, double), int>();
        var rotaVisits = new List<RotaVisit>();
        var links = new List<RotaLink>();
        var setAside = new Dictionary<string, string>();
        foreach (var v in visits)
        {
            if (v.Latitude is not { } lat || v.Longitude is not { } lon)
            {
                const string why = "The person's postcode is not in the postcode directory, so their home is not on the map (load the directory: homeward postcodes import).";
                setAside[Key(v.Visit.Id, false)] = why;
                if (v.Visit.DoubleHanded)
                    setAside[Key(v.Visit.Id, true)] = why;
                continue;
            }
            if (!placeOf.TryGetValue((lat, lon), out var place))
            {
                placeOf[(lat, lon)] = place = places.Count;
                places.Add((lat, lon));
            }
            var known = knownCarers.GetValueOrDefault(v.Visit.PersonId)?.Select(w => w.ToString()).ToHashSet() ?? [];
            var (from, to) = (Minutes(v.Visit.WindowStart), Minutes(v.Visit.WindowEnd));
            RotaVisit Make(bool second) => new(Key(v.Visit.Id, second), place, v.Visit.Minutes, from, to)
            {
                KnownCarers = known, LatestAtAll = to + settings.MostLateMinutes, Skill = v.Visit.Skill,
            };
            rotaVisits.Add(Make(false));
            if (v.Visit.DoubleHanded)
            {
                rotaVisits.Add(Make(true));
                links.Add(RotaLink.DoubleHanded(Key(v.Visit.Id, false), Key(v.Visit.Id, true)));
            }
        }
        var carers = workers.Select((w, i) =>
        {
            var day = days[w.Id];
            var (start, end) = day.Works ? (Minutes(day.Start!.Value), Minutes(day.End!.Value)) : (Minutes(w.ShiftStart), Minutes(w.ShiftStart));
            return new RotaCarer(w.Id.ToString(), i, i, start, end)
            {
                Skills = w.SkillSet,
                Break = day is { BreakFrom: { } from, BreakTo: { } to, BreakMinutes: > 0 } ? new RotaBreak(Minutes(from), Math.Max(Minutes(from), Minutes(to) - day.BreakMinutes), day.BreakMinutes) : null,
            };
        }).ToList();
        var problem = new RotaProblem
        {
            Name = name, Visits = rotaVisits, Links = links, Carers = carers, Weights = settings.Weights,
            Travel = new GreatCircleTravel(places, settings.RoadFactor, settings.KilometresPerHour),
        };
        return new Day(problem, setAside, places);
    }

    /// <summary>The optimiser's answer as the rota's rows, with how its travel was worked out.</summary>
    public static void Fill(Rota rota, RotaSolution solution, Day day)
    {
        var setAside = day.SetAside;
        rota.Travel = day.Travel;
        rota.Assignments.Clear();
        rota.Gaps.Clear();
        foreach (var route in solution.Routes)
        {
            var worker = Guid.Parse(route.Carer);
            foreach (var (stop, order) in route.Stops.Select((s, i) => (s, i)))
            {
                var (visit, second) = Parse(stop.Visit);
                rota.Assignments.Add(new RotaAssignment
                {
                    RotaId = rota.Id, VisitId = visit, Second = second, WorkerId = worker, Order = order,
                    Arrival = (int)Math.Round(stop.Arrival), Start = (int)Math.Round(stop.Start),
                });
            }
            if (rota.Workers.FirstOrDefault(w => w.WorkerId == worker) is { } workerDay)
                workerDay.BreakStart = route.BreakStart is { } b ? (int)Math.Round(b) : null;
        }
        foreach (var idle in rota.Workers.Where(d => solution.Routes.All(r => r.Carer != d.WorkerId.ToString())))
            idle.BreakStart = null;
        foreach (var u in solution.Unplanned)
        {
            var (visit, second) = Parse(u.Visit);
            rota.Gaps.Add(new RotaGap { RotaId = rota.Id, VisitId = visit, Second = second, Reason = u.Reason });
        }
        foreach (var (key, reason) in setAside)
        {
            var (visit, second) = Parse(key);
            rota.Gaps.Add(new RotaGap { RotaId = rota.Id, VisitId = visit, Second = second, Reason = reason });
        }
        var cost = solution.Cost;
        rota.Planned = rota.Assignments.Select(a => a.VisitId).Distinct().Count();
        rota.Unplanned = rota.Gaps.Select(g => g.VisitId).Distinct().Count();
        rota.TravelKm = Math.Round(cost.Distance, 1);
        rota.TravelMinutes = Math.Round(cost.TravelTime, 0);
        rota.LateMinutes = Math.Round(cost.Lateness, 0);
        rota.LateVisits = cost.LateVisits;
        rota.KnownCarerVisits = cost.KnownCarerVisits;
        rota.VisitsWithKnownCarers = cost.VisitsWithKnownCarers;
        rota.CarersUsed = cost.CarersUsed;
    }

    public static int Minutes(TimeOnly time) => time.Hour * 60 + time.Minute;

    /// <summary>
    /// Minutes from midnight before which a rota's visits have started: none for a day still to come, all for a day
    /// gone, now for today.
    /// </summary>
    public static int? StartedBefore(DateOnly date, DateTimeOffset now)
    {
        var today = Common.London.DateOf(now);
        return date > today ? null : date < today ? 24 * 60 : Minutes(Common.London.ClockOf(now));
    }
}
