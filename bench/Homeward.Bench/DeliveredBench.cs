using System.Net.Http.Headers;
using System.Net.Http.Json;
using Homeward.Demo;

namespace Homeward.Bench;

/// <summary>
/// Care planned against delivered with the largest demo county (a year of care records and their visits): every team for
/// a month and for a quarter (the longest allowed), one team for a quarter, and the CSV a commissioning team pays from;
/// the app on Kestrel, each request timed at the client, whole response read.
/// </summary>
internal static class DeliveredBench
{
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
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var month = $"from={today.AddDays(-29):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
            var quarter = $"from={today.AddDays(-91):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
            var teams = await http.GetFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>($"/api/visits/delivered?{month}");
            var visits = teams!["visits"].GetArrayLength();
            var team = teams["teams"][0].GetProperty("id").GetString();

            Console.WriteLine($"# Care planned against delivered ({provider}, Large county; {FiguresBench.Runs} runs each after one warm-up)");
            Console.WriteLine($"every team, 30 days: {visits:N0} visits");
            await FiguresBench.Measure(http, "every team, 30 days, JSON", $"/api/visits/delivered?{month}");
            await FiguresBench.Measure(http, "every team, 92 days, JSON", $"/api/visits/delivered?{quarter}");
            await FiguresBench.Measure(http, "one team, 92 days, JSON", $"/api/visits/delivered?{quarter}&serviceId={team}");
            await FiguresBench.Measure(http, "every team, 92 days, CSV", $"/api/visits/delivered.csv?{quarter}");
        }
        finally
        {
            await app.StopAsync();
            CountyBench.Remove(provider, built!);
        }
    }
}
