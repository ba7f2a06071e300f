using System.Globalization;
using System.Text.Json;
using Homeward.Routing;
using Homeward.Scheduling;

namespace Homeward.Bench;

/// <summary>
/// The rota optimiser on the Solomon VRPTW set (read in place from ../shared/benchmarks/solomon): per instance, the
/// distance found in the time limit against the best known (distance-only objective), checked by the validator;
/// instances run two at a time (one per core).
/// </summary>
internal static class SolomonBench
{
    public static async Task Run(int seconds, string[] only, Objective objective)
    {
        var folder = Path.Combine(BenchApp.Root(), "..", "shared", "benchmarks", "solomon");
        var best = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "BKS.json"))).RootElement;
        var files = Directory.GetFiles(folder, "*.txt").OrderBy(f => f, StringComparer.Ordinal)
            .Where(f => only.Length == 0 || only.Contains(Path.GetFileNameWithoutExtension(f), StringComparer.OrdinalIgnoreCase)).ToList();
        var inv = CultureInfo.InvariantCulture;
        // HOMEWARD_BENCH_ENGINE=OrTools measures OR-Tools' guided local search instead of string removals.
        var engine = Enum.TryParse<Engine>(Environment.GetEnvironmentVariable("HOMEWARD_BENCH_ENGINE"), true, out var e) ? e : Engine.StringRemoval;
        Console.WriteLine(string.Create(inv, $"# Solomon VRPTW, {objective}, {engine}, {seconds} s per instance, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}"));
        Console.WriteLine("| instance | vehicles | best-known vehicles | distance | best known | gap | valid |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
        var results = new (string Name, Solution Solution, bool Valid, double Best, int BestVehicles)[files.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (i, ct) =>
        {
            var name = Path.GetFileNameWithoutExtension(files[i]);
            var problem = Solomon.Parse(name, await File.ReadAllTextAsync(files[i], ct));
            var solution = RouteSolver.Solve(problem, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(seconds), Objective = objective, Engine = engine });
            var key = objective == Objective.Distance ? $"{name}_distance" : name;
            var entry = best.GetProperty(key);
            results[i] = (name, solution, Validator.Check(problem, solution).Count == 0 && solution.Unplanned.Count == 0,
                entry.GetProperty("best_known_cost").GetDouble(), entry.GetProperty("solved_with_vehicles").GetInt32());
        });
        foreach (var r in results)
            Console.WriteLine(string.Create(inv,
                $"| {r.Name} | {r.Solution.Cost.RoutesUsed} | {r.BestVehicles} | {r.Solution.Cost.Distance:F2} | {r.Best:F2} | {Gap(r.Solution.Cost.Distance, r.Best):F2}% | {(r.Valid ? "yes" : "NO")} |"));
        Console.WriteLine(string.Create(inv,
            $"mean gap {results.Average(r => Gap(r.Solution.Cost.Distance, r.Best)):F2}%; vehicles over the best known {results.Sum(r => Math.Max(0, r.Solution.Cost.RoutesUsed - r.BestVehicles))}; valid {results.Count(r => r.Valid)} of {results.Length}"));
    }

    private static double Gap(double found, double best) => 100 * (found - best) / best;
}
