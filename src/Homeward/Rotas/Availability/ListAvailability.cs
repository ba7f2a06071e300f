using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Rotas.Carers;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Rotas.Availability;

/// <summary>A carer's changes from a day on (what is current and to come; withdrawn ones too, marked), latest first.</summary>
public sealed class ListAvailability(HomewardDb db, CarerRules rules, TimeProvider clock)
{
    public async Task<IReadOnlyList<AvailabilityView>> Handle(Guid workerId, Actor actor, CancellationToken ct)
    {
        var worker = await db.CareWorkers.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workerId, ct) ?? throw new NotFoundException("carer", workerId);
        await rules.Team(worker.ServiceId, actor, ct, workerId);
        var since = London.Today(clock).AddDays(-RecordAvailability.MostDaysBack);
        var changes = await db.Set<AvailabilityChange>().AsNoTracking().Where(c => c.WorkerId == workerId && c.To >= since)
            .OrderByDescending(c => c.From).ThenByDescending(c => c.RecordedAt).ToListAsync(ct);
        return [.. changes.Select(AvailabilityView.Of)];
    }
}
