using Homeward.Audit;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Access;

/// <summary>Break-glass accesses as shown: whose record, why, for how long, how many reads it allowed, and its review.</summary>
public sealed class BreakGlassViews(HomewardDb db, TimeProvider clock)
{
    public sealed record View(Guid Id, string UserName, Role Role, string? Organisation, Guid PersonId, string PersonName, string NhsNumber,
        string Reason, DateTimeOffset StartedAt, DateTimeOffset ExpiresAt, DateTimeOffset? EndedAt, bool Active, int Reads,
        DateTimeOffset? ReviewedAt, string? ReviewedBy, BreakGlassVerdict? Verdict, string? ReviewNote, string? ChangeReason = null);

    public async Task<View> Get(Guid id, CancellationToken ct) =>
        (await Of(db.BreakGlassAccesses.Where(b => b.Id == id), ct)).Single();

    public async Task<IReadOnlyList<View>> Of(IQueryable<BreakGlassAccess> accesses, CancellationToken ct)
    {
        var rows = await (from b in accesses.AsNoTracking()
                          join p in db.People.AsNoTracking() on b.PersonId equals p.Id
                          join o in db.Organisations.AsNoTracking() on b.OrganisationId equals o.Id into orgs
                          from o in orgs.DefaultIfEmpty()
                          select new { b, p.GivenName, p.FamilyName, p.NhsNumber, Organisation = o.Name }).ToListAsync(ct);
        var userIds = rows.Select(r => r.b.UserId).Distinct().ToList();
        var personIds = rows.Select(r => r.b.PersonId).Distinct().ToList();
        var emergencyReads = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Outcome == AuditOutcome.Emergency && userIds.Contains(a.UserId) && a.PersonId != null && personIds.Contains(a.PersonId.Value)
                        && !a.Action.StartsWith("breakglass."))
            .Select(a => new { a.UserId, PersonId = a.PersonId!.Value, a.At }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return [.. rows.OrderByDescending(r => r.b.StartedAt).Select(r => new View(r.b.Id, r.b.UserName, r.b.Role, r.Organisation, r.b.PersonId,
            $"{r.GivenName} {r.FamilyName}", People.Person.Show(r.NhsNumber), r.b.Reason, r.b.StartedAt, r.b.ExpiresAt, r.b.EndedAt, r.b.IsActive(now),
            emergencyReads.Count(a => a.UserId == r.b.UserId && a.PersonId == r.b.PersonId && a.At >= r.b.StartedAt && a.At < r.b.Until),
            r.b.ReviewedAt, r.b.ReviewedBy, r.b.Verdict, r.b.ReviewNote, r.b.ChangeReason))];
    }
}
