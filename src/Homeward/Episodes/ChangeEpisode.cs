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
public sealed class ChangeEpisode(HomewardDb db, TimeProvider clock, GetCareRecord care, Messages.TellFamily tell)
{
    /// <summary>Fields every step may carry: when it happened (ISO 8601 with offset; now if absent).</summary>
    public abstract record Step
    {
        public string? At { get; init; }
    }

    public sealed record TriageStep(string? Service, string? Pathway, string? NonHomeReason) : Step;
    public sealed record AcceptStep : Step;
    public sealed record DeclineStep(string? Reason) : Step;
    public sealed record WaitStep(string? WaitingFor) : Step;
    public sealed record StartStep(string? DischargedOn) : Step;
    public sealed record EndStep(string? Sequel, string? Destination, string? Notes) : Step;
    public sealed record CancelStep(string? Reason) : Step;
    /// <summary>Urgent community response: stayed at home, conveyed to hospital or other, and why.</summary>
    public sealed record OutcomeStep(string? Outcome, string? Reason) : Step;

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

    private static void Apply(Episode episode, Referral referral, Step step, Problems problems, Problems? missing,
        DateTimeOffset at, Actor actor, DateTimeOffset now, bool onlyOffered)
    {
        switch (step)
        {
            case TriageStep t:
                var service = problems.Enum<Service>("service", t.Service, "service");
                var pathway = problems.Enum<Pathway>("pathway", t.Pathway, "pathway", required: referral.Route == Route.HospitalDischarge);
                var reason = problems.Optional("nonHomeReason", t.NonHomeReason, 2000, "the reason");
                problems.ThrowIfAny();
                episode.Triage(service!.Value, pathway, reason, at, actor, now);
                break;
            case AcceptStep:
                problems.ThrowIfAny();
                episode.Accept(at, actor, now);
                break;
            case DeclineStep d:
                problems.ThrowIfAny();
                episode.Decline(d.Reason!, at, actor, now);
                break;
            case WaitStep w:
                var waitingFor = problems.Optional("waitingFor", w.WaitingFor, 200, "what the person is waiting for");
                problems.ThrowIfAny();
                episode.Wait(waitingFor, at, actor, now);
                break;
            case StartStep s:
                var dischargedOn = problems.Date("dischargedOn", s.DischargedOn, "the discharge date", required: false);
                if (referral.Route == Route.HospitalDischarge)
                    dischargedOn ??= London.DateOf(at);
                else if (dischargedOn is not null)
                    problems.Add("dischargedOn", "A discharge date is recorded only for hospital discharge referrals.");
                if (dischargedOn is { } leaves && leaves > London.DateOf(at))
                    problems.Add("dischargedOn", "The discharge date cannot be after the day care starts: start care once the person has left hospital.");
                if (dischargedOn is { } dd && referral.AdmittedOn is { } admitted && dd < admitted)
                    problems.Add("dischargedOn", "The discharge date cannot be before the admission date.");
                if (onlyOffered)
                    problems.Add("booking", "The booking is still offered, not accepted: the provider (or the hub for an in-house service) accepts it before care starts.");
                // An urgent response starts at first contact, as the clinician enters it: the 2-hour clock stops then, not at the click.
                if (episode.Service == Service.UrgentCommunityResponse && string.IsNullOrWhiteSpace(s.At))
                    problems.Add("at", "Enter the time you arrived with the person (first contact): the 2-hour clock stops then, not when it is recorded.");
                problems.ThrowIfAny();
                episode.Start(dischargedOn, at, actor, now);
                break;
            case EndStep e:
                var sequel = problems.Enum<Sequel>("sequel", e.Sequel, "sequel");
                var destination = problems.Enum<Destination>("destination", e.Destination, "destination");
                var notes = problems.Optional("notes", e.Notes, 4000, "the notes");
                if (missing is not null)
                    problems.AddAll(missing);
                if (sequel is null || destination is null)
                    problems.ThrowIfAny();
                episode.End(sequel!.Value, destination!.Value, referral.ExistingClient, notes, at, actor, now, problems);
                break;
            case CancelStep c:
                problems.ThrowIfAny();
                episode.Cancel(c.Reason!, at, actor, now);
                break;
            case OutcomeStep o:
                var outcome = problems.Enum<UrgentOutcome>("outcome", o.Outcome, "outcome");
                var why = problems.Optional("reason", o.Reason, 2000, "the reason");
                problems.ThrowIfAny();
                episode.RecordUrgentOutcome(outcome!.Value, why, at, actor, now);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step.GetType().Name, "Unknown step.");
        }
    }

    private static string Name(Step step) => step.GetType().Name.Replace("Step", "", StringComparison.Ordinal).ToLowerInvariant();
}
