using Homeward.Simulation.Model;

namespace Homeward.Simulation.Tests;

internal static class Support
{
    public static readonly DateOnly Start = new(2027, 1, 1);

    public static SimulationResult Run(Scenario scenario, RunOptions options) =>
        Simulator.Run(scenario, options, ct: TestContext.Current.CancellationToken);

    /// <summary>One pool of places with Poisson arrivals and its own stay.</summary>
    public static Scenario Pool(int places, double perDay, Distribution stay, int? queueLimit = null, int days = 2000, int warmUp = 50) => new()
    {
        Name = "pool",
        Start = Start,
        Days = days,
        WarmUpDays = warmUp,
        Nodes = [new NodeSpec { Id = "pool", Capacity = [new CapacityStep(DateOnly.MinValue, places)], QueueLimit = queueLimit, Default = new Pathway(stay, [new Route(null, 1)]) }],
        Arrivals = [new ArrivalSpec { Node = "pool", PerDay = perDay }],
    };

    /// <summary>
    /// The simulated mean agrees with the exact value: it lies within the 99.9% confidence interval of the mean across
    /// replications (z = 3.29, from the replications' own spread; no tolerance is chosen by hand).
    /// </summary>
    public static void Agrees(double expected, Spread simulated, string what)
    {
        var tolerance = simulated.HalfWidth / 1.959964 * 3.2905 + 1e-12;
        Assert.True(Math.Abs(simulated.Mean - expected) <= tolerance,
            $"{what}: simulated {simulated.Mean:0.#####} ± {tolerance:0.#####} (99.9% CI) does not include the exact {expected:0.#####}");
    }

    /// <summary>The mean over replications of a per-replication figure, with its spread.</summary>
    public static Spread Over(SimulationResult result, Func<ReplicationResult, double> figure) =>
        Spread.Of([.. result.Runs.Select(figure)]);

    public static double Sum(ReplicationResult run, int node, Metric metric)
    {
        var s = 0.0;
        for (var d = 0; d < run.Days; d++)
            s += run[node, d, metric];
        return s;
    }
}
