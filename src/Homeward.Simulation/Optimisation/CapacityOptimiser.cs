using System.Diagnostics;
using Homeward.Simulation.Model;

namespace Homeward.Simulation.Optimisation;

public sealed record OptimiseOptions
{
    public required PlanTarget Target { get; init; }

    /// <summary>The confidence that the plan meets the target (one-sided), judged on an independent confirming run.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>Replications per candidate plan during the search (every candidate on the same random numbers).</summary>
    public int Replications { get; init; } = 40;

    /// <summary>Replications of the confirming run, on random numbers the search never saw.</summary>
    public int ConfirmReplications { get; init; } = 200;

    public long Seed { get; init; } = 1;
    public int? Threads { get; init; }

    /// <summary>Per node id: the fewest and most places (or visit slots a day) the plan may give it; default from its load.</summary>
    public IReadOnlyDictionary<string, (int Min, int Max)> Bounds { get; init; } = new Dictionary<string, (int, int)>();

    /// <summary>Per node id: the cost of one place (or visit slot) a day, commissioned whether used or not; default from the node.</summary>
    public IReadOnlyDictionary<string, double> UnitCost { get; init; } = new Dictionary<string, double>();

    /// <summary>Stops improving once spent (the plan found so far is confirmed and returned).</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>A node's capacity today and in the plan, and what a unit costs.</summary>
public sealed record PlannedNode(string Node, string Name, NodeKind Kind, int Today, int Planned, int Min, int Max, double UnitCostPerDay)
{
    public int Change => Planned - Today;
}

/// <summary>A plan looked at during the search: its capacities, its cost over the period and its measure.</summary>
public sealed record PlanPoint(IReadOnlyList<int> Capacities, double Cost, Estimate Measure, bool Meets);

/// <summary>The cheapest plan found that meets the target, today's plan beside it, and the trade-off curve.</summary>
public sealed record OptimisedPlan(
    PlanTarget Target,
    double Confidence,
    IReadOnlyList<PlannedNode> Nodes,
    double Cost,
    Estimate Measure,
    bool Meets,
    double TodayCost,
    Estimate TodayMeasure,
    IReadOnlyList<PlanPoint> Curve,
    int Evaluations,
    long Events,
    TimeSpan Elapsed,
    IReadOnlyList<string> Notes);

/// <summary>
/// Finds the cheapest capacity of each node that meets a delay target with stated confidence, by simulation
/// (decision 043). Greedy marginal allocation (Fox, 1966) from each node's load upwards, the candidate with the most
/// improvement per pound taken each step (evaluated lazily); then each node brought down as far as the target allows (bisection), and
/// capacity moved from dearer to cheaper nodes where the target still holds; every candidate is run on the same
/// random numbers (common random numbers), so plans are compared on the same people and days. The plan found is then
/// confirmed on random numbers the search never saw, with more replications, and capacity added a unit at a time
/// until it meets the target at the confidence bound. The plans visited make the trade-off curve.
/// </summary>
public static class CapacityOptimiser
{
    public static OptimisedPlan Optimise(Scenario scenario, OptimiseOptions options, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var search = new CandidatePlans(scenario, options, ct);
        var n = scenario.Nodes.Count;
        var today = scenario.Nodes.Select(node => CapacityOn(node, scenario.Start)).ToArray();
        var notes = new List<string>();

        // Loads with room everywhere: no plan below them can keep up.
        var ample = Enumerable.Range(0, n).Select(i => options.Bounds.TryGetValue(scenario.Nodes[i].Id, out var b) ? b.Max
            : Math.Max(10, 3 * Math.Max(today[i], 1))).ToArray();
        var loads = search.Loads(ample);
        var min = Enumerable.Range(0, n).Select(i => options.Bounds.TryGetValue(scenario.Nodes[i].Id, out var b) ? b.Min
            : Math.Max(0, (int)Math.Floor(loads[i]))).ToArray();
        var max = ample;
        for (var i = 0; i < n; i++)
            min[i] = Math.Min(min[i], max[i]);
        var unit = Enumerable.Range(0, n).Select(i => UnitCost(scenario.Nodes[i], options)).ToArray();
        double CostOf(int[] caps) => Enumerable.Range(0, n).Sum(i => caps[i] * unit[i]) * scenario.Days;
        progress?.Report("Loads measured; searching");

        var current = (int[])min.Clone();
        var estimate = search.Evaluate(current);
        var curve = new List<PlanPoint> { new([.. current], CostOf(current), estimate, options.Target.MetBy(estimate)) };
        var steps = Enumerable.Range(0, n).Select(i => Math.Max(1, (int)Math.Round(0.1 * Math.Max(loads[i], 1)))).ToArray();

        // Up: the most improvement per pound, a step at a time, until the target is met. Lazily (Minoux, 1978): a node's
        // gain only shrinks as capacity grows, so the node with the best gain last time is tried again first, and taken
        // if it still beats every other node's last gain; only otherwise are the others tried again.
        var stale = new double[n];
        Array.Fill(stale, double.PositiveInfinity);
        while (!options.Target.MetBy(estimate) && !search.OutOfTime)
        {
            var open = Enumerable.Range(0, n).Where(i => current[i] < max[i]).ToList();
            if (open.Count == 0)
            {
                notes.Add("The target is not met even with every node at its most capacity: the plan shown is the most the bounds allow.");
                break;
            }
            int[]? taken = null;
            Estimate takenEstimate = default;
            while (taken is null)
            {
                var i = open.MaxBy(k => stale[k]);
                var candidate = (int[])current.Clone();
                candidate[i] = Math.Min(max[i], current[i] + steps[i]);
                var e = search.Evaluate(candidate);
                stale[i] = options.Target.Gain(e.Mean, estimate.Mean) / Math.Max(1e-9, (candidate[i] - current[i]) * unit[i]);
                if (open.All(k => k == i || stale[i] >= stale[k]))
                    (taken, takenEstimate) = (candidate, e);
            }
            (current, estimate) = (taken, takenEstimate);
            curve.Add(new([.. current], CostOf(current), estimate, options.Target.MetBy(estimate)));
            progress?.Report($"{search.Evaluations} plans tried");
        }

        // Down: each node (dearest first) as low as the target allows with the others as they are; then moves from
        // dearer to cheaper nodes.
        if (options.Target.MetBy(estimate))
        {
            foreach (var i in Enumerable.Range(0, n).OrderByDescending(i => unit[i]))
                (current, estimate) = Lowest(search, current, estimate, i, min[i]);
            foreach (var (from, to) in Pairs(n).Where(p => unit[p.To] < unit[p.From]).OrderByDescending(p => unit[p.From] - unit[p.To]))
            {
                if (search.OutOfTime || current[from] <= min[from] || current[to] >= max[to])
                    continue;
                var moved = (int[])current.Clone();
                moved[from]--;
                moved[to]++;
                var e = search.Evaluate(moved);
                if (options.Target.MetBy(e))
                    (current, estimate) = (moved, e);
            }
            curve.Add(new([.. current], CostOf(current), estimate, true));
        }

        // Confirm on fresh random numbers, adding where it helps most per pound until the bound holds.
        var confirm = search.Confirming();
        var confirmed = confirm.Evaluate(current);
        while (!options.Target.MetBy(confirmed) && current.Where((c, i) => c < max[i]).Any() && !confirm.OutOfTime)
        {
            var options1 = Enumerable.Range(0, n).Where(i => current[i] < max[i]).Select(i =>
            {
                var candidate = (int[])current.Clone();
                candidate[i]++;
                var e = confirm.Evaluate(candidate);
                return (Caps: candidate, Estimate: e, Gain: options.Target.Gain(e.Mean, confirmed.Mean) / unit[i]);
            }).ToList();
            var pick = options1.MaxBy(o => o.Gain);
            (current, confirmed) = (pick.Caps, pick.Estimate);
        }
        var todayEstimate = confirm.Evaluate(today);
        if (!options.Target.MetBy(confirmed))
            notes.Add(confirm.OutOfTime
                ? $"Not confirmed at the confidence asked for within the time limit ({options.TimeLimit.TotalSeconds:N0} s more): the plan shown may fall short of the target."
                : "Not met at the confidence asked for, even with every node at its most capacity.");
        if (search.OutOfTime)
            notes.Add($"The search stopped at its time limit ({options.TimeLimit.TotalSeconds:N0} s): a cheaper plan may exist.");

        var planned = Enumerable.Range(0, n).Select(i => new PlannedNode(scenario.Nodes[i].Id, scenario.Nodes[i].Name ?? scenario.Nodes[i].Id,
            scenario.Nodes[i].Kind, today[i], current[i], min[i], max[i], unit[i])).ToList();
        return new OptimisedPlan(options.Target, options.Confidence, planned, CostOf(current), confirmed, options.Target.MetBy(confirmed),
            CostOf(today), todayEstimate, [.. curve.OrderBy(p => p.Cost)], search.Evaluations + confirm.Evaluations, search.Events + confirm.Events,
            clock.Elapsed, notes);
    }

    /// <summary>Node <paramref name="i"/> brought as low as the target allows, by bisection between its least and now.</summary>
    private static (int[] Caps, Estimate Estimate) Lowest(CandidatePlans search, int[] current, Estimate estimate, int i, int least)
    {
        var (lo, hi) = (least - 1, current[i]);
        var best = (current, estimate);
        while (hi - lo > 1 && !search.OutOfTime)
        {
            var mid = (lo + hi) / 2;
            var candidate = (int[])current.Clone();
            candidate[i] = mid;
            var e = search.Evaluate(candidate);
            if (search.Target.MetBy(e))
                (hi, best) = (mid, (candidate, e));
            else
                lo = mid;
        }
        return best;
    }

    private static IEnumerable<(int From, int To)> Pairs(int n) =>
        from a in Enumerable.Range(0, n) from b in Enumerable.Range(0, n) where a != b select (a, b);

    /// <summary>The node's capacity on a day: its last step from on or before it.</summary>
    public static int CapacityOn(NodeSpec node, DateOnly day)
    {
        var steps = node.Capacity.OrderBy(s => s.From).ToList();
        return steps.LastOrDefault(s => s.From <= day)?.Value ?? steps[0].Value;
    }

    /// <summary>
    /// A unit's cost a day: given, or the node's cost of an occupied place a day; for a visit node, that cost over the
    /// visits a person has a day on average (the pattern's mean), so a visit slot costs its share.
    /// </summary>
    public static double UnitCost(NodeSpec node, OptimiseOptions options) =>
        options.UnitCost.TryGetValue(node.Id, out var given) ? given
        : node.Kind == NodeKind.Visits && node.Visits is { } v ? node.CostPerDay / Math.Max(1, (v.Initial + v.Final) / 2.0)
        : node.CostPerDay;
}
