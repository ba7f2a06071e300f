using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Rotas.Carers;

/// <summary>One carer, for someone who may plan their team (anyone else: not found).</summary>
public sealed class GetCarer(HomewardDb db, CarerRules rules)
{
    public async Task<CarerView> Handle(Guid id, Actor actor, CancellationToken ct)
    {
        var worker = await db.CareWorkers.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, ct) ?? throw new NotFoundException("carer", id);
        await rules.Team(worker.ServiceId, actor, ct, id);
        return CarerView.From(worker);
    }
}
