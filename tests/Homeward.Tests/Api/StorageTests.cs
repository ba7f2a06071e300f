using System.Data.Common;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.Api;

public sealed class StorageTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SQLite_runs_with_a_write_ahead_log_and_full_synchronous_commits()
    {
        Assert.SkipWhen(TestDatabase.IsPostgres, "SQLite only");
        await using var db = app.Db();
        await db.Database.OpenConnectionAsync(Ct);
        var connection = db.Database.GetDbConnection();
        Assert.Equal("wal", await Scalar(connection, "PRAGMA journal_mode;"));
        Assert.Equal("2", await Scalar(connection, "PRAGMA synchronous;")); // 2 = FULL
        Assert.Equal("1", await Scalar(connection, "PRAGMA foreign_keys;"));
    }

    [Fact]
    public async Task Every_migration_is_applied_and_the_model_has_no_pending_changes()
    {
        await using var db = app.Db();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changed since the last migration: add one for both providers.");
    }

    private static async Task<string?> Scalar(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
