using Homeward.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Homeward.Cli;

/// <summary>The database a command works on, migrated, with every use case; null (after saying why) when the settings are wrong.</summary>
internal sealed class CliDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _root;
    private readonly AsyncServiceScope _scope;

    private CliDatabase(ServiceProvider root)
    {
        _root = root;
        _scope = root.CreateAsyncScope();
    }

    public IServiceProvider Services => _scope.ServiceProvider;
    public HomewardDb Db => Services.GetRequiredService<HomewardDb>();

    public static async Task<CliDatabase?> Open(string provider, string? connection, CancellationToken ct)
    {
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        try
        {
            services.AddHomeward(provider, connection ?? DefaultSqlite());
            services.AddScoped<Homeward.Fhir.FhirApi>();
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return null;
        }
        var database = new CliDatabase(services.BuildServiceProvider());
        await database.Db.Database.MigrateAsync(ct);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _root.DisposeAsync();
    }

    internal static string DefaultSqlite()
    {
        var folder = Path.Combine(FindRoot(), "src", "Homeward.Web", "data");
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "homeward.db")}";
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Homeward.slnx")))
                return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
