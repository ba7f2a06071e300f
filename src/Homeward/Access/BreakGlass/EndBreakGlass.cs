using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Access;

/// <summary>A user closes their own break-glass access before its time limit.</summary>
public sealed class EndBreakGlass(HomewardDb db, BreakGlassViews views, TimeProvider clock)
{
    /// <summary>Closes the user's own access before its time limit.</summary>
    public async Task<BreakGlassViews.View> Handle(Guid id, Actor actor, CancellationToken ct)
    {
        var access = await db.BreakGlassAccesses.SingleOrDefaultAsync(b => b.Id == id && b.UserId == actor.UserId, ct)
                     ?? throw new NotFoundException("break-glass access", id);
        var now = clock.GetUtcNow();
        if (access.IsActive(now))
        {
            access.EndedAt = now;
            db.AuditEntries.Add(AuditEntry.For(actor, "breakglass.end", access.PersonId, access.Id, now, AuditOutcome.Emergency));
            await db.SaveChangesAsync(ct);
        }
        return await views.Get(id, ct);
    }
}
