namespace Homeward.Simulation.Model;

/// <summary>A figure across replications: the mean, its 95% confidence interval and the spread.</summary>
public readonly record struct Spread(double Mean, double HalfWidth, double P2_5, double P25, double P50, double P75, double P97_5)
{
    public double Low => Mean - HalfWidth;
    public double High => Mean + HalfWidth;

    public static Spread Of(double[] values)
    {
        var n = values.Length;
        var mean = values.Average();
        var variance = n > 1 ? values.Sum(v => (v - mean) * (v - mean)) / (n - 1) : 0;
        Array.Sort(values);
        return new Spread(mean, 1.959964 * Math.Sqrt(variance / n),
            Quantile(values, 0.025), Quantile(values, 0.25), Quantile(values, 0.5), Quantile(values, 0.75), Quantile(values, 0.975));
    }

    /// <summary>Linear interpolation between order statistics (type 7, as R and NumPy by default).</summary>
    private static double Quantile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}

/// <summary>One node's figures over the whole reported period, across replications.</summary>
public sealed record NodeSummary(
    string Node,
    Spread Occupancy,
    Spread Utilisation,
    Spread Queue,
    Spread DelayDays,
    Spread Arrivals,
    Spread Admissions,
    Spread TurnedAway,
    Spread ProbabilityOfWaiting,
    Spread ProbabilityTurnedAway,
    Spread MeanWait,
    Spread MeanDaysInNode,
    Spread Throughput,
    Spread Cost,
    IReadOnlyList<double> OccupancyShare);

/// <summary>A run's result: per node and day, and per node over the period; every figure with its spread.</summary>
public sealed class SimulationResult
{
    public required Scenario Scenario { get; init; }
    public required int Replications { get; init; }
    public required TimeSpan Elapsed { get; init; }
    public required long Events { get; init; }
    public required IReadOnlyList<NodeSummary> Nodes { get; init; }

    /// <summary>Total cost of the period (all nodes) across replications.</summary>
    public required Spread TotalCost { get; init; }

    public required Spread TotalDelayDays { get; init; }

    /// <summary>[node][day][metric]: the spread across replications.</summary>
    public required Spread[][][] Daily { get; init; }

    /// <summary>[day][metric]: the spread across replications of the sum over all nodes (delay days, queue, cost…).</summary>
    public required Spread[][] TotalDaily { get; init; }

    public IReadOnlyList<ReplicationResult> Runs { get; init; } = [];

    /// <summary>Each replication's total cost, in replication order (replication i of any run with the same seed draws the same numbers).</summary>
    public IReadOnlyList<double> ReplicationCost { get; init; } = [];

    /// <summary>Each replication's total delay days, in replication order.</summary>
    public IReadOnlyList<double> ReplicationDelayDays { get; init; } = [];

    public Spread DailyOf(int node, int day, Metric metric) => Daily[node][day][(int)metric];

    public static SimulationResult From(Scenario scenario, ReplicationResult[] runs, TimeSpan elapsed, bool keep = false)
    {
        var nodes = scenario.Nodes.Count;
        var days = scenario.Days;
        var r = runs.Length;
        var daily = new Spread[nodes][][];
        Parallel.For(0, nodes, n =>
        {
            daily[n] = new Spread[days][];
            var values = new double[r];
            for (var d = 0; d < days; d++)
            {
                daily[n][d] = new Spread[Metrics.Count];
                for (var m = 0; m < Metrics.Count; m++)
                {
                    for (var i = 0; i < r; i++)
                        values[i] = runs[i][n, d, (Metric)m];
                    daily[n][d][m] = Spread.Of(values);
                }
            }
        });

        var totalDaily = new Spread[days][];
        Parallel.For(0, days, d =>
        {
            totalDaily[d] = new Spread[Metrics.Count];
            var values = new double[r];
            for (var m = 0; m < Metrics.Count; m++)
            {
                for (var i = 0; i < r; i++)
                {
                    var sum = 0.0;
                    for (var n = 0; n < nodes; n++)
                        sum += runs[i][n, d, (Metric)m];
                    values[i] = sum;
                }
                totalDaily[d][m] = Spread.Of(values);
            }
        });

        var summaries = new NodeSummary[nodes];
        var totalCost = new double[r];
        var totalDelay = new double[r];
        for (var n = 0; n < nodes; n++)
        {
            double[] Per(Func<int, double> f) => [.. Enumerable.Range(0, r).Select(f)];
            double Sum(int i, Metric m)
            {
                var s = 0.0;
                for (var d = 0; d < days; d++)
                    s += runs[i][n, d, m];
                return s;
            }
            var node = n;
            var visits = scenario.Nodes[n].Kind == NodeKind.Visits;
            for (var i = 0; i < r; i++)
            {
                totalCost[i] += Sum(i, Metric.Cost);
                totalDelay[i] += Sum(i, Metric.DelayDays);
            }
            var levels = runs.Max(x => x.Levels[node].Length);
            var share = new double[levels];
            foreach (var run in runs)
                for (var l = 0; l < run.Levels[node].Length; l++)
                    share[l] += run.Levels[node][l];
            var total = share.Sum();
            var last = Array.FindLastIndex(share, s => s > 0);
            summaries[n] = new NodeSummary(
                scenario.Nodes[n].Id,
                Spread.Of(Per(i => Sum(i, Metric.Occupancy) / days)),
                Spread.Of(Per(i => Ratio(Sum(i, visits ? Metric.Visits : Metric.Occupancy), Sum(i, Metric.Capacity)))),
                Spread.Of(Per(i => Sum(i, Metric.Queue) / days)),
                Spread.Of(Per(i => Sum(i, Metric.DelayDays))),
                Spread.Of(Per(i => Sum(i, Metric.Arrivals))),
                Spread.Of(Per(i => Sum(i, Metric.Admissions))),
                Spread.Of(Per(i => Sum(i, Metric.TurnedAway))),
                Spread.Of(Per(i => Ratio(Sum(i, Metric.Waited), Sum(i, Metric.Arrivals)))),
                Spread.Of(Per(i => Ratio(Sum(i, Metric.TurnedAway), Sum(i, Metric.Arrivals)))),
                Spread.Of(Per(i => Ratio(Sum(i, Metric.WaitDays), Sum(i, Metric.Admissions)))),
                Spread.Of(Per(i => Ratio(Sum(i, Metric.DaysInNode), Sum(i, Metric.Departures)))),
                Spread.Of(Per(i => Sum(i, Metric.Departures) / days)),
                Spread.Of(Per(i => Sum(i, Metric.Cost))),
                [.. share.Take(last + 1).Select(s => total > 0 ? s / total : 0)]);
        }

        // Each replication's totals in replication order (Spread.Of sorts what it is given), to pair runs made with the same seed.
        double[] costs = [.. totalCost], delays = [.. totalDelay];
        return new SimulationResult
        {
            Scenario = scenario,
            Replications = r,
            Elapsed = elapsed,
            Events = runs.Sum(x => x.Events),
            Nodes = summaries,
            TotalCost = Spread.Of(totalCost),
            TotalDelayDays = Spread.Of(totalDelay),
            ReplicationCost = costs,
            ReplicationDelayDays = delays,
            Daily = daily,
            TotalDaily = totalDaily,
            Runs = keep ? runs : [],
        };
    }

    private static double Ratio(double a, double b) => b > 0 ? a / b : 0;
}
