using Homeward.Simulation.Model;

namespace Homeward.Planning;

/// <summary>A band across replications: the mean, the 95% interval of the mean, and the 2.5–97.5 and 25–75 percentiles.</summary>
public sealed record Band(double Mean, double Low, double High, double P2_5, double P25, double P50, double P75, double P97_5)
{
    public static Band Of(Spread s) => new(R(s.Mean), R(s.Low), R(s.High), R(s.P2_5), R(s.P25), R(s.P50), R(s.P75), R(s.P97_5));
    private static double R(double v) => Math.Round(v, 3);
}

public sealed record PlanNode(string Id, string Name, string Kind, int Capacity, Band Occupancy, Band Utilisation, Band Queue, Band DelayDays,
    Band TurnedAway, Band ProbabilityOfWaiting, Band MeanWait, Band Cost, IReadOnlyList<Band> DailyOccupancy, IReadOnlyList<Band> DailyQueue,
    IReadOnlyList<Band> DailyDelay, IReadOnlyList<int> DailyCapacity);

/// <summary>What a planning run keeps of the simulator's result: per service over the period and day by day, and the totals.</summary>
/// <param name="ReplicationDelayDays">Each replication's total delay days in replication order, to pair with another run of the same
/// seed (null in runs kept before they were).</param>
public sealed record PlanResult(DateOnly Start, int Days, int Replications, long Events, double Seconds, Band Cost, Band DelayDays,
    IReadOnlyList<Band> DailyDelay, IReadOnlyList<Band> DailyQueue, IReadOnlyList<PlanNode> Nodes, IReadOnlyList<string> Notes,
    IReadOnlyList<double>? ReplicationDelayDays = null, IReadOnlyList<double>? ReplicationCost = null)
{
    public static PlanResult From(SimulationResult result)
    {
        var s = result.Scenario;
        var days = Enumerable.Range(0, s.Days).ToList();
        return new PlanResult(s.Start, s.Days, result.Replications, result.Events, Math.Round(result.Elapsed.TotalSeconds, 3),
            Band.Of(result.TotalCost), Band.Of(result.TotalDelayDays),
            [.. days.Select(d => Band.Of(result.TotalDaily[d][(int)Metric.DelayDays]))],
            [.. days.Select(d => Band.Of(result.TotalDaily[d][(int)Metric.Queue]))],
            [.. result.Nodes.Select((n, i) => new PlanNode(n.Node, s.Nodes[i].Name ?? n.Node, s.Nodes[i].Kind == NodeKind.Visits ? "visit slots a day" : "places",
                (int)Math.Round(result.DailyOf(i, 0, Metric.Capacity).Mean),
                Band.Of(n.Occupancy), Band.Of(n.Utilisation), Band.Of(n.Queue), Band.Of(n.DelayDays), Band.Of(n.TurnedAway),
                Band.Of(n.ProbabilityOfWaiting), Band.Of(n.MeanWait), Band.Of(n.Cost),
                [.. days.Select(d => Band.Of(result.DailyOf(i, d, Metric.Occupancy)))],
                [.. days.Select(d => Band.Of(result.DailyOf(i, d, Metric.Queue)))],
                [.. days.Select(d => Band.Of(result.DailyOf(i, d, Metric.DelayDays)))],
                [.. days.Select(d => (int)Math.Round(result.DailyOf(i, d, Metric.Capacity).Mean))]))],
            s.Notes,
            [.. result.ReplicationDelayDays.Select(v => Math.Round(v, 3))], [.. result.ReplicationCost.Select(v => Math.Round(v, 2))]);
    }
}
