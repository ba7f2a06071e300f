using Homeward.Simulation.Model;
using MathNet.Numerics.LinearAlgebra;
using static Homeward.Simulation.Tests.Support;

namespace Homeward.Simulation.Tests;

/// <summary>The flow model against exact results of queueing theory.</summary>
public sealed class QueueingTheoryTests
{
    private static readonly RunOptions Options = new() { Replications = 40, Seed = 20261123, KeepReplications = true };

    [Fact]
    public void A_pool_with_no_waiting_room_loses_the_Erlang_B_share_of_arrivals()
    {
        // M/M/5/5: 4 arrivals a day, 1-day mean stay.
        var result = Run(Pool(5, 4, new Exponential(1), queueLimit: 0), Options);

        Agrees(Queueing.ErlangB(5, 4), result.Nodes[0].ProbabilityTurnedAway, "share turned away");
        Assert.Equal(0, result.Nodes[0].Queue.Mean);
        Assert.Equal(0, result.Nodes[0].ProbabilityOfWaiting.Mean);
    }

    [Fact]
    public void A_pool_with_a_queue_waits_as_Erlang_C_says()
    {
        // M/M/3: 2.4 arrivals a day, 1-day mean stay, 80% busy.
        var result = Run(Pool(3, 2.4, new Exponential(1)), Options);
        var pool = result.Nodes[0];

        Agrees(Queueing.ErlangC(3, 2.4), pool.ProbabilityOfWaiting, "chance of waiting");
        Agrees(Queueing.MeanWait(3, 2.4, 1), pool.MeanWait, "mean wait (days)");
        Agrees(2.4, pool.Occupancy, "mean occupancy (= offered load)");
        Agrees(0.8, pool.Utilisation, "utilisation");
    }

    [Fact]
    public void Without_a_limit_on_places_occupancy_is_Poisson_with_mean_arrivals_times_mean_stay_for_any_stay()
    {
        // M/G/∞ with the P1 stay of the planning model: lognormal, median 9, mean 18 days; 8 a day.
        var stay = LogNormalStay.FromMedianAndMean(9, 18);
        var result = Run(Pool(100_000, 8, stay, days: 1000, warmUp: 400), Options);

        Agrees(8 * 18, result.Nodes[0].Occupancy, "mean occupancy");
        // Poisson: the variance of the occupancy equals its mean. Per replication, the time-weighted variance.
        var variance = Over(result, run =>
        {
            var levels = run.Levels[0];
            var total = levels.Sum();
            var mean = levels.Select((t, l) => t * l).Sum() / total;
            return levels.Select((t, l) => t * (l - mean) * (l - mean)).Sum() / total;
        });
        // A replication's variance is estimated from autocorrelated values, so it is compared by its own spread.
        Agrees(8 * 18, variance, "variance of occupancy");
    }

    [Fact]
    public void Littles_law_holds_at_every_node()
    {
        var scenario = Tandem(arrivals: 1, firstMean: 0.5, secondMean: 1.0 / 1.5, days: 1000);
        var result = Run(scenario, Options);

        for (var node = 0; node < 2; node++)
        {
            var n = node;
            // L − λW per replication: departures/day × mean days in node against mean occupancy.
            var gap = Over(result, run =>
                Sum(run, n, Metric.Occupancy) / run.Days - Sum(run, n, Metric.DaysInNode) / run.Days);
            Agrees(0, gap, $"node {n}: L − λW");
        }
    }

    /// <summary>A (one place, no waiting room) feeds B (one place); someone done at A while B is full stays at A.</summary>
    private static Scenario Tandem(double arrivals, double firstMean, double secondMean, int days) => new()
    {
        Start = Start,
        Days = days,
        WarmUpDays = 20,
        Nodes =
        [
            new NodeSpec { Id = "A", Capacity = [new CapacityStep(DateOnly.MinValue, 1)], QueueLimit = 0, Default = new Pathway(new Exponential(firstMean), [new Route("B", 1)]) },
            new NodeSpec { Id = "B", Capacity = [new CapacityStep(DateOnly.MinValue, 1)], QueueLimit = 0, Default = new Pathway(new Exponential(secondMean), [new Route(null, 1)]) },
        ],
        Arrivals = [new ArrivalSpec { Node = "A", PerDay = arrivals }],
    };

    [Fact]
    public void Blocking_after_service_on_a_two_node_line_matches_the_exact_Markov_chain()
    {
        const double lambda = 1, mu1 = 2, mu2 = 1.5;
        var result = Run(Tandem(lambda, 1 / mu1, 1 / mu2, days: 2000), Options);

        // States: (A empty, B empty), (A busy, B empty), (A empty, B busy), (A busy, B busy), (A blocked, B busy).
        var q = Matrix<double>.Build.Dense(5, 5);
        void Rate(int from, int to, double rate) { q[from, to] += rate; q[from, from] -= rate; }
        Rate(0, 1, lambda);
        Rate(1, 2, mu1);
        Rate(2, 3, lambda);
        Rate(2, 0, mu2);
        Rate(3, 4, mu1);
        Rate(3, 1, mu2);
        Rate(4, 2, mu2);
        // πQ = 0 with Σπ = 1: replace one balance equation by the normalisation.
        var a = q.Transpose();
        a.SetRow(4, Vector<double>.Build.Dense(5, 1));
        var pi = a.Solve(Vector<double>.Build.Dense([0, 0, 0, 0, 1]));

        var first = result.Nodes[0];
        var second = result.Nodes[1];
        Agrees(pi[1] + pi[3] + pi[4], first.ProbabilityTurnedAway, "share turned away at A (A not empty)");
        Agrees(pi[4], Over(result, run => Sum(run, 0, Metric.Held) / run.Days), "people blocked at A");
        Agrees(pi[2] + pi[3] + pi[4], second.Occupancy, "occupancy of B");
        Assert.True(first.DelayDays.Mean > 0);
        Assert.True(second.Occupancy.P97_5 <= 1);
    }

    [Fact]
    public void A_time_varying_arrival_rate_is_followed_day_by_day()
    {
        // M_t/M/∞: 2 a day on even days, 10 on odd days, 1-day mean stay. Occupancy follows m' = λ(t) − m.
        var days = 400;
        var daily = Enumerable.Range(0, days).ToDictionary(d => Start.AddDays(d), d => d % 2 == 0 ? 2.0 : 10.0);
        var scenario = Pool(100_000, 0, new Exponential(1), days: days, warmUp: 0) with
        {
            Arrivals = [new ArrivalSpec { Node = "pool", PerDay = 0, Daily = daily }],
        };
        var result = Run(scenario, Options);

        // The periodic steady state: m at the start of a day of rate λ₁ after a day of rate λ₂, and each day's mean.
        var e = Math.Exp(-1);
        var startEven = (10 * (1 - e) + 2 * (1 - e) * e) / (1 - e * e);   // after an odd day
        var startOdd = 2 + (startEven - 2) * e;
        double DayMean(double rate, double start) => rate + (start - rate) * (1 - e);
        var even = Over(result, run => Enumerable.Range(50, 300).Where(d => d % 2 == 0).Average(d => run[0, d, Metric.Occupancy]));
        var odd = Over(result, run => Enumerable.Range(50, 300).Where(d => d % 2 == 1).Average(d => run[0, d, Metric.Occupancy]));
        Agrees(DayMean(2, startEven), even, "mean occupancy on a quiet day");
        Agrees(DayMean(10, startOdd), odd, "mean occupancy on a busy day");
        Agrees(10, Over(result, run => Enumerable.Range(0, days).Where(d => d % 2 == 1).Average(d => run[0, d, Metric.Arrivals])), "arrivals on a busy day");
    }
}
