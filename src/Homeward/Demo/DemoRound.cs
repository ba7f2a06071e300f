using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Homeward.Rotas;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Demo;

/// <summary>
/// The demo's scheduler: at each start, when Riley Able's team has no published rota for today, it builds one (a short
/// search) and publishes it, so the demo carer has a round on her phone whatever day the demo is tried. Visits already
/// recorded today stay recorded; the rest are hers to check in to.
/// </summary>
public static class DemoRound
{
    public static async Task<bool> PublishToday(HomewardDb db, BuildRota build, PublishRota publish, TimeProvider clock, CancellationToken ct)
    {
        var account = DemoAccounts.Accounts.Single(a => a.Role == Role.ReablementWorker).UserName;
        var team = await db.CareWorkers.AsNoTracking().Where(w => w.UserName == account && w.Active).Select(w => (Guid?)w.ServiceId).FirstOrDefaultAsync(ct);
        if (team is not { } id)
            return false;
        var today = London.DateOf(clock.GetUtcNow());
        if (await db.Rotas.AnyAsync(r => r.ServiceId == id && r.Date == today && r.Status == RotaStatus.Published, ct))
            return false;
        var organisation = await db.CareServices.AsNoTracking().Where(s => s.Id == id).Select(s => s.OrganisationId).SingleAsync(ct);
        var scheduler = Actor.System(organisation, "demo-round");
        var built = await build.Handle(id.ToString(), today.ToString("yyyy-MM-dd"), scheduler, ct, TimeSpan.FromSeconds(2));
        await publish.Handle(built.Id, built.Version, scheduler, ct);
        return true;
    }
}
