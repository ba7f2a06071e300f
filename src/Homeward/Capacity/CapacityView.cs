using Homeward.Common;
using Homeward.Access;
using Homeward.Data;
using Homeward.Triage;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Capacity;

/// <summary>
/// Occupancy and free capacity, today and for the next 14 days, per service, with totals by pathway and
/// by locality; over-committed days (more booked than reported) are flagged. Providers see only their own.
/// </summary>
public sealed class CapacityView(HomewardDb db, TimeProvider clock)
{
    public sealed record DayView(DateOnly Date, int Capacity, int Booked, int Free, bool OverCommitted);

    public sealed record ServiceView(Guid Id, string Name, string Organisation, Guid OrganisationId, ServiceKind Kind, Pathway Pathway,
        CapacityUnit Unit, bool AcceptingAdmissions, bool DoubleHanded, IReadOnlyList<string> Localities, IReadOnlyList<DayView> Days);

    public sealed record Total(string Name, CapacityUnit Unit, IReadOnlyList<DayView> Days);

    public sealed record View(IReadOnlyList<ServiceView> Services, IReadOnlyList<Total> ByPathway, IReadOnlyList<Total> ByLocality);

    public async Task<View> Handle(Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadRecords);
        var today = London.Today(clock);
        var availability = await Availability.Load(db, today, Availability.Horizon - 1, ct,
            actor.Role == Role.CareProvider ? actor.OrganisationId : null);
        var organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var localities = await db.Localities.AsNoTracking().OrderBy(l => l.Name).ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        var dates = Enumerable.Range(0, Availability.Horizon).Select(today.AddDays).ToList();

        var services = availability.Services.Select(s => new ServiceView(s.Id, s.Name, organisations.GetValueOrDefault(s.OrganisationId, ""),
            s.OrganisationId, s.Kind, s.Pathway, s.Unit, s.AcceptingAdmissions, s.DoubleHanded,
            [.. s.Localities.Select(l => localities.GetValueOrDefault(l.LocalityId, "")).Order()],
            [.. dates.Select(d => availability.Day(s.Id, d)).Select(d => new DayView(d.Date, d.Capacity, d.Booked, d.Free, d.OverCommitted))])).ToList();

        var byPathway = services.GroupBy(s => (s.Pathway, s.Unit)).OrderBy(g => g.Key.Pathway)
            .Select(g => Sum($"{g.Key.Pathway} {(g.Key.Unit == CapacityUnit.Beds ? "beds" : "carer time")}", g.Key.Unit, [.. g], dates)).ToList();
        var byLocality = localities.Values.SelectMany(name => services.Where(s => s.Localities.Contains(name)).GroupBy(s => s.Unit)
                .Select(g => Sum($"{name} {(g.Key == CapacityUnit.Beds ? "beds" : "carer time")}", g.Key, [.. g], dates)))
            .ToList();
        return new View(services, byPathway, byLocality);
    }

    private static Total Sum(string name, CapacityUnit unit, IReadOnlyList<ServiceView> services, IReadOnlyList<DateOnly> dates) =>
        new(name, unit, [.. dates.Select((date, i) =>
        {
            var capacity = services.Sum(s => s.Days[i].Capacity);
            var booked = services.Sum(s => s.Days[i].Booked);
            return new DayView(date, capacity, booked, services.Sum(s => s.Days[i].Free), services.Any(s => s.Days[i].OverCommitted));
        })]);
}
