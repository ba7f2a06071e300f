using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Rotas;

/// <summary>
/// Publishes a team's draft rota: each carer sees their round, an earlier published rota for the team and day is
/// superseded, and people whose visit time moved are told (TellFamily). Audited.
/// </summary>
public sealed class PublishRota(HomewardDb db, RotaDays days, TimeProvider clock, Messages.TellFamily tell)
{
    /// <summary>Publishes a draft: carers see their rounds; an earlier published rota for the team and day is superseded.</summary>
    public async Task<TeamRotas.Summary> Handle(Guid id, int? version, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.PlanRota);
        var rota = await days.Find(id, actor, ct, tracked: true);
        Versions.Demand("rota", rota.Version, version);
        var now = clock.GetUtcNow();
        // Refused here, before anything else changes, when it is not a draft (the database still holds it as one below).
        rota.Publish(actor.UserName, now);
        var moved = new List<(Guid VisitId, int From, int To)>();
        foreach (var earlier in await db.Rotas.Include(r => r.Assignments)
                     .Where(r => r.ServiceId == rota.ServiceId && r.Date == rota.Date && r.Status == RotaStatus.Published).ToListAsync(ct))
        {
            earlier.Supersede();
            // A visit the people were told to expect at one time and now another: they hear of it (TellFamily).
            var told = earlier.Assignments.Where(a => !a.Second).ToDictionary(a => a.VisitId, a => a.Start);
            moved.AddRange(rota.Assignments.Where(a => !a.Second && told.ContainsKey(a.VisitId) && told[a.VisitId] != a.Start)
                .Select(a => (a.VisitId, told[a.VisitId], a.Start)));
        }
        if (rota.Date >= London.DateOf(now))
            await tell.VisitsMoved(moved, ct);
        db.AuditEntries.Add(AuditEntry.For(actor, "rota.publish", null, rota.Id, now));
        await db.SaveChangesAsync(ct);
        return TeamRotas.Summary.From(rota);
    }
}
