using Homeward.Access;
using Homeward.Common;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Audit;

/// <summary>The audit trail exported for an investigation.</summary>
public sealed partial class ReadAudit
{
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
}
