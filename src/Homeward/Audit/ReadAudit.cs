using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Audit;

/// <summary>
/// The audit trail for a privacy officer, newest first: by person (id or NHS number: who looked at this record), by
/// user, by day, by action and by outcome (denied accesses, say). Reading it is itself audited.
/// </summary>
public sealed class ReadAudit(HomewardDb db, TimeProvider clock)
{
    /// <param name="User">User name (email), exact; or a user id.</param>
    /// <param name="From">First day (yyyy-MM-dd, London), inclusive.</param>
    /// <param name="To">Last day, inclusive.</param>
    /// <param name="Action">An action (<c>episode.read</c>) or its start (<c>episode</c>).</param>
    /// <param name="Outcome">Allowed, Denied or Failed.</param>
    public sealed record Query(Guid? PersonId = null, string? UserId = null, int? Page = null, int? PageSize = null, string? NhsNumber = null,
        string? User = null, string? From = null, string? To = null, string? Action = null, string? Outcome = null);

    public sealed record Row(long Id, DateTimeOffset At, string UserName, Role Role, string? Organisation, Guid? PersonId, string? PersonName,
        string? NhsNumber, string Action, string? EntityId, AuditOutcome Outcome, string CorrelationId, bool Sealed);

    public async Task<Page<Row>> Handle(Query query, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadAudit);
        var problems = new Problems();
        var (page, size) = Page<Row>.Check(problems, query.Page, query.PageSize);
        var nhsNumber = string.IsNullOrWhiteSpace(query.NhsNumber) ? null : problems.NhsNumber("nhsNumber", query.NhsNumber);
        var from = problems.Date("from", query.From, "the first day", required: false);
        var to = problems.Date("to", query.To, "the last day", required: false);
        if (from is { } f && to is { } t && t < f)
            problems.Add("to", "The last day cannot be before the first.");
        var outcome = problems.Enum<AuditOutcome>("outcome", query.Outcome, "outcome", required: false);
        var action = problems.Optional("action", query.Action, 100, "Action");
        var user = problems.Optional("user", query.User, 256, "User");
        problems.ThrowIfAny();

        var rows = db.AuditEntries.AsNoTracking();
        var personId = query.PersonId;
        if (nhsNumber is { } number)
            personId = await db.People.Where(p => p.NhsNumber == number).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct) ?? Guid.Empty;
        if (personId is { } id)
            rows = rows.Where(a => a.PersonId == id);
        if (query.UserId is { Length: > 0 } userId)
            rows = rows.Where(a => a.UserId == userId);
        if (user is not null)
            rows = rows.Where(a => a.UserName == user || a.UserId == user);
        if (from is { } first)
        {
            var start = London.At(first, TimeOnly.MinValue);
            rows = rows.Where(a => a.At >= start);
        }
        if (to is { } last)
        {
            var end = London.At(last.AddDays(1), TimeOnly.MinValue);
            rows = rows.Where(a => a.At < end);
        }
        if (action is not null)
            rows = rows.Where(a => a.Action == action || a.Action.StartsWith(action + "."));
        if (outcome is { } o)
            rows = rows.Where(a => a.Outcome == o);
        var total = await rows.CountAsync(ct);
        var items = await (from a in rows
                           join p in db.People.AsNoTracking() on a.PersonId equals p.Id into people
                           from p in people.DefaultIfEmpty()
                           join org in db.Organisations.AsNoTracking() on a.OrganisationId equals org.Id into orgs
                           from org in orgs.DefaultIfEmpty()
                           orderby a.Id descending
                           select new { a, p.GivenName, p.FamilyName, Nhs = p == null ? (People.NhsNumber?)null : p.NhsNumber, Organisation = org.Name })
            .Skip((page - 1) * size).Take(size).ToListAsync(ct);
        db.AuditEntries.Add(AuditEntry.For(actor, "audit.read", personId is { } pid && pid != Guid.Empty ? pid : null, null, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return new Page<Row>([.. items.Select(x => new Row(x.a.Id, x.a.At, x.a.UserName, x.a.Role, x.Organisation, x.a.PersonId,
            x.GivenName is null ? null : $"{x.GivenName} {x.FamilyName}", x.Nhs?.Value, x.a.Action, x.a.EntityId, x.a.Outcome,
            x.a.CorrelationId, x.a.Hash is not null))], total, page, size);
    }
}
