using Homeward.Web;
using Microsoft.AspNetCore.Builder;

namespace Homeward.Bench;

/// <summary>The real web app on Kestrel on a loopback port, for benchmarks that go through HTTP.</summary>
internal static class BenchApp
{
    public static async Task<WebApplication> Start(string provider, string connection)
    {
        var root = Root();
        var app = HomewardApp.Build([
            "--urls=http://127.0.0.1:0", $"--contentRoot={Path.Combine(root, "src", "Homeward.Web")}", "--environment=Production",
            $"--Database:Provider={provider}", $"--ConnectionStrings:Homeward={connection}", "--Demo:County=false",
            // The benchmarks run on a demo county and sign in with its accounts.
            "--Demo:Seed=true",
            // Many requests a second from one user: the API limit has its own test.
            "--Security:ApiRequestsPerMinute=1000000",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.EntityFrameworkCore=None",
        ]);
        await app.StartAsync();
        return app;
    }

    /// <summary>The repository's root folder (the shared benchmarks sit beside it).</summary>
    public static string Root()
    {
        var root = Directory.GetCurrentDirectory();
        while (!File.Exists(Path.Combine(root, "Homeward.slnx")))
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Run from inside the repository.");
        return root;
    }

    /// <summary>Times <paramref name="runs"/> GETs of a URL at the client, each read to the end; returns the times (sorted) and the size.</summary>
    public static async Task<(List<double> Seconds, long Bytes)> Time(HttpClient http, string url, int runs)
    {
        var times = new List<double>(runs);
        long bytes = 0;
        for (var i = 0; i < runs; i++)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var response = await http.GetAsync(url);
            var content = await response.Content.ReadAsByteArrayAsync();
            watch.Stop();
            response.EnsureSuccessStatusCode();
            bytes = content.Length;
            times.Add(watch.Elapsed.TotalSeconds);
        }
        times.Sort();
        return (times, bytes);
    }
}
