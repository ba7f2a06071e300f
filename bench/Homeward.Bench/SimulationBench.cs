using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Homeward.Simulation.Engine;
using Homeward.Simulation.Model;
using Homeward.Simulation.Optimisation;

namespace Homeward.Bench;

/// <summary>
/// The simulator's speed: the engine alone (a hold model on the event queue), the flow model on M/M/c on one
/// thread, a planning-size run (3 pathways × 3 localities, 181 days, 1,000 replications), and the same M/M/c model
/// side by side with SimPy (Debian's python3-simpy3), whose results must agree within their confidence intervals.
/// </summary>
internal static class SimulationBench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task Run(string what, params string[] args)
    {
        Console.WriteLine(string.Create(Inv, $"# Simulator, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}, .NET {Environment.Version}"));
        if (what is "all" or "engine")
        {
            Hold();
            MmcOneThread();
        }
        if (what is "all" or "planning")
            Planning();
        if (what is "all" or "simpy")
            await SideBySide();
        if (what is "all" or "optimise")
            Optimise(args.Length > 0 ? args[0] : null);
    }

    /// <summary>
    /// The capacity optimiser on a nine-node scenario (the demo county's live scenario when given its file, otherwise
    /// the three-localities example): the target, the plan against today's, and the time it took.
    /// </summary>
    private static void Optimise(string? file)
    {
        file ??= Path.Combine(BenchApp.Root(), "docs", "scenarios", "three-localities.json");
        var scenario = ScenarioFile.Read(File.ReadAllText(file), file);
        foreach (var target in new[] { new PlanTarget(TargetKind.StartWithin, 0.95, 2), new PlanTarget(TargetKind.DelayDays, 500) })
        {
            var plan = CapacityOptimiser.Optimise(scenario, new OptimiseOptions { Target = target, Seed = 1 });
            Console.WriteLine(string.Create(Inv,
                $"- optimiser, {Path.GetFileName(file)} ({scenario.Nodes.Count} nodes, {scenario.Days} days + {scenario.WarmUpDays} warm-up), target {target}: " +
                $"{plan.Elapsed.TotalSeconds:0.0} s, {plan.Evaluations} plans run, {plan.Events:N0} events; plan £{plan.Cost:N0} against today's £{plan.TodayCost:N0}; " +
                $"measure {plan.Measure.Mean:0.####} ± {plan.Measure.HalfWidth:0.####} (today {plan.TodayMeasure.Mean:0.####}); meets: {plan.Meets}"));
            foreach (var node in plan.Nodes)
                Console.WriteLine(string.Create(Inv, $"  - {node.Name}: {node.Today} → {node.Planned} (bounds {node.Min}–{node.Max}, £{node.UnitCostPerDay:0.##} a unit a day)"));
            foreach (var note in plan.Notes)
                Console.WriteLine($"  - note: {note}");
        }
    }

    /// <summary>The classic hold model: take the next event, schedule one a random time later, with 1,000 pending.</summary>
    private static void Hold()
    {
        var queue = new EventQueue(2048);
        var random = new Xoshiro(1);
        for (var i = 0; i < 1000; i++)
            queue.Schedule(random.NextDouble(), 0, i);
        const int n = 50_000_000;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            var e = queue.Take();
            queue.Schedule(e.Time - Math.Log(random.NextOpen()), e.Kind, e.Subject);
        }
        clock.Stop();
        Console.WriteLine(string.Create(Inv, $"- engine (hold model, 1,000 pending events): {n / clock.Elapsed.TotalSeconds / 1e6:0.0} million events/s, one thread"));
    }

    private static Scenario Mmc(double lambda, double meanStay, int servers, int days, int warmUp) => new()
    {
        Name = "M/M/c",
        Start = new DateOnly(2027, 1, 1),
        Days = days,
        WarmUpDays = warmUp,
        Nodes = [new NodeSpec { Id = "pool", Capacity = [new CapacityStep(DateOnly.MinValue, servers)], Default = new Pathway(new Exponential(meanStay), [new Route(null, 1)]) }],
        Arrivals = [new ArrivalSpec { Node = "pool", PerDay = lambda }],
    };

    /// <summary>The whole flow model (arrivals, queue, stays, daily figures) on M/M/10 at 80% busy, one thread.</summary>
    private static void MmcOneThread()
    {
        // 800 arrivals and a 0.01-day stay: 1,600 events a day, so the daily bookkeeping is a small share.
        var scenario = Mmc(800, 0.01, 10, 3_600, 50);
        Simulator.Run(scenario with { Days = 200 }, new RunOptions { Replications = 1, Threads = 1 });
        var result = Simulator.Run(scenario, new RunOptions { Replications = 1, Threads = 1 });
        Console.WriteLine(string.Create(Inv,
            $"- flow model, M/M/10 at 80%: {result.Events:N0} events in {result.Elapsed.TotalSeconds:0.00} s = {result.Events / result.Elapsed.TotalSeconds / 1e6:0.0} million events/s, one thread " +
            $"(P(wait) {result.Nodes[0].ProbabilityOfWaiting.Mean:0.0000}, exact {Queueing.ErlangC(10, 8):0.0000})"));
    }

    private static void Planning()
    {
        var file = Path.Combine(BenchApp.Root(), "docs", "scenarios", "three-localities.json");
        var scenario = ScenarioFile.Read(File.ReadAllText(file), file);
        Simulator.Run(scenario, new RunOptions { Replications = 20 });
        var times = new List<double>();
        SimulationResult? last = null;
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            last = Simulator.Run(scenario, new RunOptions { Replications = 1000, Seed = i + 1 });
            times.Add(clock.Elapsed.TotalSeconds);
        }
        times.Sort();
        Console.WriteLine(string.Create(Inv,
            $"- planning run (9 nodes: P1/P2/P3 × 3 localities, 181 days + 60 warm-up, 1,000 replications, {Environment.ProcessorCount} threads): " +
            $"{times[0]:0.00} / {times[1]:0.00} / {times[2]:0.00} s (best / median / worst of 3), {last!.Events:N0} events, " +
            $"{last.Events / times[1] / 1e6:0.0} million events/s; total delay days {last.TotalDelayDays.Mean:N0} ± {last.TotalDelayDays.HalfWidth:N0}"));
    }

    /// <summary>The same M/M/c model in Homeward and in SimPy: results within their confidence intervals, and the speed ratio.</summary>
    private static async Task SideBySide()
    {
        const double lambda = 80, mu = 10;
        const int servers = 10, days = 3_000, warmUp = 100, replications = 10;
        var scenario = Mmc(lambda, 1 / mu, servers, days - warmUp, warmUp);
        var ours = Simulator.Run(scenario, new RunOptions { Replications = replications, Threads = 1, Seed = 42 });
        var ourSeconds = ours.Elapsed.TotalSeconds / replications;

        var script = Path.Combine(BenchApp.Root(), "bench", "simpy", "mmc.py");
        var start = new ProcessStartInfo("/usr/bin/python3", [script, $"{lambda}", $"{mu}", $"{servers}", $"{days}", $"{warmUp}", $"{replications}", "42"])
        { RedirectStandardOutput = true };
        using var python = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var lines = new List<JsonElement>();
        while (await python.StandardOutput.ReadLineAsync() is { } line)
            lines.Add(JsonDocument.Parse(line).RootElement);
        await python.WaitForExitAsync();
        if (python.ExitCode != 0 || lines.Count != replications)
        {
            Console.WriteLine("- SimPy did not run: install python3-simpy3 (bench/run.sh simulation does) and see bench/simpy/mmc.py");
            return;
        }
        Spread Of(string key) => Spread.Of([.. lines.Select(l => l.GetProperty(key).GetDouble())]);
        var (simpyWait, simpyP, simpyBusy) = (Of("mean_wait"), Of("p_wait"), Of("busy"));
        var simpySeconds = lines.Average(l => l.GetProperty("seconds").GetDouble());
        var simpyEvents = lines.Average(l => l.GetProperty("events").GetDouble());
        var node = ours.Nodes[0];
        static string Ci(Spread s) => string.Create(Inv, $"{s.Mean:0.0000} ± {s.HalfWidth:0.0000}");
        static string Agree(Spread a, Spread b) => Math.Abs(a.Mean - b.Mean) <= Math.Sqrt(a.HalfWidth * a.HalfWidth + b.HalfWidth * b.HalfWidth) * 1.5 ? "agree" : "DIFFER";
        Console.WriteLine(string.Create(Inv, $"- M/M/{servers}, λ {lambda}/day, mean stay {1 / mu} day, {days:N0} days ({warmUp:N0} warm-up), {replications} replications, one thread each:"));
        Console.WriteLine("  | figure | exact | Homeward (95% CI) | SimPy 3.0.11 (95% CI) | |");
        Console.WriteLine("  |---|---:|---:|---:|---|");
        Console.WriteLine(string.Create(Inv, $"  | mean wait (days) | {Queueing.MeanWait(servers, lambda, mu):0.0000} | {Ci(node.MeanWait)} | {Ci(simpyWait)} | {Agree(node.MeanWait, simpyWait)} |"));
        Console.WriteLine(string.Create(Inv, $"  | P(wait) | {Queueing.ErlangC(servers, lambda / mu):0.0000} | {Ci(node.ProbabilityOfWaiting)} | {Ci(simpyP)} | {Agree(node.ProbabilityOfWaiting, simpyP)} |"));
        Console.WriteLine(string.Create(Inv, $"  | busy places | {lambda / mu:0.0000} | {Ci(node.Occupancy)} | {Ci(simpyBusy)} | {Agree(node.Occupancy, simpyBusy)} |"));
        Console.WriteLine(string.Create(Inv,
            $"  seconds per replication: Homeward {ourSeconds:0.0000} ({ours.Events / replications:N0} events incl. {days:N0} midnights), " +
            $"SimPy {simpySeconds:0.000} ({simpyEvents:N0} events): Homeward is {simpySeconds / ourSeconds:0}× faster"));
    }
}
