using Homeward.Planning;

namespace Homeward.Tests.Planning;

/// <summary>Runs compared honestly: like with like only, and each run's difference from the first with its interval.</summary>
public sealed class ComparePlansTests
{
    private static readonly DateOnly Start = new(2026, 12, 7);

    private static Band BandOf(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        var half = 1.959964 * Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1) / values.Count);
        return new Band(mean, mean - half, mean + half, values.Min(), mean, mean, mean, values.Max());
    }

    private static PlanDetail Run(string name, IReadOnlyList<double> delays, long seed = 1, int days = 10, DateOnly? start = null)
    {
        var costs = delays.Select(d => d * 100).ToList();
        var result = new PlanResult(start ?? Start, days, delays.Count, 0, 0, BandOf(costs), BandOf(delays), [], [], [], [], delays, costs);
        return new PlanDetail(new PlanSummary(Guid.NewGuid(), name, DateTimeOffset.UnixEpoch, "planner", start ?? Start, days, 1, delays.Count, 0,
            delays.Average(), costs.Average(), seed), result, "{}");
    }

    // Replication totals that vary a lot between replications (busy and quiet days): the same in both runs but for a shift.
    private static readonly double[] Base = [120, 340, 80, 510, 260, 190, 430, 150, 300, 220];

    [Fact]
    public void Runs_over_other_days_are_set_aside_with_the_reason()
    {
        var tenDays = Run("Today", Base);
        var plan = Run("Winter plan", Base, days: 182);
        var lastWeek = Run("Last week", Base, start: Start.AddDays(-7));
        var more = Run("Two more beds", [.. Base.Select(b => b - 20)]);

        var (alike, apart) = ComparePlans.LikeWithLike([tenDays, plan, more, lastWeek]);

        Assert.Equal(["Today", "Two more beds"], alike.Select(r => r.Run.Name));
        Assert.Equal(["Winter plan", "Last week"], apart.Select(a => a.Run.Run.Name));
        Assert.Equal("“Winter plan” covers 182 days from 7 December 2026, “Today” 10 days from 7 December 2026: only runs over the same days are compared.",
            apart[0].Why);
    }

    [Fact]
    public void Runs_with_the_same_random_numbers_are_compared_replication_by_replication()
    {
        var today = Run("Today", Base);
        var more = Run("Two more beds", [.. Base.Select((b, i) => b - 20 - i % 3)]);

        var paired = ComparePlans.DelayDays(today, more);
        Assert.True(paired.Paired);
        Assert.Equal(-20.9, paired.Mean, 6);
        // The replications' own spread cancels out: a narrow interval, clearly below nothing.
        Assert.True(paired.High - paired.Low < 2, $"{paired.Low} to {paired.High}");
        Assert.True(paired.Clear);
        Assert.Equal(-2090, ComparePlans.Cost(today, more).Mean, 6);

        // Another seed: the replications are not partners, so the two runs' intervals combine, and the same shift is not clear.
        var other = Run("Two more beds", [.. Base.Select((b, i) => b - 20 - i % 3)], seed: 2);
        var unpaired = ComparePlans.DelayDays(today, other);
        Assert.False(unpaired.Paired);
        Assert.Equal(-20.9, unpaired.Mean, 6);
        var halfA = today.Result.DelayDays.High - today.Result.DelayDays.Mean;
        var halfB = other.Result.DelayDays.High - other.Result.DelayDays.Mean;
        Assert.Equal(Math.Sqrt(halfA * halfA + halfB * halfB), unpaired.High - unpaired.Mean, 6);
        Assert.False(unpaired.Clear);
    }

    [Fact]
    public void Runs_kept_before_their_replications_were_are_compared_as_independent()
    {
        var today = Run("Today", Base);
        var old = Run("Kept earlier", Base) is var r ? r with { Result = r.Result with { ReplicationDelayDays = null, ReplicationCost = null } } : null!;
        Assert.False(ComparePlans.DelayDays(old, today).Paired);
    }
}
