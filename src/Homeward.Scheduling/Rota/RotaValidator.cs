namespace Homeward.Scheduling.Rota;

/// <summary>
/// Checks any rota against every rule, independently of the solver: each visit planned once or reported unplanned; by
/// a carer with the skill; travel fits between stops (a break may be taken before travelling or while waiting on
/// arrival); no start before the window opens or after the latest start at all; double-handed visits start together on
/// two carers, tied ones the set time apart; each round starts and ends within the shift; a carer still working after
/// the latest start of their break has taken it within its window, not in a visit. Computes the cost from the routes.
/// </summary>
public static class RotaValidator
{
    public const double Tolerance = 1e-6;

    public static (IReadOnlyList<string> Problems, RotaCost Cost) Check(RotaProblem problem, RotaSolution solution)
    {
        var problems = new List<string>();
        var visits = problem.Visits.ToDictionary(v => v.Id);
        var carers = problem.Carers.ToDictionary(c => c.Id);
        var starts = new Dictionary<string, (double Start, string Carer)>();
        double distance = 0, travelTime = 0, late = 0, maxLate = 0;
        int lateVisits = 0, known = 0, withKnown = 0, used = 0;
        foreach (var route in solution.Routes)
        {
            if (!carers.TryGetValue(route.Carer, out var carer))
            {
                problems.Add($"Route for unknown carer '{route.Carer}'.");
                continue;
            }
            if (route.Stops.Count == 0)
                continue;
            used++;
            var (place, free, breakTaken) = (carer.Start, carer.ShiftStart, false);
            foreach (var stop in route.Stops)
            {
                if (!visits.TryGetValue(stop.Visit, out var visit))
                {
                    problems.Add($"{carer.Id}: unknown visit '{stop.Visit}'.");
                    continue;
                }
                if (!starts.TryAdd(visit.Id, (stop.Start, carer.Id)))
                    problems.Add($"Visit {visit.Id} is planned more than once.");
                if (visit.Skill is not null && !carer.Skills.Contains(visit.Skill))
                    problems.Add($"{carer.Id} does not have the skill {visit.Skill} that {visit.Id} needs.");
                var leg = problem.Travel.Time(place, visit.Place);
                (distance, travelTime) = (distance + problem.Travel.Distance(place, visit.Place), travelTime + leg);
                var breakHere = route.BreakStart is { } b && carer.Break is { } brk && b >= free - Tolerance && b < stop.Start;
                if (breakHere)
                {
                    var (b0, d) = (route.BreakStart!.Value, carer.Break!.Duration);
                    // Break, then travel; or travel, then break while waiting.
                    if (!(b0 + d + leg <= stop.Start + Tolerance || (b0 >= free + leg - Tolerance && b0 + d <= stop.Start + Tolerance)))
                        problems.Add($"{carer.Id}: the break at {RotaSolver.Clock(b0)} does not fit before {visit.Id}.");
                    breakTaken = true;
                }
                if (stop.Arrival + Tolerance < free + leg)
                    problems.Add($"{carer.Id}: arrives at {visit.Id} at {RotaSolver.Clock(stop.Arrival)}, before travel allows ({RotaSolver.Clock(free + leg)}).");
                if (stop.Start + Tolerance < stop.Arrival)
                    problems.Add($"{carer.Id}: {visit.Id} starts before the carer arrives.");
                if (stop.Start + Tolerance < visit.Earliest)
                    problems.Add($"{carer.Id}: {visit.Id} starts at {RotaSolver.Clock(stop.Start)}, before its window opens ({RotaSolver.Clock(visit.Earliest)}).");
                if (visit.LatestAtAll is { } atAll && stop.Start > atAll + Tolerance)
                    problems.Add($"{carer.Id}: {visit.Id} starts at {RotaSolver.Clock(stop.Start)}, after its latest start ({RotaSolver.Clock(atAll)}).");
                var lateness = Math.Max(0, stop.Start - visit.Latest);
                if (lateness > Tolerance)
                    (late, maxLate, lateVisits) = (late + lateness, Math.Max(maxLate, lateness), lateVisits + 1);
                if (visit.KnownCarers.Count > 0)
                    (withKnown, known) = (withKnown + 1, known + (visit.KnownCarers.Contains(carer.Id) ? 1 : 0));
                (place, free) = (visit.Place, stop.Start + visit.Duration);
            }
            var home = problem.Travel.Time(place, carer.End);
            (distance, travelTime) = (distance + problem.Travel.Distance(place, carer.End), travelTime + home);
            if (route.BreakStart is { } last && !breakTaken && carer.Break is { } lb && last >= free - Tolerance)
                (breakTaken, free) = (true, last + lb.Duration);
            if (free + home > carer.ShiftEnd + Tolerance)
                problems.Add($"{carer.Id}: back at {RotaSolver.Clock(free + home)}, after the shift ends ({RotaSolver.Clock(carer.ShiftEnd)}).");
            if (carer.Break is { } brk2)
            {
                if (route.BreakStart is { } bs && (bs < brk2.Earliest - Tolerance || bs > brk2.Latest + Tolerance))
                    problems.Add($"{carer.Id}: the break starts at {RotaSolver.Clock(bs)}, outside {RotaSolver.Clock(brk2.Earliest)}–{RotaSolver.Clock(brk2.Latest)}.");
                var lastEnd = route.Stops.Where(s => visits.ContainsKey(s.Visit)).Max(s => s.Start + visits[s.Visit].Duration);
                if (!breakTaken && lastEnd > brk2.Latest + brk2.Duration + Tolerance)
                    problems.Add($"{carer.Id} works through the break window without a break.");
            }
        }
        var unplanned = new HashSet<string>();
        foreach (var u in solution.Unplanned)
            if (starts.ContainsKey(u.Visit) || !unplanned.Add(u.Visit))
                problems.Add($"Visit {u.Visit} is reported unplanned but is also planned, or twice.");
        foreach (var v in problem.Visits.Where(v => !starts.ContainsKey(v.Id) && !unplanned.Contains(v.Id)))
            problems.Add($"Visit {v.Id} is neither planned nor reported unplanned.");
        foreach (var link in problem.Links)
        {
            var (a, b) = (starts.GetValueOrDefault(link.First), starts.GetValueOrDefault(link.Second));
            if ((a.Carer is null) != (b.Carer is null))
                problems.Add($"Only one of {link.First} and {link.Second} is planned.");
            else if (a.Carer is not null && link.Together && (a.Carer == b.Carer || Math.Abs(a.Start - b.Start) > Tolerance))
                problems.Add($"{link.First} and {link.Second} need two carers starting together.");
            else if (a.Carer is not null && (b.Start - a.Start < link.MinGap - Tolerance || b.Start - a.Start > link.MaxGap + Tolerance))
                problems.Add($"{link.Second} must start {link.MinGap:0}–{link.MaxGap:0} minutes after {link.First}; it is {b.Start - a.Start:0.#}.");
        }
        return (problems, new RotaCost(distance, travelTime, late, maxLate, lateVisits, known, withKnown, unplanned.Count, used));
    }
}
