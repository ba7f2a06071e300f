using Homeward.Access;
using Homeward.Capacity;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.Triage;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Demo;

/// <summary>
/// The demo county's services and their capacity, sized so that the system runs near full as real ones
/// do, and bookings for the people in care today, taken through the same capacity ledger as live bookings.
/// </summary>
internal static class DemoServices
{
    public static async Task<IReadOnlyList<CareService>> Create(HomewardDb db, IReadOnlyList<Locality> localities, double scale, CancellationToken ct)
    {
        var orgs = await db.Organisations.ToDictionaryAsync(o => o.OdsCode, o => o.Id, ct);
        int Scaled(int n) => Math.Max(1, (int)Math.Round(n * scale));
        List<ServiceLocality> All() => [.. localities.Select(l => new ServiceLocality { LocalityId = l.Id })];

        var services = new List<CareService>();
        foreach (var locality in localities)
            services.Add(new CareService { Name = $"{locality.Name} reablement team", OrganisationId = orgs["ZWV"], Kind = ServiceKind.ReablementTeam,
                Pathway = Pathway.P1, DefaultDailyCapacity = Scaled(70) * 60, Localities = [new() { LocalityId = locality.Id }] });
        services.Add(new CareService { Name = "Home-based therapy team", OrganisationId = orgs["ZWC"], Kind = ServiceKind.HomeBasedTherapy,
            Pathway = Pathway.P1, DefaultDailyCapacity = Scaled(40) * 60, Localities = All() });
        services.Add(new CareService { Name = "Brightwater Home Care", OrganisationId = orgs["ZP1"], Kind = ServiceKind.HomeCareProvider,
            Pathway = Pathway.P1, DefaultDailyCapacity = Scaled(50) * 60, DoubleHanded = true, Localities = All() });
        services.Add(new CareService { Name = "Urgent community response team", OrganisationId = orgs["ZWC"], Kind = ServiceKind.RapidResponseTeam,
            Pathway = Pathway.P1, DefaultDailyCapacity = Scaled(72) * 60, DoubleHanded = true, Localities = All() });
        services.Add(new CareService { Name = "Vale Community Hospital beds", OrganisationId = orgs["ZWC"], Kind = ServiceKind.CommunityBedUnit,
            Pathway = Pathway.P2, DefaultDailyCapacity = Scaled(18), Localities = [.. localities.Take(2).Select(l => new ServiceLocality { LocalityId = l.Id })] });
        services.Add(new CareService { Name = "Southmere intermediate care unit", OrganisationId = orgs["ZWC"], Kind = ServiceKind.CommunityBedUnit,
            Pathway = Pathway.P2, DefaultDailyCapacity = Scaled(12), Localities = [.. localities.Skip(1).Select(l => new ServiceLocality { LocalityId = l.Id })] });
        services.Add(new CareService { Name = "Meadowbank Care Homes", OrganisationId = orgs["ZP2"], Kind = ServiceKind.CareHome,
            Pathway = Pathway.P3, DefaultDailyCapacity = Scaled(14), Localities = All() });
        db.CareServices.AddRange(services);
        await db.SaveChangesAsync(ct);
        return services;
    }

    /// <summary>Books the people in care today into a fitting service for the rest of their stay (up to 14 days), where capacity allows.</summary>
    public static async Task<int> BookPeopleInCare(HomewardDb db, IReadOnlyList<CareService> services, DemoRandom random, DateOnly today,
        DateTimeOffset now, CancellationToken ct)
    {
        var active = await (from e in db.Episodes.AsNoTracking()
                            join p in db.People.AsNoTracking() on e.PersonId equals p.Id
                            where e.Status == EpisodeStatus.Active && e.Service != Service.UrgentCommunityResponse && e.Service != Service.NoNewSupport
                            orderby e.StartedAt
                            select new { e.Id, e.PersonId, e.Service, p.LocalityId }).ToListAsync(ct);
        foreach (var service in services)
            await CapacityLedger.EnsureDays(db, service, [.. Enumerable.Range(0, Availability.Horizon).Select(today.AddDays)], ct);

        var booked = 0;
        foreach (var person in active)
        {
            var service = ServiceKinds.Fitting(services, person.Service ?? Service.Reablement, person.LocalityId);
            if (service is null)
                continue;
            var days = random.Int(3, Availability.Horizon + 1);
            var amounts = service.Unit == CapacityUnit.Beds
                ? Enumerable.Repeat(1, days).ToList()
                : [.. new VisitPattern(days, random.Int(1, 4), 1, random.Chance(0.7) ? 30 : 45, false).CarerMinutesPerDay()];
            var booking = new Booking
            {
                EpisodeId = person.Id, PersonId = person.PersonId, ServiceId = service.Id, Status = BookingStatus.Accepted,
                Kind = service.Unit == CapacityUnit.Beds ? BookingKind.Bed : BookingKind.VisitPattern,
                StartDate = today, EndDate = today.AddDays(days - 1), CreatedAt = now, RespondedAt = now, CreatedBy = "demo",
                Days = [.. amounts.Select((a, d) => new BookingDay { Date = today.AddDays(d), Amount = a })],
            };
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                await CapacityLedger.Take(db, service, [.. booking.Days.Select(d => (d.Date, d.Amount))], ct);
            }
            catch (CapacityUnavailableException)
            {
                continue; // full: this person's care is arranged outside the demo's services
            }
            db.Bookings.Add(booking);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            booked++;
        }
        return booked;
    }
}
