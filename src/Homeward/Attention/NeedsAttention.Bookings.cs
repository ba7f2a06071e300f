using Homeward.Capacity;
using Homeward.Common;
using Homeward.Delays;
using Homeward.Episodes;
using Homeward.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Attention;

/// <summary>What needs the hub about waiting for care: offers unanswered or declined, delays past the Discharge Ready Date, bookings beyond a service's capacity.</summary>
public sealed partial class NeedsAttention
{
    /// <summary>Offers with no answer yet, and the latest decline of a person with nothing else offered.</summary>
    private async Task Offers(Query q, List<Found> found, CancellationToken ct)
    {
        var bookings = from b in db.Bookings.AsNoTracking()
                       join s in db.CareServices.AsNoTracking() on b.ServiceId equals s.Id
                       join x in q.Episodes on b.EpisodeId equals x.Episode.Id
                       where x.Episode.Status == EpisodeStatus.Accepted || x.Episode.Status == EpisodeStatus.Waiting || x.Episode.Status == EpisodeStatus.Active
                       select new { b, Service = s.Name, x.Name, x.Episode.Status };
        foreach (var x in await bookings.Where(x => x.b.Status == BookingStatus.Offered).ToListAsync(ct))
            found.Add(new(AttentionKind.OfferUnanswered, x.b.Id, x.b.EpisodeId, x.b.PersonId, x.Name,
                $"{x.Service}, from {x.b.StartDate:d MMM}: offered {London.TimeOf(x.b.CreatedAt):d MMM HH:mm}, no answer yet", x.b.CreatedAt));
        var declined = await bookings.Where(x => x.b.Status == BookingStatus.Declined && x.Status != EpisodeStatus.Active
                                                 && !db.Bookings.Any(o => o.EpisodeId == x.b.EpisodeId && (o.Status == BookingStatus.Offered || o.Status == BookingStatus.Accepted)))
            .ToListAsync(ct);
        // One item a person: the latest decline, while nothing else is offered.
        foreach (var x in declined.GroupBy(d => d.b.EpisodeId).Select(g => g.MaxBy(d => d.b.RespondedAt ?? d.b.CreatedAt)!))
            found.Add(new(AttentionKind.OfferDeclined, x.b.Id, x.b.EpisodeId, x.b.PersonId, x.Name,
                $"{x.Service} declined{(x.b.DeclineReason is { } why ? $": {why}" : "")}; nothing else offered", x.b.RespondedAt ?? x.b.CreatedAt));
    }

    /// <summary>People still in hospital 48 hours and 21 days after their Discharge Ready Date.</summary>
    private async Task Delays(Query q, List<Found> found, CancellationToken ct)
    {
        var stillIn = await q.Episodes.Where(x => x.Referral.Route == Route.HospitalDischarge && x.Episode.DischargedOn == null && Open.Contains(x.Episode.Status)
                                               && x.Referral.DischargeReadyDate != null && x.Referral.DischargeReadyDate <= q.Today.AddDays(-2))
            .Select(x => new { x.Episode.Id, x.Episode.PersonId, x.Name, Ready = x.Referral.DischargeReadyDate!.Value }).ToListAsync(ct);
        var reasons = await delays.Current([.. stillIn.Select(x => x.Id)], ct);
        foreach (var x in stillIn)
        {
            var days = q.Today.DayNumber - x.Ready.DayNumber;
            var kind = days >= 21 ? AttentionKind.DelayOver21Days : AttentionKind.DelayOver48Hours;
            var why = reasons.TryGetValue(x.Id, out var reason) ? $"main reason: {reason.Label()}" : "no delay reason recorded";
            found.Add(new(kind, x.Id, x.Id, x.PersonId, x.Name, $"{days} days past the ready date ({x.Ready:d MMM}); {why}",
                London.At(x.Ready.AddDays(days >= 21 ? 21 : 2), TimeOnly.MinValue)));
        }
    }

    /// <summary>How far ahead a service's capacity is checked against what it has booked.</summary>
    public const int CapacityDaysAhead = 14;

    /// <summary>
    /// Where a service now reports less capacity than it has booked on a day in the next fortnight, the bookings beyond
    /// it, the latest made first to lose, each named with the first day and how many days.
    /// </summary>
    private async Task BeyondCapacity(Query q, List<Found> found, CancellationToken ct)
    {
        var (people, today) = (q.People, q.Today);
        var horizon = today.AddDays(CapacityDaysAhead);
        var over = await (from c in db.CapacityDays.AsNoTracking()
                          join s in db.CareServices.AsNoTracking() on c.ServiceId equals s.Id
                          where c.Date >= today && c.Date <= horizon && c.Booked > c.Capacity
                          select new { c.ServiceId, c.Date, c.Capacity, s.Name }).ToListAsync(ct);
        if (over.Count == 0)
            return;
        var services = over.Select(o => o.ServiceId).Distinct().ToList();
        var held = await (from d in db.BookingDays.AsNoTracking()
                          join b in db.Bookings.AsNoTracking() on d.BookingId equals b.Id
                          join p in people on b.PersonId equals p.Id
                          where services.Contains(b.ServiceId) && d.Date >= today && d.Date <= horizon
                                && (b.Status == BookingStatus.Offered || b.Status == BookingStatus.Accepted)
                          select new { b.Id, b.EpisodeId, b.PersonId, Name = p.GivenName + " " + p.FamilyName, b.ServiceId, d.Date, d.Amount, b.CreatedAt })
            .ToListAsync(ct);
        var beyond = new List<(Guid Booking, DateOnly Date)>();
        foreach (var day in over)
        {
            var booked = 0;
            foreach (var h in held.Where(h => h.ServiceId == day.ServiceId && h.Date == day.Date).OrderBy(h => h.CreatedAt))
                if ((booked += h.Amount) > day.Capacity)
                    beyond.Add((h.Id, day.Date));
        }
        foreach (var booking in beyond.GroupBy(b => b.Booking))
        {
            var h = held.First(x => x.Id == booking.Key);
            var first = booking.Min(b => b.Date);
            var service = over.First(o => o.ServiceId == h.ServiceId).Name;
            found.Add(new(AttentionKind.BeyondCapacity, h.Id, h.EpisodeId, h.PersonId, h.Name,
                $"{service} reports less capacity than it has booked: this booking is beyond it on {booking.Count()} "
                + $"{(booking.Count() == 1 ? "day" : "days")} from {first:d MMM}; find the care elsewhere or ask the service",
                London.StartOf(first).AddDays(-1)));
        }
    }
}
