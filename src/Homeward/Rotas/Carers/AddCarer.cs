using Homeward.Access;
using Homeward.Audit;
using Homeward.Data;

namespace Homeward.Rotas.Carers;

/// <summary>Adds a carer to a team the actor may plan; every problem is said at once; audited.</summary>
public sealed class AddCarer(HomewardDb db, CarerRules rules, TimeProvider clock)
{
    public async Task<CarerView> Handle(Guid serviceId, CarerInput input, Actor actor, CancellationToken ct)
    {
        await rules.Team(serviceId, actor, ct);
        var worker = new CareWorker { ServiceId = serviceId, Name = "" };
        await rules.Apply(worker, input, ct);
        db.CareWorkers.Add(worker);
        db.AuditEntries.Add(AuditEntry.For(actor, "carer.create", null, worker.Id, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return CarerView.From(worker);
    }
}
