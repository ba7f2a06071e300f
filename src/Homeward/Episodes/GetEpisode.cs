using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Episodes;

/// <summary>Reads one episode, or its timeline of events; both reads are audited.</summary>
public sealed class GetEpisode(HomewardDb db, AccessScope scope, TimeProvider clock)
{
    public async Task<EpisodeView> Handle(Guid id, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadRecords);
        var found = await (from e in db.Episodes.AsNoTracking()
                           join p in db.People.AsNoTracking() on e.PersonId equals p.Id
                           join r in db.Referrals.AsNoTracking() on e.ReferralId equals r.Id
                           where e.Id == id
                           select new { e, p, r.Route }).SingleOrDefaultAsync(ct)
                    ?? throw new NotFoundException("episode", id);
        await scope.DemandEpisode(actor, found.p.Id, id, "episode.read", "episode", id, ct);
        db.AuditEntries.Add(AuditEntry.For(actor, "episode.read", found.p.Id, id, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return EpisodeView.From(found.e, found.p, found.Route);
    }

    public async Task<IReadOnlyList<EpisodeEventView>> Timeline(Guid id, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadRecords);
        var personId = await db.Episodes.Where(e => e.Id == id).Select(e => (Guid?)e.PersonId).SingleOrDefaultAsync(ct)
                       ?? throw new NotFoundException("episode", id);
        await scope.DemandEpisode(actor, personId, id, "episode.timeline", "episode", id, ct);
        var events = await db.EpisodeEvents.AsNoTracking().Where(v => v.EpisodeId == id)
            .OrderBy(v => v.At).ThenBy(v => v.Id).ToListAsync(ct);
        db.AuditEntries.Add(AuditEntry.For(actor, "episode.timeline", personId, id, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return [.. events.Select(EpisodeEventView.From)];
    }
}
