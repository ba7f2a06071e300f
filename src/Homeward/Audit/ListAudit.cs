using System.Globalization;
using System.Text.Json;
using Homeward.Access;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Homeward.Audit;

/// <summary>
/// One audit row for a view or export that shows many people (a board page, a queue, search results, a return),
/// listing the people shown (<see cref="AuditPerson"/>), so "who has looked at this record" stays complete while an
/// open board writes one row a refresh, not one a person. The people go in by a binary COPY (PostgreSQL) or one
/// INSERT … SELECT over a JSON array (SQLite), in the row's transaction. A view that shows the same user exactly
/// the people their last view of the same page showed (the board refreshing itself) within
/// <see cref="RepeatWindow"/> is recorded as a repeat of it: <c>{action}.again</c>, naming the view it repeats,
/// with no list of its own.
/// </summary>
public static class ListAudit
{
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromMinutes(15);
    public const string Again = ".again";

    public static async Task Record(HomewardDb db, Actor actor, string action, IReadOnlyCollection<Guid> people, string? entityId, DateTimeOffset at,
        CancellationToken ct)
    {
        var shown = people.Distinct().ToList();
        var since = at - RepeatWindow;
        var last = await db.AuditEntries.AsNoTracking()
            .Where(a => a.UserId == actor.UserId && a.At >= since && a.Action == action && a.EntityId == entityId && a.PersonId == null)
            .OrderByDescending(a => a.Id).Select(a => new { a.Id, Count = a.People.Count() }).FirstOrDefaultAsync(ct);
        if (last is not null && last.Count == shown.Count && shown.Count > 0)
        {
            var before = await db.AuditPeople.AsNoTracking().Where(p => p.AuditEntryId == last.Id).Select(p => p.PersonId).ToListAsync(ct);
            if (before.ToHashSet().SetEquals(shown))
            {
                db.AuditEntries.Add(AuditEntry.For(actor, action + Again, null, last.Id.ToString(CultureInfo.InvariantCulture), at));
                await db.SaveChangesAsync(ct);
                return;
            }
        }
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var entry = AuditEntry.For(actor, action, null, entityId, at);
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        if (shown.Count > 0 && db.Provider == DatabaseProvider.Postgres)
        {
            // A binary COPY in the row's transaction: a region's Client Level Data lists 300,000 people.
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var copy = await connection.BeginBinaryImportAsync("COPY \"AuditPeople\" (\"AuditEntryId\", \"PersonId\") FROM STDIN (FORMAT BINARY)", ct);
            foreach (var person in shown)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(entry.Id, NpgsqlTypes.NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(person, NpgsqlTypes.NpgsqlDbType.Uuid, ct);
            }
            await copy.CompleteAsync(ct);
        }
        else if (shown.Count > 0)
        {
            // SQLite keeps GUIDs as upper-case text (EF's convention): one INSERT … SELECT over a JSON array.
            var ids = JsonSerializer.Serialize(shown.Select(p => p.ToString().ToUpperInvariant()));
            await db.Database.ExecuteSqlRawAsync("INSERT INTO \"AuditPeople\" (\"AuditEntryId\", \"PersonId\") SELECT {0}, j.value FROM json_each({1}) AS j",
                [entry.Id, ids], ct);
        }
        if (transaction is not null)
            await transaction.CommitAsync(ct);
    }
}
