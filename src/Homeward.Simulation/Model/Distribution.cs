using Homeward.Simulation.Engine;
using MathNet.Numerics.Distributions;

namespace Homeward.Simulation.Model;

/// <summary>
/// A non-negative random quantity, in days: a length of stay or a transfer delay. Sampling draws from MathNet.Numerics
/// (lognormal, gamma) or directly (exponential, fixed, uniform, empirical) and allocates nothing.
/// </summary>
public abstract record Distribution
{
    public abstract double Mean { get; }

    public abstract double Sample(Xoshiro random);

    /// <summary>How the scenario file writes it, e.g. <c>{ "dist": "lognormal", "median": 9, "mean": 18 }</c>.</summary>
    public abstract IReadOnlyDictionary<string, object> Describe();
}

public sealed record Exponential(double MeanDays) : Distribution
{
    public override double Mean => MeanDays;
    public override double Sample(Xoshiro random) => -Math.Log(random.NextOpen()) * MeanDays;
    public override IReadOnlyDictionary<string, object> Describe() => new Dictionary<string, object> { ["dist"] = "exponential", ["mean"] = MeanDays };
}

/// <summary>Lognormal with log-mean <paramref name="Mu"/> and log-sd <paramref name="Sigma"/>; see the factories.</summary>
public sealed record LogNormalStay(double Mu, double Sigma) : Distribution
{
    /// <summary>From the median and the mean (mean ≥ median), as planning models publish them.</summary>
    public static LogNormalStay FromMedianAndMean(double median, double mean) =>
        new(Math.Log(median), Math.Sqrt(2 * Math.Log(mean / median)));

    /// <summary>From the mean and the standard deviation.</summary>
    public static LogNormalStay FromMeanAndSd(double mean, double sd)
    {
        var variance = Math.Log(1 + sd * sd / (mean * mean));
        return new LogNormalStay(Math.Log(mean) - variance / 2, Math.Sqrt(variance));
    }

    public override double Mean => Math.Exp(Mu + Sigma * Sigma / 2);
    public double Median => Math.Exp(Mu);
    public override double Sample(Xoshiro random) => LogNormal.Sample(random, Mu, Sigma);
    public override IReadOnlyDictionary<string, object> Describe() =>
        new Dictionary<string, object> { ["dist"] = "lognormal", ["median"] = Math.Round(Median, 6), ["mean"] = Math.Round(Mean, 6) };
}

public sealed record GammaStay(double Shape, double Scale) : Distribution
{
    public static GammaStay FromMeanAndSd(double mean, double sd) => new(mean * mean / (sd * sd), sd * sd / mean);
    public override double Mean => Shape * Scale;
    public override double Sample(Xoshiro random) => Gamma.Sample(random, Shape, 1 / Scale);
    public override IReadOnlyDictionary<string, object> Describe() =>
        new Dictionary<string, object> { ["dist"] = "gamma", ["shape"] = Shape, ["scale"] = Scale };
}

public sealed record Fixed(double Value) : Distribution
{
    public override double Mean => Value;
    public override double Sample(Xoshiro random) => Value;
    public override IReadOnlyDictionary<string, object> Describe() => new Dictionary<string, object> { ["dist"] = "fixed", ["value"] = Value };
}

public sealed record UniformStay(double Min, double Max) : Distribution
{
    public override double Mean => (Min + Max) / 2;
    public override double Sample(Xoshiro random) => Min + (Max - Min) * random.NextDouble();
    public override IReadOnlyDictionary<string, object> Describe() =>
        new Dictionary<string, object> { ["dist"] = "uniform", ["min"] = Min, ["max"] = Max };
}

/// <summary>Draws one of the observed values, each equally likely (a bootstrap of recorded stays).</summary>
public sealed record Empirical(IReadOnlyList<double> Values) : Distribution
{
    private readonly double[] _values = [.. Values];
    public override double Mean => _values.Average();
    public override double Sample(Xoshiro random) => _values[random.Next(_values.Length)];
    public override IReadOnlyDictionary<string, object> Describe() =>
        new Dictionary<string, object> { ["dist"] = "empirical", ["values"] = _values };
}
