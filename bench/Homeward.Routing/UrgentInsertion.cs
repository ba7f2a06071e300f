using Homeward.Scheduling;

namespace Homeward.Routing;

/// <summary>The published rota with an urgent visit added, and what it took.</summary>
/// <param name="Carer">Who takes the urgent visit; null when nobody can.</param>
/// <param name="Moved">Other visits that changed carer (0 or 1).</param>
/// <param name="AddedDistance">Extra travel over the published rota.</param>
/// <param name="Reason">Why it could not be added, when it could not.</param>
public sealed record InsertionResult(Solution Solution, string? Carer, int Moved, double AddedDistance, string? Reason);

/// <summary>
/// Adds an urgent visit (a 2-hour rapid response) to today's published rota, changing as little as possible. What has
/// started by <c>now</c> stays as it is. First it tries every place in every carer's remaining round, keeping everyone
/// else's visits with the same carer in the same order (later visits may start later, within their windows), and takes
/// the one that adds the least travel. Only when no round can take it does it move one other visit to another carer to
/// make room. Pure and deterministic; the result is checked by the <see cref="Validator"/>.
/// </summary>
public static class UrgentInsertion
{
    public static InsertionResult Insert(Problem problem, Solution published, string urgentId, double now)
    {
        var visits = problem.Visits.ToDictionary(v => v.Id);
        if (!visits.TryGetValue(urgentId, out var urgent))
            throw new ArgumentException($"The problem has no visit {urgentId}: add it to the problem's visits first.", nameof(urgentId));
        var carers = problem.Carers.ToDictionary(c => c.Id);
        var routes = problem.Carers.Select(c => published.Routes.FirstOrDefault(r => r.Carer == c.Id) ?? new Route(c.Id, [])).ToList();
        var before = Validator.CostOf(problem, routes).Distance;

        // 1. Nothing moves carer: the cheapest place in any round.
        (int Route, IReadOnlyList<Stop> Stops, double Added)? best = null;
        for (var r = 0; r < routes.Count; r++)
        {
            var carer = carers[routes[r].Carer];
            var (fixedStops, open) = Split(routes[r], now);
            for (var at = 0; at <= open.Count; at++)
            {
                var order = open.Take(at).Append(urgentId).Concat(open.Skip(at)).ToList();
                if (Schedule(problem, visits, carer, fixedStops, order, now) is not { } stops)
                    continue;
                var added = Distance(problem, visits, carer, stops) - Distance(problem, visits, carer, routes[r].Stops);
                if (best is null || added < best.Value.Added - 1e-9)
                    best = (r, stops, added);
            }
        }
        if (best is { } found)
            return Done(problem, published, routes, [(found.Route, found.Stops)], urgentId, found.Route, 0, before);

        // 2. One visit moves from one carer to another to make room.
        (int From, IReadOnlyList<Stop> FromStops, int To, IReadOnlyList<Stop> ToStops, double Added)? swap = null;
        for (var r = 0; r < routes.Count; r++)
        {
            var carer = carers[routes[r].Carer];
            var (fixedStops, open) = Split(routes[r], now);
            foreach (var moving in open)
            {
                var rest = open.Where(v => v != moving).ToList();
                for (var at = 0; at <= rest.Count; at++)
                {
                    var order = rest.Take(at).Append(urgentId).Concat(rest.Skip(at)).ToList();
                    if (Schedule(problem, visits, carer, fixedStops, order, now) is not { } stops)
                        continue;
                    var addedHere = Distance(problem, visits, carer, stops) - Distance(problem, visits, carer, routes[r].Stops);
                    for (var o = 0; o < routes.Count; o++)
                    {
                        if (o == r)
                            continue;
                        var other = carers[routes[o].Carer];
                        var (otherFixed, otherOpen) = Split(routes[o], now);
                        for (var p = 0; p <= otherOpen.Count; p++)
                        {
                            var otherOrder = otherOpen.Take(p).Append(moving).Concat(otherOpen.Skip(p)).ToList();
                            if (Schedule(problem, visits, other, otherFixed, otherOrder, now) is not { } otherStops)
                                continue;
                            var added = addedHere + Distance(problem, visits, other, otherStops) - Distance(problem, visits, other, routes[o].Stops);
                            if (swap is null || added < swap.Value.Added - 1e-9)
                                swap = (r, stops, o, otherStops, added);
                        }
                    }
                }
            }
        }
        if (swap is { } s)
            return Done(problem, published, routes, [(s.From, s.FromStops), (s.To, s.ToStops)], urgentId, s.From, 1, before);

        var unplanned = published.Unplanned.Where(u => u.Visit != urgentId)
            .Append(new Unplanned(urgentId, "No carer can reach it within its window, even with one other visit moved to another carer.")).ToList();
        var unchanged = published with { Unplanned = unplanned };
        return new InsertionResult(unchanged, null, 0, 0, unplanned[^1].Reason);
    }

    /// <summary>Stops that have started by <paramref name="now"/> (kept as they are), and the visits still to come, in order.</summary>
    private static (IReadOnlyList<Stop> Fixed, IReadOnlyList<string> Open) Split(Route route, double now) =>
        ([.. route.Stops.TakeWhile(s => s.Start < now)], [.. route.Stops.SkipWhile(s => s.Start < now).Select(s => s.Visit)]);

    /// <summary>Times a round: the fixed stops as they are, then each visit as early as it can start; null if any window or the shift end is missed.</summary>
    private static IReadOnlyList<Stop>? Schedule(Problem problem, Dictionary<string, Visit> visits, Carer carer, IReadOnlyList<Stop> fixedStops,
        IReadOnlyList<string> order, double now)
    {
        var stops = new List<Stop>(fixedStops);
        var (place, clock) = (carer.Start, carer.ShiftStart);
        foreach (var stop in fixedStops)
        {
            var visit = visits[stop.Visit];
            (place, clock) = (visit.Place, stop.Start + visit.Duration);
        }
        clock = Math.Max(clock, now);
        var load = fixedStops.Sum(s => visits[s.Visit].Demand);
        foreach (var id in order)
        {
            var visit = visits[id];
            var start = Math.Max(clock + problem.Travel.Time(place, visit.Place), visit.Earliest);
            if (start > visit.Latest + 1e-9)
                return null;
            load += visit.Demand;
            stops.Add(new Stop(id, start));
            (place, clock) = (visit.Place, start + visit.Duration);
        }
        if (load > carer.Capacity || clock + problem.Travel.Time(place, carer.End) > carer.ShiftEnd + 1e-9)
            return null;
        return stops;
    }

    private static double Distance(Problem problem, Dictionary<string, Visit> visits, Carer carer, IReadOnlyList<Stop> stops)
    {
        if (stops.Count == 0)
            return 0;
        var (place, total) = (carer.Start, 0.0);
        foreach (var stop in stops)
        {
            total += problem.Travel.Distance(place, visits[stop.Visit].Place);
            place = visits[stop.Visit].Place;
        }
        return total + problem.Travel.Distance(place, carer.End);
    }

    private static InsertionResult Done(Problem problem, Solution published, List<Route> routes, IEnumerable<(int Route, IReadOnlyList<Stop> Stops)> changes,
        string urgentId, int taker, int moved, double before)
    {
        var updated = routes.ToList();
        foreach (var (r, stops) in changes)
            updated[r] = updated[r] with { Stops = stops };
        var kept = updated.Where(r => r.Stops.Count > 0 || published.Routes.Any(p => p.Carer == r.Carer)).ToList();
        var cost = Validator.CostOf(problem, kept);
        var solution = new Solution(published.Problem, kept, [.. published.Unplanned.Where(u => u.Visit != urgentId)], cost);
        return new InsertionResult(solution, updated[taker].Carer, moved, Math.Round(cost.Distance - before, 2), null);
    }
}
