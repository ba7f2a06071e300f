using System.Text.Json;
using Homeward.Routing;

namespace Homeward.Bench;

/// <summary>
/// <c>Homeward.Bench schedule</c>: solves a Solomon instance (text) or a home care instance (the benchmark's JSON) and
/// writes the rota, or checks any rota against its instance and prints its cost.
/// </summary>
internal static class ScheduleCommand
{
    private static readonly JsonSerializerOptions Output = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static async Task<int> Solve(string instance, int seconds, string? output, CancellationToken ct)
    {
        if (!File.Exists(instance))
            return Fail($"No such instance file: {instance}");
        if (seconds is < 1 or > 3600)
            return Fail("The time limit must be from 1 to 3600 seconds.");
        if (instance.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            return await SolveHomeCare(instance, seconds, output, ct);
        Problem problem;
        try
        {
            problem = Solomon.Parse(Path.GetFileNameWithoutExtension(instance), await File.ReadAllTextAsync(instance, ct));
        }
        catch (FormatException e)
        {
            return Fail(e.Message);
        }
        var solution = RouteSolver.Solve(problem, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(seconds) });
        var json = JsonSerializer.Serialize(solution, Output);
        if (output is null)
            Console.WriteLine(json);
        else
            await File.WriteAllTextAsync(output, json, ct);
        var problems = Validator.Check(problem, solution);
        await Console.Error.WriteLineAsync($"{problem.Name}: distance {solution.Cost.Distance:0.##}, {solution.Cost.RoutesUsed} routes, " +
                                           $"{solution.Unplanned.Count} unplanned; validator: {(problems.Count == 0 ? "valid" : string.Join("; ", problems))}");
        return problems.Count == 0 ? 0 : 1;
    }

    /// <summary>A home care instance: the rota in the benchmark's solution format, and its cost from the validator.</summary>
    private static async Task<int> SolveHomeCare(string file, int seconds, string? output, CancellationToken ct)
    {
        try
        {
            var instance = HomeCareInstance.Parse(Path.GetFileName(file), await File.ReadAllTextAsync(file, ct));
            var rota = HomeCareSolver.Solve(instance, TimeSpan.FromSeconds(seconds));
            var json = rota.ToJson();
            if (output is null)
                Console.WriteLine(json);
            else
                await File.WriteAllTextAsync(output, json, ct);
            var (problems, cost) = HomeCareValidator.Check(instance, rota);
            await Console.Error.WriteLineAsync($"{instance.Name}: {cost}; validator: {(problems.Count == 0 ? "valid" : string.Join("; ", problems))}");
            return problems.Count == 0 ? 0 : 1;
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            return Fail(e.Message);
        }
    }

    public static async Task<int> Validate(string instance, string solution, CancellationToken ct)
    {
        foreach (var file in new[] { instance, solution }.Where(f => !File.Exists(f)))
            return Fail($"No such file: {file}");
        try
        {
            if (instance.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                var problem = HomeCareInstance.Parse(Path.GetFileName(instance), await File.ReadAllTextAsync(instance, ct));
                var (problems, cost) = HomeCareValidator.Check(problem, HomeCareSolution.Parse(await File.ReadAllTextAsync(solution, ct)));
                return Report(problems, cost.ToString());
            }
            var routing = Solomon.Parse(Path.GetFileNameWithoutExtension(instance), await File.ReadAllTextAsync(instance, ct));
            var rota = JsonSerializer.Deserialize<Solution>(await File.ReadAllTextAsync(solution, ct), Output) ?? throw new FormatException("Empty rota.");
            var cost2 = Validator.CostOf(routing, rota.Routes);
            return Report(Validator.Check(routing, rota), $"distance {cost2.Distance:0.##}, {cost2.RoutesUsed} routes");
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return Fail(e.Message);
        }
    }

    private static int Report(IReadOnlyList<string> problems, string cost)
    {
        foreach (var problem in problems)
            Console.WriteLine($"invalid: {problem}");
        Console.WriteLine(problems.Count == 0 ? $"valid; {cost}" : $"{problems.Count} problems; {cost}");
        return problems.Count == 0 ? 0 : 1;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
