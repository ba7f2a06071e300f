namespace Homeward.Planning;

/// <summary>
/// Puts planning runs side by side honestly: only runs over the same days (the same start and length), and each one's
/// difference from the first with a 95% interval. Runs made with the same seed and number of replications drew the
/// same random numbers (common random numbers), so their difference is measured replication by replication (paired),
/// which is far tighter than two separate intervals; otherwise the two runs' intervals are combined as independent.
/// Pure.
/// </summary>
public static class ComparePlans
{
    /// <summary>How far a run is from the first: the mean difference and its 95% interval.</summary>
    /// <param name="Paired">Measured replication by replication (same seed and replications).</param>
    public sealed record Difference(double Mean, double Low, double High, bool Paired)
    {
        /// <summary>The interval holds no change either way.</summary>
        public bool Clear => Low > 0 || High < 0;
    }

    /// <summary>A run left out of a comparison, and why.</summary>
    public sealed record SetAside(PlanDetail Run, string Why);

    private const double Z = 1.959964;

    /// <summary>The runs over the same days as the first; the others set aside, each with the reason.</summary>
    public static (IReadOnlyList<PlanDetail> Alike, IReadOnlyList<SetAside> Apart) LikeWithLike(IReadOnlyList<PlanDetail> runs)
    {
        if (runs.Count == 0)
            return ([], []);
        var first = runs[0].Run;
        var alike = new List<PlanDetail> { runs[0] };
        var apart = new List<SetAside>();
        foreach (var run in runs.Skip(1))
        {
            if (run.Run.Start == first.Start && run.Run.Days == first.Days)
                alike.Add(run);
            else
                apart.Add(new SetAside(run, $"“{run.Run.Name}” covers {Period(run.Run)}, “{first.Name}” {Period(first)}: only runs over the same days are compared."));
        }
        return (alike, apart);
    }

    /// <summary>Delay days of <paramref name="run"/> less those of <paramref name="baseline"/>.</summary>
    public static Difference DelayDays(PlanDetail baseline, PlanDetail run) =>
        Of(baseline, run, baseline.Result.DelayDays, run.Result.DelayDays, r => r.ReplicationDelayDays);

    /// <summary>Cost of <paramref name="run"/> less that of <paramref name="baseline"/>.</summary>
    public static Difference Cost(PlanDetail baseline, PlanDetail run) =>
        Of(baseline, run, baseline.Result.Cost, run.Result.Cost, r => r.ReplicationCost);

    private static Difference Of(PlanDetail a, PlanDetail b, Band bandA, Band bandB, Func<PlanResult, IReadOnlyList<double>?> each)
    {
        var (xs, ys) = (each(a.Result), each(b.Result));
        if (xs is { Count: > 1 } x && ys is { Count: > 1 } y && x.Count == y.Count && a.Run.Seed == b.Run.Seed)
        {
            var d = x.Zip(y, (p, q) => q - p).ToArray();
            var mean = d.Average();
            var sd = Math.Sqrt(d.Sum(v => (v - mean) * (v - mean)) / (d.Length - 1));
            var half = Z * sd / Math.Sqrt(d.Length);
            return new Difference(mean, mean - half, mean + half, Paired: true);
        }
        var diff = bandB.Mean - bandA.Mean;
        var combined = Math.Sqrt(Math.Pow(bandA.High - bandA.Mean, 2) + Math.Pow(bandB.High - bandB.Mean, 2));
        return new Difference(diff, diff - combined, diff + combined, Paired: false);
    }

    private static string Period(PlanSummary run) => $"{run.Days} days from {run.Start:d MMMM yyyy}";
}
