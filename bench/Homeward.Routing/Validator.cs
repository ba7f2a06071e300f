using Homeward.Scheduling;

namespace Homeward.Routing;

/// <summary>
/// Checks any rota against every rule, independently of the solver: each visit served once or reported unplanned,
/// starts inside the window, travel and service fit between consecutive stops, shifts and capacities respected.
/// Computes the cost from the routes. A small tolerance absorbs rounding in published solutions.
/// </summary>
public static class Validator
{
    public const double Tolerance = 1e-3;

    public static IReadOnlyList<string> Check(Problem problem, Solution solution)
    {
        var problems = new List<string>();
        var visits = problem.Visits.ToDictionary(v => v.Id);
        var carers = problem.Carers.ToDictionary(c => c.Id);
        var seen = new HashSet<string>();
        foreach (var route in solution.Routes)
        {
            if (!carers.TryGetValue(route.Carer, out var carer))
            {
                problems.Add($"Route for unknown carer '{route.Carer}'.");
                continue;
            }
            var (place, clock, load) = (carer.Start, carer.ShiftStart, 0);
            foreach (var stop in route.Stops)
            {
                if (!visits.TryGetValue(stop.Visit, out var visit))
                {
                    problems.Add($"{route.Carer}: unknown visit '{stop.Visit}'.");
                    continue;
                }
                if (!seen.Add(stop.Visit))
                    problems.Add($"Visit {stop.Visit} is served more than once.");
                var arrival = clock + problem.Travel.Time(place, visit.Place);
                if (stop.Start + Tolerance < arrival)
                    problems.Add($"{route.Carer}: visit {stop.Visit} starts at {stop.Start:0.##}, before the carer can arrive ({arrival:0.##}).");
                if (stop.Start + Tolerance < visit.Earliest || stop.Start - Tolerance > visit.Latest)
                    problems.Add($"{route.Carer}: visit {stop.Visit} starts at {stop.Start:0.##}, outside its window [{visit.Earliest:0.##}, {visit.Latest:0.##}].");
                load += visit.Demand;
                (place, clock) = (visit.Place, Math.Max(stop.Start, arrival) + visit.Duration);
            }
            if (load > carer.Capacity)
                problems.Add($"{route.Carer}: carries {load}, more than its capacity {carer.Capacity}.");
            var back = clock + problem.Travel.Time(place, carer.End);
            if (back - Tolerance > carer.ShiftEnd)
                problems.Add($"{route.Carer}: back at {back:0.##}, after the shift ends ({carer.ShiftEnd:0.##}).");
        }
        foreach (var missing in problem.Visits.Where(v => !seen.Contains(v.Id) && solution.Unplanned.All(u => u.Visit != v.Id)))
            problems.Add($"Visit {missing.Id} is neither served nor reported unplanned.");
        return problems;
    }

    public static Cost CostOf(Problem problem, IReadOnlyList<Route> routes)
    {
        var visits = problem.Visits.ToDictionary(v => v.Id);
        var carers = problem.Carers.ToDictionary(c => c.Id);
        double distance = 0, lateness = 0;
        foreach (var route in routes.Where(r => r.Stops.Count > 0 && carers.ContainsKey(r.Carer)))
        {
            var place = carers[route.Carer].Start;
            foreach (var stop in route.Stops.Where(s => visits.ContainsKey(s.Visit)))
            {
                var visit = visits[stop.Visit];
                distance += problem.Travel.Distance(place, visit.Place);
                lateness += Math.Max(0, stop.Start - visit.Latest);
                place = visit.Place;
            }
            distance += problem.Travel.Distance(place, carers[route.Carer].End);
        }
        return new Cost(Math.Round(distance, 2), routes.Count(r => r.Stops.Count > 0), Math.Round(lateness, 2));
    }
}
