namespace Homeward.Simulation.Engine;

/// <summary>
/// xoshiro256** (Blackman and Vigna): a fast, seeded generator with a 2^256 period. It derives from
/// <see cref="Random"/> so that MathNet.Numerics' samplers can draw from it. The same seed gives the same stream on
/// every machine, which makes every run reproducible; <see cref="ForReplication"/> gives each replication its own
/// independent stream, so results do not depend on which thread ran which replication.
/// </summary>
public sealed class Xoshiro : Random
{
    private ulong _s0, _s1, _s2, _s3;

    public Xoshiro(ulong seed)
    {
        // SplitMix64 spreads any seed (even 0) over the four words of state.
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>The generator for replication <paramref name="index"/> of a run seeded <paramref name="seed"/>.</summary>
    public static Xoshiro ForReplication(long seed, int index)
    {
        var mixed = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)index);
        return new Xoshiro(SplitMix(ref mixed));
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform on (0, 1]: safe to take the logarithm of.</summary>
    public double NextOpen() => ((NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));

    protected override double Sample() => NextDouble();

    public override int Next() => (int)(NextUInt64() >> 33);

    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)((NextUInt64() >> 32) * (ulong)maxValue >> 32);
    }

    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return minValue + (int)((NextUInt64() >> 32) * (ulong)((long)maxValue - minValue) >> 32);
    }

    public override long NextInt64() => (long)(NextUInt64() >> 1);

    public override float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1U << 24));

    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    public override void NextBytes(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i++)
            buffer[i] = (byte)(NextUInt64() >> 56);
    }
}
