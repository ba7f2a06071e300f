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

    /// <summary>
    /// Opens an existing Homeward database and brings its schema up to date. Only a command that builds a database
    /// (<paramref name="create"/>: demo, admin create-admin, setup) may make a new one: for every other, a database that
    /// does not exist, or holds no Homeward schema, is an error (a mistyped path must not become an empty database that
    /// reports "intact" or returns zeros).
    /// </summary>
    public static async Task<CliDatabase?> Open(string provider, string? connection, CancellationToken ct, bool create = false)
    {
        // Only how long a return took is logged (to standard error, so a return written to the console stays clean).
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.None)
            .AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace).AddFilter("Homeward.Returns", LogLevel.Information));
        string connectionString;
        try
        {
            connectionString = connection ?? DefaultSqlite();
            services.AddHomeward(provider, connectionString);
            Homeward.Fhir.FhirServices.AddHomewardFhir(services);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return null;
        }
        var database = new CliDatabase(services.BuildServiceProvider());
        try
        {
            if (!create && await Missing(database.Db, connectionString, ct) is { } why)
            {
                await Console.Error.WriteLineAsync(why);
                await database.DisposeAsync();
                return null;
            }
            await database.Db.Database.MigrateAsync(ct);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"Cannot open the database: {e.Message}");
            await database.DisposeAsync();
            return null;
        }
        return database;
    }

    /// <summary>Why the database cannot be used as an existing Homeward database; null when it can.</summary>
    private static async Task<string?> Missing(HomewardDb db, string connectionString, CancellationToken ct)
    {
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
            if (!File.Exists(file))
                return $"There is no database at {Path.GetFullPath(file)}: check --database (a new one is made only by demo, admin create-admin or setup).";
        }
        else if (!await db.Database.CanConnectAsync(ct))
            return "Cannot connect to that PostgreSQL database: check --database (the host, port, database name and user).";
        if (!(await db.Database.GetAppliedMigrationsAsync(ct)).Any())
            return "That database holds no Homeward records (no Homeward schema): check --database.";
        return null;
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
