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
        await scope.DemandEpisode(actor, episode.PersonId, episodeId, "delay.read", "episode", episodeId, ct);
        var referral = await db.Referrals.AsNoTracking().SingleAsync(r => r.Id == episode.ReferralId, ct);
        db.AuditEntries.Add(AuditEntry.For(actor, "delay.read", episode.PersonId, episode.Id, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return await Ledger(episode, referral, ct);
    }

    /// <summary>The ledger of an episode whose reading the caller has already checked and audited.</summary>
    public Task<DelayLedgerView> Ledger(Episode episode, Referral referral, CancellationToken ct) =>
        Ledger(episode.Id, referral.Route, episode.Status, episode.DischargedOn, referral.DischargeReadyDate, ct);

    /// <summary>The same from what a page already holds of the episode and its referral (no second read of either).</summary>
    public async Task<DelayLedgerView> Ledger(Guid episodeId, Route route, EpisodeStatus status, DateOnly? dischargedOn, DateOnly? readyDate,
        CancellationToken ct)
    {
        var entries = await db.DelayEntries.AsNoTracking().Where(d => d.EpisodeId == episodeId).OrderBy(d => d.Since).ThenBy(d => d.Id).ToListAsync(ct);
        var until = dischargedOn ?? London.Today(clock);
        int? days = readyDate is { } ready && ready <= until ? until.DayNumber - ready.DayNumber : null;
        var views = entries.Select(DelayEntryView.From).ToList();
        return new DelayLedgerView(readyDate, days, IsOpen(route, status, dischargedOn), views.LastOrDefault(), views);
    }

    /// <summary>The current reason of each episode given (those with none are absent).</summary>
    public async Task<Dictionary<Guid, DelayReason>> Current(IReadOnlyCollection<Guid> episodeIds, CancellationToken ct)
    {
        var rows = await db.DelayEntries.AsNoTracking().Where(d => episodeIds.Contains(d.EpisodeId))
            .Select(d => new { d.EpisodeId, d.Reason, d.Since, d.Id }).ToListAsync(ct);
        return rows.GroupBy(r => r.EpisodeId).ToDictionary(g => g.Key, g => g.MaxBy(r => (r.Since, r.Id))!.Reason);
    }

    /// <summary>Reasons may be recorded while a hospital discharge referral's person is still in hospital and the referral open.</summary>
    public static bool IsOpen(Route route, EpisodeStatus status, DateOnly? dischargedOn) =>
        route == Route.HospitalDischarge && dischargedOn is null
        && status is EpisodeStatus.Referred or EpisodeStatus.Triaged or EpisodeStatus.Accepted or EpisodeStatus.Waiting;
}
