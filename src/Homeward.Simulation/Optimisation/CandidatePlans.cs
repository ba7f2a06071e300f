using System.Diagnostics;
using Homeward.Simulation.Engine;
using Homeward.Simulation.Model;

namespace Homeward.Simulation.Optimisation;

/// <summary>Runs candidate plans on common random numbers and keeps count.</summary>
internal sealed class CandidatePlans(Scenario scenario, OptimiseOptions options, CancellationToken ct, long? seed = null, int? replications = null)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly double _z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, options.Confidence);
    public PlanTarget Target => options.Target;
    public int Evaluations { get; private set; }
    public long Events { get; private set; }
    public bool OutOfTime => _clock.Elapsed > options.TimeLimit;

    public CandidatePlans Confirming() => new(scenario, options, ct, options.Seed + 1_000_003, options.ConfirmReplications);

    public Estimate Evaluate(int[] caps)
    {
        var runs = Run(caps);
        return Estimate.Of([.. runs.Select(options.Target.Measure)], _z, options.Target.HigherIsBetter);
    }

    /// <summary>Each node's mean load with these capacities: people in care (places), or visits a day (visit slots).</summary>
    public double[] Loads(int[] caps)
    {
        var runs = Run(caps);
        return [.. Enumerable.Range(0, caps.Length).Select(i => runs.Average(r =>
        {
            var metric = scenario.Nodes[i].Kind == NodeKind.Visits ? Metric.Visits : Metric.Occupancy;
            var sum = 0.0;
            for (var d = 0; d < r.Days; d++)
                sum += r[i, d, metric];
            return sum / r.Days;
        }))];
    }

    private ReplicationResult[] Run(int[] caps)
    {
        ct.ThrowIfCancellationRequested();
        var planned = scenario with
        {
            Nodes = [.. scenario.Nodes.Select((node, i) => node with { Capacity = [new CapacityStep(DateOnly.MinValue, caps[i])] })],
        };
        var model = CompiledScenario.From(planned);
        var count = replications ?? options.Replications;
        var results = new ReplicationResult[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = options.Threads ?? Environment.ProcessorCount, CancellationToken = ct },
            () => new Replication(model),
            (i, _, replication) =>
            {
                results[i] = replication.Run(Xoshiro.ForReplication(seed ?? options.Seed, i));
                return replication;
            },
            _ => { });
        Evaluations++;
        Events += results.Sum(r => r.Events);
        return results;
    }
}
