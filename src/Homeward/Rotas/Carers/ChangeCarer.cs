using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Rotas.Carers;

/// <summary>Changes a carer (every field, as for adding; inactive when they leave the team); a stale copy is refused; audited.</summary>
public sealed class ChangeCarer(HomewardDb db, CarerRules rules, TimeProvider clock)
{
    public async Task<CarerView> Handle(Guid id, CarerInput input, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        var worker = await db.CareWorkers.SingleOrDefaultAsync(w => w.Id == id, ct) ?? throw new NotFoundException("carer", id);
        await rules.Team(worker.ServiceId, actor, ct, id);
        Versions.Demand("carer", worker.Version, expectedVersion);
        await rules.Apply(worker, input, ct);
        worker.Version++;
        db.AuditEntries.Add(AuditEntry.For(actor, "carer.update", null, worker.Id, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return CarerView.From(worker);
    }
}
