namespace Homeward.Simulation.Model;

/// <summary>
/// A checked scenario turned into flat arrays indexed by node, group and day, so that a replication looks nothing up
/// by name. Built once per run and shared, read-only, by every replication.
/// </summary>
internal sealed class CompiledScenario
{
    public required Scenario Scenario { get; init; }
    public int Nodes { get; init; }
    public int Groups { get; init; }
    public int TotalDays { get; init; }
    public int WarmUpDays { get; init; }
    public int ReportedDays { get; init; }

    public required bool[] IsVisitNode { get; init; }
    public required int[][] Capacity { get; init; }           // [node][day]
    public required int[] QueueLimit { get; init; }           // -1: no limit
    public required double[] CostPerDay { get; init; }
    public required double[] WaitingCostPerDay { get; init; }
    public required int[] InitialVisits { get; init; }
    public required int[] FinalVisits { get; init; }
    public required CompiledPathway[] Pathways { get; init; } // [node * Groups + group]
    public required CompiledStream[] Streams { get; init; }

    public CompiledPathway PathwayOf(int node, int group) => Pathways[node * Groups + group];

    public static CompiledScenario From(Scenario scenario)
    {
        var problems = ScenarioRules.Check(scenario);
        if (problems.Count > 0)
            throw new ScenarioException(problems);
        var nodeIndex = scenario.Nodes.Select((n, i) => (n.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var groupIndex = scenario.Groups.Select((g, i) => (g, i)).ToDictionary(x => x.g, x => x.i, StringComparer.Ordinal);
        var days = scenario.TotalDays;
        var first = scenario.Start.AddDays(-scenario.WarmUpDays);

        var pathways = new CompiledPathway[scenario.Nodes.Count * scenario.Groups.Count];
        for (var n = 0; n < scenario.Nodes.Count; n++)
            for (var g = 0; g < scenario.Groups.Count; g++)
            {
                var pathway = scenario.Nodes[n].For(scenario.Groups[g]);
                var cumulative = 0.0;
                pathways[n * scenario.Groups.Count + g] = new CompiledPathway(
                    [.. pathway.Routes.Select(r => cumulative += r.Probability)],
                    [.. pathway.Routes.Select(r => r.To is null ? -1 : nodeIndex[r.To])],
                    [.. pathway.Routes.Select(r => r.Stay ?? pathway.Stay)],
                    [.. pathway.Routes.Select(r => r.TransferDelay)]);
            }

        return new CompiledScenario
        {
            Scenario = scenario,
            Nodes = scenario.Nodes.Count,
            Groups = scenario.Groups.Count,
            TotalDays = days,
            WarmUpDays = scenario.WarmUpDays,
            ReportedDays = scenario.Days,
            IsVisitNode = [.. scenario.Nodes.Select(n => n.Kind == NodeKind.Visits)],
            Capacity = [.. scenario.Nodes.Select(n => CapacityByDay(n, first, days))],
            QueueLimit = [.. scenario.Nodes.Select(n => n.QueueLimit ?? -1)],
            CostPerDay = [.. scenario.Nodes.Select(n => n.CostPerDay)],
            WaitingCostPerDay = [.. scenario.Nodes.Select(n => n.WaitingCostPerDay ?? scenario.DelayedBedDayCost)],
            InitialVisits = [.. scenario.Nodes.Select(n => n.Visits?.Initial ?? 0)],
            FinalVisits = [.. scenario.Nodes.Select(n => n.Visits?.Final ?? 0)],
            Pathways = pathways,
            Streams = [.. scenario.Arrivals.Select(a => new CompiledStream(nodeIndex[a.Node], groupIndex[a.Group], RatesByDay(a, scenario, first, days)))],
        };
    }

    private static int[] CapacityByDay(NodeSpec node, DateOnly first, int days)
    {
        var steps = node.Capacity.OrderBy(s => s.From).ToArray();
        var capacity = new int[days + 1];
        for (var d = 0; d <= days; d++)
        {
            var date = first.AddDays(d);
            var value = steps[0].Value;
            foreach (var step in steps)
                if (step.From <= date)
                    value = step.Value;
            capacity[d] = value;
        }
        return capacity;
    }

    private static double[] RatesByDay(ArrivalSpec arrival, Scenario scenario, DateOnly first, int days)
    {
        var rates = new double[days + 1];
        for (var d = 0; d <= days; d++)
        {
            var date = first.AddDays(d);
            var baseRate = arrival.Daily.TryGetValue(date, out var own) ? own : arrival.PerDay;
            var month = arrival.Monthly is { Count: 12 } profile ? profile[date.Month - 1] : 1;
            rates[d] = baseRate * arrival.Growth * scenario.Growth * month;
        }
        return rates;
    }
}

internal sealed record CompiledPathway(double[] Cumulative, int[] Next, Distribution[] Stay, Distribution?[] TransferDelay)
{
    public int Choose(double u)
    {
        for (var i = 0; i < Cumulative.Length - 1; i++)
            if (u < Cumulative[i])
                return i;
        return Cumulative.Length - 1;
    }
}

internal sealed record CompiledStream(int Node, int Group, double[] RatePerDay);
