using Homeward.Web.Infrastructure;
using Homeward.Access;
using Homeward.FollowUps;
using Homeward.Web.Auth;
using Homeward.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.FollowUps;

/// <summary>The contacts within 48 hours of going home: the longest home first, attempts, and how the person was.</summary>
[Needs(Right.ReadRecords)]
public sealed class HomeModel(HomeContacts contacts, TimeProvider clock) : ActingPage
{
    [FromQuery] public bool Done { get; set; }
    public IReadOnlyList<HomeContactView> Contacts { get; private set; } = [];
    public DateTimeOffset Now => clock.GetUtcNow();

    protected override string Here => Done ? "/follow-ups/home?done=true" : "/follow-ups/home";

    protected override async Task Load(CancellationToken ct) =>
        Contacts = await contacts.List(new HomeContacts.Query(Done), HttpContext.Actor(), ct);

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public bool CanWork => HttpContext.Actor().Has(Right.FollowUp);

    public Task<IActionResult> OnPostAttemptAsync(Guid id, bool? reached, string? notes, int version, CancellationToken ct) =>
        Act($"attempt-{id}", key => $"{key}-{id}", async () =>
        {
            await contacts.Attempt(id, new HomeContacts.AttemptInput(reached, notes, null), version, HttpContext.Actor(), ct);
            return "Attempt recorded.";
        }, ct);

    public Task<IActionResult> OnPostOutcomeAsync(Guid id, string? outcome, string? notes, int version, CancellationToken ct) =>
        Act($"outcome-{id}", key => $"{key}-{id}", async () =>
        {
            var done = await contacts.Complete(id, new HomeContacts.OutcomeInput(outcome, notes, null), version, HttpContext.Actor(), ct);
            return $"Contact recorded: {Labels.Split(done.Outcome.ToString()!)}.";
        }, ct);
}
