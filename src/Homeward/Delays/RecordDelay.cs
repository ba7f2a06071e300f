using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Delays;

/// <summary>
/// Records the main reason a person ready to leave hospital is still there, from a day on (today unless given). The
/// ledger only grows: a new reason is a new line, and the same reason again writes nothing. Open while the person is
/// in hospital on a hospital discharge referral with a Discharge Ready Date; the hub and the referring hospital may
/// record (both know reasons the other does not).
/// </summary>
public sealed class RecordDelay(HomewardDb db, AccessScope scope, TimeProvider clock, ReadDelays read)
{
    public sealed record Request(string? Reason, string? Detail, string? Since);

    public async Task<DelayLedgerView> Handle(Guid episodeId, Request request, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.EditReferral);
        var episode = await db.Episodes.AsNoTracking().SingleOrDefaultAsync(e => e.Id == episodeId, ct) ?? throw new NotFoundException("episode", episodeId);
        await scope.DemandEpisode(actor, episode.PersonId, episodeId, "delay.record", "episode", episodeId, ct, toChange: true);
        var referral = await db.Referrals.AsNoTracking().SingleAsync(r => r.Id == episode.ReferralId, ct);
        var now = clock.GetUtcNow();
        var today = London.DateOf(now);

        var problems = new Problems();
        var reason = problems.Enum<DelayReason>("reason", request.Reason, "delay reason");
        var detail = problems.Optional("detail", request.Detail, 200, "what exactly is awaited");
        var since = problems.Date("since", request.Since, "the day the reason applied from", required: false);
        if (!ReadDelays.IsOpen(referral.Route, episode.Status, episode.DischargedOn))
            throw new InvalidTransitionException(referral.Route != Route.HospitalDischarge
                ? "Delays are recorded only for people referred from a hospital ward."
                : "The person has left hospital or the referral is closed: the delay ledger is closed.");
        var ready = referral.DischargeReadyDate ?? DateOnly.MinValue;
        if (referral.DischargeReadyDate is null)
            problems.Add("reason", "Record the discharge ready date on the referral first: a delay is counted from it.");
        var last = await db.DelayEntries.AsNoTracking().Where(d => d.EpisodeId == episodeId)
            .OrderByDescending(d => d.Since).ThenByDescending(d => d.Id).FirstOrDefaultAsync(ct);
        // The first reason applies from the ready date unless said otherwise; a change applies from today.
        since ??= last is null ? (ready < today ? ready : today) : today;
        if (since > today)
            problems.Add("since", "The day the reason applied from cannot be in the future.");
        else if (since < ready)
            problems.Add("since", $"The day the reason applied from cannot be before the discharge ready date ({ready:d MMMM yyyy}).");
        else if (last is not null && since < last.Since)
            problems.Add("since", $"The current reason applies from {last.Since:d MMMM yyyy}: a new reason applies from that day or later.");
        problems.ThrowIfAny();

        if (last is null || last.Reason != reason || last.Detail != detail)
        {
            var entry = DelayEntry.Of(episode, reason!.Value, detail, since.Value, actor, now);
            db.DelayEntries.Add(entry);
            db.EpisodeEvents.Add(EpisodeEvent.Of(episode.Id, episode.PersonId, EpisodeEventType.DelayReason, now, actor, now,
                new { reason = entry.Reason.ToString(), since = entry.Since, detail }));
            db.AuditEntries.Add(AuditEntry.For(actor, "delay.record", episode.PersonId, episodeId, now));
            await db.SaveChangesAsync(ct);
        }
        return await read.Ledger(episode, referral, ct);
    }
}
