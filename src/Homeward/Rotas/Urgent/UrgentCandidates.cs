using Homeward.Access;
using Homeward.Audit;
using Homeward.Capacity;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Rotas.Urgent;

/// <summary>Who can be given an urgent visit on today's rota: the people booked to its team today (the look is audited).</summary>
public sealed class UrgentCandidates(HomewardDb db, RotaDays days, TimeProvider clock)
{
    public sealed record Candidate(Guid EpisodeId, Guid PersonId, string Name, string Address);

    /// <summary>The people booked to the rota's team today: who can be given an urgent visit on it.</summary>
    public async Task<IReadOnlyList<Candidate>> Handle(Guid id, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.PlanRota);
        var rota = await days.Find(id, actor, ct);
        var people = await (from b in db.Bookings.AsNoTracking()
                            join p in db.People.AsNoTracking() on b.PersonId equals p.Id
                            where b.ServiceId == rota.ServiceId && b.Kind == BookingKind.VisitPattern && b.Status == BookingStatus.Accepted
                                  && b.StartDate <= rota.Date && b.EndDate >= rota.Date
                            orderby p.FamilyName, p.GivenName
                            select new Candidate(b.EpisodeId, p.Id, p.GivenName + " " + p.FamilyName, p.AddressLine1 + ", " + p.Town)).ToListAsync(ct);
        await ListAudit.Record(db, actor, "rota.urgent-candidates", [.. people.Select(p => p.PersonId)], rota.Id.ToString(), clock.GetUtcNow(), ct);
        return people;
    }
}
