using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Audit;

/// <summary>
/// The audit trail as a hash chain. Rows are written with the change they record (never held back by a lock);
/// sealing then gives each unsealed row, in the order written, the next place in the chain and the SHA-256 of the
/// previous row's hash and its own fields. Verifying recomputes the chain: a changed row, a deleted row (a gap) or a
/// forged row breaks it, and the first break is reported. Sealing only ever fills the two empty columns of a row.
/// </summary>
public sealed class AuditChain(HomewardDb db)
{
    public const string Genesis = "homeward-audit-v1";
    private const int Batch = 5_000;

    public sealed record Verification(long Sealed, long Unsealed, long? BrokenAt, string? Why)
    {
        public bool Intact => BrokenAt is null;
    }

    /// <summary>
    /// The fields of a row, in a fixed order and format, as hashed; then the people a list row showed, in order
    /// (a row that lists nobody hashes as it always did).
    /// </summary>
    public static string Canonical(AuditEntry e, IEnumerable<Guid>? people = null)
    {
        var fields = string.Join('\u001f',
            e.Id.ToString(CultureInfo.InvariantCulture), e.At.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture),
            e.UserId, e.UserName, e.Role.ToString(), e.OrganisationId.ToString(), e.PersonId?.ToString() ?? "", e.Action, e.EntityId ?? "",
            e.Outcome.ToString(), e.CorrelationId, e.Sequence?.ToString(CultureInfo.InvariantCulture) ?? "");
        var listed = (people ?? []).Select(p => p.ToString()).Order(StringComparer.Ordinal).ToList();
        return listed.Count == 0 ? fields : fields + '\u001e' + string.Join(',', listed);
    }

    public static string Link(string previous, AuditEntry e, IEnumerable<Guid>? people = null) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previous + "\n" + Canonical(e, people))));

    /// <summary>The people listed by each of these rows.</summary>
    private async Task<ILookup<long, Guid>> PeopleOf(List<AuditEntry> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        return (await db.AuditPeople.AsNoTracking().Where(p => ids.Contains(p.AuditEntryId)).Select(p => new { p.AuditEntryId, p.PersonId })
            .ToListAsync(ct)).ToLookup(p => p.AuditEntryId, p => p.PersonId);
    }

    /// <summary>Seals every unsealed row, oldest first; returns how many. A concurrent sealer makes this one stop (its rows are sealed by the other).</summary>
    public async Task<int> Seal(CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var head = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence != null).OrderByDescending(a => a.Sequence)
                .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
            var rows = await db.AuditEntries.Where(a => a.Sequence == null).OrderBy(a => a.Id).Take(Batch).ToListAsync(ct);
            if (rows.Count == 0)
                return total;
            var (sequence, hash) = (head?.Sequence ?? 0, head?.Hash ?? Genesis);
            var people = await PeopleOf(rows, ct);
            foreach (var row in rows)
            {
                row.Sequence = ++sequence;
                row.Hash = hash = Link(hash, row, people[row.Id]);
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                return total;
            }
            db.ChangeTracker.Clear();
            total += rows.Count;
        }
    }

    /// <summary>Recomputes the chain from its start, in batches; reports the first place it breaks.</summary>
    public async Task<Verification> Verify(CancellationToken ct)
    {
        var unsealed = await db.AuditEntries.LongCountAsync(a => a.Sequence == null, ct);
        var (expected, hash) = (1L, Genesis);
        long last = 0;
        while (true)
        {
            var rows = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence > last).OrderBy(a => a.Sequence).Take(Batch).ToListAsync(ct);
            if (rows.Count == 0)
                return new Verification(expected - 1, unsealed, null, null);
            var people = await PeopleOf(rows, ct);
            foreach (var row in rows)
            {
                if (row.Sequence != expected)
                    return new Verification(expected - 1, unsealed, expected, $"row {expected} of the chain is missing (the next is {row.Sequence})");
                var recomputed = Link(hash, row, people[row.Id]);
                if (!string.Equals(recomputed, row.Hash, StringComparison.Ordinal))
                    return new Verification(expected - 1, unsealed, expected,
                        $"row {expected} (audit id {row.Id}, {row.Action} at {row.At:u}) does not match its hash: it or the people it lists were changed, or the row before it was");
                hash = recomputed;
                expected++;
            }
            last = rows[^1].Sequence!.Value;
        }
    }
}
