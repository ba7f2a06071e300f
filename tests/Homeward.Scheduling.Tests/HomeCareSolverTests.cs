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
