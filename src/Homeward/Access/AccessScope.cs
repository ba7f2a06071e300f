using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Access;

/// <summary>
/// The one place that decides whose records an actor may see, by relationship: the hub's roles (hub coordinators,
/// rapid response, reablement, managers) see the partnership's people; a hospital discharge team sees the people its
/// organisation referred; a care provider the people referred or booked to its services; a privacy officer nobody.
/// Lists are filtered through <see cref="People"/>; a single record outside the relationship answers "not found" (its
/// existence is not revealed) and is audited as denied. Organisation and role come from the signed-in actor, never
/// from anything the client sends.
/// </summary>
public sealed class AccessScope(HomewardDb db, TimeProvider clock)
{
    /// <summary>The ids of the people the actor may see; null when they may see the partnership's.</summary>
    public IQueryable<Guid>? People(Actor actor) => actor.UserId == "system" ? null : actor.Role switch
    {
        Role.HospitalDischargeTeam => db.Referrals.Where(r => r.SubmittedByOrganisationId == actor.OrganisationId).Select(r => r.PersonId),
        Role.CareProvider => from b in db.Bookings
                             join s in db.CareServices on b.ServiceId equals s.Id
                             where s.OrganisationId == actor.OrganisationId
                             select b.PersonId,
        Role.PrivacyOfficer => db.People.Where(p => false).Select(p => p.Id),
        _ => null,
    };

    public async Task<bool> MaySee(Actor actor, Guid personId, CancellationToken ct) =>
        People(actor) is not { } visible || await visible.AnyAsync(id => id == personId, ct);

    /// <summary>
    /// Throws <see cref="NotFoundException"/> (after writing a denied audit row) unless the actor may see the person's
    /// records; <paramref name="what"/> and <paramref name="id"/> name the thing asked for, as a missing one would be.
    /// </summary>
    public async Task Demand(Actor actor, Guid personId, string action, string what, object id, CancellationToken ct)
    {
        if (await MaySee(actor, personId, ct))
            return;
        db.ChangeTracker.Clear();
        db.AuditEntries.Add(AuditEntry.For(actor, action, personId, id, clock.GetUtcNow(), AuditOutcome.Denied));
        await db.SaveChangesAsync(ct);
        throw new NotFoundException(what, id);
    }
}
