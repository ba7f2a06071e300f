using Homeward.Access;
using Homeward.Rotas;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Rotas;

/// <summary>A team's carers, as the rota plans with them: choose the team, see who works when and with what skills.</summary>
[Needs(Right.PlanRota)]
public sealed class CarersModel(TeamRotas rotas, Homeward.Rotas.Carers.ListCarers carers) : PageModel
{
    [FromQuery] public Guid? Team { get; set; }
    public IReadOnlyList<TeamRotas.Team> Teams { get; private set; } = [];
    public Homeward.Rotas.Carers.TeamView? Chosen { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = HttpContext.Actor();
        Teams = await rotas.Teams(actor, ct);
        var team = Team ?? (Teams.Count == 1 ? Teams[0].Id : null);
        if (team is { } id && Teams.Any(t => t.Id == id))
            Chosen = await carers.Handle(id, actor, ct);
    }
}
