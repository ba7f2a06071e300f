using Homeward.Common;
using System.Diagnostics;
using Bogus;
using Person = Homeward.People.Person;
using Homeward.Access;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.People;
using Homeward.Referrals;
using Homeward.Triage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Demo;

public enum DemoSize
{
    /// <summary>About 2,800 referrals a year: quick, for tests.</summary>
    Small,
    /// <summary>About 11,000 referrals a year for a county of 300,000: the first-start default.</summary>
    Standard,
    /// <summary>About 66,000 referrals a year for a large county of 1.8 million.</summary>
    Large,
    /// <summary>
    /// A region's volume: five large counties (about 340,000 referrals a year) over three years, over a million
    /// referrals, for the region benchmarks. Still one partnership's structure (three localities, two hospitals), at
    /// thirty times the Standard county's scale.
    /// </summary>
    Region,
}

/// <summary>
/// Builds a synthetic intermediate care partnership: localities, hospitals, providers, demo sign-ins,
/// and a year of referrals and episodes ending today, with the route mix, pathway shares, lengths of
/// stay and seasonality of the domain guide (§4) and a winter surge. The same seed and date give the
/// same county. Names are synthetic and every NHS number is in the 999 test range.
/// Every episode goes through the real <see cref="Episode"/> state machine, so demo data obeys the
/// same rules as live data.
/// </summary>
public sealed class DemoCounty(HomewardDb db, UserManager<HomewardUser> users, TimeProvider clock)
{
    public sealed record Options(DemoSize Size = DemoSize.Standard, int Seed = 2026, DateOnly? Today = null);

    public sealed record Summary(int Localities, int People, int Referrals, int Events, TimeSpan Elapsed, bool Skipped, int Bookings = 0, int Visits = 0);

    private static readonly char[] InwardLetters = [.. "ABDEFGHJLNPQRSTUWXYZ"];
    private static readonly string[] LocalityNames = ["Northvale", "Eastbrook", "Southmere"];
    private static readonly string[] Streets = ["Mill Lane", "Church Street", "Orchard Way", "Station Road", "Meadow Close", "Vale View", "Brook Row", "Hillside", "The Green", "Kingsmead Road", "Ash Grove", "Willow Court"];
    private static readonly string[] Wards = DemoAccounts.Sites[0].Wards;
    private static readonly (string Name, string Ods)[] Hospitals = [("Vale General Hospital", "ZVG"), ("Kingsmead Hospital", "ZKM")];

    /// <summary>Each locality's postcode district letters and GP practices (fictional ODS codes starting Z).</summary>
    private static readonly (string Area, string[] Practices)[] LocalityPlaces =
    [
        ("NV", ["ZN001", "ZN002", "ZN003"]),
        ("EB", ["ZE001", "ZE002"]),
        ("SM", ["ZS001", "ZS002", "ZS003"]),
    ];

    /// <summary>Each locality's centre on the map (a fictional county in the south-west of England).</summary>
    public static readonly (double Latitude, double Longitude)[] LocalityCentres = [(51.20, -2.00), (51.10, -1.80), (51.00, -2.05)];

    /// <summary>Only the organisations and demo sign-ins, without the county's people.</summary>
    public Task EnsureAccountsAsync(CancellationToken ct) => DemoAccounts.EnsureAsync(db, users, clock, ct);

    public async Task<Summary> GenerateAsync(Options options, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var accounts = await DemoAccounts.EnsureAsync(db, users, clock, ct);
        if (await db.Referrals.AnyAsync(ct))
            return new Summary(0, 0, 0, 0, stopwatch.Elapsed, Skipped: true);

        var scale = options.Size switch { DemoSize.Small => 0.25, DemoSize.Large => 6.0, DemoSize.Region => 30.0, _ => 1.0 };
        var years = options.Size == DemoSize.Region ? 3 : 1;
        // Over three years many more are referred again; and the test range holds only about 900,000 NHS numbers.
        var againChance = options.Size == DemoSize.Region ? 0.4 : 0.08;
        var localities = LocalityNames.Select((n, i) => new Locality { Name = n, Population = (int)(100_000 * scale), Postcodes = [LocalityPlaces[i].Area] }).ToList();
        db.Localities.AddRange(localities);
        await db.SaveChangesAsync(ct);
        var services = await DemoServices.Create(db, localities, scale, ct);

        var random = new DemoRandom(options.Seed);
        var faker = new Faker("en_GB") { Random = new Randomizer(options.Seed) };
        // Map positions and the teams' carers draw from their own streams, so the county's people and episodes stay
        // the same for a seed whether or not they are made.
        var map = new DemoRandom(options.Seed ^ 0x5EED);
        await DemoServices.AddWorkers(db, services, localities, map, new Faker("en_GB") { Random = new Randomizer(options.Seed ^ 0x5EED) }, ct);
        var today = options.Today ?? London.Today(clock);
        var now = clock.GetUtcNow();
        if (options.Today is { } fixedDay)
            now = new DateTimeOffset(fixedDay.ToDateTime(new TimeOnly(17, 0)), TimeSpan.Zero);
        var actors = accounts.ToDictionary(a => a.Key, a => new Actor(a.Value.Id, a.Value.UserName!, a.Key, a.Value.OrganisationId, "demo"));
        var generator = new EpisodeGenerator(random, actors, now);
        var usedNumbers = new HashSet<string>();
        var pool = new List<Person>();
        // The county's own postcode directory: each postcode where its first resident lives, so that people referred
        // later at a demo postcode (or another in its district) are put on the map as a real directory would.
        var postcodes = new HashSet<string>(StringComparer.Ordinal);

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        int people = 0, referrals = 0, events = 0;
        for (var day = today.AddDays(-365 * years); day <= today; day = day.AddDays(1))
        {
            var season = Season(day);
            foreach (var (route, perDay) in RatesPerDay)
            {
                var count = random.Poisson(perDay * scale * season);
                for (var i = 0; i < count; i++)
                {
                    var receivedAt = ReceivedAt(random, day, route);
                    if (receivedAt > now)
                        continue;
                    Person person;
                    if (pool.Count > 50 && random.Chance(againChance))
                        person = random.Pick(pool);
                    else
                    {
                        var locality = random.Int(0, localities.Count);
                        person = NewPerson(random, faker, usedNumbers, localities[locality].Id, LocalityPlaces[locality], today, now);
                        (person.Latitude, person.Longitude) = Near(map, LocalityCentres[locality], 0.04);
                        db.People.Add(person);
                        if (postcodes.Add(person.Postcode.Value))
                            db.PostcodeLocations.Add(new PostcodeLocation
                            {
                                Postcode = person.Postcode.Value, District = PostcodeDirectory.DistrictOf(person.Postcode),
                                Latitude = person.Latitude!.Value, Longitude = person.Longitude!.Value,
                            });
                        pool.Add(person);
                        people++;
                    }
                    var (referral, episode) = generator.Make(person, route, receivedAt, day, season);
                    if (episode.Destination == Destination.Died)
                        pool.Remove(person); // nobody is referred again after they have died
                    db.Referrals.Add(referral);
                    db.Episodes.Add(episode);
                    referrals++;
                    events += episode.Events.Count;
                }
            }
            if (day.Day == 1 || day == today)
            {
                db.AddRange(generator.Care.Made);
                generator.Care.Made.Clear();
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                progress?.Report(referrals);
            }
        }
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        await GiveCarersPostcodes(db, ct);
        var bookings = await DemoServices.BookPeopleInCare(db, services, random, today, now, ct);
        return new Summary(localities.Count, people, referrals, events + generator.Care.Events, stopwatch.Elapsed, Skipped: false, bookings,
            generator.Care.Visits);
    }

    /// <summary>Each carer's day starts at the county's postcode nearest their home, as a scheduler would have typed it.</summary>
    private static async Task GiveCarersPostcodes(HomewardDb db, CancellationToken ct)
    {
        var postcodes = await db.PostcodeLocations.AsNoTracking().ToListAsync(ct);
        if (postcodes.Count == 0)
            return;
        foreach (var worker in await db.CareWorkers.ToListAsync(ct))
            worker.Postcode = postcodes.MinBy(p => Math.Pow(p.Latitude - worker.Latitude, 2) + Math.Pow((p.Longitude - worker.Longitude) * 0.63, 2))!.Postcode;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Referrals a day for a county of 300,000 (scaled by size). Hospital discharges dominate.</summary>
    private static readonly (Route Route, double PerDay)[] RatesPerDay =
    [
        (Route.HospitalDischarge, 16),
        (Route.EmergencyDepartment, 4),
        (Route.UrgentCommunityResponse, 7),
        (Route.Community, 3),
    ];

    /// <summary>Demand by date: a yearly wave peaking in mid-January, and a winter surge from December to February.</summary>
    internal static double Season(DateOnly day)
    {
        var wave = 1.0 + 0.12 * Math.Cos(2 * Math.PI * (day.DayOfYear - 15) / 365.25);
        var surge = day.Month is 12 or 1 or 2 ? 1.15 : 1.0;
        return wave * surge;
    }

    private static DateTimeOffset ReceivedAt(DemoRandom random, DateOnly day, Route route)
    {
        // Hospital referrals come in working hours; urgent ones through the 8am–8pm service day and beyond.
        var minutes = route switch
        {
            Route.HospitalDischarge or Route.Community => random.Int(8 * 60, 17 * 60),
            _ => random.Int(7 * 60, 22 * 60),
        };
        return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMinutes(minutes);
    }

    private static readonly string[] KeySafePlaces = ["Key safe left of the front door", "Key safe by the back door", "Key safe beside the garage"];

    private static readonly string[] HomeAccess =
    [
        "Ring the bell and wait: slow to the door",
        "Neighbour at number 4 holds a key", "Daughter lets you in before 9am", "Dog: ask for it to be shut in the kitchen first",
        "Side gate, then the back door", "Flat on the second floor: buzz flat number, lift available",
    ];

    private static Person NewPerson(DemoRandom random, Faker faker, HashSet<string> used, Guid localityId,
        (string Area, string[] Practices) place, DateOnly today, DateTimeOffset now)
    {
        var female = random.Chance(0.58);
        // Mostly older people: 80% are 65 or over, centred on the early eighties.
        var age = random.Chance(0.8) ? 65 + (int)Math.Min(38, Math.Abs(random.Normal() * 11) + random.Int(0, 8)) : random.Int(25, 65);
        var birth = today.AddYears(-age).AddDays(-random.Int(0, 365));
        var nhs = NewNhsNumber(random, used);
        // Client Level Data's person details come from a generator of their own (seeded by the NHS number), so the
        // rest of the county is drawn exactly as before.
        var details = new DemoRandom(int.Parse(nhs.Value[1..], System.Globalization.CultureInfo.InvariantCulture));
        var residence = random.Chance(0.9) ? UsualResidence.OwnHome : random.Chance(0.5) ? UsualResidence.CareHome : UsualResidence.ExtraCareHousing;
        var person = new Person
        {
            NhsNumber = nhs,
            GivenName = faker.Name.FirstName(female ? Bogus.DataSets.Name.Gender.Female : Bogus.DataSets.Name.Gender.Male),
            FamilyName = faker.Name.LastName(),
            DateOfBirth = birth,
            Gender = female ? Gender.Female : Gender.Male,
            AddressLine1 = $"{random.Int(1, 180)} {random.Pick(Streets)}",
            Town = LocalityNames[Array.FindIndex(LocalityPlaces, p => p.Area == place.Area)],
            Postcode = Postcode.Parse($"{place.Area}{random.Int(1, 20)} {random.Int(1, 10)}{random.Pick(InwardLetters)}{random.Pick(InwardLetters)}"),
            LocalityId = localityId,
            GpPracticeCode = random.Pick(place.Practices),
            UsualResidence = residence,
            Ethnicity = details.Weighted(Ethnicities),
            PrimarySupportReason = details.Weighted(SupportReasons),
            AccommodationStatus = residence switch
            {
                UsualResidence.CareHome => AccommodationStatus.CareHome,
                UsualResidence.ExtraCareHousing => AccommodationStatus.ShelteredOrExtraCare,
                _ => details.Weighted(Housing),
            },
            CarerName = random.Chance(0.4) ? faker.Name.FullName() : null,
            CarerRelationship = null,
            Consent = random.Chance(0.95) ? Consent.Given : Consent.BestInterestDecision,
            CreatedAt = now,
        };
        // How carers get in: a key safe for many at home (drawn after the return's details, so those stay as they were).
        if (residence != UsualResidence.OwnHome)
            person.AccessToHome = "Ask at reception";
        else if (details.Chance(0.45))
            (person.KeySafeCode, person.AccessToHome) = ($"{details.Int(1000, 10000)}", details.Pick(KeySafePlaces));
        else
            person.AccessToHome = details.Pick(HomeAccess);
        return person;
    }

    // Roughly an English county's older population (Census 2021); most short-term support is for physical needs.
    private static readonly (Ethnicity, double)[] Ethnicities =
    [
        (Ethnicity.WhiteBritish, 0.86), (Ethnicity.WhiteIrish, 0.01), (Ethnicity.WhiteOther, 0.04), (Ethnicity.AsianIndian, 0.02),
        (Ethnicity.AsianPakistani, 0.01), (Ethnicity.BlackCaribbean, 0.01), (Ethnicity.MixedWhiteAndBlackCaribbean, 0.005),
        (Ethnicity.AsianChinese, 0.005), (Ethnicity.OtherAny, 0.005), (Ethnicity.Refused, 0.005), (Ethnicity.NotKnown, 0.03),
    ];

    private static readonly (PrimarySupportReason, double)[] SupportReasons =
    [
        (PrimarySupportReason.PhysicalPersonalCare, 0.62), (PrimarySupportReason.PhysicalAccessAndMobilityOnly, 0.18),
        (PrimarySupportReason.MemoryAndCognition, 0.10), (PrimarySupportReason.MentalHealth, 0.04), (PrimarySupportReason.SensoryVisual, 0.02),
        (PrimarySupportReason.SocialIsolationOrOther, 0.02), (PrimarySupportReason.Unknown, 0.02),
    ];

    private static readonly (AccommodationStatus, double)[] Housing =
    [
        (AccommodationStatus.OwnerOccupier, 0.68), (AccommodationStatus.TenantSocial, 0.17), (AccommodationStatus.TenantPrivate, 0.06),
        (AccommodationStatus.WithFamilyOrFriends, 0.07), (AccommodationStatus.Unknown, 0.02),
    ];

    /// <summary>A point around a centre, spread by <paramref name="spread"/> degrees of latitude (about 4.4 km per 0.04).</summary>
    internal static (double, double) Near(DemoRandom random, (double Latitude, double Longitude) centre, double spread) =>
        (Math.Round(centre.Latitude + random.Normal() * spread, 5), Math.Round(centre.Longitude + random.Normal() * spread * 1.6, 5));

    private static NhsNumber NewNhsNumber(DemoRandom random, HashSet<string> used)
    {
        while (true)
        {
            var nine = "999" + random.Int(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            if (NhsNumber.CheckDigit(nine) is not { } check)
                continue;
            var number = nine + check;
            if (used.Add(number))
                return NhsNumber.Parse(number);
        }
    }

    internal static (string Name, string Ods) Hospital(DemoRandom random) => random.Pick(Hospitals);

    internal static string Ward(DemoRandom random) => random.Pick(Wards);
}
