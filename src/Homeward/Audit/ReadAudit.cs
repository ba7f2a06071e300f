using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Audit;

/// <summary>The audit trail, newest first, filtered by person or user. Reading it is itself audited.</summary>
public sealed class ReadAudit(HomewardDb db, TimeProvider clock)
{
    public sealed record Query(Guid? PersonId = null, string? UserId = null, int? Page = null, int? PageSize = null);

    public async Task<Page<AuditEntry>> Handle(Query query, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadAudit);
        var problems = new Problems();
        var (page, size) = Page<AuditEntry>.Check(problems, query.Page, query.PageSize);
        problems.ThrowIfAny();

        var rows = db.AuditEntries.AsNoTracking();
        if (query.PersonId is { } personId)
            rows = rows.Where(a => a.PersonId == personId);
        if (query.UserId is { Length: > 0 } userId)
            rows = rows.Where(a => a.UserId == userId);
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderByDescending(a => a.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        db.AuditEntries.Add(AuditEntry.For(actor, "audit.read", query.PersonId, null, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return new Page<AuditEntry>(items, total, page, size);
    }
}
