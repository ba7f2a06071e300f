using Homeward.Access;
using Homeward.Audit;
using Homeward.Care;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Visits;

/// <summary>
/// A worker records a visit: done (arrived and left) or missed (with the reason). A visit is recorded on or
/// after its day, once; a missed one is flagged to the team until someone records what they did about it.
/// </summary>
public sealed class RecordVisit(HomewardDb db, TimeProvider clock, Messages.TellFamily tell)
{
    public sealed record Input
    {
        /// <summary>Done or Missed.</summary>
        public string? Outcome { get; init; }
        public string? ArrivedAt { get; init; }
        public string? LeftAt { get; init; }
        public string? MissedReason { get; init; }
        public string? Notes { get; init; }
    }

    public enum Outcome { Done, Missed }

    public async Task<VisitView> Handle(Guid visitId, Input input, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.RecordCare);
        var (visit, episode) = await Load(visitId, ct);
        if (episode.Status != EpisodeStatus.Active)
            throw new InvalidTransitionException($"Visits are recorded while the episode is active; this one is {episode.Status}.");
        // A visit the carer checked in to on the phone but never checked out of is finished here, by hand.
        if (visit.Status is not (VisitStatus.Planned or VisitStatus.InProgress))
            throw new InvalidTransitionException($"This visit was already recorded as {visit.Status}{(visit.RecordedBy is null ? "" : $" by {visit.RecordedBy}")}.");
        var now = clock.GetUtcNow();
        var problems = new Problems();
        if (visit.Date > London.DateOf(now))
            problems.Add("outcome", $"This visit is due on {visit.Date:yyyy-MM-dd}: it cannot be recorded before its day.");
        var outcome = problems.Enum<Outcome>("outcome", input.Outcome, "outcome (Done or Missed)");
        var notes = problems.Optional("notes", input.Notes, 4000, "the notes");
        DateTimeOffset? arrived = null, left = null;
        MissedReason? reason = null;
        if (outcome == Outcome.Done)
        {
            arrived = problems.Instant("arrivedAt", input.ArrivedAt, "the time the worker arrived", required: true);
            left = problems.Instant("leftAt", input.LeftAt, "the time the worker left", required: true);
            if (arrived is { } a)
            {
                if (London.DateOf(a) != visit.Date)
                    problems.Add("arrivedAt", $"The arrival must be on the visit's day, {visit.Date:yyyy-MM-dd} (London time).");
                else if (episode.StartedAt is { } started && a < started)
                    problems.Add("arrivedAt", "A visit cannot be before the episode started.");
            }
            if (left is { } l)
            {
                if (l > now.AddMinutes(5))
                    problems.Add("leftAt", "The time the worker left cannot be in the future.");
                else if (arrived is { } a2 && l <= a2)
                    problems.Add("leftAt", "The time the worker left must be after the time they arrived.");
                else if (arrived is { } a3 && l - a3 > TimeSpan.FromHours(8))
                    problems.Add("leftAt", "A visit of more than 8 hours is not a home visit: check the times.");
            }
        }
        else if (outcome == Outcome.Missed)
        {
            reason = problems.Enum<MissedReason>("missedReason", input.MissedReason, "reason the visit was missed");
            if (reason == Visits.MissedReason.Other && notes is null)
                problems.Add("notes", "Say why the visit was missed.");
        }
        problems.ThrowIfAny();

        visit.Status = outcome == Outcome.Done ? VisitStatus.Done : VisitStatus.Missed;
        visit.ArrivedAt = arrived;
        visit.LeftAt = left;
        visit.OnPhone = false;
        visit.MissedReason = reason;
        visit.Notes = notes;
        visit.RecordedBy = actor.UserName;
        visit.RecordedAt = now;
        visit.Version++;
        var at = left ?? now;
        db.EpisodeEvents.Add(episode.Note(EpisodeEventType.VisitRecorded, at, actor, now,
            new { visitId, date = visit.Date, outcome = outcome.ToString(), missedReason = reason?.ToString() }));
        db.AuditEntries.Add(AuditEntry.For(actor, "visit.record", visit.PersonId, visitId, now));
        if (visit.Status == VisitStatus.Missed)
            await tell.VisitMissed(visit, ct);
        await Save(ct);
        return VisitView.From(visit);
    }

    /// <summary>Records what the team did about a missed visit, which clears its flag.</summary>
    public async Task<VisitView> FollowUp(Guid visitId, string? notes, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.RecordCare);
        var (visit, episode) = await Load(visitId, ct);
        if (!visit.Flagged)
            throw new InvalidTransitionException(visit.Status == VisitStatus.Missed
                ? "This missed visit was already followed up."
                : "Only a missed visit is followed up.");
        var problems = new Problems();
        var text = problems.Required("notes", notes, 2000, "what was done about the missed visit");
        problems.ThrowIfAny();
        var now = clock.GetUtcNow();
        visit.FollowUpNotes = text;
        visit.FollowedUpAt = now;
        visit.FollowedUpBy = actor.UserName;
        visit.Version++;
        db.EpisodeEvents.Add(episode.Note(EpisodeEventType.MissedVisitFollowedUp, now, actor, now, new { visitId }));
        db.AuditEntries.Add(AuditEntry.For(actor, "visit.follow-up", visit.PersonId, visitId, now));
        await Save(ct);
        return VisitView.From(visit);
    }

    private async Task<(Visit, Episode)> Load(Guid visitId, CancellationToken ct)
    {
        var visit = await db.Visits.SingleOrDefaultAsync(v => v.Id == visitId, ct) ?? throw new NotFoundException("visit", visitId);
        var episode = await db.Episodes.AsNoTracking().SingleAsync(e => e.Id == visit.EpisodeId, ct);
        return (visit, episode);
    }

    /// <summary>Two workers recording the same visit at once: the second is told, not silently overwritten.</summary>
    private async Task Save(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new InvalidTransitionException("Someone else recorded this visit at the same moment. Reload to see what they recorded.");
        }
    }
}
