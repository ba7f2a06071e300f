using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.Rotas;
using Homeward.Scheduling.Rota;
using Homeward.Visits;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Rounds;

/// <summary>
/// What a carer did at their visits, sent from the phone in the order they did it (at once, or later from the phone's
/// outbox after a spell offline): check in, check out, or could not visit. Each action carries the phone's own id, so a
/// resend is answered with the first outcome and never applied twice. An action that no longer fits the visit (it moved
/// to another carer, was cancelled, was recorded by someone else) is a conflict: kept with everything the carer recorded,
/// told back to the phone, and put in front of the hub; nothing the carer recorded is lost. Each action is saved on its
/// own, so one conflict does not hold back the rest.
/// </summary>
public sealed partial class RecordAtTheDoor(HomewardDb db, TimeProvider clock, Messages.TellFamily tell)
{
    /// <param name="Repeat">The phone sent this action before: this is the first answer again.</param>
    public sealed record Result(Guid Id, Guid VisitId, VisitActionOutcome Outcome, bool Repeat, string? Message, VisitStatus? Status,
        DateTimeOffset? ArrivedAt, DateTimeOffset? LeftAt);

    public async Task<IReadOnlyList<Result>> Handle(IReadOnlyList<PhoneAction.Input>? actions, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.RecordCare);
        var checkedActions = PhoneAction.Read(actions);
        var worker = await db.CareWorkers.AsNoTracking().FirstOrDefaultAsync(w => w.UserName == actor.UserName && w.Active, ct)
                     ?? throw new ForbiddenException("round.record", why: "Only a carer on a team's list of carers records visits on a round.");
        var results = new List<Result>();
        foreach (var action in checkedActions)
        {
            results.Add(await One(action, worker, actor, ct));
            db.ChangeTracker.Clear();
        }
        return results;
    }

    private async Task<Result> One(PhoneAction action, CareWorker worker, Actor actor, CancellationToken ct)
    {
        if (await Earlier(action.Id, ct) is { } earlier)
            return earlier;
        var now = clock.GetUtcNow();
        var visit = await db.Visits.SingleOrDefaultAsync(v => v.Id == action.VisitId, ct);
        var episode = visit is null ? null : await db.Episodes.AsNoTracking().SingleAsync(e => e.Id == visit.EpisodeId, ct);
        var home = visit is null ? null : await db.People.AsNoTracking().Where(p => p.Id == visit.PersonId)
            .Select(p => new { p.Latitude, p.Longitude }).SingleAsync(ct);
        int? metres = action.Place is { } place && home is { Latitude: { } hLat, Longitude: { } hLon }
            ? (int)Math.Round(GreatCircleTravel.Kilometres(place, (hLat, hLon)) * 1000)
            : null;
        var conflict = visit is null
            ? "This visit is no longer planned: the care plan changed after the round reached your phone."
            : await Misfit(action, visit, episode!, worker, now, ct);
        if (conflict is null)
            Apply(action, visit!, metres, actor, now);
        var outcome = conflict is null ? VisitActionOutcome.Applied : VisitActionOutcome.Conflict;
        db.VisitActions.Add(new VisitAction
        {
            Id = action.Id, VisitId = action.VisitId, PersonId = visit?.PersonId, EpisodeId = visit?.EpisodeId, WorkerId = worker.Id,
            UserName = actor.UserName, Kind = action.Kind, DoneAt = action.At, ReceivedAt = now, Metres = metres, Reason = action.Reason,
            Notes = action.Notes, Outcome = outcome, Message = conflict,
        });
        // Soft signs are about the person, not the visit: they go to the hub even when the visit itself did not fit.
        if (episode is not null && action.SoftSigns.Count > 0)
            db.Observations.Add(Deterioration.RecordObservation.Make(episode, action.VisitId, action.At, now, actor, action.SoftSigns, null, action.Notes));
        db.VisitTaskRecords.AddRange(action.Tasks.Select((t, i) => new VisitTaskRecord
        {
            ActionId = action.Id, VisitId = action.VisitId, Position = i, Kind = t.Kind, Text = t.Text, Outcome = t.Outcome, Reason = t.Reason,
        }));
        if (episode is not null && conflict is null && action.Kind != VisitActionKind.CheckIn)
            db.EpisodeEvents.Add(episode.Note(EpisodeEventType.VisitRecorded, action.At, actor, now, new
            {
                visitId = action.VisitId, date = visit!.Date, outcome = action.Kind == VisitActionKind.CheckOut ? "Done" : "Missed",
                missedReason = action.Reason?.ToString(), onPhone = true,
                tasksNotDone = action.Tasks.Count(t => t.Outcome is TaskOutcome.NotDone or TaskOutcome.Declined or TaskOutcome.NotAvailable),
            }));
        var verb = conflict is not null ? "visit.phone-conflict" : action.Kind switch
        {
            VisitActionKind.CheckIn => "visit.check-in", VisitActionKind.CheckOut => "visit.check-out", _ => "visit.could-not-visit",
        };
        db.AuditEntries.Add(AuditEntry.For(actor, verb, visit?.PersonId, action.VisitId, now));
        if (conflict is null && action.Kind == VisitActionKind.CouldNotVisit)
            await tell.VisitMissed(visit!, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The partner on a double-handed visit (or the office) changed the visit in the same moment: look again.
            db.ChangeTracker.Clear();
            return await One(action, worker, actor, ct);
        }
        catch (DbUpdateException)
        {
            // The same action sent twice at once (two tabs, a retry racing the first): the first one stands.
            db.ChangeTracker.Clear();
            return await Earlier(action.Id, ct) ?? throw new InvalidOperationException("The action was neither saved nor found.");
        }
        return new Result(action.Id, action.VisitId, outcome, false, conflict, visit?.Status, visit?.ArrivedAt, visit?.LeftAt);
    }

    private async Task<Result?> Earlier(Guid id, CancellationToken ct)
    {
        var earlier = await db.VisitActions.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (earlier is null)
            return null;
        var visit = await db.Visits.AsNoTracking().SingleOrDefaultAsync(v => v.Id == earlier.VisitId, ct);
        return new Result(id, earlier.VisitId, earlier.Outcome, true, earlier.Message, visit?.Status, visit?.ArrivedAt, visit?.LeftAt);
    }
}
