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

    /// <summary>The most rows one export holds; a wider question is narrowed by day, user or action.</summary>
    public const int ExportLimit = 100_000;

    /// <summary>
    /// The trail for an investigation as CSV, oldest first: one line per row, and a list view's or export's people one
    /// line each beneath it (so a spreadsheet filters by person). Refused, not cut short, past <see cref="ExportLimit"/> rows.
    /// </summary>
    public async Task<Investigation> Export(Query query, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadAudit);
        var problems = new Problems();
        var (rows, personId) = await Filter(query, problems, ct);
        var total = await rows.CountAsync(ct);
        if (total > ExportLimit)
            problems.Add("from", $"These filters match {total:N0} audit rows; an export holds at most {ExportLimit:N0}. Narrow the days, the user or the action.");
        problems.ThrowIfAny();
        var found = await Shape(rows.OrderBy(a => a.Id), personId, ct);
        var ids = found.Where(r => r.PeopleShown > 0).Select(r => r.Id).ToList();
        var listed = new List<(long Entry, Guid Person, string Name, string Nhs)>();
        foreach (var chunk in ids.Chunk(1_000))
            listed.AddRange((await (from s in db.AuditPeople.AsNoTracking()
                                    where chunk.Contains(s.AuditEntryId)
                                    join p in db.People.AsNoTracking() on s.PersonId equals p.Id into people
                                    from p in people.DefaultIfEmpty()
                                    select new { s.AuditEntryId, s.PersonId, p.GivenName, p.FamilyName, Nhs = p == null ? (People.NhsNumber?)null : p.NhsNumber })
                .ToListAsync(ct)).Select(x => (x.AuditEntryId, x.PersonId, x.GivenName is null ? "" : $"{x.GivenName} {x.FamilyName}", x.Nhs?.Value ?? "")));
        var byEntry = listed.ToLookup(l => l.Entry);
        var lines = new List<IReadOnlyList<string>>();
        foreach (var r in found)
        {
            lines.Add(Line(r, r.PersonId, r.PersonName, r.NhsNumber));
            if (r.PeopleShown > 0)
                lines.AddRange(byEntry[r.Id].OrderBy(l => l.Name, StringComparer.Ordinal).Select(shown => Line(r, shown.Person, shown.Name, shown.Nhs)));
        }
        db.AuditEntries.Add(AuditEntry.For(actor, "audit.export", personId is { } pid && pid != Guid.Empty ? pid : null, $"{found.Count} rows", clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return new Investigation(ExportColumns, lines);
    }

    /// <summary>An export for an investigation: its columns and lines.</summary>
    public sealed record Investigation(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Lines);

    public static readonly IReadOnlyList<string> ExportColumns =
        ["audit_id", "at_utc", "user", "role", "organisation", "action", "action_in_words", "outcome", "entity_id", "person_id", "person_name",
         "nhs_number", "people_shown", "request", "sealed"];

    private static string[] Line(Row r, Guid? person, string? name, string? nhs) =>
    [
        r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.At.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
        r.UserName, r.Role.ToString(), r.Organisation ?? "", r.Action, r.Words, r.Outcome.ToString(), r.EntityId ?? "", person?.ToString() ?? "", name ?? "",
        nhs ?? "", r.PeopleShown.ToString(System.Globalization.CultureInfo.InvariantCulture), r.CorrelationId, r.Sealed ? "yes" : "no",
    ];

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
