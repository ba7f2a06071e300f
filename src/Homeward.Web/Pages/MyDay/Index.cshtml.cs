using Homeward.Access;
using Homeward.Common;
using Homeward.Rounds;
using Homeward.Visits;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Homeward.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.MyDay;

/// <summary>
/// A carer's round on their phone: the day's visits in order, with what they need at the door, and check in, check out
/// or could not visit on each. The forms post here; with scripts on, round.js keeps them in the phone's outbox and sends
/// them to the API (so they work offline), and the service worker keeps today's round for when there is no signal.
/// </summary>
[Needs(Right.ReadRecords)]
public sealed class IndexModel(GetMyRound round, RecordAtTheDoor record, TimeProvider clock) : ActingPage
{
    [FromQuery] public string? Date { get; set; }
    public GetMyRound.MyRound Day { get; private set; } = null!;
    protected override string Here => Date is null ? "/my-day" : $"/my-day?date={Uri.EscapeDataString(Date)}";

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    protected override async Task Load(CancellationToken ct)
    {
        try
        {
            Day = await round.Handle(Date, HttpContext.Actor(), ct);
        }
        catch (ValidationFailedException)
        {
            Notice = "That date is not a real date: showing today.";
            Day = await round.Handle(null, HttpContext.Actor(), ct);
        }
    }

    public Task<IActionResult> OnPostConfirmAsync([FromServices] AcknowledgeRound acknowledge, CancellationToken ct) =>
        Act("confirm", async () =>
        {
            var round = await acknowledge.Handle(Date, HttpContext.Actor(), ct);
            return $"Thank you: you have confirmed your round of {round.Stops.Count} {(round.Stops.Count == 1 ? "visit" : "visits")}.";
        }, ct);

    /// <summary>The visit's tasks as posted: a task left unticked is not done (and needs a reason).</summary>
    private List<PhoneAction.TaskInput> Tasks()
    {
        var form = Request.Form;
        var tasks = new List<PhoneAction.TaskInput>();
        for (var i = 0; form.ContainsKey($"tasks[{i}].text"); i++)
        {
            var kind = form[$"tasks[{i}].kind"].ToString();
            var outcome = form[$"tasks[{i}].outcome"].ToString();
            tasks.Add(new()
            {
                Kind = kind, Text = form[$"tasks[{i}].text"], Reason = form[$"tasks[{i}].reason"],
                Outcome = outcome.Length > 0 ? outcome : kind == nameof(Homeward.Care.TaskKind.Task) ? nameof(TaskOutcome.NotDone) : null,
            });
        }
        return tasks;
    }

    /// <summary>Without scripts: the action as the carer pressed it, at the server's time, with an id made here.</summary>
    public Task<IActionResult> OnPostAsync(string? visitId, string? kind, string? reason, string? notes, string? actionId, string[]? softSigns, CancellationToken ct) =>
        Act($"visit-{visitId}", field => field[(field.IndexOf('.') + 1)..] switch
        {
            // Each visit's form has fields of its own: the error summary links to this visit's.
            "reason" => $"reason-{visitId}-{nameof(MissedReason.CouldNotGetIn)}",
            "notes" => kind == nameof(VisitActionKind.CouldNotVisit) ? $"missed-notes-{visitId}" : $"notes-{visitId}",
            // tasks[2].reason → this visit's third task's field.
            var task when task.StartsWith("tasks[", StringComparison.Ordinal) =>
                $"task-{visitId}-{task[6..task.IndexOf(']')]}-{task[(task.IndexOf("].", StringComparison.Ordinal) + 2)..]}",
            var other => other,
        }, async () =>
        {
            var result = (await record.Handle([new PhoneAction.Input
            {
                Id = Guid.TryParse(actionId, out _) ? actionId : Guid.NewGuid().ToString(), VisitId = visitId, Kind = kind,
                At = clock.GetUtcNow().ToString("O"), Reason = reason, Notes = notes, Tasks = kind == nameof(VisitActionKind.CheckOut) ? Tasks() : null,
                SoftSigns = softSigns,
            }], HttpContext.Actor(), ct)).Single();
            return result.Outcome == VisitActionOutcome.Conflict
                ? $"Kept, but it did not fit the visit: {result.Message} The hub has been told."
                : kind switch
                {
                    nameof(VisitActionKind.CheckIn) => $"Checked in at {London.TimeOf(result.ArrivedAt ?? clock.GetUtcNow()):HH:mm}.",
                    nameof(VisitActionKind.CheckOut) => $"Checked out at {London.TimeOf(result.LeftAt ?? clock.GetUtcNow()):HH:mm}."
                        + (softSigns is { Length: > 0 } ? " The hub and the rapid response team have been told of the soft signs." : ""),
                    _ => "Recorded: could not visit. The hub has been told at once.",
                };
        }, ct);
}
