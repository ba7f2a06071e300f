using System.Globalization;
using Homeward.Routing;
using Homeward.Scheduling;

namespace Homeward.Scheduling.Tests;

/// <summary>The home care validator against the 30 published best solutions (read in place), and against broken ones.</summary>
public sealed class HomeCareValidatorTests
{
    private static string Folder => Path.Combine(Repository.Root(), "..", "shared", "benchmarks", "hhcrsp-italian");

    /// <summary>Every instance with its published solution file and cost, from best.md.</summary>
    public static TheoryData<string, string, double> Published()
    {
        var data = new TheoryData<string, string, double>();
        foreach (var (instance, solution, cost) in Best())
            data.Add(instance, solution, cost);
        return data;
    }

    private static IEnumerable<(string Instance, string Solution, double Cost)> Best()
    {
        var best = Path.Combine(Folder, "best.md");
        if (!File.Exists(best))
            yield break;
        foreach (var line in File.ReadLines(best).Where(l => l.StartsWith("| instance_", StringComparison.Ordinal)))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            yield return (cells[1], cells[6], double.Parse(cells[5], CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [MemberData(nameof(Published))]
    public void Every_published_best_solution_is_valid_and_costs_what_it_says(string instance, string solution, double cost)
    {
        var problem = HomeCareInstance.Parse(instance, File.ReadAllText(Path.Combine(Folder, "instances", instance)));
        var rota = HomeCareSolution.Parse(File.ReadAllText(Path.Combine(Folder, "solutions", solution)));
        var (problems, computed) = HomeCareValidator.Check(problem, rota);
        Assert.Equal([], problems);
        Assert.Equal(cost, computed.Objective, 0.01);
    }

    [Fact]
    public void A_broken_rota_is_caught_rule_by_rule()
    {
        var (instance, solution, _) = Best().First();
        var problem = HomeCareInstance.Parse(instance, File.ReadAllText(Path.Combine(Folder, "instances", instance)));
        var rota = HomeCareSolution.Parse(File.ReadAllText(Path.Combine(Folder, "solutions", solution)));

        // A carer without the ability, a call moved before the carer could get there, and a call dropped.
        var first = rota.Routes[0];
        var unable = problem.Caregivers.First(c => !c.Abilities.Contains(first.Locations[0].Service));
        var calls = first.Locations.ToList();
        var dropped = calls[^1];
        calls.RemoveAt(calls.Count - 1);
        calls[1] = calls[1] with { ArrivalTime = 0, DepartureTime = calls[1].DepartureTime };
        var broken = new HomeCareSolution([first with { CaregiverId = unable.Id, Locations = calls }, .. rota.Routes.Skip(1)]);
        var (problems, _) = HomeCareValidator.Check(problem, broken);
        Assert.Contains(problems, p => p.Contains("is not able to give", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("before it can", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains($"Service {dropped.Service} for {dropped.Patient} is not given", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("{\"patients\": [], \"caregivers\": []}", "no patients; no caregivers; no distances")]
    [InlineData("{\"patients\": [{\"id\": \"p1\", \"time_window\": [1], \"required_caregivers\": []}], \"caregivers\": [{\"id\": \"c1\"}], \"distances\": [[0]]}",
        "time_window must be [earliest, latest]; patients[0] (p1): required_caregivers must list one or two services")]
    public void A_broken_instance_file_says_what_is_wrong(string json, string message) =>
        Assert.Contains(message, Assert.Throws<FormatException>(() => HomeCareInstance.Parse("broken", json)).Message, StringComparison.Ordinal);
}

/// <summary>The repository's root folder; the shared benchmarks sit beside it.</summary>
internal static class Repository
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Homeward.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("Run inside the repository.");
    }
}
