using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Homeward.Demo;

namespace Homeward.Bench;

/// <summary>
/// Find a person with the Large county loaded: the API's person search (query, scope, one audit row per person shown)
/// timed at the client for the searches a hub coordinator makes: a common family name, a name and a date of birth, an
/// NHS number, a postcode district, and the search box's mixed words.
/// </summary>
internal static class PeopleBench
{
    private const int Warmup = 10;
    private const int Requests = 200;

    public static async Task Run(string provider, string? connection)
    {
        string? built = null;
        await CountyBench.Run(DemoSize.Large, provider, connection, keep: true, c => built = c);

        var app = await BenchApp.Start(provider, built!);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var token = await http.PostAsJsonAsync("/api/auth/tokens", new { userName = "hub@demo.homeward", password = DemoAccounts.Password });
        var body = await token.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body!["token"].ToString());

        // Someone real to look for: the first person a common name finds.
        var first = JsonSerializer.SerializeToElement((await http.GetFromJsonAsync<Dictionary<string, object>>("/api/people?name=smith&pageSize=1"))!["items"])[0];
        var (family, nhs, born) = (first.GetProperty("name").GetString()!.Split(' ')[^1], first.GetProperty("nhsNumber").GetString()!,
            first.GetProperty("dateOfBirth").GetString()!);
        var district = first.GetProperty("postcode").GetString()!.Split(' ')[0];

        Console.WriteLine($"# Find a person ({provider}, Large county; 25 a page)");
        await Measure(http, "a common family name", $"/api/people?name={family}");
        await Measure(http, "family name and date of birth", $"/api/people?name={family}&dateOfBirth={born}");
        await Measure(http, "NHS number", $"/api/people?nhsNumber={nhs}");
        await Measure(http, "postcode district", $"/api/people?postcode={district}");
        await Measure(http, "the search box: name, date and district", $"/api/people?text={Uri.EscapeDataString($"{family} {DateOnly.Parse(born, CultureInfo.InvariantCulture):d/M/yyyy} {district}")}");
        await app.StopAsync();
        CountyBench.Remove(provider, built!);
    }

    private static async Task Measure(HttpClient http, string name, string url)
    {
        for (var i = 0; i < Warmup; i++)
            (await http.GetAsync(url)).EnsureSuccessStatusCode();
        var total = JsonSerializer.SerializeToElement((await http.GetFromJsonAsync<Dictionary<string, object>>(url))!["total"]).GetInt32();
        var (seconds, _) = await BenchApp.Time(http, url, Requests);
        var times = seconds.Select(t => t * 1000).ToList();
        double P(double q) => times[(int)Math.Min(times.Count - 1, Math.Ceiling(q * times.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {total} found; p50 {P(0.50):F1} ms, p95 {P(0.95):F1} ms, max {times[^1]:F1} ms over {Requests} requests"));
    }
}
