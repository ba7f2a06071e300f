using System.Diagnostics;

using Homeward.Scheduling;

namespace Homeward.Routing;

/// <summary>
/// Vehicle routing with time windows and capacities by slack induction by string removals (SISR: Christiaens and
/// Vanden Berghe, Transportation Science 2020): each step removes a few short strings of nearby visits from a few
/// routes (sometimes keeping a visit in the middle, to create slack), puts the removed visits back one by one at their
/// cheapest feasible place (skipping a place now and then, so the search does not settle), and keeps the result by
/// simulated annealing, cooling from 100 to 1 over the time limit. Pure: no solver library, exact feasibility in the
/// problem's own units (time windows, shifts, capacities) checked in constant time per place from each route's slack.
/// A visit that fits nowhere is left unplanned with the reason, never forced in.
/// </summary>
public static class StringRemovalSolver
{
    private const double AverageRemoved = 10;
    private const int MaxStringLength = 10;
    private const double BlinkRate = 0.01;
    private const double StartTemperature = 100;
    private const double EndTemperature = 1;
    /// <summary>A visit left out costs more than any route could, so fewer left out always wins.</summary>
    private const double AbsentCost = 1e7;
    /// <summary>For the vehicles-first objective: one more vehicle costs more than any distance saved.</summary>
    private const double VehicleCost = 1e5;
    /// <summary>For the vehicles-first objective: the share of the time limit spent taking routes away before distance.</summary>
    private const double FleetShare = 0.6;

    public static Solution Solve(Problem problem, SolveOptions options, IReadOnlyDictionary<string, string> unplannable)
    {
        var visits = problem.Visits.Where(v => !unplannable.ContainsKey(v.Id)).ToList();
        var search = new Search(problem, visits, options);
        var best = search.Run();
        var routes = new List<Route>();
        for (var r = 0; r < problem.Carers.Count; r++)
        {
            if (best.Routes[r].Count == 0)
                continue;
            var starts = search.Starts(r, best.Routes[r]);
            routes.Add(new Route(problem.Carers[r].Id, [.. best.Routes[r].Select((v, i) => new Stop(visits[v].Id, starts[i]))]));
        }
        var served = routes.SelectMany(r => r.Stops).Select(s => s.Visit).ToHashSet();
        var unplanned = problem.Visits.Where(v => !served.Contains(v.Id))
            .Select(v => new Unplanned(v.Id, unplannable.GetValueOrDefault(v.Id) ?? "No carer could fit it in with everything else.")).ToList();
        return new Solution(problem.Name, routes, unplanned, Validator.CostOf(problem, routes));
    }

    private sealed class Plan(List<int>[] routes)
    {
        public List<int>[] Routes { get; } = routes;
        /// <summary>What the annealing weighs: distance, plus a cost per route used and per visit left out.</summary>
        public double Cost { get; set; }
        public int Absent { get; set; }
        public int Used { get; set; }
        public double Distance { get; set; }

        public Plan Copy() => new([.. Routes.Select(r => new List<int>(r))]) { Cost = Cost, Absent = Absent, Used = Used, Distance = Distance };
    }

    private sealed class Search
    {
        private readonly int _n, _k, _size;
        private readonly double[] _time, _distance;
        private readonly double[] _earliest, _latest, _duration;
        private readonly int[] _demand, _capacity;
        private readonly double[] _shiftStart, _shiftEnd;
        private readonly int[][] _near;
        private readonly int[] _carerClass;
        private readonly bool _vehiclesFirst;
        private readonly double _vehicleCost;
        private readonly TimeSpan _limit;
        private readonly Random _random;
        // Per-route work arrays, rebuilt when a route changes: service starts, latest feasible starts, load.
        private readonly double[][] _start, _late;
        private readonly int[] _load;

        public Search(Problem problem, List<Visit> visits, SolveOptions options)
        {
            (_n, _k) = (visits.Count, problem.Carers.Count);
            // Nodes: visits 0..n-1, then each carer's start, then each carer's end.
            _size = _n + 2 * _k;
            int PlaceOf(int node) => node < _n ? visits[node].Place : node < _n + _k ? problem.Carers[node - _n].Start : problem.Carers[node - _n - _k].End;
            (_time, _distance) = (new double[_size * _size], new double[_size * _size]);
            for (var a = 0; a < _size; a++)
                for (var b = 0; b < _size; b++)
                {
                    _time[a * _size + b] = problem.Travel.Time(PlaceOf(a), PlaceOf(b));
                    _distance[a * _size + b] = problem.Travel.Distance(PlaceOf(a), PlaceOf(b));
                }
            _earliest = [.. visits.Select(v => v.Earliest)];
            _latest = [.. visits.Select(v => v.Latest)];
            _duration = [.. visits.Select(v => v.Duration)];
            _demand = [.. visits.Select(v => v.Demand)];
            _capacity = [.. problem.Carers.Select(c => c.Capacity)];
            _shiftStart = [.. problem.Carers.Select(c => c.ShiftStart)];
            _shiftEnd = [.. problem.Carers.Select(c => c.ShiftEnd)];
            _near = [.. Enumerable.Range(0, _n).Select(v => Enumerable.Range(0, _n).OrderBy(w => _distance[v * _size + w]).ToArray())];
            // Carers alike (same places, shift and capacity) are one class: one empty route of each class is tried, not all.
            var classes = new Dictionary<(int, int, double, double, int), int>();
            _carerClass = [.. problem.Carers.Select(c => classes.TryGetValue((c.Start, c.End, c.ShiftStart, c.ShiftEnd, c.Capacity), out var k) ? k
                : classes[(c.Start, c.End, c.ShiftStart, c.ShiftEnd, c.Capacity)] = classes.Count)];
            _vehiclesFirst = options.Objective == Objective.VehiclesThenDistance;
            _vehicleCost = _vehiclesFirst ? VehicleCost : 0;
            _limit = options.TimeLimit;
            _random = new Random(options.Seed);
            _start = [.. Enumerable.Range(0, _k).Select(_ => new double[_n + 1])];
            _late = [.. Enumerable.Range(0, _k).Select(_ => new double[_n + 1])];
            _load = new int[_k];
        }

        private double T(int a, int b) => _time[a * _size + b];
        private double D(int a, int b) => _distance[a * _size + b];
        private int StartNode(int r) => _n + r;
        private int EndNode(int r) => _n + _k + r;

        public Plan Run()
        {
            var clock = Stopwatch.StartNew();
            var current = new Plan([.. Enumerable.Range(0, _k).Select(_ => new List<int>())]);
            for (var r = 0; r < _k; r++)
                Prepare(r, current.Routes[r]);
            Recreate(current, [.. Enumerable.Range(0, _n)]);
            current.Cost = CostOf(current);
            var iterations = 0L;
            var searchFrom = TimeSpan.Zero;
            if (_vehiclesFirst && current.Absent == 0)
            {
                current = MinimiseFleet(current, clock, _limit * FleetShare, ref iterations);
                searchFrom = clock.Elapsed;
                // Then distance with the fleet found: a route more costs more than any distance saved. (Tried, on 2026-12-01: letting the annealing
                // use one more route at a cost rising over time; it helped C202, which can stick at 19% above the best
                // known with the fleet fixed, but R110 then stayed at 11 routes and never improved its 10-route plan.)
            }
            var best = current.Copy();
            while (clock.Elapsed < _limit && _n > 0)
            {
                iterations++;
                var progress = (clock.Elapsed - searchFrom).TotalMilliseconds / Math.Max(1, (_limit - searchFrom).TotalMilliseconds);
                var temperature = StartTemperature * Math.Pow(EndTemperature / StartTemperature, progress);
                var candidate = current.Copy();
                for (var r = 0; r < _k; r++)
                    Prepare(r, candidate.Routes[r]);
                var removed = Ruin(candidate);
                Recreate(candidate, removed);
                candidate.Cost = CostOf(candidate);
                if (candidate.Cost < current.Cost - temperature * Math.Log(_random.NextDouble()))
                {
                    current = candidate;
                    if (Better(current, best))
                        best = current.Copy();
                }
            }
            Iterations = iterations;
            return best;
        }

        public long Iterations { get; private set; }

        /// <summary>Fewer left out; then, for the vehicles-first objective, fewer routes; then less distance.</summary>
        private bool Better(Plan a, Plan b) =>
            a.Absent != b.Absent ? a.Absent < b.Absent
            : _vehiclesFirst && a.Used != b.Used ? a.Used < b.Used
            : a.Distance < b.Distance - 1e-9;

        /// <summary>
        /// Fewer routes first (SISR's fleet minimisation): take away the smallest route, and ruin and recreate with no new
        /// route allowed until every visit is back in. A candidate is kept when it leaves fewer visits out, or when the
        /// visits it leaves out have been left out less often so far (each visit counts the steps it spent out), so the
        /// hard ones are pushed in. Each time all are in, that plan is kept and the next smallest route goes.
        /// </summary>
        private Plan MinimiseFleet(Plan plan, Stopwatch clock, TimeSpan until, ref long iterations)
        {
            var best = plan.Copy();
            var lowest = LowestRouteCount();
            var absences = new long[_n];
            var current = plan.Copy();
            RemoveSmallestRoute(current);
            while (clock.Elapsed < until && UsedRoutes(best) > lowest)
            {
                iterations++;
                var candidate = current.Copy();
                for (var r = 0; r < _k; r++)
                    Prepare(r, candidate.Routes[r]);
                var removed = Ruin(candidate);
                Recreate(candidate, removed, UsedRoutes(current));
                candidate.Cost = CostOf(candidate);
                if (candidate.Absent < current.Absent || AbsenceOf(candidate, absences) < AbsenceOf(current, absences))
                    current = candidate;
                if (current.Absent == 0)
                {
                    best = current.Copy();
                    RemoveSmallestRoute(current);
                }
                foreach (var v in Absent(current))
                    absences[v]++;
            }
            return best;
        }

        /// <summary>No plan can use fewer routes than the loads need.</summary>
        private int LowestRouteCount()
        {
            var total = _demand.Sum(d => (long)d);
            var largest = _capacity.Max();
            return largest == int.MaxValue || largest <= 0 ? 1 : (int)Math.Max(1, (total + largest - 1) / largest);
        }

        private static int UsedRoutes(Plan plan) => plan.Routes.Count(r => r.Count > 0);

        private void RemoveSmallestRoute(Plan plan)
        {
            var smallest = plan.Routes.Select((r, i) => (r.Count, i)).Where(x => x.Count > 0).OrderBy(x => x.Count).ThenBy(_ => _random.Next()).First().i;
            plan.Routes[smallest].Clear();
            plan.Cost = CostOf(plan);
        }

        private IEnumerable<int> Absent(Plan plan)
        {
            var present = new bool[_n];
            foreach (var route in plan.Routes)
                foreach (var v in route)
                    present[v] = true;
            for (var v = 0; v < _n; v++)
                if (!present[v])
                    yield return v;
        }

        private long AbsenceOf(Plan plan, long[] absences) => Absent(plan).Sum(v => absences[v]);

        private double CostOf(Plan plan)
        {
            double distance = 0;
            var (absent, used) = (_n, 0);
            for (var r = 0; r < _k; r++)
            {
                var route = plan.Routes[r];
                if (route.Count == 0)
                    continue;
                absent -= route.Count;
                used++;
                distance += D(StartNode(r), route[0]) + D(route[^1], EndNode(r));
                for (var i = 1; i < route.Count; i++)
                    distance += D(route[i - 1], route[i]);
            }
            (plan.Absent, plan.Used, plan.Distance) = (absent, used, distance);
            return distance + used * _vehicleCost + absent * AbsentCost;
        }

        /// <summary>Service starts forward and latest feasible starts backward, and the load, for one route.</summary>
        private void Prepare(int r, List<int> route)
        {
            var (start, late) = (_start[r], _late[r]);
            var (clock, at, load) = (_shiftStart[r], StartNode(r), 0);
            for (var i = 0; i < route.Count; i++)
            {
                var v = route[i];
                start[i] = Math.Max(_earliest[v], clock + T(at, v));
                (clock, at, load) = (start[i] + _duration[v], v, load + _demand[v]);
            }
            var latest = _shiftEnd[r];
            var next = EndNode(r);
            for (var i = route.Count - 1; i >= 0; i--)
            {
                var v = route[i];
                late[i] = Math.Min(_latest[v], latest - T(v, next) - _duration[v]);
                (latest, next) = (late[i], v);
            }
            _load[r] = load;
        }

        /// <summary>Service starts of a route, in order (for the result).</summary>
        public double[] Starts(int r, List<int> route)
        {
            Prepare(r, route);
            return _start[r][..route.Count];
        }

        private List<int> Ruin(Plan plan)
        {
            var used = plan.Routes.Where(r => r.Count > 0).ToList();
            var removed = new List<int>();
            if (used.Count == 0)
                return removed;
            // Visits left out before are tried again too.
            var leftOut = Absent(plan).ToList();
            var average = used.Sum(r => r.Count) / (double)used.Count;
            var maxLength = Math.Min(MaxStringLength, average);
            var maxStrings = 4 * AverageRemoved / (1 + maxLength) - 1;
            var strings = (int)Math.Floor(_random.NextDouble() * maxStrings) + 1;
            var routeOf = new int[_n];
            Array.Fill(routeOf, -1);
            for (var r = 0; r < _k; r++)
                foreach (var v in plan.Routes[r])
                    routeOf[v] = r;
            var ruined = new HashSet<int>();
            var seed = _random.Next(_n);
            foreach (var c in _near[seed])
            {
                if (ruined.Count >= strings)
                    break;
                var r = routeOf[c];
                if (r < 0 || ruined.Contains(r))
                    continue;
                var route = plan.Routes[r];
                var longest = Math.Min(route.Count, (int)Math.Floor(maxLength));
                var length = Math.Max(1, (int)Math.Floor(_random.NextDouble() * longest) + 1);
                var at = route.IndexOf(c);
                if (length == route.Count || _random.NextDouble() < 0.5)
                {
                    var first = _random.Next(Math.Max(0, at - length + 1), Math.Min(at, route.Count - length) + 1);
                    removed.AddRange(route.GetRange(first, length));
                    route.RemoveRange(first, length);
                }
                else
                {
                    // Split string: a string of length + kept, of which the kept ones (in a run) stay.
                    var kept = 1;
                    while (length + kept < route.Count && _random.NextDouble() < 0.5)
                        kept++;
                    var span = length + kept;
                    var first = _random.Next(Math.Max(0, at - span + 1), Math.Min(at, route.Count - span) + 1);
                    var keepFrom = first + _random.Next(length + 1);
                    for (var i = first + span - 1; i >= first; i--)
                        if (i < keepFrom || i >= keepFrom + kept)
                        {
                            removed.Add(route[i]);
                            route.RemoveAt(i);
                        }
                }
                ruined.Add(r);
            }
            foreach (var r in ruined)
                Prepare(r, plan.Routes[r]);
            removed.AddRange(leftOut);
            return removed;
        }

        private void Recreate(Plan plan, List<int> removed, int maxRoutes = int.MaxValue)
        {
            Order(removed);
            var used = UsedRoutes(plan);
            Span<bool> triedClass = stackalloc bool[_k];
            foreach (var u in removed)
            {
                var (bestRoute, bestAt, bestDelta) = (-1, -1, double.MaxValue);
                triedClass.Clear();
                for (var r = 0; r < _k; r++)
                {
                    var route = plan.Routes[r];
                    if (_load[r] + _demand[u] > _capacity[r])
                        continue;
                    if (route.Count == 0)
                    {
                        if (used >= maxRoutes || triedClass[_carerClass[r]])
                            continue;
                        triedClass[_carerClass[r]] = true;
                    }
                    var (start, late) = (_start[r], _late[r]);
                    for (var p = 0; p <= route.Count; p++)
                    {
                        if (_random.NextDouble() < BlinkRate)
                            continue;
                        var prev = p == 0 ? StartNode(r) : route[p - 1];
                        var next = p == route.Count ? EndNode(r) : route[p];
                        var leave = p == 0 ? _shiftStart[r] : start[p - 1] + _duration[prev];
                        var begin = Math.Max(_earliest[u], leave + T(prev, u));
                        if (begin > _latest[u])
                            continue;
                        var arrive = begin + _duration[u] + T(u, next);
                        if (p == route.Count ? arrive > _shiftEnd[r] : Math.Max(_earliest[next], arrive) > late[p])
                            continue;
                        var delta = D(prev, u) + D(u, next) - D(prev, next) + (route.Count == 0 ? _vehicleCost : 0);
                        if (delta < bestDelta)
                            (bestRoute, bestAt, bestDelta) = (r, p, delta);
                    }
                }
                if (bestRoute < 0)
                    continue;
                if (plan.Routes[bestRoute].Count == 0)
                    used++;
                plan.Routes[bestRoute].Insert(bestAt, u);
                Prepare(bestRoute, plan.Routes[bestRoute]);
            }
        }

        /// <summary>The order removed visits go back in: random, largest load, farthest or nearest first (weights 4, 4, 2, 1).</summary>
        private void Order(List<int> removed)
        {
            var pick = _random.Next(11);
            if (pick < 4)
            {
                for (var i = removed.Count - 1; i > 0; i--)
                {
                    var j = _random.Next(i + 1);
                    (removed[i], removed[j]) = (removed[j], removed[i]);
                }
            }
            else if (pick < 8)
                removed.Sort((a, b) => _demand[b].CompareTo(_demand[a]));
            else if (pick < 10)
                removed.Sort((a, b) => D(StartNode(0), b).CompareTo(D(StartNode(0), a)));
            else
                removed.Sort((a, b) => D(StartNode(0), a).CompareTo(D(StartNode(0), b)));
        }
    }
}
