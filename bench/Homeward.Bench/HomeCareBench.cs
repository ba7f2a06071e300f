using System.Globalization;
using Homeward.Routing;
using Homeward.Scheduling;

namespace Homeward.Bench;

/// <summary>
/// The home care solver on the Italian benchmark set (read in place): per instance, the objective of the rota found
/// in the time limit against the published best, every rota checked by the independent validator; two at a time.
/// </summary>
internal static class HomeCareBench
{
    public static async Task Run(int seconds)
    {
        var folder = Path.Combine(BenchApp.Root(), "..", "shared", "benchmarks", "hhcrsp-italian");
        var best = File.ReadLines(Path.Combine(folder, "best.md")).Where(l => l.StartsWith("| instance_", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries)).ToDictionary(c => c[1], c => double.Parse(c[5], CultureInfo.InvariantCulture));
        // HOMEWARD_BENCH_ONLY=000,018 runs just those instances (for trying a change quickly).
        var only = Environment.GetEnvironmentVariable("HOMEWARD_BENCH_ONLY")?.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var names = best.Keys.Where(n => only is null || only.Any(o => n.StartsWith("instance_" + o, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal).ToList();
        var rows = new string[names.Count];
        var gaps = new double?[names.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, names.Count), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (i, ct) =>
        {
            var instance = HomeCareInstance.Parse(names[i], await File.ReadAllTextAsync(Path.Combine(folder, "instances", names[i]), ct));
            try
            {
                var rota = HomeCareSolver.Solve(instance, TimeSpan.FromSeconds(seconds));
                var (problems, cost) = HomeCareValidator.Check(instance, rota);
                var gap = 100 * (cost.Objective - best[names[i]]) / best[names[i]];
                gaps[i] = problems.Count == 0 ? gap : null;
                rows[i] = string.Create(CultureInfo.InvariantCulture,
                    $"| {names[i][..12]} | {instance.Patients.Count} | {cost.Distance:0} | {cost.TotalTardiness:0} | {cost.MaxTardiness:0} | {cost.Objective:0.00} | {best[names[i]]:0.00} | {gap:F1}% | {(problems.Count == 0 ? "yes" : $"NO: {problems[0]}")} |");
            }
            catch (InvalidOperationException e)
            {
                rows[i] = $"| {names[i][..12]} | {instance.Patients.Count} | | | | | {best[names[i]]:0.00} | | no plan: {e.Message} |";
            }
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# Home care (hhcrsp-italian), {seconds} s per instance, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}"));
        Console.WriteLine("| instance | patients | distance | total tardiness | max tardiness | objective | best known | gap | valid |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var row in rows)
            Console.WriteLine(row);
        var valid = gaps.Where(g => g is not null).Select(g => g!.Value).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"valid {valid.Count} of {names.Count}; mean gap over the valid {(valid.Count == 0 ? 0 : valid.Average()):F1}%"));
    }
}
