using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Delays;
using Homeward.Episodes;
using Homeward.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Attention;

/// <summary>
/// The hub's "needs attention" queue, worked out from the records each time it is asked for, so nothing that needs
/// someone is missed because nobody raised it: new 2-hour referrals, referrals to check, offers declined or awaiting an
/// answer, delays past 48 hours and 21 days from the Discharge Ready Date, missed visits not followed up, and 91-day
/// follow-ups due. Each item has a time limit (overdue after it), and a state (open, taken by someone, done) kept in
/// <see cref="AttentionClaim"/>. Only people the user may see are listed, and each one shown is audited.
/// </summary>
public sealed partial class NeedsAttention(HomewardDb db, AccessScope scope, TimeProvider clock, ReadDelays delays)
{
    /// <summary>How long after its window closes a visit on a carer's round with no check-in needs the hub.</summary>
    public static readonly TimeSpan NotStartedAfter = TimeSpan.FromMinutes(30);

    /// <param name="EpisodeId">The episode it is about; none for a referral held for a matching decision (not yet an episode).</param>
    /// <param name="Link">Where to deal with it: the episode, or the matching decision.</param>
    public sealed record Item(AttentionKind Kind, string KindLabel, Guid SubjectId, Guid? EpisodeId, Guid PersonId, string PersonName, string Detail,
        DateTimeOffset Since, DateTimeOffset DueBy, bool Overdue, AttentionState State, string? Owner, int ClaimVersion, string Link);

    /// <param name="Shown">How many of the kind's items the view lists (all, or the first <see cref="ShownPerKind"/>).</param>
    public sealed record Count(AttentionKind Kind, string Label, int Open, int Taken, int Overdue, int Shown = 0);

    public sealed record View(IReadOnlyList<Item> Items, IReadOnlyList<Count> Counts, int DoneToday, DateTimeOffset Now);

    /// <summary>
    /// How many items of a kind the whole queue lists (overdue and soonest due first); the counts are always complete, and
    /// one kind asked for alone lists all of it. A county's every delay and follow-up on one page is more than anyone reads.
    /// </summary>
    public const int ShownPerKind = 50;

    /// <summary>The queue for a person to read: every kind capped at <see cref="ShownPerKind"/>, or one kind whole; those shown are audited.</summary>
    public async Task<View> Handle(Actor actor, CancellationToken ct, AttentionKind? only = null)
    {
        var view = await Work(actor, ct, only is { } kind ? [kind] : []);
        var shown = only is null ? [.. view.Items.GroupBy(i => i.Kind).SelectMany(g => g.Take(ShownPerKind))] : view.Items;
        var counts = view.Counts.Select(c => c with { Shown = shown.Count(i => i.Kind == c.Kind) }).ToList();
        view = view with
        {
            Items = [.. shown.OrderByDescending(i => i.Overdue).ThenBy(i => i.Kind).ThenBy(i => i.DueBy)],
            Counts = only is { } one ? [.. counts.Where(c => c.Kind == one)] : counts,
        };
        await ListAudit.Record(db, actor, "attention.view", [.. view.Items.Select(i => i.PersonId).Distinct()], null, view.Now, ct);
        return view;
    }

    /// <summary>
    /// The queue as it stands, without auditing (for a change to an item, or alerts, which are audited or anonymous
    /// themselves); only the kinds asked for are worked out (all when none are named).
    /// </summary>
    public async Task<View> Work(Actor actor, CancellationToken ct, params AttentionKind[] only)
    {
        bool Wants(params AttentionKind[] kinds) => only.Length == 0 || kinds.Any(only.Contains);
        actor.Demand(Right.AcceptOrDecline);
        var now = clock.GetUtcNow();
        var today = London.DateOf(now);
        var visible = scope.People(actor);
        var people = db.People.AsNoTracking();
        if (visible is not null)
            people = people.Where(p => visible.Contains(p.Id));
        var episodes = from e in db.Episodes.AsNoTracking()
                       join r in db.Referrals.AsNoTracking() on e.ReferralId equals r.Id
                       join p in people on e.PersonId equals p.Id
                       select new EpisodeRow { Episode = e, Referral = r, Name = p.GivenName + " " + p.FamilyName };
        var q = new Query(people, episodes, today, now);
        var found = new List<Found>();

        if (Wants(AttentionKind.TwoHourReferral))
            await TwoHourReferrals(q, found, ct);
        if (Wants(AttentionKind.PatientMatch))
            await PatientMatches(q, found, ct);
        if (Wants(AttentionKind.ReferralToCheck))
            await ReferralsToCheck(q, found, ct);
        if (Wants(AttentionKind.NhsNumberTrace))
            await NhsNumbersToTrace(q, found, ct);
        if (Wants(AttentionKind.OfferUnanswered, AttentionKind.OfferDeclined))
            await Offers(q, found, ct);
        if (Wants(AttentionKind.DelayOver48Hours, AttentionKind.DelayOver21Days))
            await Delays(q, found, ct);
        if (Wants(AttentionKind.BeyondCapacity))
            await BeyondCapacity(q, found, ct);
        if (Wants(AttentionKind.UnplannedVisit))
            await UnplannedVisits(q, found, ct);
        if (Wants(AttentionKind.MissedVisit))
            await MissedVisits(q, found, ct);
        if (Wants(AttentionKind.Deterioration))
            await Deteriorations(q, found, ct);
        if (Wants(AttentionKind.VisitNotStarted))
            await VisitsNotStarted(q, found, ct);
        if (Wants(AttentionKind.PhoneConflict))
            await PhoneConflicts(q, found, ct);
        if (Wants(AttentionKind.FollowUpDue))
            await FollowUpsDue(q, found, ct);
        if (Wants(AttentionKind.HomeContactDue))
            await HomeContactsDue(q, found, ct);

        var subjects = found.Select(f => f.Subject).ToList();
        var claims = (await db.AttentionClaims.AsNoTracking().Where(c => subjects.Contains(c.SubjectId)).ToListAsync(ct))
            .ToDictionary(c => (c.Kind, c.SubjectId));
        var items = found.Select(f =>
            {
                var claim = claims.GetValueOrDefault((f.Kind, f.Subject));
                var due = f.Since + f.Kind.Limit();
                return new Item(f.Kind, f.Kind.Label(), f.Subject, f.Episode, f.Person, f.Name, f.Detail, f.Since, due,
                    due <= now && claim?.State != AttentionState.Done, claim?.State ?? AttentionState.Open,
                    claim?.State == AttentionState.Taken ? claim.OwnerName : null, claim?.Version ?? 0,
                    f.Kind == AttentionKind.NhsNumberTrace ? $"/people/{f.Person}"
                    : f.Kind == AttentionKind.HomeContactDue ? "/follow-ups/home"
                    : f.Episode is { } episode ? $"/episodes/{episode}" : $"/matching/{f.Subject}");
            }).ToList();
        // Kinds are worked out in families (an offer declined or unanswered); only those asked for are answered.
        var shown = items.Where(i => i.State != AttentionState.Done && (only.Length == 0 || only.Contains(i.Kind)))
            .OrderByDescending(i => i.Overdue).ThenBy(i => i.Kind).ThenBy(i => i.DueBy).ToList();
        var counts = Enum.GetValues<AttentionKind>().Select(k => new Count(k, k.Label(),
            shown.Count(i => i.Kind == k && i.State == AttentionState.Open), shown.Count(i => i.Kind == k && i.State == AttentionState.Taken),
            shown.Count(i => i.Kind == k && i.Overdue))).ToList();
        var doneToday = claims.Values.Count(c => c.State == AttentionState.Done && London.DateOf(c.ChangedAt) == today);
        return new View(shown, counts, doneToday, now);
    }

    /// <summary>What the kinds' queries start from: the people the user may see, their episodes with the referral, today.</summary>
    private sealed record Query(IQueryable<People.Person> People, IQueryable<EpisodeRow> Episodes, DateOnly Today, DateTimeOffset Now);

    /// <summary>An episode with its referral and the person's name (made by a member initialiser, so that EF can go on querying from it).</summary>
    private sealed class EpisodeRow
    {
        public required Episode Episode { get; init; }
        public required Referral Referral { get; init; }
        public required string Name { get; init; }
    }

    /// <summary>Something that needs someone, before its claim (taken, done) is looked up.</summary>
    private readonly record struct Found(AttentionKind Kind, Guid Subject, Guid? Episode, Guid Person, string Name, string Detail, DateTimeOffset Since);

    /// <summary>Episodes not yet in care.</summary>
    private static readonly EpisodeStatus[] Open = [EpisodeStatus.Referred, EpisodeStatus.Triaged, EpisodeStatus.Accepted, EpisodeStatus.Waiting];

    private static string Short(string text) => text.Length <= 120 ? text : text[..117] + "…";
}
