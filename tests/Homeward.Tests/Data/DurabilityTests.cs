using Homeward.Data;
using Homeward.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.Data;

/// <summary>
/// The app refuses to start on a database that can lose committed records. SQLite is always opened safely (WAL,
/// synchronous FULL); test.sh's throwaway PostgreSQL cluster runs with fsync off, so there the refusal is shown.
/// </summary>
public sealed class DurabilityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Strict : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:AllowUnsafeDurability", "false");
        }
    }

    [Fact]
    public async Task The_app_starts_only_on_a_durable_database()
    {
        await using var app = new Strict();
        var fsyncOff = false;
        if (TestDatabase.IsPostgres)
        {
            // The test's own database does not exist until the app creates it: ask the server's default one.
            await using var probe = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(app.ConnectionString) { Database = "postgres" }.ConnectionString);
            await probe.OpenAsync(Ct);
            await using var show = new Npgsql.NpgsqlCommand("SHOW fsync", probe);
            fsyncOff = (string?)await show.ExecuteScalarAsync(Ct) == "off";
        }
        if (fsyncOff)
        {
            var refused = Assert.ThrowsAny<Exception>(() => app.CreateClient());
            Assert.Contains("fsync off", refused.ToString(), StringComparison.Ordinal);
        }
        else
        {
            using var client = app.CreateClient();
            Assert.True((await client.GetAsync("/health", Ct)).IsSuccessStatusCode);
            await using var db = app.Db();
            Assert.Empty(await Durability.Problems(db, Ct));
        }
    }
}
