using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Access;

/// <summary>A user's own break-glass accesses that are still open, newest first.</summary>
public sealed class MyBreakGlass(HomewardDb db, BreakGlassViews views, TimeProvider clock)
{
    /// <summary>The user's own accesses that are still open, newest first.</summary>
    public async Task<IReadOnlyList<BreakGlassViews.View>> Handle(Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var ids = await db.BreakGlassAccesses.AsNoTracking()
            .Where(BreakGlassAccess.OpenAt(now)).Where(b => b.UserId == actor.UserId)
            .OrderByDescending(b => b.StartedAt).Select(b => b.Id).ToListAsync(ct);
        return await views.Of(db.BreakGlassAccesses.Where(b => ids.Contains(b.Id)), ct);
    }
}
