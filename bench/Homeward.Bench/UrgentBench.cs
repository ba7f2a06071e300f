using System.Diagnostics;
using System.Globalization;
using Homeward.Routing;
using Homeward.Scheduling;

namespace Homeward.Bench;

/// <summary>
/// Urgent insertion on the Solomon instances (read in place): each instance is planned without one visit (the one
/// whose window opens last), the rota is "published", and the visit is then added as urgent at time 0. Prints whether
/// it went in, how long the insertion took, how many other visits changed carer, the added distance, and the validator's
/// verdict on the result.
/// </summary>
internal static class UrgentBench
{
    public static async Task Run(int seconds)
    {
        var folder = Path.Combine(BenchApp.Root(), "..", "shared", "benchmarks", "solomon");
        var files = Directory.GetFiles(folder, "*.txt").OrderBy(f => f, StringComparer.Ordinal).ToList();
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"# Urgent insertion on Solomon, rota planned for {seconds} s without the visit, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}"));
        Console.WriteLine("| instance | urgent visit | inserted | carer | moved | added distance | insertion ms | valid |");
        Console.WriteLine("|---|---|---|---|---:|---:|---:|---|");
        var rows = new string[files.Count];
        var times = new double[files.Count];
        var inserted = new bool[files.Count];
        var valid = new bool[files.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (i, ct) =>
        {
            var problem = Solomon.Parse(Path.GetFileNameWithoutExtension(files[i]), await File.ReadAllTextAsync(files[i], ct));
            var urgent = problem.Visits.OrderByDescending(v => v.Earliest).ThenBy(v => v.Id, StringComparer.Ordinal).First();
            var without = problem with { Visits = [.. problem.Visits.Where(v => v.Id != urgent.Id)] };
            var published = RouteSolver.Solve(without, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(seconds) });
            var clock = Stopwatch.StartNew();
            var result = UrgentInsertion.Insert(problem, published with { Unplanned = [.. published.Unplanned, new Unplanned(urgent.Id, "new")] }, urgent.Id, now: 0);
            clock.Stop();
            times[i] = clock.Elapsed.TotalMilliseconds;
            inserted[i] = result.Carer is not null;
            valid[i] = Validator.Check(problem, result.Solution).Count == 0;
            rows[i] = string.Create(inv,
                $"| {problem.Name} | {urgent.Id} | {(inserted[i] ? "yes" : "no: " + result.Reason)} | {result.Carer ?? "—"} | {result.Moved} | {result.AddedDistance:F2} | {times[i]:F1} | {(valid[i] ? "yes" : "NO")} |");
        });
        foreach (var row in rows)
            Console.WriteLine(row);
        var sorted = times.Order().ToArray();
        Console.WriteLine(string.Create(inv,
            $"inserted {inserted.Count(x => x)} of {files.Count}; valid {valid.Count(x => x)} of {files.Count}; insertion time median {sorted[sorted.Length / 2]:F1} ms, max {sorted[^1]:F1} ms"));
    }
}
