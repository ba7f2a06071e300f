using System.Text.Json;
using Homeward.Access;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Audit;

/// <summary>
/// One audit row for each of many people (an export that names thousands), written fast: the first row goes
/// through EF as usual and the rest are copied from it by one INSERT … SELECT over a JSON array of the people's
/// ids, inside one transaction, so the rows are exactly what EF would have written.
/// </summary>
public static class BulkAudit
{
    public static async Task ForPeople(HomewardDb db, Actor actor, string action, IReadOnlyList<Guid> people, string? entityId, DateTimeOffset at,
        CancellationToken ct)
    {
        if (people.Count == 0)
            return;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var template = AuditEntry.For(actor, action, people[0], entityId, at);
        db.AuditEntries.Add(template);
        await db.SaveChangesAsync(ct);
        const string columns = "\"At\", \"UserId\", \"UserName\", \"Role\", \"OrganisationId\", \"PersonId\", \"Action\", \"EntityId\", \"Outcome\", \"CorrelationId\"";
        const string copied = "t.\"At\", t.\"UserId\", t.\"UserName\", t.\"Role\", t.\"OrganisationId\", {0}, t.\"Action\", t.\"EntityId\", t.\"Outcome\", t.\"CorrelationId\"";
        // SQLite keeps GUIDs as upper-case text (EF's convention); PostgreSQL as uuid.
        var sql = db.Provider == DatabaseProvider.Sqlite
            ? $"INSERT INTO \"AuditEntries\" ({columns}) SELECT {string.Format(System.Globalization.CultureInfo.InvariantCulture, copied, "j.value")} FROM \"AuditEntries\" AS t, json_each({{0}}) AS j WHERE t.\"Id\" = {{1}}"
            : $"INSERT INTO \"AuditEntries\" ({columns}) SELECT {string.Format(System.Globalization.CultureInfo.InvariantCulture, copied, "j.value::uuid")} FROM \"AuditEntries\" AS t, jsonb_array_elements_text(CAST({{0}} AS jsonb)) AS j(value) WHERE t.\"Id\" = {{1}}";
        var ids = JsonSerializer.Serialize(people.Skip(1).Select(p => db.Provider == DatabaseProvider.Sqlite ? p.ToString().ToUpperInvariant() : p.ToString()));
        await db.Database.ExecuteSqlRawAsync(sql, [ids, template.Id], ct);
        await transaction.CommitAsync(ct);
    }
}
