using System.Diagnostics;
using Homeward.Simulation.Engine;

namespace Homeward.Simulation.Model;

public sealed record RunOptions
{
    public int Replications { get; init; } = 100;
    public long Seed { get; init; } = 1;

    /// <summary>Threads to run replications on; default: every core.</summary>
    public int? Threads { get; init; }

    /// <summary>Keep every replication's own figures in the result (the spreads are always there).</summary>
    public bool KeepReplications { get; init; }
}

/// <summary>
/// Runs a scenario's replications in parallel. Replication i always draws from the stream
/// <see cref="Xoshiro.ForReplication"/>(seed, i), so a run is reproducible whatever the number of threads.
/// </summary>
public static class Simulator
{
    public static SimulationResult Run(Scenario scenario, RunOptions options, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Replications, 1);
        var model = CompiledScenario.From(scenario);
        var results = new ReplicationResult[options.Replications];
        var clock = Stopwatch.StartNew();
        var done = 0;
        Parallel.For(0, options.Replications,
            new ParallelOptions { MaxDegreeOfParallelism = options.Threads ?? Environment.ProcessorCount, CancellationToken = ct },
            () => new Replication(model),
            (i, _, replication) =>
            {
                results[i] = replication.Run(Xoshiro.ForReplication(options.Seed, i));
                progress?.Report(Interlocked.Increment(ref done));
                return replication;
            },
            _ => { });
        clock.Stop();
        return SimulationResult.From(scenario, results, clock.Elapsed, options.KeepReplications);
    }
}
