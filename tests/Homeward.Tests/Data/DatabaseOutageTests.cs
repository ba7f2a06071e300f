using System.Data.Common;
using System.Net;
using System.Net.Sockets;
using Homeward.Access;
using Homeward.Data;
using Homeward.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Homeward.Tests.Data;

/// <summary>
/// While the database is away (restarting, failing over) every request is answered 503 with Retry-After, API and pages
/// alike, nothing half-saved; when it is back the app answers again without being restarted.
/// </summary>
public sealed class DatabaseOutageTests(DatabaseOutageTests.Outage app) : IClassFixture<DatabaseOutageTests.Outage>
{
    /// <summary>The app, with a switch that makes every new database connection fail as a refused one does.</summary>
    public sealed class Outage : ApiFactory
    {
        public volatile bool Down;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            var refuse = new Refuse(this);
            builder.ConfigureTestServices(s =>
            {
                if (TestDatabase.IsPostgres)
                    s.ConfigureDbContext<PostgresHomewardDb>(o => o.AddInterceptors(refuse));
                else
                    s.ConfigureDbContext<SqliteHomewardDb>(o => o.AddInterceptors(refuse));
            });
        }

        private sealed class Refuse(Outage outage) : DbConnectionInterceptor
        {
            public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData,
                InterceptionResult result, CancellationToken cancellationToken = default) =>
                outage.Down ? throw new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)) : ValueTask.FromResult(result);

            public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
                outage.Down ? throw new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)) : result;
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Requests_while_the_database_is_away_get_503_with_retry_after_and_the_app_recovers_by_itself()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        await (await hub.GetAsync("/api/referrals", Ct)).Expect(HttpStatusCode.OK);
        await using (var db = app.Db())
        {
            var before = await db.Referrals.CountAsync(Ct);
            app.Down = true;
            try
            {
                var api = await hub.PostJson("/api/referrals", Bodies.HospitalDischarge());
                var problem = await api.Expect(HttpStatusCode.ServiceUnavailable);
                Assert.Equal("5", api.Headers.GetValues("Retry-After").Single());
                Assert.Contains("database", problem.Str("detail"), StringComparison.Ordinal);

                var page = await hub.GetAsync("/board", Ct);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
                Assert.Equal("5", page.Headers.GetValues("Retry-After").Single());
                var html = await page.Content.ReadAsStringAsync(Ct);
                Assert.Contains("briefly unavailable", html, StringComparison.Ordinal);
                Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
            }
            finally
            {
                app.Down = false;
            }
            Assert.Equal(before, await db.Referrals.CountAsync(Ct));
        }

        // Back: the same app answers, and the referral can be sent again.
        await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await hub.GetAsync("/board", Ct)).StatusCode);
    }

    [Fact]
    public void What_counts_as_the_database_being_away()
    {
        Assert.True(DatabaseOutage.Is(new NpgsqlException("x", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.True(DatabaseOutage.Is(new DbUpdateException("x", new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"))));
        Assert.True(DatabaseOutage.Is(new InvalidOperationException("x", new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03"))));
        Assert.True(DatabaseOutage.Is(new PostgresException("connection failure", "FATAL", "FATAL", "08006")));
        Assert.False(DatabaseOutage.Is(new DbUpdateException("x", new PostgresException("duplicate key", "ERROR", "ERROR", "23505"))));
        Assert.False(DatabaseOutage.Is(new InvalidOperationException("a bug")));
        Assert.True(DatabaseOutage.Is(new Microsoft.Data.Sqlite.SqliteException("database is locked", 5)));
    }
}
