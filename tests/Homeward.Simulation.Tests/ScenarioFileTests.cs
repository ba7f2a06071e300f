using Homeward.Simulation.Model;

namespace Homeward.Simulation.Tests;

/// <summary>Scenario files: the documented examples read and run; bad files are refused with every problem and its place.</summary>
public sealed class ScenarioFileTests
{
    private static string Example(string name)
    {
        var dir = AppContext.BaseDirectory;
        while (!Directory.Exists(Path.Combine(dir, "docs", "scenarios")))
            dir = Path.GetDirectoryName(dir) ?? throw new DirectoryNotFoundException("docs/scenarios");
        return Path.Combine(dir, "docs", "scenarios", name);
    }

    private const string Minimal = """
        { "start": "2027-01-01", "days": 30,
          "nodes": [ { "id": "P2", "capacity": 10, "stay": { "dist": "exponential", "mean": 5 } } ],
          "arrivals": [ { "node": "P2", "perDay": 2 } ] }
        """;

    private static IReadOnlyList<ScenarioProblem> ProblemsOf(string text, string file = "s.json") =>
        Assert.Throws<ScenarioException>(() => ScenarioFile.Read(text, file)).Problems;

    [Theory]
    [InlineData("three-localities.json", 9)]
    [InlineData("stroke-and-other.yaml", 2)]
    public void The_documented_examples_read_and_run(string file, int nodes)
    {
        var scenario = ScenarioFile.Read(File.ReadAllText(Example(file)), file);

        Assert.Equal(nodes, scenario.Nodes.Count);
        var result = Simulator.Run(scenario, new RunOptions { Replications = 4 }, ct: TestContext.Current.CancellationToken);
        Assert.All(result.Nodes, n => Assert.True(n.Arrivals.Mean > 0, $"{n.Node} had no arrivals"));
    }

    [Fact]
    public void A_scenario_written_out_reads_back_the_same()
    {
        var file = Example("stroke-and-other.yaml");
        var scenario = ScenarioFile.Read(File.ReadAllText(file), file);

        var again = ScenarioFile.Read(ScenarioFile.Write(scenario));

        Assert.Equal(ScenarioFile.Write(scenario), ScenarioFile.Write(again));
        var options = new RunOptions { Replications = 3, Seed = 5 };
        Assert.Equal(Simulator.Run(scenario, options, ct: TestContext.Current.CancellationToken).TotalCost,
                     Simulator.Run(again, options, ct: TestContext.Current.CancellationToken).TotalCost);
    }

    [Fact]
    public void Every_problem_is_named_with_its_place_before_anything_runs()
    {
        var problems = ProblemsOf("""
            { "start": "2027-01-01", "days": 30,
              "nodes": [
                { "id": "P2", "capacity": 10, "stay": { "dist": "lognormal", "median": 20, "mean": 10 },
                  "routes": [ { "to": "P3", "probability": 0.5 }, { "to": null, "probability": 0.4 } ] },
                { "id": "P1", "capacity": -3, "stay": { "dist": "gamma", "shape": 0, "scale": 2 }, "colour": "red" }
              ],
              "arrivals": [ { "node": "P2", "perDay": -1 }, { "node": "P9", "perDay": 1 } ] }
            """);
        var places = problems.Select(p => p.Place).ToList();

        Assert.Contains("nodes[0].stay", places);                 // mean below median
        Assert.Contains("nodes[0].routes[0].to", places);         // unknown node P3
        Assert.Contains("nodes[0].routes", places);               // sums to 0.9
        Assert.Contains("nodes[1].capacity[0]", places);          // negative
        Assert.Contains("nodes[1].stay", places);                 // gamma shape 0
        Assert.Contains("nodes[1].colour", places);               // not a field
        Assert.Contains("arrivals[0].perDay", places);            // negative rate
        Assert.Contains("arrivals[1].node", places);              // unknown node
        Assert.Contains(problems, p => p.Message.Contains("sum to 0.9", StringComparison.Ordinal));
    }

    [Fact]
    public void A_loop_with_no_way_out_is_refused()
    {
        var problems = ProblemsOf("""
            { "start": "2027-01-01", "days": 30,
              "nodes": [
                { "id": "A", "capacity": 5, "stay": 2, "routes": [ { "to": "B", "probability": 1 } ] },
                { "id": "B", "capacity": 5, "stay": 2, "routes": [ { "to": "A", "probability": 0.7 }, { "to": null, "probability": 0.0 }, { "to": "B", "probability": 0.3 } ] }
              ],
              "arrivals": [ { "node": "A", "perDay": 1 } ] }
            """);

        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.Contains("no way out", p.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{ \"start\": \"2027-01-01\", \"days\": 30, ", "s.json", "line 1")]
    [InlineData("start: 2027-01-01\ndays: [30\n", "s.yaml", "line")]
    [InlineData("[1, 2]", "s.json", "(file)")]
    [InlineData("", "s.json", "line 1")]
    public void A_malformed_file_says_where(string text, string file, string place)
    {
        var problem = Assert.Single(ProblemsOf(text, file));

        Assert.StartsWith(place, problem.Place, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_and_mistyped_fields_are_all_reported()
    {
        var problems = ProblemsOf("""{ "days": "thirty", "nodes": [ { "capacity": 4 } ], "arrivals": [ { "perDay": "x" } ] }""");
        var places = problems.Select(p => p.Place).ToList();

        Assert.Contains("start", places);
        Assert.Contains("days", places);
        Assert.Contains("nodes[0].id", places);
        Assert.Contains("nodes[0].stay", places);
        Assert.Contains("arrivals[0].node", places);
        Assert.Contains("arrivals[0].perDay", places);
    }

    [Fact]
    public void A_sweep_sets_one_input_by_node_id()
    {
        var tree = ScenarioFile.Parse(Minimal);
        ScenarioFile.Set(tree, "nodes.P2.capacity", 25);
        ScenarioFile.Set(tree, "arrivals[0].perDay", 3);
        ScenarioFile.Set(tree, "growth", 1.2);

        var scenario = ScenarioFile.FromNode(tree);

        Assert.Equal(25, scenario.Nodes[0].Capacity[0].Value);
        Assert.Equal(3, scenario.Arrivals[0].PerDay);
        Assert.Equal(1.2, scenario.Growth);
        Assert.Throws<ScenarioException>(() => ScenarioFile.Set(tree, "nodes.P7.capacity", 1));
    }

    [Fact]
    public void Hostile_input_is_refused_cleanly()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);
        Assert.Single(ProblemsOf(deep));
        var huge = Minimal.Replace("\"P2\"", "\"" + new string('x', 1_000_000) + "\"", StringComparison.Ordinal);
        Assert.Equal(1_000_000, ScenarioFile.Read(huge).Nodes[0].Id.Length);
        Assert.NotEmpty(ProblemsOf(Minimal.Replace("30", "1e400", StringComparison.Ordinal)));
        Assert.NotEmpty(ProblemsOf(Minimal.Replace("30", "100000", StringComparison.Ordinal)));
    }
}

/// <summary>Sweeps: one input varied over a range, each point checked before any runs.</summary>
public sealed class SweepTests
{
    [Fact]
    public void A_sweep_spec_reads_ranges_and_lists()
    {
        var (path, values) = Sweep.ParseSpec("nodes.P2.capacity=20..40:10");
        Assert.Equal("nodes.P2.capacity", path);
        Assert.Equal([20.0, 30, 40], values);
        Assert.Equal([1.0, 1.2], Sweep.ParseSpec("growth=1,1.2").Values);
        Assert.Equal([1.0, 2, 3], Sweep.ParseSpec("x=1..3").Values);
        foreach (var bad in new[] { "growth", "=1..2", "growth=a..b", "growth=3..1", "growth=0..1:0", "growth=0..1000:1" })
            Assert.Throws<ScenarioException>(() => Sweep.ParseSpec(bad));
    }

    [Fact]
    public void More_places_mean_fewer_delay_days()
    {
        var tree = ScenarioFile.Parse("""
            { "start": "2027-01-01", "days": 200, "warmUpDays": 50,
              "nodes": [ { "id": "P2", "capacity": 10, "stay": { "dist": "exponential", "mean": 5 } } ],
              "arrivals": [ { "node": "P2", "perDay": 1.8 } ] }
            """);

        var points = Sweep.Run(tree, "nodes.P2.capacity", [10, 14], new RunOptions { Replications = 20 }, ct: TestContext.Current.CancellationToken);

        Assert.Equal([10.0, 14], points.Select(p => p.Value));
        Assert.True(points[0].Result.TotalDelayDays.Low > points[1].Result.TotalDelayDays.High,
            $"{points[0].Result.TotalDelayDays.Mean} vs {points[1].Result.TotalDelayDays.Mean}");
        Assert.Throws<ScenarioException>(() => Sweep.Run(tree, "nodes.P9.capacity", [1], new RunOptions(), ct: TestContext.Current.CancellationToken));
    }
}
