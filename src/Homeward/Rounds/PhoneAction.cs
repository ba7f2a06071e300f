using Homeward.Common;
using Homeward.Visits;

namespace Homeward.Rounds;

/// <summary>
/// One thing a carer did at a visit, as the phone sends it (<see cref="Input"/>) and as Homeward reads it: every field
/// checked, every problem named by its place in the batch (<c>actions[2].tasks[0].reason</c>), all at once. A batch with
/// any problem is refused whole; the phone checks the same before it keeps a record offline.
/// </summary>
public sealed record PhoneAction(Guid Id, Guid VisitId, VisitActionKind Kind, DateTimeOffset At, (double, double)? Place, MissedReason? Reason,
    string? Notes, IReadOnlyList<(Care.TaskKind Kind, string Text, TaskOutcome Outcome, string? Reason)> Tasks, IReadOnlyList<Deterioration.SoftSign> SoftSigns)
{
    public const int Most = 200;

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

    /// <summary>Every problem with every action at once, each named by its place in the list; nothing is applied if any.</summary>
    public static IReadOnlyList<PhoneAction> Read(IReadOnlyList<Input>? actions)
    {
        var problems = new Problems();
        if (actions is null || actions.Count == 0)
            problems.Add("actions", "Send at least one action.");
        else if (actions.Count > Most)
            problems.Add("actions", $"Send at most {Most} actions at a time.");
        if (problems.Any || actions is null)
            throw problems.Failure();
        var list = new List<PhoneAction>();
        foreach (var (input, i) in actions.Select((a, i) => (a, i)))
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
            var tasks = ReadTasks(input.Tasks, kind, problems, at);
            var signs = Deterioration.RecordObservation.Signs(input.SoftSigns, problems, $"{at}.softSigns");
            if (signs.Count > 0 && kind != VisitActionKind.CheckOut)
                problems.Add($"{at}.softSigns", "Soft signs are recorded at check-out.");
            if (id is not null && visit is not null && kind is not null && when is not null)
                list.Add(new PhoneAction(id.Value, visit.Value, kind.Value, when.Value, place, reason, notes, tasks, signs));
        }
        problems.ThrowIfAny();
        return list;
    }

    private static List<(Care.TaskKind, string, TaskOutcome, string?)> ReadTasks(IReadOnlyList<TaskInput>? tasks, VisitActionKind? kind, Problems problems, string at)
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
}
