using System.Text.RegularExpressions;
using Homeward.Tests.Support;

namespace Homeward.Tests.Safety;

/// <summary>
/// The hazard log (docs/safety/hazard-log.md) stays true to the code: every hazard has its cause, effect, controls,
/// evidence and both risks; each risk is the one the DCB0129 matrix gives for its severity and likelihood; every test
/// named as evidence exists; and the safety case report's summary agrees with the log.
/// </summary>
public sealed partial class HazardLogTests
{
    private static readonly string[] Severities = ["Minor", "Significant", "Considerable", "Major", "Catastrophic"];
    private static readonly string[] Likelihoods = ["Very low", "Low", "Medium", "High", "Very high"];

    /// <summary>DCB0129's risk matrix: likelihood (rows, very low first) by severity (columns, minor first).</summary>
    private static readonly int[,] Matrix =
    {
        { 1, 1, 2, 2, 3 },
        { 1, 2, 2, 3, 4 },
        { 2, 2, 3, 3, 4 },
        { 2, 3, 3, 4, 5 },
        { 3, 4, 4, 5, 5 },
    };

    private sealed record Hazard(string Id, string Title, string Text);

    private static string Read(string name) => File.ReadAllText(Path.Combine(Repository.Root, "docs", "safety", name));

    private static List<Hazard> Hazards() =>
        [.. HazardPattern().Matches(Read("hazard-log.md")).Select(m => new Hazard(m.Groups["id"].Value, m.Groups["title"].Value.Trim(), m.Groups["text"].Value))];

    [Fact]
    public void Every_hazard_says_its_cause_effect_controls_evidence_and_both_risks()
    {
        var hazards = Hazards();
        Assert.True(hazards.Count >= 16, $"{hazards.Count} hazards");
        Assert.Equal(hazards.Count, hazards.Select(h => h.Id).Distinct().Count());
        foreach (var hazard in hazards)
            foreach (var part in new[] { "**Cause**", "**Effect**", "**Initial risk**", "**Controls**", "**Evidence**", "**Residual risk**" })
                Assert.True(hazard.Text.Contains(part, StringComparison.Ordinal), $"{hazard.Id} has no {part}");
    }

    [Fact]
    public void Each_risk_is_the_one_the_matrix_gives_and_no_control_makes_a_risk_worse()
    {
        foreach (var hazard in Hazards())
        {
            var risks = RiskPattern().Matches(hazard.Text).Select(m =>
            {
                var severity = Array.IndexOf(Severities, m.Groups["severity"].Value);
                var likelihood = Array.IndexOf(Likelihoods, m.Groups["likelihood"].Value);
                Assert.True(severity >= 0 && likelihood >= 0, $"{hazard.Id}: '{m.Value}' is not on the matrix");
                Assert.True(Matrix[likelihood, severity] == int.Parse(m.Groups["risk"].Value),
                    $"{hazard.Id}: {m.Value} should be {Matrix[likelihood, severity]}");
                return int.Parse(m.Groups["risk"].Value);
            }).ToList();
            Assert.True(risks.Count == 2, $"{hazard.Id} states {risks.Count} risks, not an initial and a residual one");
            Assert.True(risks[1] <= risks[0], $"{hazard.Id}: the residual risk is above the initial one");
        }
    }

    [Fact]
    public void Every_test_named_as_evidence_exists()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(Repository.Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText).ToList();
        var missing = new List<string>();
        var named = 0;
        foreach (var hazard in Hazards())
        {
            var evidence = hazard.Text[hazard.Text.IndexOf("**Evidence**", StringComparison.Ordinal)..];
            evidence = evidence[..evidence.IndexOf("**Residual risk**", StringComparison.Ordinal)];
            var tests = TestPattern().Matches(evidence).Select(m => (Class: m.Groups["class"].Value, Method: m.Groups["method"].Value)).ToList();
            Assert.True(tests.Count > 0, $"{hazard.Id} names no test as evidence");
            foreach (var (type, method) in tests)
            {
                named++;
                var declared = sources.Any(source => Regex.IsMatch(source, $@"\bclass {type}\b")
                    && Regex.IsMatch(source, $@"\[(Fact|Theory)[^\]]*\]\s*(\[[^\]]*\]\s*)*public (async Task|void) {method}\("));
                if (!declared)
                    missing.Add($"{hazard.Id}: {type}.{method}");
            }
        }
        Assert.True(missing.Count == 0, "Named as evidence but not a test: " + string.Join("; ", missing));
        Assert.True(named >= 40, $"{named} tests named");
    }

    [Fact]
    public void The_safety_case_summarises_every_hazard_with_the_logs_risks()
    {
        var report = Read("clinical-safety-case.md");
        foreach (var hazard in Hazards())
        {
            var risks = RiskPattern().Matches(hazard.Text).Select(m => m.Groups["risk"].Value).ToList();
            Assert.Contains($"| {hazard.Id} {hazard.Title} | {risks[0]} | {risks[1]} |", report);
        }
    }

    [GeneratedRegex(@"^### (?<id>H-\d{2}) (?<title>[^\n]+)\n(?<text>.*?)(?=^### |\z)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex HazardPattern();

    [GeneratedRegex(@"(?<severity>[A-Z][a-z]+) × (?<likelihood>Very low|Low|Medium|High|Very high) = \*\*(?<risk>\d)\*\*")]
    private static partial Regex RiskPattern();

    [GeneratedRegex(@"`(?<class>[A-Z][A-Za-z0-9]+Tests)\.(?<method>[A-Za-z0-9_]+)`")]
    private static partial Regex TestPattern();
}
