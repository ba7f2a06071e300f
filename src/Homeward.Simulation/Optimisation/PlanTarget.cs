using System.Globalization;
using Homeward.Simulation.Model;

namespace Homeward.Simulation.Optimisation;

/// <summary>What a capacity plan must achieve.</summary>
public enum TargetKind
{
    /// <summary>Total delay days over the period (people waiting to start, or held when ready to leave) at most the value.</summary>
    DelayDays,
    /// <summary>The share of people who start within <see cref="PlanTarget.WithinDays"/> days of being ready at least the value (0 to 1).</summary>
    StartWithin,
    /// <summary>The share of arrivals turned away (no place and no room to wait) at most the value (0 to 1).</summary>
    TurnedAway,
}

/// <summary>A delay target: its kind, its value and, for <see cref="TargetKind.StartWithin"/>, the days.</summary>
public sealed record PlanTarget(TargetKind Kind, double Value, int WithinDays = 2)
{
    /// <summary>Whether more of the measure is better (a share starting in time), or less (delay days, people turned away).</summary>
    public bool HigherIsBetter => Kind == TargetKind.StartWithin;

    /// <summary>The measure in one replication, over the reported days and every node.</summary>
    public double Measure(ReplicationResult run)
    {
        switch (Kind)
        {
            case TargetKind.DelayDays:
                var delay = 0.0;
                for (var n = 0; n < run.Nodes; n++)
                    for (var d = 0; d < run.Days; d++)
                        delay += run[n, d, Metric.DelayDays];
                return delay;
            case TargetKind.StartWithin:
                long within = 0, started = 0;
                for (var n = 0; n < run.Nodes; n++)
                {
                    within += run.StartedWithin(n, WithinDays);
                    started += run.Started(n);
                }
                return started == 0 ? 1 : (double)within / started;
            default:
                double away = 0, arrived = 0;
                for (var n = 0; n < run.Nodes; n++)
                    for (var d = 0; d < run.Days; d++)
                    {
                        away += run[n, d, Metric.TurnedAway];
                        arrived += run[n, d, Metric.Arrivals];
                    }
                return arrived == 0 ? 0 : away / arrived;
        }
    }

    /// <summary>Whether an estimate meets the target at its confidence bound.</summary>
    public bool MetBy(Estimate estimate) => HigherIsBetter ? estimate.Bound >= Value : estimate.Bound <= Value;

    /// <summary>How much better <paramref name="a"/> is than <paramref name="b"/> (positive when better).</summary>
    public double Gain(double a, double b) => HigherIsBetter ? a - b : b - a;

    public override string ToString() => Kind switch
    {
        TargetKind.DelayDays => string.Create(CultureInfo.InvariantCulture, $"total delay days at most {Value:N0}"),
        TargetKind.StartWithin => string.Create(CultureInfo.InvariantCulture,
            $"at least {Value * 100:0.0}% of people start within {WithinDays} {(WithinDays == 1 ? "day" : "days")} of being ready"),
        _ => string.Create(CultureInfo.InvariantCulture, $"at most {Value * 100:0.0}% of people turned away"),
    };
}

/// <summary>
/// A measure estimated from replications: the mean, the half-width of its 95% confidence interval, and the one-sided
/// bound at the confidence asked for on the side the target is judged (the upper bound of delay days, the lower bound
/// of a share starting in time).
/// </summary>
public readonly record struct Estimate(double Mean, double HalfWidth, double Bound)
{
    public static Estimate Of(double[] values, double z, bool higherIsBetter)
    {
        var n = values.Length;
        var mean = values.Average();
        var sd = n > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1)) : 0;
        var error = sd / Math.Sqrt(n);
        return new Estimate(mean, 1.959964 * error, higherIsBetter ? mean - z * error : mean + z * error);
    }
}
