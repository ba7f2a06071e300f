using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.Retention.Disposal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Homeward.Retention;

/// <summary>
/// Applies the <see cref="RetentionSchedule"/>: deletes what has done its work, lists the records due for a disposal
/// review, and writes one audit row for each rule that did something ("retention.apply", the rule and how many). Run
/// as a round on the job engine (<c>Retention:EverySeconds</c>, hourly by default) and by <c>homeward retention</c>.
/// </summary>
public sealed class ApplyRetention(HomewardDb db, TimeProvider clock, IConfiguration config)
{
    /// <summary>What one rule did in one run.</summary>
    public sealed record Applied(string Rule, RetentionAction Action, int Count);

    public async Task<IReadOnlyList<Applied>> Run(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        DateTimeOffset Before(string rule) => now - RetentionSchedule.Of(rule).Period!.Value;
        var (keys, codes, messages, jobs, returns) = (Before(RetentionSchedule.IdempotencyKeys), Before(RetentionSchedule.SignInCodes),
            Before(RetentionSchedule.Messages), Before(RetentionSchedule.Jobs), Before(RetentionSchedule.Returns));
        var applied = new List<Applied>
        {
            new(RetentionSchedule.IdempotencyKeys, RetentionAction.Delete, await db.IdempotencyRecords.Where(r => r.CreatedAt < keys).ExecuteDeleteAsync(ct)),
            new(RetentionSchedule.SignInCodes, RetentionAction.Delete, await db.OneTimeCodes.Where(c => c.ExpiresAt < codes).ExecuteDeleteAsync(ct)),
            new(RetentionSchedule.Messages, RetentionAction.Delete, await db.OutboundMessages
                .Where(m => (m.SentAt != null && m.SentAt < messages) || (m.GivenUpAt != null && m.GivenUpAt < messages)).ExecuteDeleteAsync(ct)),
            new(RetentionSchedule.Jobs, RetentionAction.Delete, await db.Jobs.Where(j => j.FinishedAt != null && j.FinishedAt < jobs).ExecuteDeleteAsync(ct)),
            new(RetentionSchedule.Returns, RetentionAction.Delete, await db.MadeReturns.Where(m => m.MadeAt < returns).ExecuteDeleteAsync(ct)),
            new(RetentionSchedule.Backups, RetentionAction.Delete, DeleteOldBackups(Before(RetentionSchedule.Backups))),
            new(RetentionSchedule.CareRecords, RetentionAction.Review, (await DueForReview(ct)).Count),
        };
        var system = Actor.System(Guid.Empty, "retention");
        foreach (var done in applied.Where(a => a.Count > 0))
            db.AuditEntries.Add(AuditEntry.For(system, "retention.apply", null, $"{done.Rule}: {done.Count} {(done.Action == RetentionAction.Review ? "due for review" : "deleted")}", now));
        await db.SaveChangesAsync(ct);
        return applied;
    }

    /// <summary>
    /// People whose care has ended (no episode open, none ended within the period) for longer than the care-record
    /// rule's period, and not kept by a review until a day still to come: listed for the privacy officer's disposal
    /// review.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> DueForReview(CancellationToken ct) =>
        await Due(db, clock.GetUtcNow()).OrderBy(d => d.PersonId).Select(d => d.PersonId).ToListAsync(ct);

    /// <summary>Each person due for review at <paramref name="now"/>, with when the last of their care ended.</summary>
    public static IQueryable<DueRecord> Due(HomewardDb db, DateTimeOffset now)
    {
        var before = now - RetentionSchedule.Of(RetentionSchedule.CareRecords).Period!.Value;
        var today = London.DateOf(now);
        EpisodeStatus[] closed = [EpisodeStatus.Ended, EpisodeStatus.Cancelled, EpisodeStatus.Declined];
        var recent = db.Episodes.Where(e => !closed.Contains(e.Status) || (e.EndedAt ?? e.CancelledAt ?? e.DeclinedAt ?? e.ReferredAt) >= before)
            .Select(e => e.PersonId);
        var kept = db.DisposalReviews.Where(r => r.Decision == DisposalDecision.Keep && r.KeepUntil > today).Select(r => r.PersonId);
        return db.Episodes.AsNoTracking().Where(e => !recent.Contains(e.PersonId) && !kept.Contains(e.PersonId))
            .GroupBy(e => e.PersonId)
            .Select(g => new DueRecord { PersonId = g.Key, CareEndedAt = g.Max(e => e.EndedAt ?? e.CancelledAt ?? e.DeclinedAt ?? e.ReferredAt), Episodes = g.Count() });
    }

    /// <summary>A person due for review: when the last of their care ended, and how many episodes they had (a class, so queries compose on it).</summary>
    public sealed class DueRecord
    {
        public Guid PersonId { get; init; }
        public DateTimeOffset CareEndedAt { get; init; }
        public int Episodes { get; init; }
    }

    /// <summary>Backup files (<c>*.backup</c>, <c>*.dump</c>) in <c>Retention:BackupFolder</c> last written before the cut; none when unset.</summary>
    private int DeleteOldBackups(DateTimeOffset before)
    {
        var folder = config["Retention:BackupFolder"];
        if (string.IsNullOrWhiteSpace(folder) || !Directory.Exists(folder))
            return 0;
        var deleted = 0;
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles().Where(f => f.Extension is ".backup" or ".dump"))
        {
            if (new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero) >= before)
                continue;
            file.Delete();
            deleted++;
        }
        return deleted;
    }
}
