using System.Globalization;
using System.Text;
using CsvHelper;

namespace Homeward.Simulation.Model;

/// <summary>A run's results as files: daily figures, the period's summary, occupancy levels, a sweep's curve.</summary>
public static class Reports
{
    private static readonly CsvWriterOptions Csv = CsvWriterOptions.Default with { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture };

    private static string N(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string[] SpreadColumns(string prefix = "") =>
        [$"{prefix}mean", $"{prefix}ci95_low", $"{prefix}ci95_high", $"{prefix}p2_5", $"{prefix}p25", $"{prefix}p50", $"{prefix}p75", $"{prefix}p97_5"];

    private static IEnumerable<string> Cells(Spread s) => [N(s.Mean), N(s.Low), N(s.High), N(s.P2_5), N(s.P25), N(s.P50), N(s.P75), N(s.P97_5)];

    /// <summary>One row per node, day and metric: the mean across replications and its spread.</summary>
    public static async Task WriteDaily(SimulationResult result, Stream stream, CancellationToken ct = default)
    {
        await using var csv = CsvWriter.Create(stream, Csv, leaveOpen: true);
        await csv.WriteRecordAsync(["node", "date", "metric", .. SpreadColumns()], ct);
        for (var n = 0; n < result.Nodes.Count; n++)
            for (var d = 0; d < result.Scenario.Days; d++)
            {
                var date = result.Scenario.Start.AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                foreach (var metric in Enum.GetValues<Metric>())
                    await csv.WriteRecordAsync([result.Nodes[n].Node, date, Name(metric), .. Cells(result.DailyOf(n, d, metric))], ct);
            }
        await csv.FlushAsync(ct);
    }

    /// <summary>The figures of each node over the whole period.</summary>
    public static async Task WriteSummary(SimulationResult result, Stream stream, CancellationToken ct = default)
    {
        await using var csv = CsvWriter.Create(stream, Csv, leaveOpen: true);
        await csv.WriteRecordAsync(["node", "figure", .. SpreadColumns()], ct);
        foreach (var node in result.Nodes)
            foreach (var (figure, spread) in Figures(node))
                await csv.WriteRecordAsync([node.Node, figure, .. Cells(spread)], ct);
        await csv.WriteRecordAsync(["(all)", "cost", .. Cells(result.TotalCost)], ct);
        await csv.WriteRecordAsync(["(all)", "delay_days", .. Cells(result.TotalDelayDays)], ct);
        await csv.FlushAsync(ct);
    }

    /// <summary>The share of time each node spent at each occupancy level.</summary>
    public static async Task WriteLevels(SimulationResult result, Stream stream, CancellationToken ct = default)
    {
        await using var csv = CsvWriter.Create(stream, Csv, leaveOpen: true);
        await csv.WriteRecordAsync(["node", "occupancy", "share_of_time", "share_at_or_below"], ct);
        foreach (var node in result.Nodes)
        {
            var cumulative = 0.0;
            for (var level = 0; level < node.OccupancyShare.Count; level++)
            {
                cumulative += node.OccupancyShare[level];
                await csv.WriteRecordAsync([node.Node, level.ToString(CultureInfo.InvariantCulture), N(node.OccupancyShare[level]), N(cumulative)], ct);
            }
        }
        await csv.FlushAsync(ct);
    }

    /// <summary>A sweep's curve: for each value of the varied input, each node's main figures and the totals.</summary>
    public static async Task WriteSweep(string input, IReadOnlyList<(double Value, SimulationResult Result)> points, Stream stream, CancellationToken ct = default)
    {
        await using var csv = CsvWriter.Create(stream, Csv, leaveOpen: true);
        await csv.WriteRecordAsync([input, "node", "figure", .. SpreadColumns()], ct);
        foreach (var (value, result) in points)
        {
            foreach (var node in result.Nodes)
                foreach (var (figure, spread) in Figures(node))
                    await csv.WriteRecordAsync([N(value), node.Node, figure, .. Cells(spread)], ct);
            await csv.WriteRecordAsync([N(value), "(all)", "cost", .. Cells(result.TotalCost)], ct);
            await csv.WriteRecordAsync([N(value), "(all)", "delay_days", .. Cells(result.TotalDelayDays)], ct);
        }
        await csv.FlushAsync(ct);
    }

    public static IEnumerable<(string Figure, Spread Value)> Figures(NodeSummary node) =>
    [
        ("occupancy", node.Occupancy),
        ("utilisation", node.Utilisation),
        ("queue", node.Queue),
        ("delay_days", node.DelayDays),
        ("arrivals", node.Arrivals),
        ("admissions", node.Admissions),
        ("turned_away", node.TurnedAway),
        ("probability_of_waiting", node.ProbabilityOfWaiting),
        ("probability_turned_away", node.ProbabilityTurnedAway),
        ("mean_wait_days", node.MeanWait),
        ("mean_days_in_node", node.MeanDaysInNode),
        ("leaving_per_day", node.Throughput),
        ("cost", node.Cost),
    ];

    public static string Name(Metric metric) => metric switch
    {
        Metric.DelayDays => "delay_days",
        Metric.TurnedAway => "turned_away",
        Metric.WaitDays => "wait_days",
        Metric.DaysInNode => "days_in_node",
        _ => metric.ToString().ToLowerInvariant(),
    };

    /// <summary>A short summary in Markdown: each node's main figures with their 95% intervals, and the totals.</summary>
    public static string Markdown(SimulationResult result)
    {
        var s = result.Scenario;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# {s.Name}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{s.Start:yyyy-MM-dd} for {s.Days} days (after {s.WarmUpDays} days' warm-up), demand × {s.Growth:0.##}; {result.Replications} replications, " +
            $"{result.Events:N0} events in {result.Elapsed.TotalSeconds:0.00} s.");
        text.AppendLine();
        text.AppendLine("| node | occupancy | utilisation | waiting from outside | delay days | turned away | P(wait) | mean wait (days) | cost |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var n in result.Nodes)
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {n.Node} | {n.Occupancy.Mean:0.0} | {n.Utilisation.Mean:0%} | {n.Queue.Mean:0.0} | {n.DelayDays.Mean:N0} ± {n.DelayDays.HalfWidth:N0} | " +
                $"{n.TurnedAway.Mean:N0} | {n.ProbabilityOfWaiting.Mean:0%} | {n.MeanWait.Mean:0.0} | £{n.Cost.Mean:N0} |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Total cost £{result.TotalCost.Mean:N0} (95% CI £{result.TotalCost.Low:N0} to £{result.TotalCost.High:N0}); " +
            $"delay days {result.TotalDelayDays.Mean:N0} (95% CI {result.TotalDelayDays.Low:N0} to {result.TotalDelayDays.High:N0}).");
        return text.ToString();
    }
}
