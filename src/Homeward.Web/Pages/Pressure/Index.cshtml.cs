using System.Globalization;
using Homeward.Access;
using Homeward.Pressure;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.Pressure;

/// <summary>System pressure: the community OPEL level worked out live, each parameter behind it, and the escalation log.</summary>
[Needs(Right.ReadFigures)]
public sealed class IndexModel(SystemPressure pressure, RecordEscalation record, TimeProvider clock) : Homeward.Web.Pages.Shared.ActingPage
{
    public SystemPressure.View View { get; private set; } = null!;

    /// <summary>When a new action is due, as offered on the form: hours from now, or none.</summary>
    public static readonly (string Value, string Label)[] DueChoices =
        [("", "No set time"), ("1", "Within 1 hour"), ("4", "Within 4 hours"), ("12", "Within 12 hours"), ("24", "Within 24 hours")];

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public Task<IActionResult> OnPostAddAsync(string? action, string? owner, string? due, CancellationToken ct) =>
        Act("add", f => f == "dueBy" ? "due" : f, async () =>
        {
            string? dueBy = null;
            if (!string.IsNullOrEmpty(due))
                dueBy = int.TryParse(due, NumberStyles.None, CultureInfo.InvariantCulture, out var hours) && DueChoices.Any(c => c.Value == due)
                    ? clock.GetUtcNow().AddHours(hours).ToString("O", CultureInfo.InvariantCulture)
                    : "not a choice";
            var added = await record.Add(new RecordEscalation.NewAction(action, owner, dueBy), HttpContext.Actor(), ct);
            return $"Action logged at OPEL {added.Level}, owned by {added.Owner}.";
        }, ct);

    public Task<IActionResult> OnPostDoneAsync(Guid id, int version, string? result, CancellationToken ct) =>
        Act($"done-{id}", f => f == "result" ? $"result-{id}" : f, async () =>
        {
            var done = await record.Complete(id, new RecordEscalation.Done(result), version, HttpContext.Actor(), ct);
            return $"Marked done: {done.Action}";
        }, ct);

    protected override string Here => "/pressure";

    protected override async Task Load(CancellationToken ct) => View = await pressure.Handle(HttpContext.Actor(), ct);
}
