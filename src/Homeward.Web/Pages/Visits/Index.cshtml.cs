using Homeward.Web.Infrastructure;
using Homeward.Access;
using Homeward.Visits;
using Homeward.Web.Auth;
using Homeward.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.Visits;

/// <summary>The team's visits for a day, and the missed visits still flagged until someone follows them up.</summary>
[Needs(Right.ReadRecords)]
public sealed class IndexModel(VisitList list, RecordVisit record) : ActingPage
{
    [FromQuery] public string? Date { get; set; }
    [FromQuery] public bool Flagged { get; set; }
    public VisitList.Result Day { get; private set; } = null!;
    public VisitList.Result Missed { get; private set; } = null!;

    protected override string Here => $"/visits{(Flagged ? "?flagged=true" : Date is null ? "" : $"?date={Date}")}";

    protected override async Task Load(CancellationToken ct)
    {
        var actor = HttpContext.Actor();
        try
        {
            Day = await list.Handle(new VisitList.Query { Date = Date }, actor, ct);
        }
        catch (Homeward.Common.ValidationFailedException)
        {
            Notice = "That date is not a real date: showing today.";
            Day = await list.Handle(new VisitList.Query(), actor, ct);
        }
        Missed = await list.Handle(new VisitList.Query { Flagged = true }, actor, ct);
    }

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public bool CanFollowUp => HttpContext.Actor().Has(Right.RecordCare);

    public Task<IActionResult> OnPostFollowUpAsync(Guid visitId, string? notes, CancellationToken ct) =>
        Act($"follow-up-{visitId}", key => $"{key}-{visitId}", async () =>
        {
            await record.FollowUp(visitId, notes, HttpContext.Actor(), ct);
            return "Missed visit followed up.";
        }, ct);
}
