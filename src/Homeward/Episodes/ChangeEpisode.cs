using Homeward.Access;
using Homeward.Audit;
using Homeward.Capacity;
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
public sealed class ChangeEpisode(HomewardDb db, TimeProvider clock)
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

    public async Task<EpisodeView> Handle(Guid id, Step step, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        actor.Demand(step switch
        {
            TriageStep => Right.Triage,
            AcceptStep or DeclineStep or WaitStep or CancelStep => Right.AcceptOrDecline,
            _ => Right.StartOrEnd,
        });
        var episode = await db.Episodes.SingleOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException("episode", id);
        if (expectedVersion is null)
            throw new VersionRequiredException("episode");
        if (expectedVersion != episode.Version)
            throw new StaleVersionException("episode", episode.Version);
        var referral = await db.Referrals.AsNoTracking().SingleAsync(r => r.Id == episode.ReferralId, ct);

        var now = clock.GetUtcNow();
        var problems = new Problems();
        var at = problems.Instant("at", step.At, "the time", required: false) ?? now;
        Apply(episode, referral, step, problems, at, actor, now);

        // Ending or cancelling gives back the capacity its bookings hold, in the same transaction.
        await using var transaction = step is EndStep or CancelStep ? await db.Database.BeginTransactionAsync(ct) : null;
        if (step is EndStep)
            await RespondToBooking.ReleaseForEpisode(db, episode, DateOnly.FromDateTime(at.UtcDateTime), now, ct);
        else if (step is CancelStep)
            await RespondToBooking.ReleaseForEpisode(db, episode, DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1), now, ct);
        db.AuditEntries.Add(AuditEntry.For(actor, $"episode.{Name(step)}", episode.PersonId, id, now));
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
            await transaction.CommitAsync(ct);
        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == episode.PersonId, ct);
        return EpisodeView.From(episode, person, referral.Route);
    }

    private static void Apply(Episode episode, Referral referral, Step step, Problems problems, DateTimeOffset at, Actor actor, DateTimeOffset now)
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
                    dischargedOn ??= DateOnly.FromDateTime(at.UtcDateTime);
                else if (dischargedOn is not null)
                    problems.Add("dischargedOn", "A discharge date is recorded only for hospital discharge referrals.");
                if (dischargedOn is { } dd && referral.AdmittedOn is { } admitted && dd < admitted)
                    problems.Add("dischargedOn", "The discharge date cannot be before the admission date.");
                problems.ThrowIfAny();
                episode.Start(dischargedOn, at, actor, now);
                break;
            case EndStep e:
                var sequel = problems.Enum<Sequel>("sequel", e.Sequel, "sequel");
                var destination = problems.Enum<Destination>("destination", e.Destination, "destination");
                var notes = problems.Optional("notes", e.Notes, 4000, "the notes");
                problems.ThrowIfAny();
                episode.End(sequel!.Value, destination!.Value, referral.ExistingClient, notes, at, actor, now);
                break;
            case CancelStep c:
                problems.ThrowIfAny();
                episode.Cancel(c.Reason!, at, actor, now);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step.GetType().Name, "Unknown step.");
        }
    }

    private static string Name(Step step) => step.GetType().Name.Replace("Step", "", StringComparison.Ordinal).ToLowerInvariant();
}
