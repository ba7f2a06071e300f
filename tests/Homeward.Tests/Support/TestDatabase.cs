using Homeward.Data;
using Npgsql;

namespace Homeward.Tests.Support;

/// <summary>
/// The database the tests run on: SQLite by default, PostgreSQL when HOMEWARD_TEST_DB=postgres
/// (./test.sh runs the suite once on each, against a throwaway PostgreSQL cluster). Each call to
/// <see cref="Fresh"/> gives an empty database of its own.
/// </summary>
public static class TestDatabase
{
    public static string Provider => Environment.GetEnvironmentVariable("HOMEWARD_TEST_DB") is { Length: > 0 } p ? p : "Sqlite";

    public static bool IsPostgres => DatabaseSetup.Parse(Provider) == DatabaseProvider.Postgres;

    public static string Fresh()
    {
        var name = $"homeward_test_{Guid.NewGuid():N}";
        if (!IsPostgres)
            return $"Data Source={Path.Combine(Path.GetTempPath(), name + ".db")}";
        var server = Environment.GetEnvironmentVariable("HOMEWARD_TEST_PG")
                     ?? throw new InvalidOperationException("Set HOMEWARD_TEST_PG to a PostgreSQL connection string (./test.sh does).");
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// Closes a stopped app's idle PostgreSQL connections (the pool outlives the app and, over the suite, would reach the
    /// server's limit of connections: a 500 in whichever test asks for many at once) and drops its database.
    /// </summary>
    public static async Task Release(string connectionString, bool drop)
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        if (!drop)
            return;
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var name = builder.Database;
        builder.Database = "postgres";
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
