using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Audit;

/// <summary>
/// The audit trail for a privacy officer, newest first: by person (id or NHS number: who looked at this record), by
/// user, by day, by action and by outcome (denied accesses, say). Reading it is itself audited.
/// </summary>
public sealed partial class ReadAudit(HomewardDb db, TimeProvider clock)
{
    /// <param name="User">User name (email), exact; or a user id.</param>
    /// <param name="From">First day (yyyy-MM-dd, London), inclusive.</param>
    /// <param name="To">Last day, inclusive.</param>
    /// <param name="Action">An action (<c>episode.read</c>) or its start (<c>episode</c>).</param>
    /// <param name="Outcome">Allowed, Denied or Failed.</param>
    public sealed record Query(Guid? PersonId = null, string? UserId = null, int? Page = null, int? PageSize = null, string? NhsNumber = null,
        string? User = null, string? From = null, string? To = null, string? Action = null, string? Outcome = null);

    /// <param name="PersonId">The person the row is about: the one looked at, or (when the trail is asked for one person) that person among those a list showed.</param>
    /// <param name="PeopleShown">How many people a list view or export showed (0 for a look at one record).</param>
    /// <param name="Words">The action in words.</param>
    public sealed record Row(long Id, DateTimeOffset At, string UserName, Role Role, string? Organisation, Guid? PersonId, string? PersonName,
        string? NhsNumber, string Action, string Words, string? EntityId, AuditOutcome Outcome, string CorrelationId, bool Sealed, int PeopleShown);

    public async Task<Page<Row>> Handle(Query query, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadAudit);
        var problems = new Problems();
        var (page, size) = Page<Row>.Check(problems, query.Page, query.PageSize);
        var (rows, personId) = await Filter(query, problems, ct);
        var total = await rows.CountAsync(ct);
        var found = await Shape(rows.OrderByDescending(a => a.Id).Skip((page - 1) * size).Take(size), personId, ct);
        db.AuditEntries.Add(AuditEntry.For(actor, "audit.read", personId is { } pid && pid != Guid.Empty ? pid : null, null, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return new Page<Row>(found, total, page, size);
    }

    private async Task<(IQueryable<AuditEntry> Rows, Guid? PersonId)> Filter(Query query, Problems problems, CancellationToken ct)
    {
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
            rows = rows.Where(a => a.PersonId == id || db.AuditPeople.Any(s => s.AuditEntryId == a.Id && s.PersonId == id));
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
        return (rows, personId);
    }

    /// <summary>The rows with their person (the one asked about, when a list showed them), organisation and how many a list showed.</summary>
    private async Task<List<Row>> Shape(IQueryable<AuditEntry> rows, Guid? asked, CancellationToken ct)
    {
        var items = await (from a in rows
                           join org in db.Organisations.AsNoTracking() on a.OrganisationId equals org.Id into orgs
                           from org in orgs.DefaultIfEmpty()
                           select new { a, Organisation = org.Name, Shown = a.People.Count() }).ToListAsync(ct);
        var personIds = items.Select(x => x.a.PersonId ?? (x.Shown > 0 ? asked : null)).OfType<Guid>().Distinct().ToList();
        var people = (await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.GivenName, p.FamilyName, p.NhsNumber }).ToListAsync(ct)).ToDictionary(p => p.Id);
        return [.. items.Select(x =>
        {
            var personId = x.a.PersonId ?? (x.Shown > 0 ? asked : null);
            var person = personId is { } id ? people.GetValueOrDefault(id) : null;
            return new Row(x.a.Id, x.a.At, x.a.UserName, x.a.Role, x.Organisation, personId, person is null ? null : $"{person.GivenName} {person.FamilyName}",
                person?.NhsNumber?.Value, x.a.Action, AuditActions.InWords(x.a.Action), x.a.EntityId, x.a.Outcome, x.a.CorrelationId, x.a.Hash is not null, x.Shown);
        })];
    }
}
