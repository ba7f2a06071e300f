namespace Homeward.Demo;

/// <summary>The few distributions the demo county needs, on one seeded generator so a seed gives one county.</summary>
internal sealed class DemoRandom(int seed)
{
    private readonly Random _random = new(seed);

    public double Uniform() => _random.NextDouble();

    public int Int(int minInclusive, int maxExclusive) => _random.Next(minInclusive, maxExclusive);

    public bool Chance(double p) => _random.NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>Picks by weight: <paramref name="choices"/> pairs each item with a relative weight.</summary>
    public T Weighted<T>(IReadOnlyList<(T Item, double Weight)> choices)
    {
        var total = choices.Sum(c => c.Weight);
        var x = _random.NextDouble() * total;
        foreach (var (item, weight) in choices)
        {
            x -= weight;
            if (x < 0)
                return item;
        }
        return choices[^1].Item;
    }

    public double Normal()
    {
        // Box–Muller; 1 − U keeps the logarithm away from zero.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Lognormal given its median and mean (as the BNSSG planning model states lengths of stay).</summary>
    public double LogNormalMedianMean(double median, double mean)
    {
        var mu = Math.Log(median);
        var sigma = Math.Sqrt(2.0 * Math.Log(mean / median));
        return Math.Exp(mu + sigma * Normal());
    }

    public double Exponential(double mean) => -mean * Math.Log(1.0 - _random.NextDouble());

    public int Poisson(double lambda)
    {
        if (lambda > 60)
            return Math.Max(0, (int)Math.Round(lambda + Math.Sqrt(lambda) * Normal()));
        var limit = Math.Exp(-lambda);
        var k = 0;
        var p = _random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= _random.NextDouble();
        }
        return k;
    }
}
