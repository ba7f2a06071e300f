using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Homeward.Demo;

namespace Homeward.Bench;

/// <summary>
/// The figures dashboard and every national return with the largest demo county (a year of 68,000 referrals and
/// their care records): the app on Kestrel, each request timed at the client, whole response read.
/// </summary>
internal static class FiguresBench
{
    internal const int Runs = 5;
    private const string YearFrom = "2025-11-24", YearTo = "2026-11-23";

    public static async Task Run(string provider, string? connection)
    {
        string? built = null;
        await CountyBench.Run(DemoSize.Large, provider, connection, keep: true, c => built = c);
        var app = await BenchApp.Start(provider, built!);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(5) };
            var token = await http.PostAsJsonAsync("/api/auth/tokens", new { userName = "manager@demo.homeward", password = DemoAccounts.Password });
            var body = await token.Content.ReadFromJsonAsync<Dictionary<string, object>>();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body!["token"].ToString());

            Console.WriteLine($"# Figures and national returns ({provider}, Large county; {Runs} runs each after one warm-up)");
            await Measure(http, "dashboard API, default 90 days", "/api/figures");
            await Measure(http, "dashboard API, a full year by locality, monthly trend", $"/api/figures?from={YearFrom}&to={YearTo}&by=Locality&trend=Month");
            await Measure(http, "dashboard API, a full year by age band, weekly trend", $"/api/figures?from={YearFrom}&to={YearTo}&by=AgeBand&trend=Week");
            foreach (var code in new[] { "cld", "ascof-2a", "ascof-2d", "local-91-days", "weekly-intermediate-care", "discharge-delays", "urgent-response", "bcf", "sts001", "sts002a", "sts002b", "sts004" })
                await Measure(http, $"{code}, a full year, CSV", $"/api/returns/{code}?from={YearFrom}&to={YearTo}&format=csv");
            await Measure(http, "cld, a full year, XLSX", $"/api/returns/cld?from={YearFrom}&to={YearTo}&format=xlsx");
            await Measure(http, "cld, its usual period (rolling 12 months), validated, CSV", "/api/returns/cld?format=csv");
            await Measure(http, "cld, its usual period, JSON with every problem by row and field", "/api/returns/cld");
            await Measure(http, "cld data-quality report, its usual period", "/api/returns/cld/data-quality");
        }
        finally
        {
            await app.StopAsync();
            CountyBench.Remove(provider, built!);
        }
    }

    internal static async Task Measure(HttpClient http, string name, string url)
    {
        var first = await http.GetAsync(url);
        if (first.StatusCode == System.Net.HttpStatusCode.UnprocessableEntity)
        {
            // A Client Level Data file that fails its validation is refused: say so (with why) rather than time a refusal.
            Console.WriteLine($"{name}: refused by its validation: {(await first.Content.ReadAsStringAsync())[..300]}");
            return;
        }
        first.EnsureSuccessStatusCode();
        var (times, bytes) = await BenchApp.Time(http, url, Runs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: median {times[Runs / 2]:F2} s, max {times[^1]:F2} s; {bytes / 1024.0:F0} KiB"));
    }
}
