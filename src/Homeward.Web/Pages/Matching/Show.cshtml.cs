using Homeward.Access;
using Homeward.Matching;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.Matching;

/// <summary>
/// A referral held because its details differ from the person held for its NHS number: the details sent beside those
/// held, what came with it, and the decision (the same person, keeping or updating the held details; or not).
/// </summary>
[Needs(Right.Triage)]
public sealed class ShowModel(GetHeldReferral held, DecideMatch decide) : Homeward.Web.Pages.Shared.ActingPage
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    public GetHeldReferral.MatchView View { get; private set; } = null!;
    private string? _next;

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public Task<IActionResult> OnPostAsync(string? decision, string? note, int version, CancellationToken ct) =>
        Act("decide", async () =>
        {
            var decided = await decide.Handle(Id, new DecideMatch.Request { Decision = decision, Note = note }, version, HttpContext.Actor(), ct);
            _next = decided.EpisodeId is { } episode ? $"/episodes/{episode}" : "/attention";
            return decided.EpisodeId is null
                ? $"{decided.Referral.SentName}: recorded as not the person held; the referrer can follow it and send it again corrected."
                : $"{decided.Referral.SentName}: referral taken for the person held. Triage it below.";
        }, ct);

    protected override string Here => _next ?? $"/matching/{Id}";

    protected override async Task Load(CancellationToken ct) => View = await held.ForDecision(Id, HttpContext.Actor(), ct);
}
