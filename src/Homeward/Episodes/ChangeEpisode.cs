using Homeward.Access;
using Homeward.Audit;
using Homeward.Capacity;
using Homeward.Care;
using Homeward.FollowUps;
using Homeward.Visits;
using Homeward.Common;
using Homeward.Data;
using Homeward.Referrals;
using Homeward.Triage;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Episodes;

/// <summary>
/// Moves an episode through its states: triage, accept, decline, wait, start, end, cancel. Each step
/// needs the version the caller saw (If-Match), is checked by <see cref="Episode"/>, and is stored
/// with its timeline event and audit row in one transaction.
/// </summary>
public sealed partial class ChangeEpisode(HomewardDb db, TimeProvider clock, GetCareRecord care, Messages.TellFamily tell)
{
    public async Task<EpisodeView> Handle(Guid id, Step step, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        actor.Demand(step switch
        {
            TriageStep => Right.Triage,
            AcceptStep or DeclineStep or WaitStep or CancelStep => Right.AcceptOrDecline,
            _ => Right.StartOrEnd,
        });
        return await Run(id, step, expectedVersion, actor, ct);
    }

    /// <summary>
    /// Cancels an episode because its referrer withdrew the referral (<see cref="WithdrawReferral"/> decides who may):
    /// the same cancel as the hub's, capacity and visits given back, without the right to accept or decline.
    /// </summary>
    internal async Task<EpisodeView> CancelForReferrer(Guid id, string reason, Actor actor, CancellationToken ct)
    {
        var version = await db.Episodes.Where(e => e.Id == id).Select(e => e.Version).SingleAsync(ct);
        return await Run(id, new CancelStep(reason), version, actor, ct);
    }

    private async Task<EpisodeView> Run(Guid id, Step step, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        var episode = await db.Episodes.SingleOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException("episode", id);
        Versions.Demand("episode", episode.Version, expectedVersion);
        var referral = await db.Referrals.AsNoTracking().SingleAsync(r => r.Id == episode.ReferralId, ct);

        var now = clock.GetUtcNow();
        var problems = new Problems();
        var at = problems.Instant("at", step.At, "the time", required: false) ?? now;
        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == episode.PersonId, ct);
        // Ending is refused while the care record lacks what the ending rules require; all of it is listed at once.
        var missing = step is EndStep end && episode.Status == EpisodeStatus.Active
            ? EndingRules.Missing(episode.Service, Enum.TryParse<Sequel>(end.Sequel, true, out var s) ? s : null,
                await care.Summary(episode, London.DateOf(at), ct))
            : null;
        // Care starts with a place the provider has agreed to: an offer still unanswered is not one.
        var onlyOffered = step is StartStep && await db.Bookings.AnyAsync(b => b.EpisodeId == id && b.Status == BookingStatus.Offered, ct)
                          && !await db.Bookings.AnyAsync(b => b.EpisodeId == id && b.Status == BookingStatus.Accepted, ct);
        Apply(episode, referral, step, problems, missing, at, actor, now, onlyOffered);

        if (step is StartStep && episode.DischargedOn is { } discharged
            && FollowUp.Applies(episode.Service, referral.Route == Route.HospitalDischarge, person.AgeOn(discharged)))
            db.FollowUps.Add(FollowUp.For(episode.Id, episode.PersonId, discharged));

        // Ending or cancelling gives back the capacity its bookings hold and stands down the visits still to come;
        // starting moves a plan agreed for an earlier day to the start: each in the same transaction.
        await using var transaction = step is EndStep or CancelStep or StartStep ? await db.Database.BeginTransactionAsync(ct) : null;
        if (step is StartStep)
        {
            var started = London.DateOf(at);
            if (await PlanLayout.MovePlanToStart(db, id, episode.PersonId, started, actor, now, ct) is { } planned)
                db.EpisodeEvents.Add(episode.Note(EpisodeEventType.PlanAgreed, at, actor, now,
                    new { startsOn = started, movedFrom = planned, reason = "care started after the day the plan was agreed to begin" }));
        }
        if (step is EndStep or CancelStep)
        {
            var from = step is EndStep ? London.DateOf(at) : DateOnly.MinValue;
            await RespondToBooking.ReleaseForEpisode(db, episode,
                step is EndStep ? London.DateOf(at) : London.DateOf(now).AddDays(-1), now, ct);
            await db.Visits.Where(v => v.EpisodeId == id && v.Status == VisitStatus.Planned && v.Date >= from)
                .ExecuteUpdateAsync(u => u.SetProperty(v => v.Status, VisitStatus.Cancelled).SetProperty(v => v.Version, v => v.Version + 1), ct);
            await db.Reviews.Where(r => r.EpisodeId == id && r.HeldAt == null && r.DueOn >= from).ExecuteDeleteAsync(ct);
        }
        db.AuditEntries.Add(AuditEntry.For(actor, $"episode.{Name(step)}", episode.PersonId, id, now));
        if (step is EndStep)
            await tell.SupportEnded(episode, London.DateOf(at), ct);
        // The safety net after going home: a contact within 48 hours (from hospital as care starts, from a bed as it ends).
        if (step is StartStep or EndStep && HomeContacts.When(episode, referral.Route == Route.HospitalDischarge, at) is { } contact)
            db.HomeContacts.Add(contact);
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
            await transaction.CommitAsync(ct);
        return EpisodeView.From(episode, person, referral.Route);
    }

    private static string Name(Step step) => step.GetType().Name.Replace("Step", "", StringComparison.Ordinal).ToLowerInvariant();
}
