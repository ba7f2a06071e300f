using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Access;

/// <summary>The privacy officer's list of break-glass accesses to review, with how many reads each allowed.</summary>
public sealed class BreakGlassReviews(HomewardDb db, BreakGlassViews views, TimeProvider clock)
{
    /// <param name="Show">waiting (for review; the default), reviewed, or all.</param>
    public sealed record Query(string? Show = null, int? Page = null, int? PageSize = null);

    public enum Shown { Waiting, Reviewed, All }

    /// <summary>The privacy officer's review list: waiting for review first by default, oldest first, with how many reads each allowed.</summary>
    public async Task<Page<BreakGlassViews.View>> Handle(Query query, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadAudit);
        var problems = new Problems();
        var (page, size) = Page<BreakGlassViews.View>.Check(problems, query.Page, query.PageSize);
        var shown = problems.Enum<Shown>("show", query.Show, "list", required: false) ?? Shown.Waiting;
        problems.ThrowIfAny();
        var rows = db.BreakGlassAccesses.AsNoTracking();
        if (shown == Shown.Waiting)
            rows = rows.Where(b => b.ReviewedAt == null);
        else if (shown == Shown.Reviewed)
            rows = rows.Where(b => b.ReviewedAt != null);
        var total = await rows.CountAsync(ct);
        var ids = await rows.OrderBy(b => b.StartedAt).Skip((page - 1) * size).Take(size).Select(b => b.Id).ToListAsync(ct);
        var items = await views.Of(db.BreakGlassAccesses.Where(b => ids.Contains(b.Id)), ct);
        db.AuditEntries.Add(AuditEntry.For(actor, "breakglass.list", null, null, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return new Page<BreakGlassViews.View>([.. items.OrderBy(v => v.StartedAt)], total, page, size);
    }
}
