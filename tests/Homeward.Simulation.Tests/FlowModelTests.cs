using Homeward.Simulation.Model;
using static Homeward.Simulation.Tests.Support;

namespace Homeward.Simulation.Tests;

/// <summary>The flow model's own rules: visit slots, transfer delays, waiting rooms, initial state, reproducibility.</summary>
public sealed class FlowModelTests
{
    private static Scenario Visits(int days, IReadOnlyList<CapacityStep> slots, VisitPattern pattern, double stay, int waiting) => new()
    {
        Start = Start,
        Days = days,
        Nodes = [new NodeSpec { Id = "P1", Kind = NodeKind.Visits, Visits = pattern, Capacity = slots, Default = new Pathway(new Fixed(stay), [new Route(null, 1)]) }],
        Initial = [new InitialSpec { Node = "P1", Waiting = [.. Enumerable.Repeat(0.0, waiting)] }],
    };

    [Fact]
    public void A_person_starts_at_home_only_when_the_whole_tapering_pattern_fits_in_the_slots()
    {
        // 5 slots a day; visits taper 3 → 1 over a 3-day stay: 3, 2, 1. Two people waiting.
        var run = Run(Visits(6, [new CapacityStep(DateOnly.MinValue, 5)], new VisitPattern(3, 1), 3, waiting: 2),
            new RunOptions { Replications = 1, KeepReplications = true }).Runs[0];

        Assert.Equal([1, 1, 0, 0], Enumerable.Range(0, 4).Select(d => run[0, d, Metric.Admissions]));
        Assert.Equal([3, 5, 3, 1, 0], Enumerable.Range(0, 5).Select(d => run[0, d, Metric.Visits]));
        Assert.Equal(1, run[0, 1, Metric.WaitDays]);
    }

    [Fact]
    public void A_later_day_without_room_holds_a_start_back_even_when_today_has_room()
    {
        // 4 slots, then 2 from day 2. Two visits a day for 3 days: the first person takes 2, 2, 2 (day 2 now full);
        // the second cannot start on day 0 or 1 although those days have room, and starts on day 3.
        var slots = new[] { new CapacityStep(DateOnly.MinValue, 4), new CapacityStep(Start.AddDays(2), 2) };
        var run = Run(Visits(8, slots, new VisitPattern(2, 2), 3, waiting: 2),
            new RunOptions { Replications = 1, KeepReplications = true }).Runs[0];

        Assert.Equal([1, 0, 0, 1, 0], Enumerable.Range(0, 5).Select(d => run[0, d, Metric.Admissions]));
        Assert.Equal(3, run[0, 3, Metric.WaitDays]);
        for (var d = 0; d < 8; d++)
            Assert.True(run[0, d, Metric.Visits] <= run[0, d, Metric.Capacity], $"day {d} booked over its slots");
    }

    [Fact]
    public void A_transfer_delay_keeps_the_place_and_counts_as_delay()
    {
        // Everyone stays 2 days and then waits 3 for a package of care, keeping their place.
        var scenario = Pool(1000, 4, new Fixed(2), days: 200, warmUp: 20) with
        {
            Nodes = [new NodeSpec
            {
                Id = "pool", Capacity = [new CapacityStep(DateOnly.MinValue, 1000)],
                Default = new Pathway(new Fixed(2), [new Route(null, 1, TransferDelay: new Fixed(3))]),
            }],
        };
        var result = Run(scenario, new RunOptions { Replications = 10, KeepReplications = true });
        var pool = result.Nodes[0];

        Agrees(5, pool.MeanDaysInNode, "days in the node");
        Agrees(4 * 5, pool.Occupancy, "occupancy");
        Agrees(4 * 3 * 200, pool.DelayDays, "delay days (held)");
    }

    [Fact]
    public void A_full_waiting_room_turns_people_away_and_counts_them()
    {
        var result = Run(Pool(2, 6, new Exponential(1), queueLimit: 3, days: 300), new RunOptions { Replications = 10 });
        var pool = result.Nodes[0];

        Assert.True(pool.TurnedAway.Mean > 0);
        Assert.True(pool.Queue.P97_5 <= 3);
        Assert.InRange(pool.ProbabilityTurnedAway.Mean, 0.3, 0.9);
    }

    [Fact]
    public void The_state_at_the_start_is_where_the_run_begins()
    {
        // 10 people in 10 places with 5 days left each, 4 waiting, no new arrivals: the waiting start on day 5.
        var scenario = Pool(10, 0, new Fixed(4), days: 12, warmUp: 0) with
        {
            Initial = [new InitialSpec { Node = "pool", RemainingStays = [.. Enumerable.Repeat(5.0, 10)], Waiting = [1, 1, 1, 1] }],
        };
        var run = Run(scenario, new RunOptions { Replications = 1, KeepReplications = true }).Runs[0];

        Assert.Equal(10, run[0, 0, Metric.Occupancy], 6);
        Assert.Equal(4, run[0, 0, Metric.Queue], 6);
        Assert.Equal(4, run[0, 5, Metric.Admissions]);
        Assert.Equal(4 * 6, run[0, 5, Metric.WaitDays], 6);  // waited 1 day before the run and 5 in it
        Assert.Equal(4, run[0, 7, Metric.Occupancy], 6);
    }

    [Fact]
    public void The_same_seed_gives_the_same_run_on_any_number_of_threads()
    {
        var scenario = Pool(3, 2.4, LogNormalStay.FromMedianAndMean(1, 1.3), days: 100);
        var one = Run(scenario, new RunOptions { Replications = 8, Seed = 7, Threads = 1, KeepReplications = true });
        var two = Run(scenario, new RunOptions { Replications = 8, Seed = 7, Threads = 2, KeepReplications = true });
        var other = Run(scenario, new RunOptions { Replications = 8, Seed = 8, Threads = 2, KeepReplications = true });

        for (var i = 0; i < 8; i++)
            Assert.Equal(one.Runs[i].Daily, two.Runs[i].Daily);
        Assert.NotEqual(one.Runs[0].Daily, other.Runs[0].Daily);
        Assert.Equal(one.TotalCost, two.TotalCost);
    }

    [Fact]
    public void Each_replication_s_totals_are_kept_in_order_so_runs_of_the_same_seed_can_be_paired()
    {
        // Three places or four, the same arrivals: replication i of each draws the same numbers (common random numbers).
        var three = Run(Pool(3, 2.4, LogNormalStay.FromMedianAndMean(1, 1.3), days: 100), new RunOptions { Replications = 12, Seed = 7, KeepReplications = true });
        var four = Run(Pool(4, 2.4, LogNormalStay.FromMedianAndMean(1, 1.3), days: 100), new RunOptions { Replications = 12, Seed = 7 });

        Assert.Equal(12, three.ReplicationDelayDays.Count);
        Assert.Equal(three.TotalDelayDays.Mean, three.ReplicationDelayDays.Average(), 6);
        Assert.Equal(three.TotalCost.Mean, three.ReplicationCost.Average(), 6);
        // In replication order: the first is the first replication's own total.
        Assert.Equal(Sum(three.Runs[0], 0, Metric.DelayDays), three.ReplicationDelayDays[0], 6);
        Assert.Equal(Sum(three.Runs[11], 0, Metric.DelayDays), three.ReplicationDelayDays[11], 6);
        // A fourth place never adds delay to the same arrivals: every paired difference is at most zero.
        Assert.All(three.ReplicationDelayDays.Zip(four.ReplicationDelayDays), p => Assert.True(p.Second <= p.First + 1e-9, $"{p.Second} > {p.First}"));
    }

    [Fact]
    public void Routes_chosen_on_arrival_set_the_stay_and_the_next_node()
    {
        // From P2, 30% go on to P3 and stay 50 days in P2 first; the rest go home after 10.
        var scenario = new Scenario
        {
            Start = Start, Days = 1500, WarmUpDays = 200,
            Nodes =
            [
                new NodeSpec
                {
                    Id = "P2", Capacity = [new CapacityStep(DateOnly.MinValue, 10_000)],
                    Default = new Pathway(new Fixed(10), [new Route("P3", 0.3, Stay: new Fixed(50)), new Route(null, 0.7)]),
                },
                new NodeSpec { Id = "P3", Capacity = [new CapacityStep(DateOnly.MinValue, 10_000)], Default = new Pathway(new Exponential(20), [new Route(null, 1)]) },
            ],
            Arrivals = [new ArrivalSpec { Node = "P2", PerDay = 2 }],
        };
        var result = Run(scenario, new RunOptions { Replications = 20, KeepReplications = true });

        Agrees(0.3 * 50 + 0.7 * 10, result.Nodes[0].MeanDaysInNode, "days in P2");
        Agrees(2 * (0.3 * 50 + 0.7 * 10), result.Nodes[0].Occupancy, "occupancy of P2");
        Agrees(2 * 0.3 * 20, result.Nodes[1].Occupancy, "occupancy of P3");
    }

    [Fact]
    public void Costs_add_occupied_days_and_waiting_days()
    {
        var scenario = Pool(1, 0, new Fixed(3), days: 10, warmUp: 0) with
        {
            DelayedBedDayCost = 346,
            Nodes = [new NodeSpec { Id = "pool", Capacity = [new CapacityStep(DateOnly.MinValue, 1)], CostPerDay = 150, Default = new Pathway(new Fixed(3), [new Route(null, 1)]) }],
            Initial = [new InitialSpec { Node = "pool", Waiting = [0, 0] }],
        };
        var result = Run(scenario, new RunOptions { Replications = 1 });

        // Two people, 3 days each, one after the other: 6 bed-days at £150; the second waits 3 days at £346.
        Assert.Equal(6 * 150 + 3 * 346, result.TotalCost.Mean, 6);
        Assert.Equal(3, result.TotalDelayDays.Mean, 6);
    }
}

/// <summary>The event queue: earliest first, ties in the order scheduled, nothing lost.</summary>
public sealed class EventQueueTests
{
    [Fact]
    public void Events_come_out_in_time_order_and_ties_in_the_order_scheduled()
    {
        var queue = new Homeward.Simulation.Engine.EventQueue(4);
        var random = new Homeward.Simulation.Engine.Xoshiro(3);
        var expected = new List<(double, int)>();
        for (var i = 0; i < 5000; i++)
        {
            var time = Math.Floor(random.NextDouble() * 100);   // many ties
            queue.Schedule(time, i % 7, i);
            expected.Add((time, i));
        }
        var order = new List<(double, int)>();
        while (queue.Count > 0)
        {
            var e = queue.Take();
            Assert.Equal(e.Subject % 7, e.Kind);
            order.Add((e.Time, e.Subject));
        }

        Assert.Equal(expected.OrderBy(x => x.Item1).ThenBy(x => x.Item2), order);
        Assert.Equal(double.PositiveInfinity, queue.NextTime);
    }
}
