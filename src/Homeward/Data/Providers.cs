using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Data;

/// <summary>SQLite: the zero-setup default. Instants are stored as UTC text so they sort and compare in SQL.</summary>
public sealed class SqliteHomewardDb(DbContextOptions<SqliteHomewardDb> options) : HomewardDb(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTimeOffset, DateTime>(
#pragma warning disable RS0030 // storing an instant as UTC is not taking a day from it
        d => d.UtcDateTime,
#pragma warning restore RS0030
        d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)));
}

/// <summary>PostgreSQL (Npgsql): for shared use by many users.</summary>
public sealed class PostgresHomewardDb(DbContextOptions<PostgresHomewardDb> options) : HomewardDb(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>
/// Every SQLite connection runs with a durable journal: WAL (so readers do not block the writer),
/// synchronous=FULL (a committed transaction survives power loss), foreign keys on, and a busy
/// timeout so concurrent writers queue instead of failing.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

public static class DatabaseSetup
{
    /// <summary>
    /// Registers <see cref="HomewardDb"/> on the provider named by <paramref name="provider"/>
    /// ("Sqlite" or "Postgres").
    /// </summary>
    public static IServiceCollection AddHomewardDb(this IServiceCollection services, string provider, string connectionString)
    {
        switch (Parse(provider))
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContext<HomewardDb, SqliteHomewardDb>(o => ConfigureSqlite(o, connectionString));
                break;
            case DatabaseProvider.Postgres:
                services.AddDbContext<HomewardDb, PostgresHomewardDb>(o => ConfigurePostgres(o, connectionString));
                break;
        }
        return services;
    }

    /// <summary>Creates a context outside dependency injection (CLI, benchmarks, tests).</summary>
    public static HomewardDb Create(string provider, string connectionString) => Parse(provider) switch
    {
        DatabaseProvider.Postgres => new PostgresHomewardDb(ConfigurePostgres(new DbContextOptionsBuilder<PostgresHomewardDb>(), connectionString).Options),
        _ => new SqliteHomewardDb(ConfigureSqlite(new DbContextOptionsBuilder<SqliteHomewardDb>(), connectionString).Options),
    };

    public static DatabaseProvider Parse(string provider) =>
        provider.Trim().ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
            _ => throw new ArgumentException($"Unknown database provider '{provider}': use Sqlite or Postgres.", nameof(provider)),
        };

    private static T ConfigureSqlite<T>(T options, string connectionString) where T : DbContextOptionsBuilder
    {
        options.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas());
        return options;
    }

    private static T ConfigurePostgres<T>(T options, string connectionString) where T : DbContextOptionsBuilder
    {
        options.UseNpgsql(connectionString);
        return options;
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's context without the web host.</summary>
internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteHomewardDb>
{
    public SqliteHomewardDb CreateDbContext(string[] args) => (SqliteHomewardDb)DatabaseSetup.Create("Sqlite", "Data Source=design.db");
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresHomewardDb>
{
    public PostgresHomewardDb CreateDbContext(string[] args) => (PostgresHomewardDb)DatabaseSetup.Create("Postgres", "Host=127.0.0.1;Database=design;Username=homeward");
}
