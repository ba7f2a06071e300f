using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Capacity;

/// <summary>
/// A read-only picture of services' capacity over a window of days, loaded once, for views and matching.
/// Days nobody has reported count at the service's default capacity with nothing booked.
/// </summary>
public sealed class Availability
{
    public const int Horizon = 14;

    private readonly Dictionary<(Guid, DateOnly), CapacityDay> _days;
    private readonly Dictionary<Guid, CareService> _services;

    private Availability(IEnumerable<CareService> services, IEnumerable<CapacityDay> days, DateOnly today)
    {
        _services = services.ToDictionary(s => s.Id);
        _days = days.ToDictionary(d => (d.ServiceId, d.Date));
        Today = today;
    }

    public DateOnly Today { get; }

    public IReadOnlyCollection<CareService> Services => _services.Values;

    public static async Task<Availability> Load(HomewardDb db, DateOnly today, int days, CancellationToken ct, Guid? onlyOrganisation = null)
    {
        var services = await db.CareServices.AsNoTracking().Include(s => s.Localities)
            .Where(s => onlyOrganisation == null || s.OrganisationId == onlyOrganisation)
            .OrderBy(s => s.Pathway).ThenBy(s => s.Name).ToListAsync(ct);
        var ids = services.Select(s => s.Id).ToList();
        var last = today.AddDays(days);
        var rows = await db.CapacityDays.AsNoTracking()
            .Where(d => ids.Contains(d.ServiceId) && d.Date >= today && d.Date <= last).ToListAsync(ct);
        return new Availability(services, rows, today);
    }

    /// <summary>A service's capacity on a day: as reported, else its default; none on a day before it opens or after it closes.</summary>
    public CapacityDay Day(Guid serviceId, DateOnly date)
    {
        var held = _days.GetValueOrDefault((serviceId, date));
        var service = _services[serviceId];
        if (!service.IsOpenOn(date))
            return new CapacityDay { ServiceId = serviceId, Date = date, Capacity = 0, Booked = held?.Booked ?? 0 };
        return held ?? new CapacityDay { ServiceId = serviceId, Date = date, Capacity = service.DefaultDailyCapacity };
    }

    /// <summary>The first day from today within the horizon on which every day of the need fits, or null.</summary>
    public DateOnly? EarliestStart(CareService service, IReadOnlyList<int> amountPerDay)
    {
        for (var offset = 0; offset <= Horizon; offset++)
        {
            var start = Today.AddDays(offset);
            var fits = true;
            for (var d = 0; d < amountPerDay.Count && fits; d++)
                fits = Day(service.Id, start.AddDays(d)).Free >= amountPerDay[d];
            if (fits)
                return start;
        }
        return null;
    }

    /// <summary>The usual need of a service when nobody says otherwise: a bed for 14 days, or 4 to 1 half-hour visits over 14 days.</summary>
    public static IReadOnlyList<int> DefaultNeed(CareService service, bool doubleHanded = false) =>
        service.Unit == CapacityUnit.Beds
            ? [.. Enumerable.Repeat(1, Horizon)]
            : [.. new VisitPattern(Horizon, 4, 1, 30, doubleHanded).CarerMinutesPerDay()];
}
