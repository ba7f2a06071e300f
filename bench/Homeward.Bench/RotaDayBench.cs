using System.Diagnostics;
using System.Globalization;
using Homeward.Demo;
using Homeward.Rotas;
using Homeward.Scheduling.Rota;
using Homeward.Visits;

namespace Homeward.Bench;

/// <summary>
/// A realistic day at county scale: 1,500 visits and 80 carers laid out like the demo county (its three localities'
/// centres, people spread about 3 km around them, the usual home care windows for two to four visits a day (3.3 on
/// average), visits of 15 to 45 minutes, 8% double-handed, one in ten needing a skill, seven in ten people knowing one to three carers),
/// carers on split, early and late shifts with breaks, planned with Homeward's rota settings within the time limit.
/// Prints the rota's figures and the validator's verdict at each time limit.
/// </summary>
internal static class RotaDayBench
{
    public static void Run(int[] seconds)
    {
        var inv = CultureInfo.InvariantCulture;
        var problem = Day(visits: 1500, carers: 80, seed: 2026);
        var doubles = problem.Links.Count;
        Console.WriteLine(string.Create(inv, $"# Rota for a county-sized day: {problem.Visits.Count - doubles} visits ({doubles} double-handed, {problem.Visits.Count} carer visits), {problem.Carers.Count} carers, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}"));
        // How loaded the day is: visit hours against carer hours (shift less break), and the morning peak on its own.
        var visitHours = problem.Visits.Sum(v => v.Duration) / 60;
        var carerHours = problem.Carers.Sum(c => c.ShiftEnd - c.ShiftStart - (c.Break?.Duration ?? 0)) / 60;
        var morning = problem.Visits.Where(v => v.Earliest < 10 * 60).Sum(v => v.Duration) / 60;
        var morningCarers = problem.Carers.Count(c => c.ShiftStart <= 7 * 60 + 30);
        Console.WriteLine(string.Create(inv, $"Load: {visitHours:0} hours of visits for {carerHours:0} carer hours ({visitHours / carerHours:P0} before travel); the 07:30 visits alone {morning:0} hours for {morningCarers} carers in a window of 2 hours (3 with the hour's grace)."));
        Solve(problem, seconds);
    }

    /// <summary>Solves the day at each time limit and prints the rota's figures and the validator's verdict.</summary>
    public static void Solve(RotaProblem problem, int[] seconds)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine("| time limit | seconds | planned | not planned | late visits | minutes late | max late | km | driving hours | known carer | carers used | valid |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var limit in seconds)
        {
            var watch = Stopwatch.StartNew();
            var reports = 0L;
            // The solver reports progress every 65,536 moves: enough to count the moves a second.
            var rota = RotaSolver.Solve(problem, new RotaOptions { TimeLimit = TimeSpan.FromSeconds(limit), Progress = (_, _) => reports++ });
            watch.Stop();
            var (problems, cost) = RotaValidator.Check(problem, rota);
            Console.WriteLine(string.Create(inv,
                $"| {limit} s | {watch.Elapsed.TotalSeconds:0.0} | {problem.Visits.Count - rota.Unplanned.Count} | {rota.Unplanned.Count} | {cost.LateVisits} | {cost.Lateness:0} | {cost.MaxLateness:0} | {cost.Distance:0} | {cost.TravelTime / 60:0.0} | {cost.ContinuityRate:P0} | {cost.CarersUsed} | {(problems.Count == 0 ? "yes" : $"NO: {problems[0]}")} |"));
            Console.WriteLine(string.Create(inv, $"  about {reports * 65536 / watch.Elapsed.TotalSeconds:N0} moves a second"));
            foreach (var reason in rota.Unplanned.GroupBy(u => u.Reason))
                Console.WriteLine($"  not planned: {reason.Count()} × {reason.Key}");
        }
    }

    /// <summary>Visit lengths: half a quarter of an hour, 40% half an hour, 10% three quarters.</summary>
    private static readonly int[] Minutes = [15, 15, 15, 15, 15, 30, 30, 30, 30, 45];

    /// <summary>Visits a day: half the people four (morning, lunch, tea, bed), 30% three, 20% two.</summary>
    private static readonly int[] VisitsADay = [4, 4, 4, 4, 4, 3, 3, 3, 2, 2];

    private static bool Chance(Random random, double p) => random.NextDouble() < p;

    /// <summary>As the demo county spreads people: normal about the centre, <paramref name="spread"/> degrees of latitude.</summary>
    private static (double, double) Near(Random random, (double Latitude, double Longitude) centre, double spread)
    {
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return (centre.Latitude + Normal() * spread, centre.Longitude + Normal() * spread * 1.6);
    }

    public static RotaProblem Day(int visits, int carers, int seed) => DayAndPlaces(visits, carers, seed).Problem;

    /// <summary>The day, and where each of its places is (carers' bases first, then the people's homes).</summary>
    public static (RotaProblem Problem, IReadOnlyList<(double Latitude, double Longitude)> Places) DayAndPlaces(int visits, int carers, int seed)
    {
        var random = new Random(seed);
        var centres = DemoCounty.LocalityCentres;
        var places = new List<(double, double)>();
        var staff = new List<RotaCarer>();
        for (var i = 0; i < carers; i++)
        {
            places.Add(Near(random, centres[i % centres.Length], 0.05));
            // Most carers on a split shift (mornings and tea-times are the peaks), one in ten early, one in ten late.
            var (start, end, breakFrom, breakLatest, breakMinutes) = (i % 10) switch
            {
                0 => (7 * 60, 14 * 60 + 30, 10 * 60 + 30, 12 * 60, 30),
                1 => (14 * 60, 22 * 60 + 30, 18 * 60, 19 * 60, 30),
                _ => (7 * 60, 21 * 60 + 30, 12 * 60 + 30, 13 * 60 + 30, 180),
            };
            staff.Add(new RotaCarer($"c{i}", i, i, start, end)
            {
                Skills = Chance(random, 0.8) ? new HashSet<string> { "medication" } : new HashSet<string>(),
                Break = new RotaBreak(breakFrom, breakLatest, breakMinutes),
            });
        }
        var settings = new RotaSettings();
        var list = new List<RotaVisit>();
        var links = new List<RotaLink>();
        var windows = VisitPlanner.UsualWindows;
        for (var person = 0; list.Count - links.Count < visits; person++)
        {
            var locality = random.Next(0, centres.Length);
            var place = places.Count;
            places.Add(Near(random, centres[locality], 0.03));
            var known = Chance(random, 0.7)
                ? Enumerable.Range(0, random.Next(1, 4)).Select(_ => $"c{random.Next(0, carers / centres.Length) * centres.Length + locality}").ToHashSet()
                : [];
            var minutes = Minutes[random.Next(Minutes.Length)];
            var twoCarers = Chance(random, 0.08);
            var skill = Chance(random, 0.1) ? "medication" : null;
            foreach (var (from, to) in windows.Take(VisitsADay[random.Next(VisitsADay.Length)]))
            {
                if (list.Count - links.Count >= visits)
                    break;
                var id = $"p{person}-{from:HHmm}";
                RotaVisit Make(string key) => new(key, place, minutes, RotaPlanning.Minutes(from), RotaPlanning.Minutes(to))
                {
                    Skill = skill, KnownCarers = known, LatestAtAll = RotaPlanning.Minutes(to) + settings.MostLateMinutes,
                };
                list.Add(Make(id));
                if (twoCarers)
                {
                    list.Add(Make(id + "/2"));
                    links.Add(RotaLink.DoubleHanded(id, id + "/2"));
                }
            }
        }
        return (new RotaProblem
        {
            Name = "county day", Visits = list, Links = links, Carers = staff, Weights = settings.Weights,
            Travel = new GreatCircleTravel(places, settings.RoadFactor, settings.KilometresPerHour),
        }, places);
    }
}
