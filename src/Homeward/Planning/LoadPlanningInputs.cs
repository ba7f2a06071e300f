using Homeward.Capacity;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.Referrals;
using Homeward.Triage;
using Microsoft.EntityFrameworkCore;


namespace Homeward.Planning;

/// <summary>
/// Reads what the live scenario needs from the records: the services and their reported capacity, every episode
/// of the last year (and everyone in care or waiting now) with the service that took or would take it (its
/// booking's, else the fitting service for the person's locality), and the booked visit patterns. Aggregate only:
/// nothing that names a person leaves this class.
/// </summary>
public sealed class LoadPlanningInputs(HomewardDb db)
{
    public async Task<PlanningInputs> Handle(DateOnly today, int daysAhead, CancellationToken ct)
    {
        var services = await db.CareServices.AsNoTracking().Include(s => s.Localities).OrderBy(s => s.Name).ToListAsync(ct);
        var ids = services.Select(s => s.Id).ToList();
        var last = today.AddDays(daysAhead);
        var reported = (await db.CapacityDays.AsNoTracking().Where(d => ids.Contains(d.ServiceId) && d.Date >= today && d.Date <= last).ToListAsync(ct))
            .ToLookup(d => d.ServiceId);

        var yearAgo = London.At(today.AddDays(-365), TimeOnly.MinValue);
        var rows = await (from e in db.Episodes.AsNoTracking()
                          join p in db.People.AsNoTracking() on e.PersonId equals p.Id
                          join r in db.Referrals.AsNoTracking() on e.ReferralId equals r.Id
                          where e.AcceptedAt != null && e.Service != null && e.Service != Service.NoNewSupport
                                && (e.AcceptedAt >= yearAgo || e.EndedAt >= yearAgo
                                    || e.Status == EpisodeStatus.Active || e.Status == EpisodeStatus.Accepted || e.Status == EpisodeStatus.Waiting)
                          select new { e.Id, e.Status, e.Service, p.LocalityId, e.AcceptedAt, e.StartedAt, e.EndedAt, e.WaitingSince, r.Route }).ToListAsync(ct);
        var bookings = await db.Bookings.AsNoTracking()
            .Where(b => b.Status != BookingStatus.Declined && b.Status != BookingStatus.Cancelled && b.CreatedAt >= yearAgo)
            .Select(b => new { b.EpisodeId, b.ServiceId, b.Status, b.EndDate, b.Kind, b.VisitsPerDayAtStart, b.VisitsPerDayAtEnd, b.MinutesPerVisit, b.DoubleHanded, b.CreatedAt })
            .ToListAsync(ct);
        var bookingOf = bookings.GroupBy(b => b.EpisodeId).ToDictionary(g => g.Key, g => g.OrderByDescending(b => b.CreatedAt).First());

        var episodes = new List<PlanningEpisode>();
        foreach (var e in rows)
        {
            var booking = bookingOf.GetValueOrDefault(e.Id);
            var serviceId = booking?.ServiceId ?? ServiceKinds.Fitting(services, e.Service!.Value, e.LocalityId)?.Id;
            if (serviceId is not { } id)
                continue;
            episodes.Add(new PlanningEpisode(id, e.Status, London.DateOf(e.AcceptedAt!.Value), Date(e.StartedAt), Date(e.EndedAt), Date(e.WaitingSince),
                booking is { Status: BookingStatus.Offered or BookingStatus.Accepted } ? booking.EndDate : null, e.Route == Route.HospitalDischarge));
        }
        var patterns = bookings.Where(b => b is { Kind: BookingKind.VisitPattern, VisitsPerDayAtStart: not null, VisitsPerDayAtEnd: not null, MinutesPerVisit: not null })
            .Select(b => new PlanningPattern(b.ServiceId, b.VisitsPerDayAtStart!.Value, b.VisitsPerDayAtEnd!.Value, b.MinutesPerVisit!.Value, b.DoubleHanded)).ToList();

        return new PlanningInputs(today,
            [.. services.Select(s => new PlanningService(s.Id, s.Name, s.Kind, s.Pathway, s.Unit, s.DefaultDailyCapacity,
                reported[s.Id].ToDictionary(d => d.Date, d => d.Capacity), s.CostPerDay))],
            episodes, patterns);
    }

    private static DateOnly? Date(DateTimeOffset? at) => at is { } value ? London.DateOf(value) : null;
}
