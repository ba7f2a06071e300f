using Homeward.Routing;
using Homeward.Scheduling;

namespace Homeward.Scheduling.Tests;

/// <summary>The home care solver's rotas, checked by the independent validator.</summary>
public sealed class HomeCareSolverTests
{
    private static string Instances => Path.Combine(Repository.Root(), "..", "shared", "benchmarks", "hhcrsp-italian", "instances");

    [Fact]
    public void The_smallest_benchmark_instance_gets_a_valid_rota_with_every_service_given()
    {
        var file = Directory.Exists(Instances) ? Directory.GetFiles(Instances, "instance_003-*.json").SingleOrDefault() : null;
        Assert.SkipWhen(file is null, "The shared benchmarks are not beside the repository.");
        var instance = HomeCareInstance.Parse(Path.GetFileName(file!), File.ReadAllText(file!));
        var rota = HomeCareSolver.Solve(instance, TimeSpan.FromSeconds(3));
        var (problems, cost) = HomeCareValidator.Check(instance, rota);
        Assert.Equal([], problems);
        Assert.Equal(instance.Patients.Sum(p => p.Needs.Count), rota.Routes.Sum(r => r.Locations.Count));
        Assert.True(cost.Objective > 0);
    }

    [Fact]
    public void A_rota_is_written_exactly_as_the_benchmark_s_own_best_solutions_are()
    {
        var file = Directory.Exists(Instances) ? Directory.GetFiles(Instances, "instance_003-*.json").SingleOrDefault() : null;
        Assert.SkipWhen(file is null, "The shared benchmarks are not beside the repository.");
        var instance = HomeCareInstance.Parse(Path.GetFileName(file!), File.ReadAllText(file!));
        var published = Directory.GetFiles(Path.Combine(Instances, "..", "solutions"), "sol-instance_003-*.json").Single();
        using var theirs = System.Text.Json.JsonDocument.Parse(File.ReadAllText(published));
        var rota = HomeCareSolver.Solve(instance, TimeSpan.FromSeconds(2));
        using var ours = System.Text.Json.JsonDocument.Parse(rota.ToJson());

        // The same keys in the same order, at every level.
        static string[] Keys(System.Text.Json.JsonElement e) => [.. e.EnumerateObject().Select(p => p.Name)];
        Assert.Equal(Keys(theirs.RootElement), Keys(ours.RootElement));
        static System.Text.Json.JsonElement FirstCall(System.Text.Json.JsonDocument d) =>
            d.RootElement.GetProperty("routes").EnumerateArray().First(r => r.TryGetProperty("locations", out _)).GetProperty("locations")[0];
        Assert.Equal(Keys(FirstCall(theirs)), Keys(FirstCall(ours)));
        // A carer with no calls has no locations, as theirs; every patient once in the ordering.
        Assert.All(ours.RootElement.GetProperty("routes").EnumerateArray(), r => Assert.True(!r.TryGetProperty("locations", out var l) || l.GetArrayLength() > 0));
        Assert.Equal(instance.Patients.Select(p => p.Id).Order(), ours.RootElement.GetProperty("global_ordering").EnumerateArray().Select(p => p.GetString()!).Order());
        // arrival_time is when the service starts: departure is arrival plus the service's duration, in theirs and ours.
        var durations = instance.Patients.SelectMany(p => p.Needs.Select(n => ((p.Id, n.Service), n.Duration))).ToDictionary(x => x.Item1, x => x.Duration);
        foreach (var doc in new[] { theirs, ours })
            foreach (var call in doc.RootElement.GetProperty("routes").EnumerateArray().Where(r => r.TryGetProperty("locations", out _))
                         .SelectMany(r => r.GetProperty("locations").EnumerateArray()))
                Assert.Equal(durations[(call.GetProperty("patient").GetString()!, call.GetProperty("service").GetString()!)],
                    call.GetProperty("departure_time").GetDouble() - call.GetProperty("arrival_time").GetDouble(), 6);
        // Read back, it is the same rota, valid.
        var (problems, _) = HomeCareValidator.Check(instance, HomeCareSolution.Parse(rota.ToJson()));
        Assert.Equal([], problems);
    }

    [Fact]
    public void Double_handed_and_sequential_services_are_timed_together_on_a_hand_made_day()
    {
        // Office at 0; three patients 10 minutes from it and from each other. p1 needs two carers at once (s1 and s2),
        // p2 a second service 30–40 minutes after the first, p3 one service (s2) that only carer c2 can give.
        double[][] distances = [[0, 10, 10, 10], [10, 0, 10, 10], [10, 10, 0, 10], [10, 10, 10, 0]];
        var instance = new HomeCareInstance
        {
            Name = "hand-made", Distances = distances,
            Patients =
            [
                new("p1", 0, 100, [new("s1", 20), new("s2", 20)], new HomeCareInstance.Synchronisation(true, 0, 0)),
                new("p2", 0, 200, [new("s1", 15), new("s2", 15)], new HomeCareInstance.Synchronisation(false, 30, 40)),
                new("p3", 50, 300, [new("s2", 10)], null),
            ],
            Caregivers = [new("c1", new HashSet<string> { "s1" }), new("c2", new HashSet<string> { "s1", "s2" })],
        };
        var rota = HomeCareSolver.Solve(instance, TimeSpan.FromSeconds(1));
        var (problems, cost) = HomeCareValidator.Check(instance, rota);
        Assert.Equal([], problems);
        Assert.Equal(0, cost.TotalTardiness);
        var calls = rota.Routes.SelectMany(r => r.Locations.Select(l => (r.CaregiverId, l))).ToList();
        var p1 = calls.Where(c => c.l.Patient == "p1").ToList();
        Assert.Equal(2, p1.Select(c => c.CaregiverId).Distinct().Count());
        Assert.Equal(p1[0].l.DepartureTime - 20, p1[1].l.DepartureTime - 20);
        var p2 = calls.Where(c => c.l.Patient == "p2").OrderBy(c => c.l.Service).ToList();
        Assert.InRange(p2[1].l.DepartureTime - p2[0].l.DepartureTime, 30, 40);
        Assert.All(calls.Where(c => c.l.Service == "s2"), c => Assert.Equal("c2", c.CaregiverId));
    }

    [Fact]
    public void A_service_nobody_can_give_is_refused_with_its_name()
    {
        var instance = new HomeCareInstance
        {
            Name = "impossible", Distances = [[0, 5], [5, 0]],
            Patients = [new("p1", 0, 100, [new("s9", 20)], null)],
            Caregivers = [new("c1", new HashSet<string> { "s1" })],
        };
        var error = Assert.Throws<InvalidOperationException>(() => HomeCareSolver.Solve(instance, TimeSpan.FromSeconds(1)));
        Assert.Contains("s9", error.Message, StringComparison.Ordinal);
    }
}
