using Homeward.Web.Infrastructure;
using Homeward.Access;
using Homeward.Rotas;
using Homeward.Web.Auth;
using Homeward.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.Rotas;

/// <summary>One rota: the figures, a timeline per carer, each round, what could not be planned and why; move a visit, publish.</summary>
[Needs(Right.PlanRota)]
public sealed class RotaModel(TeamRotas rotas, TimeProvider clock) : ActingPage
{
    [FromRoute] public Guid Id { get; set; }
    public TeamRotas.Detail Rota { get; private set; } = null!;

    protected override string Here => $"/rotas/{Id}";

    /// <summary>For today's published rota: the people booked to the team, who can be given an urgent visit.</summary>
    public IReadOnlyList<TeamRotas.Candidate> Candidates { get; private set; } = [];

    public IEnumerable<(string Value, string Label)> UrgentOptions() => Candidates.Select(c => (c.EpisodeId.ToString(), $"{c.Name}, {c.Address}"));

    public bool TakesUrgentVisits => Rota.Rota.Status == Homeward.Rotas.RotaStatus.Published
                                     && Rota.Rota.Date == Homeward.Common.London.Today(clock);

    protected override async Task Load(CancellationToken ct)
    {
        Rota = await rotas.Get(Id, HttpContext.Actor(), ct);
        if (TakesUrgentVisits)
            Candidates = await rotas.UrgentCandidates(Id, HttpContext.Actor(), ct);
    }

    public Task<IActionResult> OnPostUrgentAsync(string? episodeId, string? minutes, int? version, CancellationToken ct) =>
        Act("urgent", async () =>
        {
            int? length = int.TryParse(minutes, out var m) ? m : null;
            var result = await rotas.AddUrgent(Id, new TeamRotas.UrgentInput(episodeId, length), version, HttpContext.Actor(), ct);
            return $"Urgent visit added: {result.WorkerName} arrives by {Homeward.Web.Pages.Rotas.RotaChart.Clock(result.Start)}. Every other visit keeps its carer.";
        }, ct);

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public Task<IActionResult> OnPostMoveAsync(string? visit, string? workerId, int? version, CancellationToken ct) =>
        Act("move", async () =>
        {
            // The visit field carries "id" or "id/2" (the second carer of a double-handed visit).
            var second = visit?.EndsWith("/2", StringComparison.Ordinal) == true;
            var summary = await rotas.Move(Id, second ? visit![..^2] : visit, workerId, second, version, HttpContext.Actor(), ct);
            return $"Visit moved. The rota now drives {summary.TravelKm:N0} km with {summary.LateVisits} late {(summary.LateVisits == 1 ? "visit" : "visits")}.";
        }, ct);

    public Task<IActionResult> OnPostPublishAsync(int? version, CancellationToken ct) =>
        Act("publish", async () =>
        {
            await rotas.Publish(Id, version, HttpContext.Actor(), ct);
            return "Rota published: each carer now sees their day.";
        }, ct);

    /// <summary>The visits a move can name: each planned or unplanned visit (and second carers).</summary>
    public IEnumerable<(string Value, string Label)> VisitOptions() =>
        Rota.Rounds.SelectMany(r => r.Stops.Select(s => (Key(s.VisitId, s.Second), $"{s.WindowStart:HH:mm} {s.PersonName}{(s.Second ? " (second carer)" : "")}, now {r.Name}")))
            .Concat(Rota.Gaps.Select(g => (Key(g.VisitId, g.Second), $"{g.WindowStart:HH:mm} {g.PersonName}{(g.Second ? " (second carer)" : "")}, not planned")))
            .OrderBy(o => o.Item2, StringComparer.Ordinal);

    public IEnumerable<(string Value, string Label)> WorkerOptions() =>
        Rota.Rounds.Select(r => (r.WorkerId.ToString(), $"{r.Name} ({r.ShiftStart:HH:mm}–{r.ShiftEnd:HH:mm})"));

    private static string Key(Guid visit, bool second) => RotaPlanning.Key(visit, second);
}
