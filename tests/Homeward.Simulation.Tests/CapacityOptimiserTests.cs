using Homeward.Simulation.Model;
using Homeward.Simulation.Optimisation;
using static Homeward.Simulation.Tests.Support;

namespace Homeward.Simulation.Tests;

/// <summary>
/// The capacity optimiser where the cheapest plan is known exactly: Erlang loss and delay systems, whose smallest
/// capacities meeting a target come from the Erlang B and C formulas. Each test first checks, from the formulas, that
/// the exact optimum is clear of the target by more than the simulation's noise, so a pass is not luck.
/// </summary>
public sealed class CapacityOptimiserTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static NodeSpec Node(string id, int places, double meanStay, double costPerDay, int? queueLimit = null) => new()
    {
        Id = id, Capacity = [new CapacityStep(DateOnly.MinValue, places)], QueueLimit = queueLimit, CostPerDay = costPerDay,
        Default = new Pathway(new Exponential(meanStay), [new Route(null, 1)]),
    };

    [Fact]
    public void The_smallest_pool_that_turns_away_at_most_3_percent_is_the_one_Erlang_B_gives()
    {
        // M/M/c/c: 10 arrivals a day, 1-day stays. Exact: 16 places turn away 2.35%, 15 turn away 3.54%.
        var exact = Enumerable.Range(1, 40).First(c => Queueing.ErlangB(c, 10) <= 0.03);
        Assert.Equal(16, exact);
        Assert.True(0.03 - Queueing.ErlangB(exact, 10) > 0.005 && Queueing.ErlangB(exact - 1, 10) - 0.03 > 0.005);
        var scenario = new Scenario
        {
            Start = Start, Days = 500, WarmUpDays = 20, Nodes = [Node("unit", 12, 1, 150, queueLimit: 0)], Arrivals = [new ArrivalSpec { Node = "unit", PerDay = 10 }],
        };

        var plan = CapacityOptimiser.Optimise(scenario, new OptimiseOptions { Target = new PlanTarget(TargetKind.TurnedAway, 0.03), Seed = 7 }, ct: Ct);

        Assert.Equal(exact, plan.Nodes[0].Planned);
        Assert.True(plan.Meets);
        Assert.Equal(exact * 150.0 * 500, plan.Cost, 6);
        Agrees(Queueing.ErlangB(exact, 10), new Spread(plan.Measure.Mean, plan.Measure.HalfWidth, 0, 0, 0, 0, 0), "share turned away");
        Assert.Equal(12, plan.Nodes[0].Today);
        Assert.False(plan.TodayMeasure.Bound <= 0.03); // 12 places turn away 13.7%
    }

    [Fact]
    public void Two_pools_get_the_cheapest_pair_of_capacities_that_starts_80_percent_at_once_as_Erlang_C_gives()
    {
        // Two M/M/c pools with the same load (6) at different prices: A 6 a day staying 1 day at £100 a place-day, B 3 a
        // day staying 2 days at £300. Target: 80% of everyone starts at once. The exact cheapest pair, by enumeration.
        double Share(int a, int b) => (6 * (1 - Queueing.ErlangC(a, 6)) + 3 * (1 - Queueing.ErlangC(b, 6))) / 9;
        var plans = (from a in Enumerable.Range(7, 18) from b in Enumerable.Range(7, 18) select (A: a, B: b, Cost: 100 * a + 300 * b, Share: Share(a, b))).ToList();
        var optimum = plans.Where(p => p.Share >= 0.8).MinBy(p => p.Cost);
        Assert.Equal((10, 8), (optimum.A, optimum.B));
        Assert.True(optimum.Share - 0.8 > 0.01);
        Assert.All(plans.Where(p => p.Cost <= optimum.Cost && (p.A, p.B) != (optimum.A, optimum.B)), p => Assert.True(0.8 - p.Share > 0.01, $"{p}"));
        var scenario = new Scenario
        {
            Start = Start, Days = 400, WarmUpDays = 30,
            Nodes = [Node("A", 8, 1, 100), Node("B", 8, 2, 300)],
            Arrivals = [new ArrivalSpec { Node = "A", PerDay = 6 }, new ArrivalSpec { Node = "B", PerDay = 3 }],
        };

        var plan = CapacityOptimiser.Optimise(scenario, new OptimiseOptions { Target = new PlanTarget(TargetKind.StartWithin, 0.8, WithinDays: 0), Seed = 11 }, ct: Ct);

        Assert.Equal([10, 8], plan.Nodes.Select(n => n.Planned));
        Assert.True(plan.Meets);
        Assert.Equal(optimum.Cost * 400.0, plan.Cost, 6);
        Assert.InRange(plan.Measure.Mean, optimum.Share - 3 * plan.Measure.HalfWidth, optimum.Share + 3 * plan.Measure.HalfWidth);
        // The curve: plans by cost; the cheapest fall short, the last meets the target.
        Assert.Equal(plan.Curve.OrderBy(p => p.Cost).Select(p => p.Cost), plan.Curve.Select(p => p.Cost));
        Assert.False(plan.Curve[0].Meets);
        Assert.Contains(plan.Curve, p => p.Meets);
    }

    [Fact]
    public void A_target_the_bounds_cannot_meet_is_said_so_with_the_most_they_allow()
    {
        var scenario = new Scenario
        {
            Start = Start, Days = 200, WarmUpDays = 10, Nodes = [Node("unit", 5, 1, 150, queueLimit: 0)], Arrivals = [new ArrivalSpec { Node = "unit", PerDay = 10 }],
        };
        var plan = CapacityOptimiser.Optimise(scenario, new OptimiseOptions
        {
            Target = new PlanTarget(TargetKind.TurnedAway, 0.001), Bounds = new Dictionary<string, (int, int)> { ["unit"] = (5, 12) }, Seed = 3,
        }, ct: Ct);

        Assert.False(plan.Meets);
        Assert.Equal(12, plan.Nodes[0].Planned);
        Assert.Contains(plan.Notes, n => n.Contains("not met", StringComparison.OrdinalIgnoreCase));
    }
}
