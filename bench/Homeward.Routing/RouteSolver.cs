using Google.OrTools.ConstraintSolver;
using Google.Protobuf.WellKnownTypes;

using Homeward.Scheduling;

namespace Homeward.Routing;

public sealed record SolveOptions
{
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(10);
    public Objective Objective { get; init; } = Objective.Distance;
    /// <summary>Travel and times are multiplied by this and rounded, because the solver works in whole numbers.</summary>
    public int Scale { get; init; } = 100;
    /// <summary>How the first plan is built before local search improves it (Savings measured best on Solomon at 5 s).</summary>
    public FirstSolution FirstSolution { get; init; } = FirstSolution.Savings;
    /// <summary>How strongly guided local search penalises the arcs it keeps using (OR-Tools' default is 0.1; 1.0 measured better on Solomon).</summary>
    public double GuidedLocalSearchLambda { get; init; } = 1.0;
    /// <summary>Which search: string removals (the default, measured better on Solomon) or OR-Tools' guided local search.</summary>
    public Engine Engine { get; init; } = Engine.StringRemoval;
    /// <summary>The seed of the string-removal search's random choices.</summary>
    public int Seed { get; init; } = 1;
}

public enum FirstSolution { Savings, CheapestArc, CheapestInsertion }

public enum Engine
{
    /// <summary><see cref="StringRemovalSolver"/>: ruin and recreate by string removals, simulated annealing.</summary>
    StringRemoval,
    /// <summary>OR-Tools' routing library: a first solution, then guided local search.</summary>
    OrTools,
}

/// <summary>
/// Solves a routing problem with time windows and capacities: by string removals (<see cref="StringRemovalSolver"/>,
/// the default) or on OR-Tools' routing library (a first solution, savings by default, then guided local search until
/// the time limit). Visits that cannot be served by anyone (a window no carer
/// can reach in time, a load no vehicle can carry) are reported with the reason rather than failing the whole plan.
/// The cost of the result is computed again from the routes, in the problem's own units.
/// </summary>
public static class RouteSolver
{
    /// <summary>Dropping a visit costs more than any route could: a visit is left out only when it cannot be served.</summary>
    private const long Penalty = 10_000_000_000;

    public static Solution Solve(Problem problem, SolveOptions? options = null)
    {
        options ??= new SolveOptions();
        var unplannable = Screen(problem);
        var visits = problem.Visits.Where(v => !unplannable.ContainsKey(v.Id)).ToList();
        var carers = problem.Carers;
        if (visits.Count == 0 || carers.Count == 0)
            return Result(problem, [], [.. problem.Visits.Select(v => new Unplanned(v.Id, unplannable.GetValueOrDefault(v.Id) ?? "No carers."))]);
        if (options.Engine == Engine.StringRemoval)
            return StringRemovalSolver.Solve(problem, options, unplannable);

        // Nodes: one per carer start, one per carer end, then one per visit.
        var starts = Enumerable.Range(0, carers.Count).ToArray();
        var ends = Enumerable.Range(carers.Count, carers.Count).ToArray();
        var nodeCount = 2 * carers.Count + visits.Count;
        int PlaceOf(int node) => node < carers.Count ? carers[node].Start : node < 2 * carers.Count ? carers[node - carers.Count].End : visits[node - 2 * carers.Count].Place;
        Visit? VisitOf(int node) => node >= 2 * carers.Count ? visits[node - 2 * carers.Count] : null;
        long S(double x) => (long)Math.Round(x * options.Scale);
        // Times round up, so that a plan feasible in whole units is feasible in the problem's own.
        long Up(double x) => (long)Math.Ceiling(x * options.Scale - 1e-9);

        var distance = new long[nodeCount, nodeCount];
        var time = new long[nodeCount, nodeCount];
        for (var i = 0; i < nodeCount; i++)
            for (var j = 0; j < nodeCount; j++)
            {
                distance[i, j] = S(problem.Travel.Distance(PlaceOf(i), PlaceOf(j)));
                // Time from i to j includes the service at i.
                time[i, j] = Up(problem.Travel.Time(PlaceOf(i), PlaceOf(j)) + (VisitOf(i)?.Duration ?? 0));
            }

        var manager = new RoutingIndexManager(nodeCount, carers.Count, starts, ends);
        var routing = new RoutingModel(manager);
        var distanceCallback = routing.RegisterTransitCallback((from, to) => distance[manager.IndexToNode(from), manager.IndexToNode(to)]);
        routing.SetArcCostEvaluatorOfAllVehicles(distanceCallback);
        if (options.Objective == Objective.VehiclesThenDistance)
            routing.SetFixedCostOfAllVehicles(S(100_000));

        var timeCallback = routing.RegisterTransitCallback((from, to) => time[manager.IndexToNode(from), manager.IndexToNode(to)]);
        var horizon = S(Math.Max(carers.Max(c => c.ShiftEnd), visits.Max(v => v.Latest)) + visits.Max(v => v.Duration) + 1);
        routing.AddDimension(timeCallback, horizon, horizon, false, "Time");
        var clock = routing.GetMutableDimension("Time");
        foreach (var (visit, n) in visits.Select((v, n) => (v, n)))
            clock.CumulVar(manager.NodeToIndex(2 * carers.Count + n)).SetRange(Up(visit.Earliest), (long)Math.Floor(visit.Latest * options.Scale + 1e-9));
        for (var c = 0; c < carers.Count; c++)
        {
            clock.CumulVar(routing.Start(c)).SetRange(S(carers[c].ShiftStart), S(carers[c].ShiftEnd));
            clock.CumulVar(routing.End(c)).SetRange(S(carers[c].ShiftStart), S(carers[c].ShiftEnd));
            routing.AddVariableMinimizedByFinalizer(clock.CumulVar(routing.Start(c)));
            routing.AddVariableMinimizedByFinalizer(clock.CumulVar(routing.End(c)));
        }

        if (visits.Any(v => v.Demand > 0))
        {
            var demandCallback = routing.RegisterUnaryTransitCallback(index => VisitOf(manager.IndexToNode(index))?.Demand ?? 0);
            routing.AddDimensionWithVehicleCapacity(demandCallback, 0, [.. carers.Select(c => (long)Math.Min(c.Capacity, int.MaxValue))], true, "Load");
        }
        for (var n = 0; n < visits.Count; n++)
            routing.AddDisjunction([manager.NodeToIndex(2 * carers.Count + n)], Penalty);

        var search = operations_research_constraint_solver.DefaultRoutingSearchParameters();
        search.FirstSolutionStrategy = options.FirstSolution switch
        {
            FirstSolution.CheapestArc => FirstSolutionStrategy.Types.Value.PathCheapestArc,
            FirstSolution.CheapestInsertion => FirstSolutionStrategy.Types.Value.LocalCheapestInsertion,
            _ => FirstSolutionStrategy.Types.Value.Savings,
        };
        search.LocalSearchMetaheuristic = LocalSearchMetaheuristic.Types.Value.GuidedLocalSearch;
        search.TimeLimit = Duration.FromTimeSpan(options.TimeLimit);
        search.GuidedLocalSearchLambdaCoefficient = options.GuidedLocalSearchLambda;
        var assignment = routing.SolveWithParameters(search);
        if (assignment is null)
            return Result(problem, [], [.. problem.Visits.Select(v => new Unplanned(v.Id, unplannable.GetValueOrDefault(v.Id) ?? "The solver found no plan within the time limit."))]);

        var routes = new List<Route>();
        for (var c = 0; c < carers.Count; c++)
        {
            var stops = new List<Stop>();
            for (var index = assignment.Value(routing.NextVar(routing.Start(c))); !routing.IsEnd(index); index = assignment.Value(routing.NextVar(index)))
                stops.Add(new Stop(VisitOf(manager.IndexToNode(index))!.Id, assignment.Min(clock.CumulVar(index)) / (double)options.Scale));
            if (stops.Count > 0)
                routes.Add(new Route(carers[c].Id, stops));
        }
        var served = routes.SelectMany(r => r.Stops).Select(s => s.Visit).ToHashSet();
        var dropped = problem.Visits.Where(v => !served.Contains(v.Id))
            .Select(v => new Unplanned(v.Id, unplannable.GetValueOrDefault(v.Id) ?? "No carer could fit it in with everything else."));
        return Result(problem, routes, [.. dropped]);
    }

    /// <summary>Visits that no carer could serve even alone: said up front, with the reason.</summary>
    private static Dictionary<string, string> Screen(Problem problem)
    {
        var reasons = new Dictionary<string, string>();
        foreach (var v in problem.Visits)
        {
            if (v.Latest < v.Earliest)
                reasons[v.Id] = $"Its window closes ({v.Latest}) before it opens ({v.Earliest}).";
            else if (problem.Carers.All(c => v.Demand > c.Capacity))
                reasons[v.Id] = $"Its load ({v.Demand}) is more than any vehicle carries.";
            else if (problem.Carers.All(c => Math.Max(c.ShiftStart + problem.Travel.Time(c.Start, v.Place), v.Earliest) > Math.Min(v.Latest, c.ShiftEnd)
                                             || Math.Max(c.ShiftStart + problem.Travel.Time(c.Start, v.Place), v.Earliest) + v.Duration + problem.Travel.Time(v.Place, c.End) > c.ShiftEnd))
                reasons[v.Id] = "No carer can reach it within its window and be back by the end of their shift.";
        }
        return reasons;
    }

    private static Solution Result(Problem problem, List<Route> routes, List<Unplanned> unplanned) =>
        new(problem.Name, routes, unplanned, Validator.CostOf(problem, routes));
}
