using System.Text.Json;
using Homeward.Scheduling;

namespace Homeward.Cli;

/// <summary>
/// <c>homeward schedule</c>: solves a Solomon instance (text) and writes the rota as JSON, or checks any rota against
/// its instance (Solomon text with a rota from this command; home care JSON with a rota in the benchmark's solution
/// format) and prints its cost. Solving the home care format is not built yet and says so.
/// </summary>
internal static class ScheduleCommand
{
    private static readonly JsonSerializerOptions Output = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static async Task<int> Solve(string instance, int seconds, string? output, CancellationToken ct)
    {
        if (!File.Exists(instance))
            return Fail($"No such instance file: {instance}");
        if (instance.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            return Fail("Solving the home care (JSON) format is not built yet: only --validate works for it. Solomon text instances can be solved.");
        if (seconds is < 1 or > 3600)
            return Fail("--time-limit must be from 1 to 3600 seconds.");
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
