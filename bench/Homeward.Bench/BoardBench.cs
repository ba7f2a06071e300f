using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Homeward.Demo;
using Homeward.Web;
using Microsoft.AspNetCore.Builder;

namespace Homeward.Bench;

/// <summary>
/// The hub board's and the worklists' server time with the largest demo county (the hub's Needs attention, a hospital
/// team's and a provider's Your day): the app is served by Kestrel on loopback, and each request renders the whole page
/// (query, grouping, audit rows, HTML), timed at the client.
/// </summary>
internal static class BoardBench
{
    private const int Warmup = 20;
    private const int Requests = 200;

    public static async Task Run(string provider, string? connection)
    {
        string? built = null;
        await CountyBench.Run(DemoSize.Large, provider, connection, keep: true, c => built = c);

        var app = await BenchApp.Start(provider, built!);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        await SignIn(http, "hub@demo.homeward");

        var localities = await http.GetFromJsonAsync<Dictionary<string, object>>("/api/board?pageSize=1");
        var locality = System.Text.Json.JsonSerializer.SerializeToElement(localities!["localities"])[0].GetProperty("value").GetString();

        Console.WriteLine($"# Hub board and worklists, server time ({provider}, Large county)");
        await Measure(http, "default view (/board)", "/board");
        await Measure(http, "filtered view (locality, P1, hospital discharge)", $"/board?locality={locality}&pathway=P1&route=HospitalDischarge");
        await Measure(http, "sorted by delay, page 3", "/board?sort=Delay&desc=true&page=3");
        await Measure(http, "needs attention with the system's pressure (/attention, the hub)", "/attention");
        await Measure(http, "live alert counts (/attention/alerts, polled by every hub page)", "/attention/alerts");
        await Measure(http, "system pressure (/pressure)", "/pressure");
        foreach (var (user, who) in new[] { ("discharge@demo.homeward", "a hospital team"), ("provider@demo.homeward", "a provider") })
        {
            using var other = new HttpClient { BaseAddress = http.BaseAddress };
            await SignIn(other, user);
            await Measure(other, $"your day (/home, {who})", "/home");
        }
        await app.StopAsync();
        CountyBench.Remove(provider, built!);
    }

    private static async Task SignIn(HttpClient http, string user)
    {
        var token = await http.PostAsJsonAsync("/api/auth/tokens", new { userName = user, password = DemoAccounts.Password });
        var body = await token.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body!["token"].ToString());
    }

    private static async Task Measure(HttpClient http, string name, string url)
    {
        for (var i = 0; i < Warmup; i++)
            (await http.GetAsync(url)).EnsureSuccessStatusCode();
        var (seconds, bytes) = await BenchApp.Time(http, url, Requests);
        var times = seconds.Select(t => t * 1000).ToList();
        double P(double q) => times[(int)Math.Min(times.Count - 1, Math.Ceiling(q * times.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: p50 {P(0.50):F1} ms, p95 {P(0.95):F1} ms, max {times[^1]:F1} ms over {Requests} requests; page {bytes / 1024.0:F0} KiB"));
    }
}
