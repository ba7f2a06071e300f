using Homeward.Routing;
using Homeward.Scheduling;

namespace Homeward.Scheduling.Tests;

/// <summary>An urgent visit added to a published rota, changing as little as possible.</summary>
public sealed class UrgentInsertionTests
{
    // Places: 0 = office; carer A works the east (x > 0), carer B the west (x < 0).
    private static readonly Place[] Places = [new(0, 0), new(10, 0), new(20, 0), new(30, 0), new(-10, 0), new(-20, 0), new(12, 0), new(200, 0)];

    private static Problem Day(params Visit[] extra) => new()
    {
        Name = "day",
        Places = Places,
        Visits = [new("a1", 1, 10, 0, 600), new("a2", 2, 10, 0, 600), new("a3", 3, 10, 0, 600), new("b1", 4, 10, 0, 600), new("b2", 5, 10, 0, 600), .. extra],
        Carers = [new("A", 0, 0, 0, 480), new("B", 0, 0, 0, 480)],
        Travel = new EuclideanTravel(Places),
    };

    /// <summary>A out along the east at 10, 30, 50; B west at 10, 30.</summary>
    private static Solution Published(Problem problem) => new("day",
        [new Route("A", [new Stop("a1", 10), new Stop("a2", 30), new Stop("a3", 50)]), new Route("B", [new Stop("b1", 10), new Stop("b2", 30)])],
        [new Unplanned("u", "not yet known")], Validator.CostOf(problem, []));

    [Fact]
    public void The_urgent_visit_goes_where_it_adds_least_and_nobody_else_changes_carer()
    {
        // At 12 on the east line, due within 2 hours of now (t = 35).
        var problem = Day(new Visit("u", 6, 15, 35, 35 + 120));
        var published = Published(problem);

        var result = UrgentInsertion.Insert(problem, published, "u", now: 35);

        Assert.Empty(Validator.Check(problem, result.Solution));
        Assert.Equal("A", result.Carer);
        Assert.Equal(0, result.Moved);
        var a = result.Solution.Routes.Single(r => r.Carer == "A").Stops;
        Assert.Equal(["a1", "a2"], a.Take(2).Select(s => s.Visit));                  // started before now: untouched
        Assert.Equal([10.0, 30.0], a.Take(2).Select(s => s.Start));
        Assert.Contains(a, s => s.Visit == "u");
        Assert.Equal(published.Routes[1], result.Solution.Routes.Single(r => r.Carer == "B"));
        Assert.DoesNotContain(result.Solution.Unplanned, u => u.Visit == "u");
        Assert.True(result.AddedDistance >= 0);
    }

    [Fact]
    public void When_no_round_has_room_one_visit_moves_to_another_carer()
    {
        // Shifts end at 120. The urgent visit (at 30, 30 minutes, start by 55) fits nowhere as things are: B is too far
        // west to reach it by 55, and A's round would run past the end of the shift. A can take it if a2 goes to B.
        var problem = Day(new Visit("u", 3, 30, 40, 55)) with
        {
            Visits = [new("a1", 1, 20, 0, 600), new("a2", 2, 20, 0, 600), new("b1", 4, 10, 0, 600), new("u", 3, 30, 40, 55)],
            Carers = [new("A", 0, 0, 0, 120), new("B", 0, 0, 0, 120)],
        };
        var published = new Solution("day", [new Route("A", [new Stop("a1", 10), new Stop("a2", 40)]), new Route("B", [new Stop("b1", 10)])],
            [], Validator.CostOf(problem, []));
        Assert.Empty(Validator.Check(problem, published with { Unplanned = [new Unplanned("u", "new")] }));

        var result = UrgentInsertion.Insert(problem, published, "u", now: 0);

        Assert.Empty(Validator.Check(problem, result.Solution));
        Assert.Equal(("A", 1), (result.Carer, result.Moved));
        // Exactly one visit changed carer: moving a1 (nearer B) costs less travel than moving a2.
        string CarerOf(Solution x, string visit) => x.Routes.Single(r => r.Stops.Any(st => st.Visit == visit)).Carer;
        var movedVisits = published.Routes.SelectMany(r => r.Stops).Where(st => CarerOf(published, st.Visit) != CarerOf(result.Solution, st.Visit)).ToList();
        Assert.Equal("a1", Assert.Single(movedVisits).Visit);
        Assert.Contains(result.Solution.Routes.Single(r => r.Carer == "A").Stops, st => st.Visit == "u");
        Assert.All(problem.Visits, v => Assert.Contains(result.Solution.Routes.SelectMany(r => r.Stops), s => s.Visit == v.Id));
    }

    [Fact]
    public void A_visit_nobody_can_reach_in_time_is_reported_and_the_rota_is_left_alone()
    {
        // 200 away, due within 100: out of anyone's reach.
        var problem = Day(new Visit("u", 7, 15, 35, 100));
        var published = Published(problem);

        var result = UrgentInsertion.Insert(problem, published, "u", now: 35);

        Assert.Null(result.Carer);
        Assert.Contains("No carer can reach it", result.Reason, StringComparison.Ordinal);
        Assert.Equal(published.Routes, result.Solution.Routes);
        Assert.Empty(Validator.Check(problem, result.Solution));
    }

    [Fact]
    public void An_urgent_visit_not_in_the_problem_is_a_clear_error()
    {
        var problem = Day();
        Assert.Throws<ArgumentException>(() => UrgentInsertion.Insert(problem, Published(problem), "ghost", 0));
    }
}
