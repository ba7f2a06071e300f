using System.Diagnostics;

namespace Homeward.Scheduling.Rota;

public sealed record RotaOptions
{
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(10);
    public int Seed { get; init; } = 1;
    /// <summary>How many nearest visits a move looks at for a new place.</summary>
    public int Neighbours { get; init; } = 25;
    /// <summary>Called now and then with the best cost so far and the time used (for a progress bar or a trace).</summary>
    public Action<double, TimeSpan>? Progress { get; init; }
    /// <summary>Stops the search early with the best plan so far (the caller decides whether to keep it).</summary>
    public CancellationToken Stop { get; init; }
}

/// <summary>
/// Plans a home care day: visits that cannot be planned at all are set aside with the reason; the rest are placed
/// in time order on the carer who can start them soonest, then improved by simulated annealing (move a visit next to
/// one of its nearest visits on another carer or in another order; swap two visits) with a temperature that falls with
/// the time left. Tied visits (double-handed, or a set time apart) are timed together at every step, so no move has to
/// keep them in step. Whatever still breaks a rule that must hold at the end (a shift overrun) is taken out and
/// reported. Pure: no clock other than the time limit.
/// </summary>
/// <remarks>
/// OR-Tools' routing library (used for <see cref="RouteSolver"/>) was measured first on the home care benchmark: its
/// insertion heuristics place one node at a time and cannot place a double-handed pair, so its plans carried hours of
/// lateness (decision 015).
/// </remarks>
public static class RotaSolver
{
    public static RotaSolution Solve(RotaProblem problem, RotaOptions? options = null)
    {
        options ??= new RotaOptions();
        var clock = Stopwatch.StartNew();
        var problems = Check(problem);
        if (problems.Count > 0)
            throw new ArgumentException($"{problem.Name}: {string.Join("; ", problems)}.", nameof(problem));
        var state = new RotaState(problem);
        var reasons = Screen(state);
        var movable = Enumerable.Range(0, state.N).Where(v => !reasons.ContainsKey(v)).ToArray();
        Construct(state, movable);
        if (movable.Length > 0 && state.M > 0)
            new Annealing(state, movable, options, clock).Run();
        Repair(state, reasons);
        return Result(state, reasons);
    }

    /// <summary>
    /// Times a rota given each carer's visits in order (a hand-adjusted rota, say) without searching: every start as
    /// early as the rules allow, the cost, and the visits in no round reported with <paramref name="reasons"/> (or as
    /// not in the rota). Check the result with <see cref="RotaValidator"/> for rules the order breaks.
    /// </summary>
    public static RotaSolution Time(RotaProblem problem, IReadOnlyDictionary<string, IReadOnlyList<string>> routes, IReadOnlyDictionary<string, string>? reasons = null)
    {
        var problems = Check(problem);
        if (problems.Count > 0)
            throw new ArgumentException($"{problem.Name}: {string.Join("; ", problems)}.", nameof(problem));
        var state = new RotaState(problem);
        var visitIndex = problem.Visits.Select((v, i) => (v.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var carerIndex = problem.Carers.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
        foreach (var (carer, visits) in routes)
            foreach (var id in visits)
            {
                if (!carerIndex.TryGetValue(carer, out var c) || !visitIndex.TryGetValue(id, out var v))
                    throw new ArgumentException($"The rota names carer {carer} or visit {id}, which the problem does not have.", nameof(routes));
                if (state.CarerOf[v] >= 0)
                    throw new ArgumentException($"Visit {id} is in more than one round.", nameof(routes));
                state.Assign(v, c, state.Routes[c].Count);
            }
        var why = new Dictionary<int, string>();
        foreach (var (id, reason) in reasons ?? new Dictionary<string, string>())
            if (visitIndex.TryGetValue(id, out var v))
                why[v] = reason;
        for (var v = 0; v < state.N; v++)
            if (state.CarerOf[v] < 0 && !why.ContainsKey(v))
                why[v] = "Not in the rota.";
        return Result(state, why);
    }

    /// <summary>What is wrong with the problem itself (unknown ids, a visit tied twice): all at once.</summary>
    public static IReadOnlyList<string> Check(RotaProblem problem)
    {
        var problems = new List<string>();
        var ids = new HashSet<string>();
        foreach (var v in problem.Visits)
        {
            if (!ids.Add(v.Id))
                problems.Add($"visit {v.Id} is listed twice");
            if (v.Duration < 0 || double.IsNaN(v.Duration))
                problems.Add($"visit {v.Id}: the duration must be 0 or more");
            if (double.IsNaN(v.Earliest) || double.IsNaN(v.Latest))
                problems.Add($"visit {v.Id}: the window must be numbers");
        }
        var carerIds = new HashSet<string>();
        foreach (var c in problem.Carers.Where(c => !carerIds.Add(c.Id)))
            problems.Add($"carer {c.Id} is listed twice");
        var tied = new HashSet<string>();
        foreach (var l in problem.Links)
        {
            foreach (var id in new[] { l.First, l.Second })
            {
                if (!ids.Contains(id))
                    problems.Add($"a link names visit {id}, which is not in the visits");
                else if (!tied.Add(id))
                    problems.Add($"visit {id} is tied to more than one other visit");
            }
            if (l.MinGap > l.MaxGap || l.MinGap < 0)
                problems.Add($"the link {l.First}–{l.Second} needs 0 ≤ shortest gap ≤ longest gap");
        }
        return problems;
    }

    /// <summary>Visits no carer could make even with nothing else to do, with the reason.</summary>
    private static Dictionary<int, string> Screen(RotaState s)
    {
        var reasons = new Dictionary<int, string>();
        var visits = s.Problem.Visits;
        for (var v = 0; v < s.N; v++)
        {
            var able = Enumerable.Range(0, s.M).Where(c => s.Able[c * s.N + v]).ToList();
            var latest = Math.Min(s.LatestAtAll[v], double.PositiveInfinity);
            if (s.Latest[v] < s.Earliest[v])
                reasons[v] = $"Its window closes ({Clock(s.Latest[v])}) before it opens ({Clock(s.Earliest[v])}).";
            else if (s.M == 0)
                reasons[v] = "No carer is on shift.";
            else if (able.Count == 0)
                reasons[v] = $"No carer on shift has the skill it needs ({visits[v].Skill}).";
            else if (!able.Any(c => Fits(s, c, v)))
                reasons[v] = "No carer with the skill can reach it in time and finish within their shift.";
            else if (s.Partner[v] >= 0 && s.Problem.Links.Any(l => l.Together && (l.First == visits[v].Id || l.Second == visits[v].Id))
                     && able.Union(Enumerable.Range(0, s.M).Where(c => s.Able[c * s.N + s.Partner[v]])).Count() < 2)
                reasons[v] = "It needs two carers and fewer than two could give it.";
        }
        // Half of a tied pair is no visit: if one cannot be planned, neither is.
        for (var v = 0; v < s.N; v++)
            if (s.Partner[v] >= 0 && reasons.ContainsKey(s.Partner[v]) && !reasons.ContainsKey(v))
                reasons[v] = $"It goes with {visits[s.Partner[v]].Id}, which cannot be planned.";
        return reasons;
    }

    private static bool Fits(RotaState s, int c, int v)
    {
        var start = Math.Max(s.ShiftStart(c) + s.Time(s.CarerStartPlace(c), s.Place[v]), s.Earliest[v]);
        return start <= s.LatestAtAll[v] && start + s.Duration[v] + s.Time(s.Place[v], s.Problem.Carers[c].End) <= s.ShiftEnd(c);
    }

    /// <summary>In order of window, each visit (a tied pair together) goes to the able carer who can start it soonest.</summary>
    private static void Construct(RotaState s, int[] movable)
    {
        var free = Enumerable.Range(0, s.M).Select(s.ShiftStart).ToArray();
        var at = Enumerable.Range(0, s.M).Select(c => -1).ToArray();
        double ReadyAt(int c, int v) => Math.Max(free[c] + (at[c] < 0 ? s.Time(s.CarerStartPlace(c), s.Place[v]) : s.Travel(at[c], v)), s.Earliest[v]);
        void Give(int c, int v, double start)
        {
            s.Assign(v, c, s.Routes[c].Count);
            (free[c], at[c]) = (start + s.Duration[v], v);
        }
        (int Carer, double Start) Soonest(int v, int except) => Enumerable.Range(0, s.M)
            .Where(c => c != except && s.Able[c * s.N + v])
            .Select(c => (Carer: c, Start: ReadyAt(c, v)))
            // Only where it keeps the rules: started by its latest start, home by the end of the shift (breaks aside).
            .Where(x => x.Start <= s.LatestAtAll[v] && x.Start + s.Duration[v] + s.Time(s.Place[v], s.Problem.Carers[x.Carer].End) <= s.ShiftEnd(x.Carer))
            .OrderBy(x => Math.Max(0, x.Start - s.Latest[v])).ThenBy(x => x.Start + (at[x.Carer] < 0 ? 0 : s.Travel(at[x.Carer], v)))
            .DefaultIfEmpty((-1, 0)).First();
        var done = new HashSet<int>();
        foreach (var v in movable.OrderBy(v => s.Earliest[v]).ThenBy(v => s.Latest[v]))
        {
            if (!done.Add(v))
                continue;
            var partner = s.Partner[v];
            if (partner < 0)
            {
                if (Soonest(v, -1) is { Carer: >= 0 } best)
                    Give(best.Carer, v, best.Start);
                continue;
            }
            done.Add(partner);
            var first = Soonest(v, -1);
            var second = first.Carer < 0 ? (-1, 0) : Soonest(partner, first.Carer);
            if (first.Carer < 0 || second.Item1 < 0)
                continue;
            // Approximate the tie here (the evaluation times it exactly): both start when the later can.
            var together = Math.Max(first.Start, second.Item2);
            if (together > s.LatestAtAll[v])
                continue;
            Give(first.Carer, v, together);
            Give(second.Item1, partner, together);
        }
    }

    /// <summary>Takes out visits while a rule that must hold is broken: the last visit of an overrunning shift, a visit past its latest start.</summary>
    private static void Repair(RotaState s, Dictionary<int, string> reasons)
    {
        for (var guard = 0; guard < s.N + 1; guard++)
        {
            var total = s.Evaluate(out var parts);
            if (total - parts.Objective(s.Problem.Weights) < 1)
                return;
            var culprit = -1;
            string? why = null;
            for (var v = 0; v < s.N && culprit < 0; v++)
                if (s.CarerOf[v] >= 0 && s.Start[v] > s.LatestAtAll[v] + 1e-6)
                    (culprit, why) = (v, "No carer could reach it before its latest start with everything else.");
            for (var c = 0; c < s.M && culprit < 0; c++)
                if (s.Routes[c].Count > 0 && LastEnd(s, c) > s.ShiftEnd(c) + 1e-6)
                    (culprit, why) = (s.Routes[c][^1], "No carer had room for it within their shift.");
            for (var c = 0; c < s.M && culprit < 0; c++)
                if (s.Problem.Carers[c].Break is { } b && s.BreakStart[c] > b.Latest + 1e-6)
                    (culprit, why) = (s.Routes[c].LastOrDefault(v => s.Start[v] < s.BreakStart[c], s.Routes[c][0]), "It left a carer no time for their break.");
            if (culprit < 0)
                (culprit, why) = (Enumerable.Range(0, s.N).Where(v => s.CarerOf[v] >= 0 && s.Partner[v] >= 0).MaxBy(v => s.Start[v]),
                    "Its two parts could not be timed together with everything else.");
            foreach (var v in new[] { culprit, s.Partner[culprit] }.Where(v => v >= 0 && s.CarerOf[v] >= 0))
            {
                s.Remove(v);
                reasons[v] = why!;
            }
        }
    }

    private static double LastEnd(RotaState s, int c)
    {
        var last = s.Routes[c][^1];
        return s.Start[last] + s.Duration[last] + s.Time(s.Place[last], s.Problem.Carers[c].End);
    }

    private static RotaSolution Result(RotaState s, Dictionary<int, string> reasons)
    {
        s.Evaluate(out var cost);
        var routes = Enumerable.Range(0, s.M).Where(c => s.Routes[c].Count > 0)
            .Select(c => new RotaRoute(s.Problem.Carers[c].Id,
                [.. s.Routes[c].Select(v => new RotaStop(s.Problem.Visits[v].Id, s.Arrival[v], s.Start[v]))],
                double.IsNaN(s.BreakStart[c]) ? null : s.BreakStart[c]))
            .ToList();
        var unplanned = Enumerable.Range(0, s.N).Where(v => s.CarerOf[v] < 0)
            .Select(v => new RotaUnplanned(s.Problem.Visits[v].Id, reasons.GetValueOrDefault(v) ?? "No carer had room for it in its window alongside their other visits."))
            .ToList();
        return new RotaSolution(s.Problem.Name, routes, unplanned, cost);
    }

    internal static string Clock(double minutes) =>
        double.IsInfinity(minutes) ? "never" : $"{(int)(minutes / 60):00}:{(int)(minutes % 60):00}";

    /// <summary>Simulated annealing over relocations and swaps, cooling geometrically with the time used.</summary>
    private sealed class Annealing(RotaState s, int[] movable, RotaOptions options, Stopwatch clock)
    {
        private readonly Random _random = new(options.Seed);
        private int[][] _neighbours = [];

        public void Run()
        {
            _neighbours = Neighbours();
            var current = s.Evaluate();
            var best = current;
            var bestRoutes = Snapshot();
            var limit = options.TimeLimit.TotalSeconds;
            var t0 = StartingTemperature(current);
            var t1 = t0 / 1000;
            var temperature = t0;
            long moves = 0, lastBest = 0;
            while (true)
            {
                if ((moves++ & 255) == 0)
                {
                    var used = clock.Elapsed.TotalSeconds / limit;
                    if (used >= 1 || options.Stop.IsCancellationRequested)
                        break;
                    temperature = t0 * Math.Pow(t1 / t0, used);
                    if ((moves & 65535) == 1)
                        options.Progress?.Invoke(best, clock.Elapsed);
                }
                // A small day settles long before the limit: stop once the second half brings nothing for a million moves.
                if (moves - lastBest > 1_000_000 && clock.Elapsed.TotalSeconds > limit / 2)
                    break;
                var undo = Move();
                if (undo is null)
                    continue;
                var cost = s.Evaluate();
                var delta = cost - current;
                if (delta <= 0 || _random.NextDouble() < Math.Exp(-delta / temperature))
                {
                    current = cost;
                    if (current < best - 1e-9)
                        (best, bestRoutes, lastBest) = (current, Snapshot(), moves);
                }
                else
                    undo();
            }
            Restore(bestRoutes);
        }

        private double StartingTemperature(double current)
        {
            var deltas = new List<double>();
            for (var i = 0; i < 200; i++)
            {
                if (Move() is not { } undo)
                    continue;
                var delta = s.Evaluate() - current;
                undo();
                if (delta > 0 && delta < RotaState.Hard)
                    deltas.Add(delta);
            }
            s.Evaluate();
            return deltas.Count == 0 ? 1 : Math.Max(1e-3, deltas.Order().ElementAt(deltas.Count / 2) / 5);
        }

        /// <summary>Makes a random move and returns how to undo it (null if the draw gave no move).</summary>
        private Action? Move()
        {
            var v = movable[_random.Next(movable.Length)];
            var w = _neighbours[v].Length == 0 ? -1 : _neighbours[v][_random.Next(_neighbours[v].Length)];
            var (cv, cw) = (s.CarerOf[v], w < 0 ? -1 : s.CarerOf[w]);
            var roll = _random.NextDouble();
            if (roll < 0.25 && cv >= 0 && cw >= 0 && cv != cw && s.Able[cw * s.N + v] && s.Able[cv * s.N + w])
            {
                var (pv, pw) = (s.Routes[cv].IndexOf(v), s.Routes[cw].IndexOf(w));
                Swap(v, cv, pv, w, cw, pw);
                return () => Swap(w, cv, pv, v, cw, pw);
            }
            if (roll < 0.27 && cv >= 0 && s.Problem.Weights.Unplanned < RotaState.Hard)
            {
                var at = s.Remove(v);
                return () => s.Assign(v, cv, at);
            }
            int carer, position;
            if (roll < 0.9 && cw >= 0 && w != v && s.Able[cw * s.N + v])
            {
                carer = cw;
                position = s.Routes[cw].IndexOf(w) + _random.Next(2);
            }
            else
            {
                carer = _random.Next(s.M);
                if (!s.Able[carer * s.N + v])
                    return null;
                position = _random.Next(s.Routes[carer].Count + 1);
            }
            var from = cv >= 0 ? s.Remove(v) : -1;
            if (carer == cv && position > from)
                position--;
            s.Assign(v, carer, Math.Min(position, s.Routes[carer].Count));
            return () =>
            {
                s.Remove(v);
                if (cv >= 0)
                    s.Assign(v, cv, from);
            };
        }

        private void Swap(int v, int cv, int pv, int w, int cw, int pw)
        {
            (s.Routes[cv][pv], s.Routes[cw][pw]) = (w, v);
            (s.CarerOf[v], s.CarerOf[w]) = (cw, cv);
        }

        private int[][] Neighbours() => [.. Enumerable.Range(0, s.N).Select(v => movable
            .Where(w => w != v)
            .OrderBy(w => s.Travel(v, w) + s.Travel(w, v) + Math.Max(0, s.Earliest[w] - s.Latest[v]) + Math.Max(0, s.Earliest[v] - s.Latest[w]))
            .Take(options.Neighbours).ToArray())];

        private int[][] Snapshot() => [.. s.Routes.Select(r => r.ToArray())];

        private void Restore(int[][] routes)
        {
            Array.Fill(s.CarerOf, -1);
            for (var c = 0; c < s.M; c++)
            {
                s.Routes[c].Clear();
                foreach (var v in routes[c])
                    s.Assign(v, c, s.Routes[c].Count);
            }
        }
    }
}
