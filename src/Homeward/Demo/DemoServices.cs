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
                Pathway = Pathway.P1, DefaultDailyCapacity = Scaled(70) * 60, CostPerDay = 125, Localities = [new() { LocalityId = locality.Id }] });
        services.Add(new CareService { Name = "Home-based therapy team", OrganisationId = orgs["ZWC"], Kind = ServiceKind.HomeBasedTherapy,
            Pathway = Pathway.P1, DefaultDailyCapacity = Scaled(40) * 60, CostPerDay = 125, Localities = All() });
        services.Add(new CareService { Name = "Brightwater Home Care", OrganisationId = orgs["ZP1"], Kind = ServiceKind.HomeCareProvider,
            Pathway = Pathway.P1, DefaultDailyCapacity = Scaled(50) * 60, DoubleHanded = true, Commissioned = true, CostPerDay = 125, Localities = All() });
        services.Add(new CareService { Name = "Urgent community response team", OrganisationId = orgs["ZWC"], Kind = ServiceKind.RapidResponseTeam,
            Pathway = Pathway.P1, DefaultDailyCapacity = Scaled(72) * 60, DoubleHanded = true, Localities = All() });
        services.Add(new CareService { Name = "Vale Community Hospital beds", OrganisationId = orgs["ZWC"], Kind = ServiceKind.CommunityBedUnit,
            Pathway = Pathway.P2, DefaultDailyCapacity = Scaled(18), CostPerDay = 150, Localities = [.. localities.Take(2).Select(l => new ServiceLocality { LocalityId = l.Id })] });
        services.Add(new CareService { Name = "Southmere intermediate care unit", OrganisationId = orgs["ZWC"], Kind = ServiceKind.CommunityBedUnit,
            Pathway = Pathway.P2, DefaultDailyCapacity = Scaled(12), CostPerDay = 150, Localities = [.. localities.Skip(1).Select(l => new ServiceLocality { LocalityId = l.Id })] });
        services.Add(new CareService { Name = "Meadowbank Care Homes", OrganisationId = orgs["ZP2"], Kind = ServiceKind.CareHome,
            Pathway = Pathway.P3, DefaultDailyCapacity = Scaled(14), Commissioned = true, CostPerDay = 164, Localities = All() });
        // Numbers from Ofcom's range for drama (01632 960000–960999): never a real line.
        foreach (var (service, i) in services.Select((s, i) => (s, i)))
            service.Phone = $"01632 960{101 + i:D3}";
        db.CareServices.AddRange(services);
        await db.SaveChangesAsync(ct);
        return services;
    }

    /// <summary>
    /// The carers of each team with carer hours: enough to deliver the team's hours (about five hours of visits in a
    /// seven-and-a-half-hour shift, five days in seven), most on a split shift, the rest early or late, with a break, living near the team's
    /// area. The demo reablement worker's sign-in is the first carer of the first reablement team, on every day.
    /// </summary>
    public static async Task AddWorkers(HomewardDb db, IReadOnlyList<CareService> services, IReadOnlyList<Locality> localities, DemoRandom random,
        Bogus.Faker faker, CancellationToken ct)
    {
        var first = true;
        foreach (var service in services.Where(s => s.Unit == CapacityUnit.CarerMinutes))
        {
            var centre = service.Localities.Count == 1
                ? DemoCounty.LocalityCentres[localities.ToList().FindIndex(l => l.Id == service.Localities[0].LocalityId)]
                : (DemoCounty.LocalityCentres.Average(c => c.Latitude), DemoCounty.LocalityCentres.Average(c => c.Longitude));
            var count = (int)Math.Ceiling(service.DefaultDailyCapacity / 300.0 * 7 / 5);
            for (var i = 0; i < count; i++)
            {
                // Mornings and tea-times are the peaks of home care: most carers work a split shift (07:00–20:00 with three
                // hours off after lunch); the rest an early or a late shift with a half-hour break.
                var (start, end, breakFrom, breakTo, breakMinutes) = (i % 5) switch
                {
                    0 => (new TimeOnly(7, 0), new TimeOnly(14, 30), new TimeOnly(10, 30), new TimeOnly(12, 30), 30),
                    1 => (new TimeOnly(14, 30), new TimeOnly(22, 30), new TimeOnly(18, 0), new TimeOnly(19, 30), 30),
                    _ => (new TimeOnly(7, 0), new TimeOnly(20, 0), new TimeOnly(12, 30), new TimeOnly(16, 30), 180),
                };
                var (lat, lon) = DemoCounty.Near(random, centre, service.Localities.Count == 1 ? 0.05 : 0.09);
                var skills = new List<string> { "moving and handling" };
                if (random.Chance(0.8))
                    skills.Add("medication");
                if (random.Chance(0.1))
                    skills.Add("stoma care");
                // Fixed by position, not drawn, so that the rest of the demo county stays as it was.
                if (i % 4 == 1)
                    skills.Add("insulin");
                if (i % 6 == 2)
                    skills.Add("catheter care");
                if (i % 3 == 0)
                    skills.Add("dementia care");
                var worker = new Rotas.CareWorker
                {
                    ServiceId = service.Id, Name = faker.Name.FullName(), Skills = string.Join(", ", skills), Latitude = lat, Longitude = lon,
                    ShiftStart = start, ShiftEnd = end, BreakMinutes = breakMinutes, BreakFrom = breakFrom, BreakTo = breakTo,
                    // Five days in seven, staggered so that every day has the same number on shift.
                    DaysWorked = (0b0011111 << (i % 7) | 0b0011111 >> (7 - i % 7)) & 0b1111111,
                };
                if (first && service.Kind == ServiceKind.ReablementTeam)
                    (worker.Name, worker.UserName, worker.DaysWorked, first) = ("Riley Able", "reablement@demo.homeward", 0b1111111, false);
                db.CareWorkers.Add(worker);
            }
        }
        await db.SaveChangesAsync(ct);
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
        var placed = new HashSet<Guid>();
        var homeCare = services.FirstOrDefault(s => s.Kind == ServiceKind.HomeCareProvider);
        var position = 0;
        foreach (var person in active)
        {
            // One place a day for each person: someone with two active episodes is booked for the first only.
            if (placed.Contains(person.PersonId))
                continue;
            var service = ServiceKinds.Fitting(services, person.Service ?? Service.Reablement, person.LocalityId);
            // One reablement person in five is with the commissioned home care provider, as where the in-house teams are
            // full (fixed by position, not drawn, so that the rest of the demo county stays as it was).
            if (service?.Kind == ServiceKind.ReablementTeam && homeCare is not null && position++ % 5 == 3)
                service = homeCare;
            if (service is null)
                continue;
            var days = random.Int(3, Availability.Horizon + 1);
            var amounts = service.Unit == CapacityUnit.Beds
                ? Enumerable.Repeat(1, days).ToList()
                : [.. new VisitPattern(days, random.Int(1, 4), 1, random.Chance(0.7) ? 30 : 45, false).CarerMinutesPerDay()];
            var booking = new Booking
            {
                EpisodeId = person.Id, PersonId = person.PersonId, ServiceId = service.Id,
                Kind = service.Unit == CapacityUnit.Beds ? BookingKind.Bed : BookingKind.VisitPattern,
                StartDate = today, EndDate = today.AddDays(days - 1), CreatedAt = now, CreatedBy = "demo",
                Days = [.. amounts.Select((a, d) => new BookingDay { Date = today.AddDays(d), Amount = a })],
            };
            booking.Accept(now);
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
            db.PersonDays.AddRange(booking.Days.Select(d => new PersonDay { PersonId = booking.PersonId, Date = d.Date, BookingId = booking.Id }));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            placed.Add(person.PersonId);
            booked++;
        }
        if (homeCare is not null)
            booked += await OfferToHomeCare(db, homeCare, placed, today, now, ct);
        return booked;
    }

    /// <summary>
    /// Three people accepted for reablement and waiting to start are offered to the home care provider from tomorrow, the
    /// offers made one, three and six hours ago: the provider's day starts with offers to answer, one of them overdue.
    /// </summary>
    private static async Task<int> OfferToHomeCare(HomewardDb db, CareService homeCare, HashSet<Guid> placed, DateOnly today, DateTimeOffset now,
        CancellationToken ct)
    {
        var waiting = await db.Episodes.AsNoTracking()
            .Where(e => (e.Status == EpisodeStatus.Accepted || e.Status == EpisodeStatus.Waiting) && e.Service == Service.Reablement)
            .OrderBy(e => e.ReferredAt).Select(e => new { e.Id, e.PersonId }).Take(10).ToListAsync(ct);
        var offered = 0;
        var hoursAgo = new[] { 1, 3, 6 };
        foreach (var person in waiting.Where(w => !placed.Contains(w.PersonId)))
        {
            if (offered == hoursAgo.Length)
                break;
            var start = today.AddDays(1);
            if (await db.PersonDays.AnyAsync(d => d.PersonId == person.PersonId && d.Date >= start, ct))
                continue; // one place a day
            // Within the days the ledger holds (today and the next ones up to the horizon).
            var days = Availability.Horizon - 1;
            var amounts = new VisitPattern(days, 3, 1, 30, false).CarerMinutesPerDay();
            var booking = new Booking
            {
                EpisodeId = person.Id, PersonId = person.PersonId, ServiceId = homeCare.Id, Kind = BookingKind.VisitPattern,
                StartDate = start, EndDate = start.AddDays(days - 1), CreatedAt = now.AddHours(-hoursAgo[offered]), CreatedBy = "demo",
                VisitsPerDayAtStart = 3, VisitsPerDayAtEnd = 1, MinutesPerVisit = 30,
                Days = [.. amounts.Select((a, d) => new BookingDay { Date = start.AddDays(d), Amount = a })],
            };
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                await CapacityLedger.Take(db, homeCare, [.. booking.Days.Select(d => (d.Date, d.Amount))], ct);
            }
            catch (CapacityUnavailableException)
            {
                continue;
            }
            db.Bookings.Add(booking);
            db.PersonDays.AddRange(booking.Days.Select(d => new PersonDay { PersonId = booking.PersonId, Date = d.Date, BookingId = booking.Id }));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            placed.Add(person.PersonId);
            offered++;
        }
        return offered;
    }
}
