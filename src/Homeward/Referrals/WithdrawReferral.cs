using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.Matching;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Referrals;

/// <summary>
/// The referrer takes a referral back (a sending system's cancel: a BaRS update with the ServiceRequest revoked, or a
/// FHIR update to status revoked). Its organisation may, until care starts: the episode is cancelled as the hub would
/// cancel it (capacity and visits given back), with the referrer's reason on the timeline. Once care has started it is
/// refused: ending care is the hub's decision, made with the person. A referral held for a matching decision is marked
/// withdrawn. Withdrawing again changes nothing.
/// </summary>
public sealed class WithdrawReferral(HomewardDb db, ChangeEpisode episodes, TimeProvider clock)
{
    public sealed record Outcome(Guid Id, string Status, string Explanation);

    public async Task<Outcome> Handle(Guid id, string? reason, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.SubmitReferral);
        var problems = new Problems();
        var why = problems.Optional("reason", reason, 1000, "the reason");
        problems.ThrowIfAny();
        var referral = await db.Referrals.AsNoTracking().Where(r => r.Id == id).Select(r => new { r.SubmittedByOrganisationId, r.PersonId }).SingleOrDefaultAsync(ct);
        if (referral is null)
            return await WithdrawHeld(id, actor, ct);
        if (referral.SubmittedByOrganisationId != actor.OrganisationId)
            throw new NotFoundException("referral", id);
        var episode = await db.Episodes.AsNoTracking().SingleAsync(e => e.ReferralId == id, ct);
        switch (episode.Status)
        {
            case EpisodeStatus.Cancelled:
                return new Outcome(id, "Cancelled", $"Already cancelled: {episode.CancelReason}");
            case EpisodeStatus.Declined:
                return new Outcome(id, "Declined", "The hub had already declined it: nothing to withdraw.");
            case EpisodeStatus.Active or EpisodeStatus.Ended:
                throw new InvalidTransitionException("Care has already started, so the referral cannot be withdrawn: ring the hub, who will end the care with the person.");
        }
        var cancelled = await episodes.CancelForReferrer(episode.Id, $"Withdrawn by the referrer{(why is null ? "" : $": {why}")}", actor, ct);
        return new Outcome(id, "Cancelled", $"Withdrawn: the referral is cancelled ({cancelled.CancelReason}).");
    }

    private async Task<Outcome> WithdrawHeld(Guid id, Actor actor, CancellationToken ct)
    {
        var held = await db.HeldReferrals.SingleOrDefaultAsync(h => h.Id == id, ct);
        if (held is null || held.SenderOrganisationId != actor.OrganisationId)
            throw new NotFoundException("referral", id);
        if (held.Status == MatchStatus.Waiting)
        {
            var now = clock.GetUtcNow();
            (held.Status, held.DecidedAt, held.DecidedBy) = (MatchStatus.Withdrawn, now, actor.UserName);
            held.Version++;
            db.AuditEntries.Add(AuditEntry.For(actor, "referral.held.withdraw", held.HeldPersonId, id, now));
            await db.SaveChangesAsync(ct);
        }
        var view = HeldReferralView.For(held);
        return new Outcome(id, view.Status.ToString(), view.Explanation);
    }
}
