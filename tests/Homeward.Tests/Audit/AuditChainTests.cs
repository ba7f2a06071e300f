using System.Net;
using Homeward.Access;
using Homeward.Audit;
using Homeward.Data;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Tests.Audit;

/// <summary>The audit trail's hash chain: rows sealed in order, and two sealers at once.</summary>
public sealed class AuditChainTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static async Task MakeSomeAuditRows(ApiFactory app)
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        for (var i = 0; i < 3; i++)
        {
            var referral = await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
            await (await hub.GetAsync($"/api/referrals/{referral.Str("id")}", Ct)).Expect(HttpStatusCode.OK);
        }
    }

    internal static AuditChain Chain(ApiFactory app) => app.Services.CreateScope().ServiceProvider.GetRequiredService<AuditChain>();

    [Fact]
    public async Task Sealed_rows_verify_and_new_rows_join_the_chain_where_it_ended()
    {
        await MakeSomeAuditRows(app);
        var chain = Chain(app);
        await chain.Seal(Ct);
        var intact = await chain.Verify(Ct);
        Assert.True(intact.Intact, intact.Why);
        Assert.True(intact.Sealed >= 6);
        Assert.Equal(0, intact.Unsealed);

        await MakeSomeAuditRows(app);
        Assert.True((await chain.Verify(Ct)).Unsealed >= 6);
        Assert.True(await chain.Seal(Ct) >= 6);
        Assert.True((await chain.Verify(Ct)).Intact);
    }

    [Fact]
    public async Task Two_sealers_at_once_never_give_out_the_same_place()
    {
        await MakeSomeAuditRows(app);
        var (first, second) = (Chain(app), Chain(app));

        await Task.WhenAll(first.Seal(Ct), second.Seal(Ct));
        await first.Seal(Ct);

        var result = await first.Verify(Ct);
        Assert.True(result.Intact, result.Why);
        Assert.Equal(0, result.Unsealed);
    }
}

/// <summary>
/// The database refuses changes to the audit trail; and tampering by someone who lifts that guard (the database owner) is
/// found by the chain: every kind.
/// </summary>
public sealed class AuditTamperingTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_changed_a_forged_and_a_deleted_row_are_each_found()
    {
        await AuditChainTests.MakeSomeAuditRows(app);
        var chain = AuditChainTests.Chain(app);
        await chain.Seal(Ct);
        await using var db = app.Db();

        // The database refuses to change or delete a row of the trail, whoever asks through the app's connection…
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Action\" = {"person.nothing-to-see"} WHERE \"Sequence\" = 3", Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = {4L}", Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Hash\" = {new string('0', 64)} WHERE \"Sequence\" = 2", Ct));
        Assert.True((await chain.Verify(Ct)).Intact);
        // …so the rest is what someone with the database owner's power could still do, having lifted that guard.
        if (db.Provider == DatabaseProvider.Postgres)
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEntries\" DISABLE TRIGGER USER", Ct);
        else
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER homeward_audit_no_delete; DROP TRIGGER homeward_audit_no_change;", Ct);

        // A changed row, then put back.
        var third = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Sequence == 3, Ct);
        await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Action\" = {"person.nothing-to-see"} WHERE \"Sequence\" = 3", Ct);
        var changed = await chain.Verify(Ct);
        Assert.Equal(3, changed.BrokenAt);
        Assert.Contains("does not match its hash", changed.Why, StringComparison.Ordinal);
        await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Action\" = {third.Action} WHERE \"Sequence\" = 3", Ct);
        Assert.True((await chain.Verify(Ct)).Intact);

        // A forged row at the end with a made-up hash, then removed.
        var last = await db.AuditEntries.MaxAsync(a => a.Sequence, Ct);
        db.AuditEntries.Add(new AuditEntry
        {
            At = DateTimeOffset.UtcNow, UserId = "nobody", UserName = "nobody", Action = "person.read", CorrelationId = "forged",
            Sequence = last + 1, Hash = new string('a', 64),
        });
        await db.SaveChangesAsync(Ct);
        Assert.Equal(last + 1, (await chain.Verify(Ct)).BrokenAt);
        await db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"CorrelationId\" = {"forged"}", Ct);
        Assert.True((await chain.Verify(Ct)).Intact);

        // A deleted row leaves a gap.
        await db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = {4L}", Ct);
        var gap = await chain.Verify(Ct);
        Assert.Equal(4, gap.BrokenAt);
        Assert.Contains("missing", gap.Why, StringComparison.Ordinal);
    }
}
