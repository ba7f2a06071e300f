using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.People.RightsRequests;
using Homeward.People.SubjectAccessRequests;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Retention.Disposal;

/// <summary>
/// The disposal review as the privacy officer works through it: the records due (oldest care first, the first
/// <see cref="Shown"/> with the count of all), what stands in the way of destroying each, and the register of what
/// was decided. The people listed are written to the audit trail.
/// </summary>
public sealed class ReadDisposalReviews(HomewardDb db, TimeProvider clock)
{
    public const int Shown = 50;
    private static readonly IReadOnlyList<string> NoHolds = [];

    /// <summary>A record due for review, and what would stop it being destroyed now.</summary>
    public sealed record DueView(Guid PersonId, string Name, string NhsNumber, DateOnly DateOfBirth, int Episodes, DateOnly CareEndedOn,
        IReadOnlyList<string> Holds, DisposalView? LastKept);

    /// <summary>One decision in the register. A record destroyed is named by its id only.</summary>
    public sealed record DisposalView(Guid Id, Guid PersonId, DisposalDecision Decision, string Reason, DateOnly? KeepUntil, string? Erased,
        DateOnly CareEndedOn, DateTimeOffset DecidedAt, string DecidedBy)
    {
        public static DisposalView From(DisposalReview r) => new(r.Id, r.PersonId, r.Decision, r.Reason, r.KeepUntil, r.Erased, r.CareEndedOn,
            r.DecidedAt, r.DecidedBy);
    }

    public sealed record DueList(int Count, IReadOnlyList<DueView> Shown);

    public async Task<DueList> Due(Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.AnswerSubjectAccess);
        var due = ApplyRetention.Due(db, clock.GetUtcNow());
        return new(await due.CountAsync(ct), await Read(due, actor, ct));
    }

    /// <summary>One record due for review, or null when it is not (care open or recent, kept, or already destroyed).</summary>
    public async Task<DueView?> One(Guid personId, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.AnswerSubjectAccess);
        return (await Read(ApplyRetention.Due(db, clock.GetUtcNow()).Where(d => d.PersonId == personId), actor, ct)).SingleOrDefault();
    }

    private async Task<IReadOnlyList<DueView>> Read(IQueryable<ApplyRetention.DueRecord> due, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await (from d in due
                          join p in db.People.AsNoTracking() on d.PersonId equals p.Id
                          orderby d.CareEndedAt, p.Id
                          select new { d.PersonId, d.CareEndedAt, d.Episodes, p.GivenName, p.FamilyName, p.NhsNumber, p.DateOfBirth })
            .Take(Shown).ToListAsync(ct);
        var ids = rows.Select(r => r.PersonId).ToList();
        var holds = await Holds(db, ids, ct);
        var kept = (await db.DisposalReviews.AsNoTracking().Where(r => ids.Contains(r.PersonId) && r.Decision == DisposalDecision.Keep).ToListAsync(ct))
            .GroupBy(r => r.PersonId).ToDictionary(g => g.Key, g => DisposalView.From(g.MaxBy(r => r.DecidedAt)!));
        await ListAudit.Record(db, actor, "retention.review-list", ids, null, now, ct);
        await db.SaveChangesAsync(ct);
        return [.. rows.Select(r => new DueView(r.PersonId, $"{r.GivenName} {r.FamilyName}", People.Person.Show(r.NhsNumber), r.DateOfBirth,
            r.Episodes, London.DateOf(r.CareEndedAt), holds.GetValueOrDefault(r.PersonId) ?? NoHolds, kept.GetValueOrDefault(r.PersonId)))];
    }

    /// <summary>The latest decisions, newest first.</summary>
    public async Task<IReadOnlyList<DisposalView>> Register(Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.AnswerSubjectAccess);
        var rows = await db.DisposalReviews.AsNoTracking().OrderByDescending(r => r.DecidedAt).ThenByDescending(r => r.Id).Take(100).ToListAsync(ct);
        return [.. rows.Select(DisposalView.From)];
    }

    /// <summary>
    /// What stops each person's record being destroyed now: a restriction in force (article 18: kept, not used) or a
    /// subject access request still being answered.
    /// </summary>
    internal static async Task<Dictionary<Guid, IReadOnlyList<string>>> Holds(HomewardDb db, IReadOnlyCollection<Guid> people, CancellationToken ct)
    {
        var restricted = await db.RightsRequests.AsNoTracking().Where(r => people.Contains(r.PersonId) && r.Status == RightsRequestStatus.Restricted)
            .Select(r => r.PersonId).ToListAsync(ct);
        var asked = await db.SubjectAccessRequests.AsNoTracking().Where(r => people.Contains(r.PersonId) && r.Status == SubjectAccessStatus.InReview)
            .Select(r => r.PersonId).ToListAsync(ct);
        return restricted.Select(id => (id, Hold: "A restriction of use is in force: the record is kept while it stands."))
            .Concat(asked.Select(id => (id, Hold: "A subject access request is being answered: the record is kept until it is released.")))
            .GroupBy(h => h.id).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(h => h.Hold).Distinct()]);
    }
}
