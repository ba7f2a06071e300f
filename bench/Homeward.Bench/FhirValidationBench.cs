using System.Diagnostics;
using System.Globalization;
using Hl7.Fhir.Model;
using Homeward.Fhir;

namespace Homeward.Bench;

/// <summary>
/// What checking a referral against UK Core costs: the validator loaded cold (UK Core and the R4 specification, every
/// profile a sender's resources are checked against), then the guide's example referral (a Patient and a
/// ServiceRequest) checked again and again, as each transaction is. Prints the load time and the per-referral times.
/// </summary>
internal static class FhirValidationBench
{
    public static void Run(int referrals)
    {
        var inv = CultureInfo.InvariantCulture;
        var folder = Path.Combine(BenchApp.Root(), "..", "shared", "fhir", "uk-core");
        var bundle = (Bundle)FhirFormat.Read(File.ReadAllText(Path.Combine(BenchApp.Root(), "docs", "fhir", "referral-bundle.json")), FhirFormatKind.Json);
        var sent = bundle.Entry.Select((e, i) => (Resource: e.Resource!, At: $"Bundle.entry[{i}].resource"))
            .Where(x => x.Resource is Patient or ServiceRequest).ToList();

        var clock = Stopwatch.StartNew();
        var validator = new UkCoreValidator(folder);
        var first = Conformance.Check(validator, sent);
        var cold = clock.Elapsed.TotalMilliseconds;
        var times = new double[referrals];
        for (var i = 0; i < referrals; i++)
        {
            clock.Restart();
            Conformance.Check(validator, sent);
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        Console.WriteLine(string.Create(inv, $"# UK Core check of a referral (Patient + ServiceRequest), {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}"));
        Console.WriteLine(string.Create(inv, $"cold (load UK Core and R4, first referral): {cold:F0} ms; issues found in the guide's example: {first.Count}"));
        Console.WriteLine(string.Create(inv,
            $"warm, {referrals} referrals: median {times[referrals / 2]:F1} ms, p95 {times[(int)(referrals * 0.95)]:F1} ms, max {times[^1]:F1} ms"));
    }
}
