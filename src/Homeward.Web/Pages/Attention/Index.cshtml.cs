using Homeward.Access;
using Homeward.Attention;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.Attention;

/// <summary>The hub's "needs attention" queue: overdue first; take an item, hand it back or mark it done.</summary>
[Needs(Right.AcceptOrDecline)]
public sealed class IndexModel(NeedsAttention queue, ClaimAttention claim, Homeward.Pressure.SystemPressure pressure) : Homeward.Web.Pages.Shared.ActingPage
{
    public NeedsAttention.View View { get; private set; } = null!;

    /// <summary>The partnership's pressure now, for those who read figures (the hub, managers).</summary>
    public Homeward.Pressure.SystemPressure.View? Pressure { get; private set; }

    /// <summary>One kind listed whole (from "show all"); every kind, capped, when absent or not a kind.</summary>
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "show")] public string? Show { get; set; }

    public AttentionKind? Only => Enum.TryParse<AttentionKind>(Show, out var k) && Enum.IsDefined(k) ? k : null;

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public Task<IActionResult> OnPostAsync(string? kind, Guid subjectId, string? act, CancellationToken ct) =>
        Act("claim", async () =>
        {
            NeedsAttention.Item item;
            try
            {
                item = await claim.Handle(kind, subjectId, act, HttpContext.Actor(), ct);
            }
            catch (Homeward.Common.NotFoundException)
            {
                throw new Homeward.Common.InvalidTransitionException("This no longer needs attention: it has been dealt with since the page was shown.");
            }
            return item.State switch
            {
                AttentionState.Taken => $"{item.PersonName}: you have taken this ({item.KindLabel.ToLowerInvariant()}).",
                AttentionState.Done => $"{item.PersonName}: done.",
                _ => $"{item.PersonName}: handed back to the team.",
            };
        }, ct);

    protected override string Here => Only is { } only ? $"/attention?show={only}" : "/attention";

    protected override async Task Load(CancellationToken ct)
    {
        var actor = HttpContext.Actor();
        View = await queue.Handle(actor, ct, Only);
        if (actor.Has(Right.ReadFigures))
            Pressure = await pressure.Handle(actor, ct);
    }
}
