using Homeward.Access;
using Homeward.Audit;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.Audit;

/// <summary>
/// An audit row is never lost to the length of what it records: PostgreSQL refuses a value longer than its column (and
/// with it the row), SQLite does not, so both are tried.
/// </summary>
public sealed class AuditLimitsTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_long_action_and_a_long_entity_id_are_shortened_and_the_row_is_kept()
    {
        var action = "referral.read." + new string('a', 200);
        var entity = "urn:uuid:" + new string('9', 200) + "-end";
        await using (var db = app.Db())
        {
            db.AuditEntries.Add(AuditEntry.For(new Actor("limits", "limits", Role.Manager, Guid.Empty, "limits"), action, null, entity,
                DateTimeOffset.UtcNow, AuditOutcome.Denied));
            await db.SaveChangesAsync(Ct);
        }

        await using var read = app.Db();
        var row = await read.AuditEntries.AsNoTracking().SingleAsync(a => a.UserId == "limits", Ct);
        Assert.Equal(AuditEntry.ActionLength, row.Action.Length);
        Assert.StartsWith("referral.read.", row.Action, StringComparison.Ordinal);
        Assert.EndsWith("…", row.Action, StringComparison.Ordinal);
        Assert.Equal(AuditEntry.EntityIdLength, row.EntityId!.Length);
        Assert.EndsWith("-end", row.EntityId, StringComparison.Ordinal);
    }
}
