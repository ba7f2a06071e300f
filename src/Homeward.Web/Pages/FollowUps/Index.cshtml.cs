using Homeward.Web.Infrastructure;
using Homeward.Access;
using Homeward.Care;
using Homeward.FollowUps;
using Homeward.Web.Auth;
using Homeward.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.FollowUps;

/// <summary>The 91-day follow-ups: overdue ones first, with the attempts made and the result once due.</summary>
[Needs(Right.ReadRecords)]
public sealed class IndexModel(FollowUpTasks tasks) : ActingPage
{
    [FromQuery] public string? Due { get; set; }
    public IReadOnlyList<FollowUpView> Tasks { get; private set; } = [];

    public FollowUpTasks.Due Showing => Enum.TryParse<FollowUpTasks.Due>(Due, true, out var d) ? d : FollowUpTasks.Due.Soon;

    protected override string Here => $"/follow-ups?due={Showing}";

    protected override async Task Load(CancellationToken ct) =>
        Tasks = await tasks.List(new FollowUpTasks.Query(Showing.ToString()), HttpContext.Actor(), ct);

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public bool CanWork => HttpContext.Actor().Has(Right.FollowUp);

    public Task<IActionResult> OnPostAttemptAsync(Guid id, bool? reached, string? notes, int version, CancellationToken ct) =>
        Act($"attempt-{id}", key => $"{key}-{id}", async () =>
        {
            await tasks.Attempt(id, new FollowUpTasks.AttemptInput(reached, notes, null), version, HttpContext.Actor(), ct);
            return "Attempt recorded.";
        }, ct);

    public Task<IActionResult> OnPostResultAsync(Guid id, string? result, string? notes, int version, CancellationToken ct) =>
        Act($"result-{id}", key => $"{key}-{id}", async () =>
        {
            var done = await tasks.Complete(id, new FollowUpTasks.ResultInput(result, notes, null), version, HttpContext.Actor(), ct);
            return $"Follow-up completed: {Labels.Split(done.Result.ToString()!)}.";
        }, ct);
}
