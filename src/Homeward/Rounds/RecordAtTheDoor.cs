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
public sealed class RecordAtTheDoor(HomewardDb db, TimeProvider clock)
{
    public const int MostActions = 200;

    public sealed record Input
    {
        /// <summary>The phone's id for the action (a UUID it made when the carer acted).</summary>
        public string? Id { get; init; }
        public string? VisitId { get; init; }
        /// <summary>CheckIn, CheckOut or CouldNotVisit.</summary>
        public string? Kind { get; init; }
        /// <summary>When the carer did it, by the phone's clock, with its offset.</summary>
        public string? At { get; init; }
        /// <summary>Where the phone was, when the carer shares it: only the distance from the home is kept.</summary>
        public double? Latitude { get; init; }
        public double? Longitude { get; init; }
        /// <summary>For CouldNotVisit: CouldNotGetIn, PersonDeclined, PersonNotIn, PersonInHospital or Other.</summary>
        public string? Reason { get; init; }
        public string? Notes { get; init; }
        /// <summary>At check-out: each task and medicine prompt of the visit, as the round showed it, with what happened.</summary>
        public IReadOnlyList<TaskInput>? Tasks { get; init; }
        /// <summary>At check-out: soft signs that the person is becoming unwell (<see cref="Deterioration.SoftSign"/> names).</summary>
        public IReadOnlyList<string>? SoftSigns { get; init; }
    }

    public sealed record TaskInput
    {
        /// <summary>Task or Medicine.</summary>
        public string? Kind { get; init; }
        public string? Text { get; init; }
        /// <summary>A task: Done or NotDone (say why). A medicine: Given, Declined or NotAvailable.</summary>
        public string? Outcome { get; init; }
        public string? Reason { get; init; }
    }

    /// <summary>What the phone sends: its outbox, oldest first.</summary>
    public sealed record Batch(IReadOnlyList<Input>? Actions);

    /// <param name="Repeat">The phone sent this action before: this is the first answer again.</param>
    public sealed record Result(Guid Id, Guid VisitId, VisitActionOutcome Outcome, bool Repeat, string? Message, VisitStatus? Status,
        DateTimeOffset? ArrivedAt, DateTimeOffset? LeftAt);

    private sealed record Action(Guid Id, Guid VisitId, VisitActionKind Kind, DateTimeOffset At, (double, double)? Place, MissedReason? Reason, string? Notes,
        IReadOnlyList<(Care.TaskKind Kind, string Text, TaskOutcome Outcome, string? Reason)> Tasks, IReadOnlyList<Deterioration.SoftSign> SoftSigns);

    public async Task<IReadOnlyList<Result>> Handle(IReadOnlyList<Input>? actions, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.RecordCare);
        var checkedActions = Check(actions);
        var worker = await db.CareWorkers.AsNoTracking().FirstOrDefaultAsync(w => w.UserName == actor.UserName && w.Active, ct)
                     ?? throw new ForbiddenException("record visits on a round (you are not on a team's list of carers)");
        var results = new List<Result>();
        foreach (var action in checkedActions)
        {
            results.Add(await One(action, worker, actor, ct));
            db.ChangeTracker.Clear();
        }
        return results;
    }

    /// <summary>Every problem with every action at once, each named by its place in the list; nothing is applied if any.</summary>
    private static List<Action> Check(IReadOnlyList<Input>? actions)
    {
        var problems = new Problems();
        if (actions is null || actions.Count == 0)
            problems.Add("actions", "Send at least one action.");
        else if (actions.Count > MostActions)
            problems.Add("actions", $"Send at most {MostActions} actions at a time.");
        problems.ThrowIfAny();
        var list = new List<Action>();
        foreach (var (input, i) in actions!.Select((a, i) => (a, i)))
        {
            var at = $"actions[{i}]";
            var id = Guid.TryParse(input.Id, out var g) ? g : (Guid?)null;
            if (id is null)
                problems.Add($"{at}.id", "Give the action the id the phone made for it (a UUID).");
            var visit = Guid.TryParse(input.VisitId, out var v) ? v : (Guid?)null;
            if (visit is null)
                problems.Add($"{at}.visitId", "Name the visit (its id).");
            var kind = problems.Enum<VisitActionKind>($"{at}.kind", input.Kind, "kind of action (CheckIn, CheckOut or CouldNotVisit)");
            var when = problems.Instant($"{at}.at", input.At, "when the carer did it", required: true);
            (double, double)? place = null;
            if (input.Latitude is { } lat && input.Longitude is { } lon)
            {
                if (lat is < -90 or > 90 || lon is < -180 or > 180 || !double.IsFinite(lat) || !double.IsFinite(lon))
                    problems.Add($"{at}.latitude", "A latitude is between -90 and 90 and a longitude between -180 and 180.");
                else
                    place = (lat, lon);
            }
            else if (input.Latitude is not null || input.Longitude is not null)
                problems.Add($"{at}.longitude", "Send both the latitude and the longitude, or neither.");
            var notes = problems.Optional($"{at}.notes", input.Notes, 4000, "the notes");
            MissedReason? reason = null;
            if (kind == VisitActionKind.CouldNotVisit)
            {
                reason = problems.Enum<MissedReason>($"{at}.reason", input.Reason, "reason the visit could not be made");
                if (reason == MissedReason.Other && notes is null)
                    problems.Add($"{at}.notes", "Say why the visit could not be made.");
            }
            else if (!string.IsNullOrWhiteSpace(input.Reason))
                problems.Add($"{at}.reason", "A reason is given only when the visit could not be made.");
            if (id is { } a && list.Any(x => x.Id == a))
                problems.Add($"{at}.id", "Each action has its own id: this one is already in the list.");
            var tasks = Tasks(input.Tasks, kind, problems, at);
            var signs = Deterioration.RecordObservation.Signs(input.SoftSigns, problems, $"{at}.softSigns");
            if (signs.Count > 0 && kind != VisitActionKind.CheckOut)
                problems.Add($"{at}.softSigns", "Soft signs are recorded at check-out.");
            if (id is not null && visit is not null && kind is not null && when is not null)
                list.Add(new Action(id.Value, visit.Value, kind.Value, when.Value, place, reason, notes, tasks, signs));
        }
        problems.ThrowIfAny();
        return list;
    }

    private static List<(Care.TaskKind, string, TaskOutcome, string?)> Tasks(IReadOnlyList<TaskInput>? tasks, VisitActionKind? kind, Problems problems, string at)
    {
        var read = new List<(Care.TaskKind, string, TaskOutcome, string?)>();
        if (tasks is not { Count: > 0 })
            return read;
        if (kind != VisitActionKind.CheckOut)
        {
            problems.Add($"{at}.tasks", "Tasks are recorded at check-out.");
            return read;
        }
        if (tasks.Count > 2 * Care.PlanTasks.MostLines)
            problems.Add($"{at}.tasks", $"A visit has at most {2 * Care.PlanTasks.MostLines} tasks and medicines.");
        foreach (var (task, j) in tasks.Select((t, j) => (t, j)))
        {
            var place = $"{at}.tasks[{j}]";
            var taskKind = problems.Enum<Care.TaskKind>($"{place}.kind", task.Kind, "kind (Task or Medicine)");
            var text = problems.Required($"{place}.text", task.Text, Care.PlanTasks.LongestLine, "the task as the round showed it");
            var outcome = problems.Enum<TaskOutcome>($"{place}.outcome", task.Outcome, "what happened");
            var why = problems.Optional($"{place}.reason", task.Reason, 500, "why");
            if (taskKind == Care.TaskKind.Task && outcome is not (null or TaskOutcome.Done or TaskOutcome.NotDone))
                problems.Add($"{place}.outcome", "A task is Done or NotDone.", "Say whether the task was done.");
            else if (taskKind == Care.TaskKind.Medicine && outcome is TaskOutcome.Done or TaskOutcome.NotDone)
                problems.Add($"{place}.outcome", "A medicine prompt is Given, Declined or NotAvailable.", "Say whether the medicine was taken, declined or not there.");
            else if (outcome == TaskOutcome.NotDone && why is null)
                problems.Add($"{place}.reason", "Say why the task was not done.");
            if (taskKind is { } k && text is not null && outcome is { } o)
                read.Add((k, text, o, why));
        }
        return read;
    }

    private async Task<Result> One(Action action, CareWorker worker, Actor actor, CancellationToken ct)
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

    /// <summary>Why the action does not fit the visit as it now is; null when it fits.</summary>
    private async Task<string?> Misfit(Action action, Visit visit, Episode episode, CareWorker worker, DateTimeOffset now, CancellationToken ct)
    {
        if (episode.Status != EpisodeStatus.Active)
            return $"Care for this person is no longer active (the episode is {Words.Of(episode.Status).ToLowerInvariant()}).";
        if (visit.Status == VisitStatus.Cancelled)
            return "This visit was cancelled after the round reached your phone.";
        if (London.DateOf(action.At) != visit.Date)
            return $"The phone's time ({London.TimeOf(action.At):d MMM HH:mm}) is not on the visit's day ({visit.Date:d MMM}): check the phone's clock.";
        if (action.At > now.AddMinutes(5))
            return $"The phone's time ({London.TimeOf(action.At):HH:mm}) is ahead of the real time: check the phone's clock.";
        var mine = await (from a in db.RotaAssignments.AsNoTracking()
                          join r in db.Rotas.AsNoTracking() on a.RotaId equals r.Id
                          where a.VisitId == visit.Id && a.WorkerId == worker.Id && r.Status == RotaStatus.Published
                          select a.VisitId).AnyAsync(ct)
                   || await db.VisitActions.AsNoTracking().AnyAsync(a => a.VisitId == visit.Id && a.WorkerId == worker.Id && a.Outcome == VisitActionOutcome.Applied, ct);
        if (!mine)
            return "This visit is no longer in your round: the rota changed and it went to another carer.";
        var by = visit.RecordedBy is null ? "" : $" by {visit.RecordedBy}";
        return (action.Kind, visit.Status) switch
        {
            (VisitActionKind.CheckIn, VisitStatus.Planned) => null,
            // The partner on a double-handed visit checked in (or out) first.
            (VisitActionKind.CheckIn, VisitStatus.InProgress or VisitStatus.Done) when visit.OnPhone => null,
            (VisitActionKind.CheckOut, VisitStatus.InProgress) when action.At <= visit.ArrivedAt => "The check-out is before the check-in: check the phone's clock.",
            (VisitActionKind.CheckOut, VisitStatus.InProgress) => null,
            (VisitActionKind.CheckOut, VisitStatus.Done) when visit.OnPhone => null,
            (VisitActionKind.CheckOut, VisitStatus.Planned) => "There is no check-in for this visit to check out of.",
            (VisitActionKind.CouldNotVisit, VisitStatus.Planned or VisitStatus.InProgress) => null,
            _ => $"This visit was already recorded as {Words.Of(visit.Status).ToLowerInvariant()}{by}.",
        };
    }

    private static void Apply(Action action, Visit visit, int? metres, Actor actor, DateTimeOffset now)
    {
        switch (action.Kind)
        {
            case VisitActionKind.CheckIn:
                if (visit.Status == VisitStatus.Planned)
                    (visit.Status, visit.ArrivedMetres) = (VisitStatus.InProgress, metres);
                visit.ArrivedAt = visit.ArrivedAt is { } a && a < action.At ? a : action.At;
                visit.OnPhone = true;
                break;
            case VisitActionKind.CheckOut:
                visit.LeftAt = visit.LeftAt is { } l && l > action.At ? l : action.At;
                if (visit.Status == VisitStatus.InProgress)
                    (visit.Status, visit.LeftMetres) = (VisitStatus.Done, metres);
                visit.Notes = Join(visit.Notes, action.Notes, actor);
                break;
            case VisitActionKind.CouldNotVisit:
                (visit.Status, visit.MissedReason) = (VisitStatus.Missed, action.Reason);
                visit.Notes = Join(visit.Notes, action.Notes, actor);
                visit.OnPhone = true;
                break;
        }
        (visit.RecordedBy, visit.RecordedAt) = (actor.UserName, now);
        visit.Version++;
    }

    /// <summary>On a double-handed visit both carers' notes are kept, each under its author.</summary>
    private static string? Join(string? held, string? added, Actor actor)
    {
        if (added is null || held is null)
            return added ?? held;
        var joined = $"{held}\n{actor.UserName}: {added}";
        return joined.Length > 4000 ? joined[..4000] : joined;
    }
}
