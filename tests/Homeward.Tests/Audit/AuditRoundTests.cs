using System.Net;
using Homeward.Access;
using Homeward.Audit;
using Homeward.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Tests.Audit;

/// <summary>
/// The audit trail is sealed by a round on the job engine: within seconds of a request its rows are in the chain, and
/// with two instances on one database the round is one job of the cluster, not one per instance.
/// </summary>
public sealed class AuditRoundTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public class Sealing : ApiFactory
    {
        public Sealing()
        {
        }

        private Sealing(string connectionString) : base(connectionString)
        {
        }

        public Sealing Beside() => new(ConnectionString) { KeepDatabase = true };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Audit:SealEverySeconds", "1");
        }
    }

    [Fact]
    public async Task Two_instances_seal_one_chain_with_one_round_between_them()
    {
        await using var first = new Sealing();
        await using var second = first.Beside();
        var here = await first.ClientFor(Role.HubCoordinator);
        var there = await second.ClientFor(Role.Manager);
        for (var i = 0; i < 5; i++)
        {
            await (await here.GetAsync("/api/referrals", Ct)).Expect(HttpStatusCode.OK);
            await (await there.GetAsync("/api/referrals", Ct)).Expect(HttpStatusCode.OK);
        }

        await using var db = first.Db();
        var until = DateTime.UtcNow.AddSeconds(20);
        while (await db.AuditEntries.AnyAsync(a => a.Sequence == null, Ct))
        {
            Assert.True(DateTime.UtcNow < until, "The audit rows were not sealed within 20 seconds.");
            await Task.Delay(200, Ct);
        }
        await using var scope = first.Services.CreateAsyncScope();
        var verification = await scope.ServiceProvider.GetRequiredService<AuditChain>().Verify(Ct);
        Assert.Null(verification.BrokenAt);
        Assert.True(verification.Sealed >= 10);
        // Both instances scheduled the round as they started: the job engine holds it once.
        Assert.Equal(1, await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM qrtz_triggers WHERE trigger_group = 'rounds' AND trigger_name = 'audit-seal'").SingleAsync(Ct));
    }
}
