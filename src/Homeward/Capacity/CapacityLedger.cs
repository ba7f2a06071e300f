using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Capacity;

/// <summary>
/// The one place that changes <see cref="CapacityDay.Booked"/>. Taking capacity is a conditional
/// UPDATE per day (<c>Booked = Booked + n WHERE Booked + n &lt;= Capacity</c>), run by the database under
/// its row lock, in date order so that concurrent bookings never deadlock; if any day cannot be taken
/// the caller's transaction rolls back and nothing is held.
/// </summary>
internal static class CapacityLedger
{
    /// <summary>Creates the missing days of a service at its default capacity. Safe against a concurrent creator.</summary>
    public static async Task EnsureDays(HomewardDb db, CareService service, IReadOnlyCollection<DateOnly> dates, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var first = dates.Min();
            var last = dates.Max();
            var existing = await db.CapacityDays.Where(d => d.ServiceId == service.Id && d.Date >= first && d.Date <= last)
                .Select(d => d.Date).ToListAsync(ct);
            var missing = dates.Except(existing).ToList();
            if (missing.Count == 0)
                return;
            db.CapacityDays.AddRange(missing.Select(d => new CapacityDay { ServiceId = service.Id, Date = d, Capacity = service.DefaultDailyCapacity }));
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Someone else created some of the same days first: theirs stand; look again.
                foreach (var entry in db.ChangeTracker.Entries<CapacityDay>().Where(e => e.State == EntityState.Added).ToList())
                    entry.State = EntityState.Detached;
            }
        }
    }

    /// <summary>Takes the amounts on each day or throws <see cref="CapacityUnavailableException"/> naming the first day that is short.</summary>
    public static async Task Take(HomewardDb db, CareService service, IReadOnlyList<(DateOnly Date, int Amount)> days, CancellationToken ct)
    {
        foreach (var (date, amount) in days.OrderBy(d => d.Date))
        {
            var taken = await db.CapacityDays
                .Where(d => d.ServiceId == service.Id && d.Date == date && d.Booked + amount <= d.Capacity)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.Booked, d => d.Booked + amount), ct);
            if (taken == 1)
                continue;
            var day = await db.CapacityDays.AsNoTracking().SingleAsync(d => d.ServiceId == service.Id && d.Date == date, ct);
            throw new CapacityUnavailableException(service.Unit == CapacityUnit.Beds
                ? $"No bed is free at {service.Name} on {date:d MMM yyyy} ({day.Booked} of {day.Capacity} booked)."
                : $"{service.Name} has {Hours(Math.Max(0, day.Capacity - day.Booked))} of carer time free on {date:d MMM yyyy}; the booking needs {Hours(amount)}.");
        }
    }

    /// <summary>Gives back what a booking holds from a date on (all of it when <paramref name="from"/> is null), and the person's days.</summary>
    public static async Task Release(HomewardDb db, Booking booking, DateOnly? from, CancellationToken ct)
    {
        await db.PersonDays.Where(p => p.BookingId == booking.Id && (from == null || p.Date >= from)).ExecuteDeleteAsync(ct);
        foreach (var day in booking.Days.Where(d => from is null || d.Date >= from).OrderBy(d => d.Date))
        {
            var amount = day.Amount;
            await db.CapacityDays.Where(d => d.ServiceId == booking.ServiceId && d.Date == day.Date)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.Booked, d => d.Booked - amount), ct);
        }
    }

    public static string Hours(int minutes) => minutes % 60 == 0 ? $"{minutes / 60} h" : $"{minutes / 60} h {minutes % 60} min";
}
