using Homeward.Web.Infrastructure;
using Homeward.Access;
using Homeward.Common;
using Homeward.Rotas;
using Homeward.Web.Auth;
using Homeward.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.Rotas;

/// <summary>The scheduler's page: choose a team and a day, build the rota with the optimiser, and see the rotas built.</summary>
[Needs(Right.PlanRota)]
public sealed class IndexModel(TeamRotas rotas, BuildRotaWork build, TimeProvider clock) : ActingPage
{
    [FromQuery] public Guid? Team { get; set; }
    public IReadOnlyList<TeamRotas.Team> Teams { get; private set; } = [];
    public IReadOnlyList<TeamRotas.Summary> Built { get; private set; } = [];
    public DateOnly Tomorrow => London.DateOf(clock.GetUtcNow()).AddDays(1);
    private Guid? _job;

    protected override string Here => _job is { } id ? $"/jobs/{id}?follow=true" : "/rotas" + (Team is { } t ? $"?team={t}" : "");

    protected override async Task Load(CancellationToken ct)
    {
        var actor = HttpContext.Actor();
        Teams = await rotas.Teams(actor, ct);
        Built = await rotas.List(Team?.ToString(), null, actor, ct);
    }

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public Task<IActionResult> OnPostBuildAsync(string? serviceId, string? date, CancellationToken ct) =>
        Act("build", async () =>
        {
            var (job, existing) = await build.Request(serviceId, date, HttpContext.Actor(), ct);
            _job = job.Id;
            return existing
                ? $"This rota is already being built (asked by {job.RequestedBy}): this page follows that build."
                : "Building the rota: this page shows how far it has got, and opens the rota when it is ready.";
        }, ct);

    public string TeamName(Guid id) => Teams.FirstOrDefault(t => t.Id == id)?.Name ?? "";
}
