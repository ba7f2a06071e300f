using Homeward.Web;
using Microsoft.AspNetCore.Builder;

namespace Homeward.Bench;

/// <summary>The real web app on Kestrel on a loopback port, for benchmarks that go through HTTP.</summary>
internal static class BenchApp
{
    public static async Task<WebApplication> Start(string provider, string connection)
    {
        var root = Directory.GetCurrentDirectory();
        while (!File.Exists(Path.Combine(root, "Homeward.slnx")))
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Run from inside the repository.");
        var app = HomewardApp.Build([
            "--urls=http://127.0.0.1:0", $"--contentRoot={Path.Combine(root, "src", "Homeward.Web")}", "--environment=Production",
            $"--Database:Provider={provider}", $"--ConnectionStrings:Homeward={connection}", "--Demo:County=false",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.EntityFrameworkCore=None",
        ]);
        await app.StartAsync();
        return app;
    }
}
