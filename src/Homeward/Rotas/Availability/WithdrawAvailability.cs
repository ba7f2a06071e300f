using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Rotas.Carers;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Rotas.Availability;

/// <summary>Withdraws a change recorded by mistake (kept, marked withdrawn); audited.</summary>
public sealed class WithdrawAvailability(HomewardDb db, CarerRules rules, TimeProvider clock)
{
    public async Task<AvailabilityView> Handle(Guid workerId, Guid changeId, Actor actor, CancellationToken ct)
    {
        var worker = await db.CareWorkers.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workerId, ct) ?? throw new NotFoundException("carer", workerId);
        await rules.Team(worker.ServiceId, actor, ct, workerId);
        var change = await db.Set<AvailabilityChange>().SingleOrDefaultAsync(c => c.Id == changeId && c.WorkerId == workerId, ct)
            ?? throw new NotFoundException("availability change", changeId);
        var now = clock.GetUtcNow();
        change.Withdraw(actor.UserName, now);
        db.AuditEntries.Add(AuditEntry.For(actor, "carer.availability-withdraw", null, change.Id, now));
        await db.SaveChangesAsync(ct);
        return AvailabilityView.Of(change);
    }
}
