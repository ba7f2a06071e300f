using System.Globalization;
using System.Text.Json.Nodes;

namespace Homeward.Simulation.Model;

/// <summary>Runs a scenario once for each value of one input (<c>nodes.P2.capacity=20..40:5</c>) and keeps each result.</summary>
public static class Sweep
{
    /// <summary>Reads <c>PATH=FROM..TO[:STEP]</c> (step 1 by default) or <c>PATH=A,B,C</c>.</summary>
    public static (string Path, IReadOnlyList<double> Values) ParseSpec(string spec)
    {
        var equals = spec.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
            throw Bad(spec);
        var path = spec[..equals].Trim();
        var range = spec[(equals + 1)..].Trim();
        static double Num(string s, string spec) =>
            double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : throw Bad(spec);
        if (range.Contains("..", StringComparison.Ordinal))
        {
            var parts = range.Split(':');
            var ends = parts[0].Split("..");
            var (from, to) = (Num(ends[0], spec), Num(ends[1], spec));
            var step = parts.Length > 1 ? Num(parts[1], spec) : 1;
            if (step <= 0 || to < from || (to - from) / step > 200)
                throw new ScenarioException([new ScenarioProblem("--sweep", "FROM..TO:STEP needs FROM ≤ TO, a step above 0, and at most 200 values")]);
            var values = new List<double>();
            for (var v = from; v <= to + step * 1e-9; v += step)
                values.Add(Math.Round(v, 9));
            return (path, values);
        }
        return (path, [.. range.Split(',').Select(v => Num(v.Trim(), spec))]);
    }

    private static ScenarioException Bad(string spec) =>
        new([new ScenarioProblem("--sweep", $"\"{spec}\" is not PATH=FROM..TO[:STEP] or PATH=A,B,C (e.g. nodes.P2.capacity=20..40:5)")]);

    public static IReadOnlyList<(double Value, SimulationResult Result)> Run(JsonNode scenario, string path, IReadOnlyList<double> values,
        RunOptions options, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        // Check every point before running any.
        var scenarios = values.Select(v =>
        {
            var copy = scenario.DeepClone();
            ScenarioFile.Set(copy, path, v);
            return (v, ScenarioFile.FromNode(copy));
        }).ToList();
        var done = 0;
        return [.. scenarios.Select(x =>
        {
            var result = Simulator.Run(x.Item2, options, ct: ct);
            progress?.Report(++done);
            return (x.v, result);
        })];
    }
}
