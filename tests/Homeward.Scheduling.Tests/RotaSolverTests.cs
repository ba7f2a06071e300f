using Homeward.Scheduling.Rota;

namespace Homeward.Scheduling.Tests;

/// <summary>The home care day optimiser on hand-made days whose best plan is known, every rota checked by the validator.</summary>
public sealed class RotaSolverTests
{
    private static readonly RotaOptions Quick = new() { TimeLimit = TimeSpan.FromSeconds(1) };

    /// <summary>Places on a line, 1 minute (and 1 km) apart: place 0 is the office.</summary>
    private static ITravel Line(int places) => new EuclideanTravel([.. Enumerable.Range(0, places).Select(i => new Place(i, 0))]);

    private static RotaCarer Carer(string id, double from = 0, double to = 24 * 60, params string[] skills) =>
        new(id, 0, 0, from, to) { Skills = skills.ToHashSet() };

    private static RotaSolution Solve(RotaProblem problem)
    {
        var rota = RotaSolver.Solve(problem, Quick);
        var (problems, cost) = RotaValidator.Check(problem, rota);
        Assert.Equal([], problems);
        Assert.Equal(cost.Distance, rota.Cost.Distance, 6);
        Assert.Equal(cost.Lateness, rota.Cost.Lateness, 6);
        return rota;
    }

    [Fact]
    public void One_carer_visits_a_street_in_order_there_and_back()
    {
        var problem = new RotaProblem
        {
            Name = "street", Travel = Line(5), Carers = [Carer("c1")],
            Visits = [new("v3", 3, 10, 0, 600), new("v1", 1, 10, 0, 600), new("v4", 4, 10, 0, 600), new("v2", 2, 10, 0, 600)],
        };
        var rota = Solve(problem);
        Assert.Equal(8, rota.Cost.Distance, 6); // out to 4 and back: the known optimum
        Assert.Empty(rota.Unplanned);
    }

    [Fact]
    public void Windows_set_the_order_even_when_it_means_more_driving()
    {
        var problem = new RotaProblem
        {
            Name = "windows", Travel = Line(5), Carers = [Carer("c1")],
            Visits = [new("far-early", 4, 10, 0, 10), new("near-late", 1, 10, 100, 120)],
        };
        var rota = Solve(problem);
        Assert.Equal(["far-early", "near-late"], rota.Routes.Single().Stops.Select(s => s.Visit));
        Assert.Equal(0, rota.Cost.Lateness);
    }

    [Fact]
    public void A_visit_that_needs_a_skill_goes_to_a_carer_who_has_it()
    {
        var problem = new RotaProblem
        {
            Name = "skills", Travel = Line(3), Carers = [Carer("plain"), Carer("trained", skills: "hoist")],
            Visits = [new("hoist", 1, 30, 0, 600) { Skill = "hoist" }, new("other", 2, 30, 0, 600)],
        };
        var rota = Solve(problem);
        Assert.Equal("trained", rota.Routes.Single(r => r.Stops.Any(s => s.Visit == "hoist")).Carer);
    }

    [Fact]
    public void A_double_handed_visit_has_two_carers_starting_together()
    {
        // c1 is free at once, c2 only from 60: they meet at 60 + travel, not before.
        var problem = new RotaProblem
        {
            Name = "double", Travel = Line(3), Carers = [Carer("c1"), Carer("c2", from: 60)],
            Visits = [new("hoist-a", 2, 30, 0, 600), new("hoist-b", 2, 30, 0, 600)],
            Links = [RotaLink.DoubleHanded("hoist-a", "hoist-b")],
        };
        var rota = Solve(problem);
        var stops = rota.Routes.SelectMany(r => r.Stops.Select(s => (r.Carer, s))).ToList();
        Assert.Equal(2, stops.Select(s => s.Carer).Distinct().Count());
        Assert.All(stops, s => Assert.Equal(62, s.s.Start, 6));
    }

    [Fact]
    public void A_second_call_is_made_the_set_time_after_the_first()
    {
        var problem = new RotaProblem
        {
            Name = "second call", Travel = Line(3), Carers = [Carer("c1"), Carer("c2")],
            Visits = [new("medicines", 1, 10, 480, 540), new("check", 1, 10, 480, 600), new("other", 2, 60, 480, 500)],
            Links = [new RotaLink("medicines", "check", 30, 45)],
            // One carer could do all three with a minute's lateness and less driving: lateness is dear here.
            Weights = new RotaWeights { Lateness = 10 },
        };
        var rota = Solve(problem);
        var start = rota.Routes.SelectMany(r => r.Stops).ToDictionary(s => s.Visit, s => s.Start);
        Assert.InRange(start["check"] - start["medicines"], 30, 45);
        Assert.Equal(0, rota.Cost.Lateness);
    }

    [Fact]
    public void The_break_is_taken_in_its_window_and_no_visit_overlaps_it()
    {
        // Back-to-back visits 09:00–15:00 at one place; the break must start 12:00–13:00 and lasts 30 minutes.
        var visits = Enumerable.Range(0, 6).Select(i => new RotaVisit($"v{i}", 1, 45, 540 + i * 60, 540 + i * 60 + 120)).ToList();
        var problem = new RotaProblem
        {
            Name = "break", Travel = Line(2), Visits = visits,
            Carers = [Carer("c1", from: 480, to: 1080) with { Break = new RotaBreak(720, 780, 30) }],
        };
        var rota = Solve(problem);
        var route = rota.Routes.Single();
        Assert.NotNull(route.BreakStart);
        Assert.InRange(route.BreakStart!.Value, 720, 780);
        Assert.DoesNotContain(route.Stops, s => s.Start < route.BreakStart + 30 && s.Start + 45 > route.BreakStart);
    }

    [Fact]
    public void People_get_the_carer_they_know_when_it_costs_no_lateness()
    {
        var visits = Enumerable.Range(1, 4).Select(i => new RotaVisit($"v{i}", 1, 20, 480 + i * 30, 600)
        {
            KnownCarers = new HashSet<string> { i % 2 == 0 ? "c2" : "c1" },
        }).ToList();
        var problem = new RotaProblem
        {
            Name = "continuity", Travel = Line(2), Visits = visits, Carers = [Carer("c1"), Carer("c2")],
            Weights = new RotaWeights { Continuity = 50 },
        };
        var rota = Solve(problem);
        Assert.Equal(1.0, rota.Cost.ContinuityRate);
        Assert.Equal(4, rota.Cost.KnownCarerVisits);
    }

    [Fact]
    public void What_cannot_be_planned_is_reported_with_the_reason_and_the_rest_is_planned()
    {
        var problem = new RotaProblem
        {
            Name = "bad day", Travel = Line(60),
            Carers = [Carer("c1", from: 480, to: 600)],
            Visits =
            [
                new("fine", 1, 30, 480, 540),
                new("backwards", 1, 30, 600, 500),
                new("no-skill", 1, 30, 480, 540) { Skill = "peg feeding" },
                new("after-shift", 1, 30, 700, 720) { LatestAtAll = 720 },
                new("too-far", 59, 30, 480, 600) { LatestAtAll = 600 },
                new("pair-a", 1, 30, 480, 540), new("pair-b", 1, 30, 480, 540),
            ],
            Links = [RotaLink.DoubleHanded("pair-a", "pair-b")],
        };
        var rota = Solve(problem);
        var reasons = rota.Unplanned.ToDictionary(u => u.Visit, u => u.Reason);
        Assert.Equal(["fine"], rota.Routes.SelectMany(r => r.Stops).Select(s => s.Visit));
        Assert.Contains("closes", reasons["backwards"], StringComparison.Ordinal);
        Assert.Contains("peg feeding", reasons["no-skill"], StringComparison.Ordinal);
        Assert.Contains("shift", reasons["after-shift"], StringComparison.Ordinal);
        Assert.Contains("shift", reasons["too-far"], StringComparison.Ordinal);
        Assert.Contains("two carers", reasons["pair-a"], StringComparison.Ordinal);
        Assert.True(reasons.ContainsKey("pair-b"));
    }

    [Fact]
    public void More_visits_than_the_shift_holds_leaves_the_fewest_out_and_says_why()
    {
        // Five one-hour visits, a two-and-a-half-hour shift: two fit, three are left with a reason.
        var problem = new RotaProblem
        {
            Name = "too much", Travel = Line(2), Carers = [Carer("c1", from: 480, to: 630)],
            Visits = [.. Enumerable.Range(0, 5).Select(i => new RotaVisit($"v{i}", 1, 60, 480, 620))],
        };
        var rota = Solve(problem);
        Assert.Equal(2, rota.Routes.Single().Stops.Count);
        Assert.Equal(3, rota.Unplanned.Count);
        Assert.All(rota.Unplanned, u => Assert.False(string.IsNullOrWhiteSpace(u.Reason)));
    }

    [Fact]
    public void A_problem_that_contradicts_itself_is_refused_with_every_fault()
    {
        var problem = new RotaProblem
        {
            Name = "faulty", Travel = Line(2), Carers = [Carer("c1"), Carer("c1")],
            Visits = [new("v1", 1, -5, 0, 10), new("v1", 1, 5, 0, 10)],
            Links = [new RotaLink("v1", "ghost", 10, 5)],
        };
        var error = Assert.Throws<ArgumentException>(() => RotaSolver.Solve(problem, Quick));
        foreach (var part in new[] { "v1 is listed twice", "duration", "c1 is listed twice", "ghost", "gap" })
            Assert.Contains(part, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_validator_finds_each_broken_rule()
    {
        var problem = new RotaProblem
        {
            Name = "checked", Travel = Line(5),
            Carers = [Carer("c1", from: 480, to: 600) with { Break = new RotaBreak(500, 520, 30) }, Carer("c2", from: 480, to: 600)],
            Visits = [new("a", 4, 60, 490, 500) { Skill = "hoist" }, new("b", 1, 10, 480, 600), new("c", 1, 10, 480, 600), new("d", 2, 10, 480, 600)],
            Links = [RotaLink.DoubleHanded("b", "c")],
        };
        var bad = new RotaSolution("checked",
            [
                new RotaRoute("c1", [new RotaStop("a", 481, 481), new RotaStop("b", 545, 545)], null),
                new RotaRoute("c2", [new RotaStop("c", 481, 550), new RotaStop("b", 600, 600)], null),
            ], [], new RotaCost(0, 0, 0, 0, 0, 0, 0, 0, 0));
        var (problems, _) = RotaValidator.Check(problem, bad);
        string[] expected = ["does not have the skill hoist", "before travel allows", "before its window opens", "planned more than once",
            "works through the break", "after the shift ends", "need two carers starting together", "d is neither planned"];
        foreach (var part in expected)
            Assert.Contains(problems, p => p.Contains(part, StringComparison.Ordinal));
    }

    [Fact]
    public void Great_circle_travel_matches_a_known_distance()
    {
        // Two points one degree of latitude apart: 111.2 km as the crow flies.
        var travel = new GreatCircleTravel([(52, -1), (53, -1)], roadFactor: 1, kilometresPerHour: 60);
        Assert.Equal(111.19, travel.Distance(0, 1), 1);
        Assert.Equal(111.19, travel.Time(0, 1), 1);
        Assert.Equal(0, travel.Distance(1, 1));
    }
}
