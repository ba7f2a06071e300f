using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Access;

/// <summary>
/// The one place that decides whose records an actor may see, by relationship: the hub's roles (hub coordinators,
/// rapid response, reablement, managers) see the partnership's people; a hospital discharge team sees the people its
/// organisation referred; a care provider the people booked to its services (not those whose offer it declined); a privacy officer or a system administrator nobody.
/// Lists are filtered through <see cref="People"/>; a single record outside the relationship answers "not found" (its
/// existence is not revealed) and is audited as denied. Organisation and role come from the signed-in actor, never
/// from anything the client sends. A user who has broken the glass for a person (<see cref="BreakGlass"/>) may open
/// that person's record until it expires, and every audit row written about them meanwhile says <c>Emergency</c>.
/// </summary>
public sealed class AccessScope
{
    private readonly HomewardDb _db;
    private readonly TimeProvider _clock;
    private readonly HashSet<Guid> _emergency = [];
    // Of those, the people whose open access was taken with a reason for a change.
    private readonly HashSet<Guid> _emergencyChange = [];

    public AccessScope(HomewardDb db, TimeProvider clock)
    {
        (_db, _clock) = (db, clock);
        db.SavingChanges += (_, _) => MarkEmergencyReads();
    }

    /// <summary>The ids of the people the actor may see; null when they may see the partnership's.</summary>
    public IQueryable<Guid>? People(Actor actor) => actor.UserId == "system" ? null : actor.Role switch
    {
        Role.HospitalDischargeTeam => _db.Referrals.Where(r => r.SubmittedByOrganisationId == actor.OrganisationId).Select(r => r.PersonId),
        Role.CareProvider => from b in _db.Bookings
                             join s in _db.CareServices on b.ServiceId equals s.Id
                             where s.OrganisationId == actor.OrganisationId && b.Status != Capacity.BookingStatus.Declined
                             select b.PersonId,
        Role.PrivacyOfficer or Role.SystemAdministrator => _db.People.Where(p => false).Select(p => p.Id),
        _ => null,
    };

    /// <summary>
    /// The ids of the episodes the actor may see; null when they may see the partnership's. A hospital sees the episodes
    /// of the referrals its organisation made, not the rest of the person's history (another hospital's referral, an
    /// earlier stay); a provider the episodes booked to its services. Break glass opens the whole record.
    /// </summary>
    public IQueryable<Guid>? Episodes(Actor actor) => actor.UserId == "system" ? null : actor.Role switch
    {
        Role.HospitalDischargeTeam => from e in _db.Episodes
                                      join r in _db.Referrals on e.ReferralId equals r.Id
                                      where r.SubmittedByOrganisationId == actor.OrganisationId
                                      select e.Id,
        Role.CareProvider => from b in _db.Bookings
                             join s in _db.CareServices on b.ServiceId equals s.Id
                             where s.OrganisationId == actor.OrganisationId && b.Status != Capacity.BookingStatus.Declined
                             select b.EpisodeId,
        Role.PrivacyOfficer or Role.SystemAdministrator => _db.Episodes.Where(e => false).Select(e => e.Id),
        _ => null,
    };

    /// <summary>
    /// The episodes of a person the actor may see, once <see cref="Demand"/> has let them see the person: all of them
    /// (null) under break glass, else as <see cref="Episodes"/>.
    /// </summary>
    public IQueryable<Guid>? EpisodesOf(Actor actor, Guid personId) => _emergency.Contains(personId) ? null : Episodes(actor);

    /// <summary>
    /// As <see cref="Demand"/> for the person, and then for one of their episodes: outside the actor's episodes (and not
    /// under break glass) it is "not found", with a denied audit row, like a person outside the relationship.
    /// </summary>
    public async Task DemandEpisode(Actor actor, Guid personId, Guid episodeId, string action, string what, object id, CancellationToken ct,
        bool toChange = false)
    {
        if (toChange)
            await DemandToChange(actor, personId, action, what, id, ct);
        else
            await Demand(actor, personId, action, what, id, ct);
        if (EpisodesOf(actor, personId) is not { } visible || await visible.AnyAsync(e => e == episodeId, ct))
            return;
        _db.ChangeTracker.Clear();
        _db.AuditEntries.Add(AuditEntry.For(actor, action, personId, id, _clock.GetUtcNow(), AuditOutcome.Denied));
        await _db.SaveChangesAsync(ct);
        throw new NotFoundException(what, id);
    }

    /// <summary>Whether the actor may open the person's record: by relationship, or (unless told not to) under break glass.</summary>
    public async Task<bool> MaySee(Actor actor, Guid personId, CancellationToken ct, bool breakGlass = true)
    {
        if (People(actor) is not { } visible || await visible.AnyAsync(id => id == personId, ct))
            return true;
        if (!breakGlass || !actor.Has(Right.BreakGlass))
            return false;
        var now = _clock.GetUtcNow();
        var open = await _db.BreakGlassAccesses.Where(BreakGlassAccess.OpenAt(now)).Where(b => b.UserId == actor.UserId && b.PersonId == personId)
            .Select(b => new { ToChange = b.ChangeReason != null }).ToListAsync(ct);
        if (open.Count == 0)
            return false;
        _emergency.Add(personId);
        if (open.Any(b => b.ToChange))
            _emergencyChange.Add(personId);
        return true;
    }

    /// <summary>Audit rows about a person opened under break glass are written as emergency accesses, whoever adds them.</summary>
    private void MarkEmergencyReads()
    {
        if (_emergency.Count == 0)
            return;
        foreach (var entry in _db.ChangeTracker.Entries<AuditEntry>())
            if (entry.State == EntityState.Added && entry.Entity.Outcome == AuditOutcome.Allowed
                && entry.Entity.PersonId is { } id && _emergency.Contains(id))
                entry.Property(a => a.Outcome).CurrentValue = AuditOutcome.Emergency;
    }

    /// <summary>
    /// For a change to the person's record: as <see cref="Demand"/>, and under break glass only when the access was
    /// taken with a reason for a change (an emergency access reads only otherwise: refused, saying how to change).
    /// </summary>
    public async Task DemandToChange(Actor actor, Guid personId, string action, string what, object id, CancellationToken ct)
    {
        await Demand(actor, personId, action, what, id, ct);
        if (!_emergency.Contains(personId) || _emergencyChange.Contains(personId))
            return;
        _db.ChangeTracker.Clear();
        _db.AuditEntries.Add(AuditEntry.For(actor, action, personId, id, _clock.GetUtcNow(), AuditOutcome.Denied));
        await _db.SaveChangesAsync(ct);
        throw new InvalidTransitionException("Your emergency access to this record is to read it. To change it, end the access and break the glass again, "
                                             + "giving the reason you must change the record.");
    }

    /// <summary>
    /// Throws <see cref="NotFoundException"/> (after writing a denied audit row) unless the actor may see the person's
    /// records; <paramref name="what"/> and <paramref name="id"/> name the thing asked for, as a missing one would be.
    /// </summary>
    public async Task Demand(Actor actor, Guid personId, string action, string what, object id, CancellationToken ct)
    {
        if (await MaySee(actor, personId, ct))
            return;
        _db.ChangeTracker.Clear();
        _db.AuditEntries.Add(AuditEntry.For(actor, action, personId, id, _clock.GetUtcNow(), AuditOutcome.Denied));
        await _db.SaveChangesAsync(ct);
        throw new NotFoundException(what, id);
    }
}
