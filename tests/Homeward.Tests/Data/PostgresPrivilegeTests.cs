using System.Net;
using Homeward.Access;
using Homeward.Audit;
using Homeward.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Homeward.Tests.Data;

/// <summary>
/// On PostgreSQL the app runs as a role that does not own the tables (migrated by the owner): it works as usual, seals
/// the audit trail, and can add audit rows but cannot change, delete or truncate them, nor lift the guard or drop the table.
/// </summary>
public sealed class PostgresPrivilegeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class AppRoleFactory(string owner, string app) : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Homeward", app);
            builder.UseSetting("Database:OwnerConnectionString", owner);
        }
    }

    [Fact]
    public async Task The_apps_role_adds_to_the_audit_trail_but_cannot_change_remove_or_unguard_it()
    {
        Assert.SkipUnless(TestDatabase.IsPostgres, "PostgreSQL privileges: the suite's PostgreSQL run covers this.");
        var owner = TestDatabase.Fresh();
        var role = $"homeward_app_{Guid.NewGuid():N}"[..28];
        await using (var server = new NpgsqlConnection(Environment.GetEnvironmentVariable("HOMEWARD_TEST_PG")))
        {
            await server.OpenAsync(Ct);
            await using var create = new NpgsqlCommand($"CREATE ROLE {role} LOGIN PASSWORD 'app-role-password'", server);
            await create.ExecuteNonQueryAsync(Ct);
        }
        var app = new NpgsqlConnectionStringBuilder(owner) { Username = role, Password = "app-role-password" }.ConnectionString;
        await using var factory = new AppRoleFactory(owner, app);

        // The app works as usual on its role: a referral is stored and audited, and the trail sealed.
        var hub = await factory.ClientFor(Role.HubCoordinator);
        await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
        using (var scope = factory.Services.CreateScope())
        {
            var chain = new AuditChain(scope.ServiceProvider.GetRequiredService<Homeward.Data.HomewardDb>());
            Assert.True(await chain.Seal(Ct) > 0);
            Assert.Null((await chain.Verify(Ct)).BrokenAt);
        }

        await using var connection = new NpgsqlConnection(app);
        await connection.OpenAsync(Ct);
        await using (var whoAmI = new NpgsqlCommand("SELECT current_user", connection))
            Assert.Equal(role, (string?)await whoAmI.ExecuteScalarAsync(Ct));
        foreach (var sql in new[]
                 {
                     """UPDATE "AuditEntries" SET "Action" = 'person.nothing'""",
                     """DELETE FROM "AuditEntries" """,
                     """TRUNCATE "AuditEntries" """,
                     """ALTER TABLE "AuditEntries" DISABLE TRIGGER ALL""",
                     """DROP TABLE "AuditEntries" """,
                     """UPDATE "AuditPeople" SET "PersonId" = gen_random_uuid()""",
                     """DELETE FROM "AuditPeople" """,
                     """TRUNCATE "AuditPeople" """,
                 })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Ct));
            Assert.True(refused.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {refused.SqlState} {refused.MessageText}");
        }
        // Adding to the trail is what the app does; that still works.
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO "AuditEntries" ("At", "UserId", "UserName", "Role", "OrganisationId", "Action", "Outcome", "CorrelationId")
            VALUES (now(), 'test', 'test', 'Manager', gen_random_uuid(), 'test.insert', 'Allowed', 'test')
            """, connection))
            Assert.Equal(1, await insert.ExecuteNonQueryAsync(Ct));
    }
}
