using Google.OrTools.ConstraintSolver;
using Google.Protobuf.WellKnownTypes;

namespace Homeward.Scheduling;

/// <summary>
/// Plans a home care day in the benchmark's terms on OR-Tools' routing library: one routing node per required
/// service, carers restricted to the services they are able to give, windows opening hard and closing soft (each
/// minute late costs as much as a unit of distance), double-handed services starting together on two different
/// carers, sequential ones the set time apart. The maximum-tardiness term of the benchmark's objective is not
/// modelled by the solver (it is computed, with the rest, by <see cref="HomeCareValidator"/>).
/// </summary>
public static class HomeCareSolver
{
    public static HomeCareSolution Solve(HomeCareInstance instance, TimeSpan timeLimit)
    {
        var tasks = instance.Patients.SelectMany((p, i) => p.Needs.Select((n, k) => (Patient: p, Index: i + 1, Need: n, Order: k))).ToList();
        foreach (var t in tasks.Where(t => instance.Caregivers.All(c => !c.Abilities.Contains(t.Need.Service))))
            throw new InvalidOperationException($"No caregiver is able to give service {t.Need.Service} to {t.Patient.Id}.");

        var carers = instance.Caregivers;
        var nodeCount = tasks.Count + 1;
        int PlaceOf(int node) => node == 0 ? 0 : tasks[node - 1].Index;
        var distance = new long[nodeCount, nodeCount];
        var time = new long[nodeCount, nodeCount];
        for (var i = 0; i < nodeCount; i++)
            for (var j = 0; j < nodeCount; j++)
            {
                distance[i, j] = (long)Math.Round(instance.Distances[PlaceOf(i)][PlaceOf(j)]);
                time[i, j] = distance[i, j] + (i == 0 ? 0 : (long)Math.Ceiling(tasks[i - 1].Need.Duration));
            }

        var manager = new RoutingIndexManager(nodeCount, carers.Count, 0);
        var routing = new RoutingModel(manager);
        routing.SetArcCostEvaluatorOfAllVehicles(routing.RegisterTransitCallback((a, b) => distance[manager.IndexToNode(a), manager.IndexToNode(b)]));
        var horizon = (long)(instance.Patients.Max(p => p.Latest) + tasks.Sum(t => t.Need.Duration) + instance.Distances.Max(r => r.Max()) * 2 + 1);
        routing.AddDimension(routing.RegisterTransitCallback((a, b) => time[manager.IndexToNode(a), manager.IndexToNode(b)]), horizon, horizon, true, "Time");
        var clock = routing.GetMutableDimension("Time");
        var solver = routing.solver();
        var indexOf = new Dictionary<(string, int), long>();
        for (var n = 0; n < tasks.Count; n++)
        {
            var (patient, _, need, order) = tasks[n];
            var index = manager.NodeToIndex(n + 1);
            indexOf[(patient.Id, order)] = index;
            clock.CumulVar(index).SetMin((long)patient.Earliest);
            clock.SetCumulVarSoftUpperBound(index, (long)patient.Latest, 1);
            var unable = carers.Select((c, v) => (c, v)).Where(x => !x.c.Abilities.Contains(need.Service)).Select(x => (long)x.v).ToArray();
            if (unable.Length > 0)
                routing.VehicleVar(index).RemoveValues(unable);
        }
        foreach (var patient in instance.Patients.Where(p => p.Sync is not null && p.Needs.Count == 2))
        {
            var (first, second) = (clock.CumulVar(indexOf[(patient.Id, 0)]), clock.CumulVar(indexOf[(patient.Id, 1)]));
            if (patient.Sync!.Simultaneous)
            {
                solver.Add(first == second);
                solver.Add(routing.VehicleVar(indexOf[(patient.Id, 0)]) != routing.VehicleVar(indexOf[(patient.Id, 1)]));
            }
            else
            {
                solver.Add(second - first >= (long)Math.Ceiling(patient.Sync.Min));
                solver.Add(second - first <= (long)Math.Floor(patient.Sync.Max));
            }
        }
        for (var v = 0; v < carers.Count; v++)
            routing.AddVariableMinimizedByFinalizer(clock.CumulVar(routing.End(v)));

        // First-solution heuristics can stall on the synchronisation constraints: try the next when one finds nothing.
        Assignment? assignment = null;
        var deadline = DateTime.UtcNow + timeLimit;
        // Cheapest arc first: at 10 s it gave far less lateness than parallel cheapest insertion on this benchmark.
        foreach (var start in new[] { FirstSolutionStrategy.Types.Value.PathCheapestArc, FirstSolutionStrategy.Types.Value.Savings,
                     FirstSolutionStrategy.Types.Value.ParallelCheapestInsertion })
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                break;
            var search = operations_research_constraint_solver.DefaultRoutingSearchParameters();
            search.FirstSolutionStrategy = start;
            search.LocalSearchMetaheuristic = LocalSearchMetaheuristic.Types.Value.GuidedLocalSearch;
            search.GuidedLocalSearchLambdaCoefficient = 1.0;
            search.TimeLimit = Duration.FromTimeSpan(left);
            if ((assignment = routing.SolveWithParameters(search)) is not null)
                break;
        }
        if (assignment is null)
            throw new InvalidOperationException($"{instance.Name}: no plan found within {timeLimit.TotalSeconds:0} s.");

        var routes = new List<HomeCareSolution.CarerRoute>();
        for (var v = 0; v < carers.Count; v++)
        {
            var calls = new List<HomeCareSolution.Call>();
            for (var index = assignment.Value(routing.NextVar(routing.Start(v))); !routing.IsEnd(index); index = assignment.Value(routing.NextVar(index)))
            {
                var task = tasks[manager.IndexToNode(index) - 1];
                var start = assignment.Min(clock.CumulVar(index));
                calls.Add(new HomeCareSolution.Call(task.Patient.Id, task.Need.Service, start, start + task.Need.Duration));
            }
            routes.Add(new HomeCareSolution.CarerRoute(carers[v].Id, calls));
        }
        return new HomeCareSolution(routes);
    }
}
