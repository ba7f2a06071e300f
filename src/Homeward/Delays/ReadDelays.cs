using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Delays;

/// <summary>Reads an episode's delay ledger (audited), and the current reason of many episodes at once for lists.</summary>
public sealed class ReadDelays(HomewardDb db, AccessScope scope, TimeProvider clock)
{
    public async Task<DelayLedgerView> Handle(Guid episodeId, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadRecords);
        var episode = await db.Episodes.AsNoTracking().SingleOrDefaultAsync(e => e.Id == episodeId, ct) ?? throw new NotFoundException("episode", episodeId);
        await scope.Demand(actor, episode.PersonId, "delay.read", "episode", episodeId, ct);
        var referral = await db.Referrals.AsNoTracking().SingleAsync(r => r.Id == episode.ReferralId, ct);
        return await Ledger(episode, referral, actor, ct);
    }

    /// <summary>The ledger for a page that has already read (and audited) the episode it belongs to.</summary>
    public async Task<DelayLedgerView> ForEpisodeRead(Guid episodeId, CancellationToken ct)
    {
        var episode = await db.Episodes.AsNoTracking().SingleAsync(e => e.Id == episodeId, ct);
        var referral = await db.Referrals.AsNoTracking().SingleAsync(r => r.Id == episode.ReferralId, ct);
        return await Ledger(episode, referral, audit: null, ct);
    }

    /// <summary>The ledger of an episode already read (and its reading audited by the caller when <paramref name="audit"/> is null).</summary>
    public async Task<DelayLedgerView> Ledger(Episode episode, Referral referral, Actor? audit, CancellationToken ct)
    {
        var entries = await db.DelayEntries.AsNoTracking().Where(d => d.EpisodeId == episode.Id).OrderBy(d => d.Since).ThenBy(d => d.Id).ToListAsync(ct);
        if (audit is not null)
        {
            db.AuditEntries.Add(AuditEntry.For(audit, "delay.read", episode.PersonId, episode.Id, clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
        }
        var today = London.DateOf(clock.GetUtcNow());
        int? days = referral.DischargeReadyDate is { } ready && ready <= (episode.DischargedOn ?? today)
            ? (episode.DischargedOn ?? today).DayNumber - ready.DayNumber : null;
        var views = entries.Select(DelayEntryView.From).ToList();
        return new DelayLedgerView(referral.DischargeReadyDate, days, IsOpen(episode, referral), views.LastOrDefault(), views);
    }

    /// <summary>The current reason of each episode given (those with none are absent).</summary>
    public async Task<Dictionary<Guid, DelayReason>> Current(IReadOnlyCollection<Guid> episodeIds, CancellationToken ct)
    {
        var rows = await db.DelayEntries.AsNoTracking().Where(d => episodeIds.Contains(d.EpisodeId))
            .Select(d => new { d.EpisodeId, d.Reason, d.Since, d.Id }).ToListAsync(ct);
        return rows.GroupBy(r => r.EpisodeId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Since).ThenBy(r => r.Id).Last().Reason);
    }

    /// <summary>Reasons may be recorded while a hospital discharge referral's person is still in hospital and the referral open.</summary>
    public static bool IsOpen(Episode episode, Referral referral) =>
        referral.Route == Route.HospitalDischarge && episode.DischargedOn is null
        && episode.Status is EpisodeStatus.Referred or EpisodeStatus.Triaged or EpisodeStatus.Accepted or EpisodeStatus.Waiting;
}
