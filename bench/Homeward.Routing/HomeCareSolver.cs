using Homeward.Scheduling.Rota;

using Homeward.Scheduling;

namespace Homeward.Routing;

/// <summary>
/// Plans a home care day in the benchmark's terms with <see cref="RotaSolver"/>: one visit per required service (the
/// service as the skill), carers able to give the services in their abilities, no shift limits, double-handed services
/// as visits that start together and sequential ones as visits the set time apart; the objective's three parts
/// (distance, total and maximum tardiness) weighted equally, as the benchmark counts them.
/// </summary>
public static class HomeCareSolver
{
    public static HomeCareSolution Solve(HomeCareInstance instance, TimeSpan timeLimit, int seed = 1, Action<double, TimeSpan>? progress = null)
    {
        foreach (var (p, n) in instance.Patients.SelectMany(p => p.Needs.Select(n => (p, n))).Where(x => instance.Caregivers.All(c => !c.Abilities.Contains(x.n.Service))))
            throw new InvalidOperationException($"No caregiver is able to give service {n.Service} to {p.Id}.");
        var rota = RotaSolver.Solve(ToRota(instance), new RotaOptions { TimeLimit = timeLimit, Seed = seed, Progress = progress });
        if (rota.Unplanned.Count > 0)
            throw new InvalidOperationException($"{instance.Name}: {rota.Unplanned.Count} services could not be planned ({rota.Unplanned[0].Visit}: {rota.Unplanned[0].Reason})");
        var calls = instance.Patients.SelectMany(p => p.Needs.Select(n => (Id: Key(p, n), Patient: p.Id, n.Service, n.Duration))).ToDictionary(x => x.Id);
        return new HomeCareSolution([.. instance.Caregivers.Select(c => new HomeCareSolution.CarerRoute(c.Id,
            [.. (rota.Routes.FirstOrDefault(r => r.Carer == c.Id)?.Stops ?? []).Select(s =>
            {
                var call = calls[s.Visit];
                // As the benchmark writes it: arrival_time is when the service starts (any wait for the window is before it).
                return new HomeCareSolution.Call(call.Patient, call.Service, s.Start, s.Start + call.Duration);
            })]))]);
    }

    /// <summary>The instance as a rota problem: place 0 is the office, patient i (in file order) place i + 1.</summary>
    public static RotaProblem ToRota(HomeCareInstance instance)
    {
        var visits = instance.Patients.SelectMany((p, i) => p.Needs.Select(n =>
            new RotaVisit(Key(p, n), i + 1, n.Duration, p.Earliest, p.Latest) { Skill = n.Service })).ToList();
        var links = instance.Patients.Where(p => p.Sync is not null && p.Needs.Count == 2)
            .Select(p => new RotaLink(Key(p, p.Needs[0]), Key(p, p.Needs[1]), p.Sync!.Simultaneous ? 0 : p.Sync.Min, p.Sync.Simultaneous ? 0 : p.Sync.Max))
            .ToList();
        // No shifts in this benchmark: a day long enough for any plan.
        var dayEnd = instance.Patients.Max(p => p.Latest) + visits.Sum(v => v.Duration) + 2 * instance.Distances.Max(r => r.Max()) * visits.Count;
        return new RotaProblem
        {
            Name = instance.Name, Visits = visits, Links = links, Travel = new MatrixTravel(instance.Distances),
            Carers = [.. instance.Caregivers.Select(c => new RotaCarer(c.Id, 0, 0, 0, dayEnd) { Skills = c.Abilities })],
            Weights = new RotaWeights { Distance = 1, Lateness = 1, MaxLateness = 1, Unplanned = RotaState.Hard },
        };
    }

    private static string Key(HomeCareInstance.Patient p, HomeCareInstance.Need n) => $"{p.Id}|{n.Service}";
}

/// <summary>Travel from a matrix (time equals distance unless a second matrix gives the distances).</summary>
public sealed class MatrixTravel(double[][] time, double[][]? distance = null) : ITravel
{
    public double Time(int from, int to) => time[from][to];

    public double Distance(int from, int to) => (distance ?? time)[from][to];
}
