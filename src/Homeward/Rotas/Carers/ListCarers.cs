using Homeward.Access;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Rotas.Carers;

/// <summary>A team's carers as the scheduler keeps them, those still working first.</summary>
public sealed class ListCarers(HomewardDb db, CarerRules rules)
{
    public async Task<TeamView> Handle(Guid serviceId, Actor actor, CancellationToken ct)
    {
        var team = await rules.Team(serviceId, actor, ct);
        var carers = await db.CareWorkers.AsNoTracking().Where(w => w.ServiceId == serviceId).OrderByDescending(w => w.Active).ThenBy(w => w.Name).ToListAsync(ct);
        return new TeamView(team, [.. carers.Select(CarerView.From)]);
    }
}
