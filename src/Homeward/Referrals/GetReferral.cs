using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Referrals;

/// <summary>Reads one referral with its person and episode; the read is audited.</summary>
public sealed class GetReferral(HomewardDb db, AccessScope scope, TimeProvider clock)
{
    public async Task<ReferralView> Handle(Guid id, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadRecords);
        var found = await (from r in db.Referrals.AsNoTracking()
                           join p in db.People.AsNoTracking() on r.PersonId equals p.Id
                           join e in db.Episodes.AsNoTracking() on r.Id equals e.ReferralId
                           where r.Id == id
                           select new { r, p, e }).SingleOrDefaultAsync(ct)
                    ?? throw new NotFoundException("referral", id);
        await scope.DemandEpisode(actor, found.p.Id, found.e.Id, "referral.read", "referral", id, ct);
        db.AuditEntries.Add(AuditEntry.For(actor, "referral.read", found.p.Id, id, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return ReferralView.From(found.r, found.p, found.e);
    }
}
