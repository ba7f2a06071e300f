using Homeward.Scheduling.Rota;

namespace Homeward.Rotas.Adjust;

/// <summary>
/// What every hand change to a rota shares: the rounds as they stand, a change timed and checked against every rule,
/// and which of its problems are new (a rule already broken before the change, say by a carer gone home sick, is not
/// the change's fault). Pure.
/// </summary>
public static class RotaEdits
{
    /// <summary>A change timed: the rota it gives, its cost, and the rules it breaks that were not broken before.</summary>
    public sealed record Outcome(RotaSolution Solution, RotaCost Cost, double Objective, IReadOnlyList<string> NewProblems)
    {
        public bool Allowed => NewProblems.Count == 0;
    }

    /// <summary>Each carer's visits in order, as the rota has them (visits no longer in the day's problem left out).</summary>
    public static Dictionary<string, List<string>> Routes(Rota rota, IEnumerable<CareWorker> workers, RotaProblem problem)
    {
        var inProblem = problem.Visits.Select(v => v.Id).ToHashSet();
        return workers.ToDictionary(w => w.Id.ToString(), w => rota.Assignments.Where(a => a.WorkerId == w.Id).OrderBy(a => a.Order)
            .Select(a => RotaPlanning.Key(a.VisitId, a.Second)).Where(inProblem.Contains).ToList());
    }

    /// <summary>Why each visit the rota could not plan was left out.</summary>
    public static Dictionary<string, string> Reasons(Rota rota) => rota.Gaps.ToDictionary(g => RotaPlanning.Key(g.VisitId, g.Second), g => g.Reason);

    /// <summary>Times the rounds and checks them; problems already in <paramref name="before"/> are not counted against the change.</summary>
    public static Outcome Try(RotaProblem problem, IReadOnlyDictionary<string, List<string>> routes, IReadOnlyDictionary<string, string> reasons,
        IReadOnlySet<string>? before = null)
    {
        var solution = RotaSolver.Time(problem, routes.ToDictionary(r => r.Key, r => (IReadOnlyList<string>)r.Value), reasons);
        var (problems, cost) = RotaValidator.Check(problem, solution);
        return new Outcome(solution, cost, cost.Objective(problem.Weights), [.. problems.Where(p => before is null || !before.Contains(p))]);
    }

    /// <summary>The rounds with one visit taken out of whichever round has it.</summary>
    public static Dictionary<string, List<string>> Without(IReadOnlyDictionary<string, List<string>> routes, string visit) =>
        routes.ToDictionary(r => r.Key, r => r.Value.Where(k => k != visit).ToList());

    /// <summary>The rounds with a visit put into one carer's round at a position.</summary>
    public static Dictionary<string, List<string>> With(IReadOnlyDictionary<string, List<string>> routes, string carer, int position, string visit) =>
        routes.ToDictionary(r => r.Key, r => r.Key == carer ? [.. r.Value.Take(position), visit, .. r.Value.Skip(position)] : r.Value.ToList());

    /// <summary>
    /// The first position in a round a change may use: after every visit that started before <paramref name="now"/>
    /// (minutes from midnight; null for a day not yet begun).
    /// </summary>
    public static int FirstFree(IReadOnlyList<string> route, IReadOnlyDictionary<string, int> starts, int? now)
    {
        if (now is not { } n)
            return 0;
        var last = -1;
        for (var i = 0; i < route.Count; i++)
            if (starts.TryGetValue(route[i], out var s) && s < n)
                last = i;
        return last + 1;
    }

    /// <summary>Starts as the rota has them, by visit key.</summary>
    public static Dictionary<string, int> Starts(Rota rota) => rota.Assignments.ToDictionary(a => RotaPlanning.Key(a.VisitId, a.Second), a => a.Start);
}
