using System.Net;
using System.Text.Json.Nodes;
using Homeward.Access;
using Homeward.Audit;
using Homeward.Data;
using Homeward.Fhir;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Tests.Data;

/// <summary>The backup drill: back up a live database, restore it into an empty one, and find everything there.</summary>
public sealed class BackupDrillTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> Export(string connection, string nhs)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHomeward(TestDatabase.Provider, connection);
        services.AddHomewardFhir();
        await using var root = services.BuildServiceProvider();
        await using var scope = root.CreateAsyncScope();
        var bundle = await scope.ServiceProvider.GetRequiredService<FhirExport>()
            .Export(nhs, "urn:drill", new Actor("system", "drill", Role.Manager, Guid.Empty, "drill"), Ct);
        var json = JsonNode.Parse(FhirFormat.Write(bundle, FhirFormatKind.Json))!.AsObject();
        json.Remove("timestamp");
        return json.ToJsonString();
    }

    private static async Task<AuditChain.Verification> Verify(string connection)
    {
        await using var db = DatabaseSetup.Create(TestDatabase.Provider, connection);
        return await new AuditChain(db).Verify(Ct);
    }

    [Fact]
    public async Task A_backup_restored_into_an_empty_database_holds_every_row_and_the_same_records()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var nhs = Bodies.NewNhsNumber();
        var referral = await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge(nhs))).Expect(HttpStatusCode.Created);
        var url = $"/api/episodes/{referral.GetProperty("episode").Str("id")}";
        await (await hub.PostJson($"{url}/triage", new { service = "Reablement", pathway = "P1" }, "\"1\"")).Expect(HttpStatusCode.OK);
        await (await hub.PostJson("/api/referrals", Bodies.UrgentCommunityResponse())).Expect(HttpStatusCode.Created);
        await using (var db = app.Db())
            await new AuditChain(db).Seal(Ct);

        var file = Path.Combine(Path.GetTempPath(), $"homeward-backup-{Guid.NewGuid():N}.backup");
        var target = TestDatabase.Fresh();
        try
        {
            var backup = await Backups.Backup(TestDatabase.Provider, app.ConnectionString, file, Ct);
            Assert.True(backup.Bytes > 0);
            // A backup holds every record: its owner alone may read it.
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.True(backup.Rows["Referrals"] >= 2);

            var restored = await Backups.Restore(TestDatabase.Provider, target, file, Ct);

            Assert.Equal(backup.Rows, restored.Rows);
            Assert.Equal(await Export(app.ConnectionString, nhs), await Export(target, nhs));
            var chain = await Verify(target);
            Assert.True(chain.Intact, chain.Why);
            Assert.Equal((await Verify(app.ConnectionString)).Sealed, chain.Sealed);

            // Never over data, never over a backup.
            var again = await Assert.ThrowsAsync<InvalidOperationException>(() => Backups.Restore(TestDatabase.Provider, target, file, Ct));
            Assert.Contains("not empty", again.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<InvalidOperationException>(() => Backups.Backup(TestDatabase.Provider, app.ConnectionString, file, Ct));
        }
        finally
        {
            File.Delete(file);
            if (!TestDatabase.IsPostgres)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                    File.Delete(target["Data Source=".Length..] + suffix);
            }
        }
    }
}
