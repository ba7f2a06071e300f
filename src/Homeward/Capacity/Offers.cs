using Homeward.Access;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Capacity;

/// <summary>Bookings offered and not yet answered: for a provider, those at its own services.</summary>
public sealed class Offers(HomewardDb db, AccessScope scope)
{
    public sealed record Offer(BookingView Booking, string PersonName, string Organisation, People.PersonSummary? Person = null);

    public async Task<IReadOnlyList<Offer>> Handle(Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.RespondToOffer);
        var rows = await (from b in db.Bookings.AsNoTracking().Include(b => b.Days)
                          join s in db.CareServices.AsNoTracking() on b.ServiceId equals s.Id
                          join p in db.People.AsNoTracking() on b.PersonId equals p.Id
                          join o in db.Organisations.AsNoTracking() on s.OrganisationId equals o.Id
                          where b.Status == BookingStatus.Offered
                          where actor.Role != Role.CareProvider || s.OrganisationId == actor.OrganisationId
                          orderby b.StartDate, b.CreatedAt
                          select new { b, s, p, o.Name }).ToListAsync(ct);
        return [.. rows.Select(r => new Offer(BookingView.From(r.b, r.s), $"{r.p.GivenName} {r.p.FamilyName}", r.Name, People.PersonSummary.From(r.p)))];
    }

    /// <summary>Every booking of one episode, newest first.</summary>
    public async Task<IReadOnlyList<BookingView>> ForEpisode(Guid episodeId, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadRecords);
        var personId = await db.Episodes.Where(e => e.Id == episodeId).Select(e => (Guid?)e.PersonId).SingleOrDefaultAsync(ct);
        if (personId is { } pid)
            await scope.DemandEpisode(actor, pid, episodeId, "booking.search", "episode", episodeId, ct);
        var rows = await (from b in db.Bookings.AsNoTracking().Include(b => b.Days)
                          join s in db.CareServices.AsNoTracking() on b.ServiceId equals s.Id
                          where b.EpisodeId == episodeId
                          orderby b.CreatedAt descending
                          select new { b, s }).ToListAsync(ct);
        return [.. rows.Select(r => BookingView.From(r.b, r.s))];
    }
}
