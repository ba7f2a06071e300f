using Homeward.Web.Infrastructure;
using Homeward.Access;
using Homeward.Common;
using Homeward.Rotas;
using Homeward.Rotas.Adjust;
using Homeward.Rotas.Availability;
using Homeward.Rotas.Urgent;
using Homeward.Web.Auth;
using Homeward.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.Rotas;

/// <summary>
/// One rota: the figures, a timeline per carer, each round, what could not be planned and why; on a draft, who could
/// take a visit, move or swap visits, publish; on today's published rota, an urgent visit, and re-planning the rest of the
/// day when a carer can no longer make their round.
/// </summary>
[Needs(Right.PlanRota)]
public sealed class RotaModel(TeamRotas rotas, WhoCouldTake who, MoveVisit move, SwapVisits swap, PublishRota publish, ReplanToday replan,
    AddUrgentVisit urgent, UrgentCandidates candidates, TimeProvider clock, RotaSettings settings) : ActingPage
{
    /// <summary>How travel is estimated when no road network is loaded.</summary>
    public RotaSettings Settings => settings;

    [FromRoute] public Guid Id { get; set; }
    /// <summary>The visit to find a carer for ("id" or "id/2"), asked from a round or the visits not planned.</summary>
    [FromQuery] public string? Take { get; set; }
    public TeamRotas.Detail Rota { get; private set; } = null!;
    public WhoCouldTake.Answer? Choices { get; private set; }
    private Guid? _goTo;

    protected override string Here => $"/rotas/{_goTo ?? Id}";

    /// <summary>For today's published rota: the people booked to the team, who can be given an urgent visit.</summary>
    public IReadOnlyList<UrgentCandidates.Candidate> Candidates { get; private set; } = [];

    public IEnumerable<(string Value, string Label)> UrgentOptions() => Candidates.Select(c => (c.EpisodeId.ToString(), $"{c.Name}, {c.Address}"));

    public bool IsToday => Rota.Rota.Date == London.Today(clock);

    public bool TakesUrgentVisits => Rota.Rota.Status == RotaStatus.Published && IsToday;

    /// <summary>Carers whose day changed after the rota was made and who can no longer make visits in their round.</summary>
    public IReadOnlyList<TeamRotas.Round> CannotMake => [.. Rota.Rounds.Where(r => r.CannotMake > 0)];

    protected override async Task Load(CancellationToken ct)
    {
        var actor = HttpContext.Actor();
        Rota = await rotas.Get(Id, actor, ct);
        if (TakesUrgentVisits)
            Candidates = await candidates.Handle(Id, actor, ct);
        if (Take is not null && Rota.Rota.Status == RotaStatus.Draft)
        {
            var second = Take.EndsWith("/2", StringComparison.Ordinal);
            try
            {
                Choices = await who.Handle(Id, second ? Take[..^2] : Take, second, actor, ct);
            }
            catch (ValidationFailedException e)
            {
                Notice = string.Join(" ", e.Errors.Values.SelectMany(m => m));
            }
        }
    }

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public Task<IActionResult> OnPostUrgentAsync(string? episodeId, string? minutes, int? version, CancellationToken ct) =>
        Act("urgent", async () =>
        {
            int? length = int.TryParse(minutes, out var m) ? m : null;
            var result = await urgent.Handle(Id, new AddUrgentVisit.UrgentInput(episodeId, length), version, HttpContext.Actor(), ct);
            return $"Urgent visit added: {result.WorkerName} arrives by {RotaChart.Clock(result.Start)}. Every other visit keeps its carer.";
        }, ct);

    public Task<IActionResult> OnPostMoveAsync(string? visit, string? workerId, string? position, int? version, CancellationToken ct) =>
        Act("move", async () =>
        {
            // The visit field carries "id" or "id/2" (the second carer of a double-handed visit).
            var second = visit?.EndsWith("/2", StringComparison.Ordinal) == true;
            int? at = int.TryParse(position, out var p) ? p : null;
            var summary = await move.Handle(Id, new MoveVisit.Input(second ? visit![..^2] : visit, workerId, second, at), version, HttpContext.Actor(), ct);
            return $"Visit moved. The rota now drives {summary.TravelKm:N0} km with {summary.LateVisits} late {(summary.LateVisits == 1 ? "visit" : "visits")}.";
        }, ct);

    public Task<IActionResult> OnPostSwapAsync(string? first, string? other, int? version, CancellationToken ct) =>
        Act("swap", async () =>
        {
            var summary = await swap.Handle(Id, new SwapVisits.Input(first, other), version, HttpContext.Actor(), ct);
            return $"Visits swapped. The rota now drives {summary.TravelKm:N0} km with {summary.LateVisits} late {(summary.LateVisits == 1 ? "visit" : "visits")}.";
        }, ct);

    public Task<IActionResult> OnPostPublishAsync(int? version, CancellationToken ct) =>
        Act("publish", async () =>
        {
            await publish.Handle(Id, version, HttpContext.Actor(), ct);
            return "Rota published: each carer now sees their day.";
        }, ct);

    public Task<IActionResult> OnPostReplanAsync(int? version, CancellationToken ct) =>
        Act("replan", async () =>
        {
            var result = await replan.Handle(Id, version, HttpContext.Actor(), ct);
            _goTo = result.Rota.Id;
            return $"A draft of the rest of today: {result.Moved} {(result.Moved == 1 ? "visit" : "visits")} given to other carers"
                   + (result.NotPlaced > 0 ? $", {result.NotPlaced} nobody on shift can take (under Not planned)" : "")
                   + ". What has started stays as it was. Check it, then publish it.";
        }, ct);

    /// <summary>The visits a move can name: each planned or unplanned visit (and second carers).</summary>
    public IEnumerable<(string Value, string Label)> VisitOptions() =>
        PlannedOptions().Concat(Rota.Gaps.Select(g => (RotaPlanning.Key(g.VisitId, g.Second), $"{g.WindowStart:HH:mm} {g.PersonName}{(g.Second ? " (second carer)" : "")}, not planned")))
            .OrderBy(o => o.Item2, StringComparer.Ordinal);

    /// <summary>The visits a swap can name: each planned visit.</summary>
    public IEnumerable<(string Value, string Label)> PlannedOptions() =>
        Rota.Rounds.SelectMany(r => r.Stops.Select(s => (RotaPlanning.Key(s.VisitId, s.Second), $"{s.WindowStart:HH:mm} {s.PersonName}{(s.Second ? " (second carer)" : "")}, now {r.Name}")))
            .OrderBy(o => o.Item2, StringComparer.Ordinal);

    public IEnumerable<(string Value, string Label)> WorkerOptions() =>
        Rota.Rounds.Where(r => r.ShiftEnd > r.ShiftStart).Select(r => (r.WorkerId.ToString(), $"{r.Name} ({r.ShiftStart:HH:mm}–{r.ShiftEnd:HH:mm})"));
}
