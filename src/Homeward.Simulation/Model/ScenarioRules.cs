namespace Homeward.Simulation.Model;

/// <summary>A problem with a scenario, at a place in it (a path like <c>nodes[2].routes[0].probability</c>).</summary>
public sealed record ScenarioProblem(string Place, string Message)
{
    public override string ToString() => $"{Place}: {Message}";
}

/// <summary>A scenario that cannot run, with every problem found.</summary>
public sealed class ScenarioException(IReadOnlyList<ScenarioProblem> problems)
    : Exception("The scenario cannot run:\n" + string.Join("\n", problems.Select(p => "  " + p)))
{
    public IReadOnlyList<ScenarioProblem> Problems { get; } = problems;
}

/// <summary>
/// The rules a scenario must keep before anything runs: known nodes and groups, routing that sums to 1 and always
/// leads out, non-negative rates and capacities, possible distributions. Every problem is reported at once.
/// </summary>
public static class ScenarioRules
{
    public const int MaxDays = 3660;

    public static IReadOnlyList<ScenarioProblem> Check(Scenario scenario)
    {
        var problems = new List<ScenarioProblem>();
        void Add(string place, string message) => problems.Add(new ScenarioProblem(place, message));

        if (scenario.Days is < 1 or > MaxDays)
            Add("days", $"must be from 1 to {MaxDays}, not {scenario.Days}");
        if (scenario.WarmUpDays is < 0 or > MaxDays)
            Add("warmUpDays", $"must be from 0 to {MaxDays}, not {scenario.WarmUpDays}");
        if (!(scenario.Growth >= 0) || double.IsInfinity(scenario.Growth))
            Add("growth", $"must be 0 or more, not {scenario.Growth}");
        if (!(scenario.DelayedBedDayCost >= 0))
            Add("costs.delayedBedDay", "must be 0 or more");
        if (scenario.Groups.Count == 0)
            Add("groups", "name at least one patient group");
        foreach (var duplicate in scenario.Groups.GroupBy(g => g).Where(g => g.Count() > 1))
            Add("groups", $"\"{duplicate.Key}\" is named more than once");
        if (scenario.Nodes.Count == 0)
            Add("nodes", "describe at least one node");

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var groups = scenario.Groups.ToHashSet(StringComparer.Ordinal);
        var nodeIds = scenario.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < scenario.Nodes.Count; i++)
        {
            var node = scenario.Nodes[i];
            var at = $"nodes[{i}]";
            if (string.IsNullOrWhiteSpace(node.Id))
                Add($"{at}.id", "is required");
            else if (!ids.Add(node.Id))
                Add($"{at}.id", $"\"{node.Id}\" is used by another node");
            if (node.Capacity.Count == 0)
                Add($"{at}.capacity", "is required");
            for (var c = 0; c < node.Capacity.Count; c++)
                if (node.Capacity[c].Value < 0)
                    Add($"{at}.capacity[{c}]", $"must be 0 or more, not {node.Capacity[c].Value}");
            if (node.QueueLimit is < 0)
                Add($"{at}.queueLimit", "must be 0 (no waiting room) or more, or left out (no limit)");
            if (!(node.CostPerDay >= 0))
                Add($"{at}.costPerDay", "must be 0 or more");
            if (node.WaitingCostPerDay is { } waiting && !(waiting >= 0))
                Add($"{at}.waitingCostPerDay", "must be 0 or more");
            if (node.Kind == NodeKind.Visits)
            {
                if (node.Visits is null)
                    Add($"{at}.visits", "a visit node needs its visits a day: { \"initial\": 4, \"final\": 1 }");
                else if (node.Visits.Initial < 1 || node.Visits.Final < 0 || node.Visits.Initial > 48 || node.Visits.Final > 48)
                    Add($"{at}.visits", "initial must be from 1 to 48 visits a day, and final from 0 to 48");
            }
            CheckPathway(node.Default, $"{at}", problems, nodeIds);
            foreach (var (group, pathway) in node.ByGroup)
            {
                if (!groups.Contains(group))
                    Add($"{at}.groups.{group}", $"\"{group}\" is not one of the scenario's groups ({string.Join(", ", scenario.Groups)})");
                CheckPathway(pathway, $"{at}.groups.{group}", problems, nodeIds);
            }
        }

        for (var i = 0; i < scenario.Arrivals.Count; i++)
        {
            var arrival = scenario.Arrivals[i];
            var at = $"arrivals[{i}]";
            if (!nodeIds.Contains(arrival.Node))
                Add($"{at}.node", $"\"{arrival.Node}\" is not a node of this scenario");
            if (!groups.Contains(arrival.Group))
                Add($"{at}.group", $"\"{arrival.Group}\" is not one of the scenario's groups");
            if (!(arrival.PerDay >= 0) || double.IsInfinity(arrival.PerDay))
                Add($"{at}.perDay", $"must be 0 or more arrivals a day, not {arrival.PerDay}");
            if (!(arrival.Growth >= 0))
                Add($"{at}.growth", $"must be 0 or more, not {arrival.Growth}");
            if (arrival.Monthly is { } monthly && (monthly.Count != 12 || monthly.Any(m => !(m >= 0))))
                Add($"{at}.monthly", "give twelve factors of 0 or more, January first");
            foreach (var (date, rate) in arrival.Daily)
                if (!(rate >= 0))
                    Add($"{at}.daily.{date:yyyy-MM-dd}", $"must be 0 or more, not {rate}");
        }

        for (var i = 0; i < scenario.Initial.Count; i++)
        {
            var initial = scenario.Initial[i];
            var at = $"initial[{i}]";
            if (!nodeIds.Contains(initial.Node))
                Add($"{at}.node", $"\"{initial.Node}\" is not a node of this scenario");
            if (!groups.Contains(initial.Group))
                Add($"{at}.group", $"\"{initial.Group}\" is not one of the scenario's groups");
            if (initial.RemainingStays.Any(s => !(s >= 0) || double.IsInfinity(s)))
                Add($"{at}.occupants", "each occupant's remaining stay must be 0 or more days");
            if (initial.Waiting.Any(s => !(s >= 0) || double.IsInfinity(s)))
                Add($"{at}.waiting", "each waiting person's days waited must be 0 or more");
        }

        if (problems.Count == 0)
            CheckWayOut(scenario, problems);
        return problems;
    }

    private static void CheckPathway(Pathway pathway, string at, List<ScenarioProblem> problems, HashSet<string> nodes)
    {
        CheckDistribution(pathway.Stay, $"{at}.stay", problems);
        if (pathway.Routes.Count == 0)
        {
            problems.Add(new ScenarioProblem($"{at}.routes", "give at least one route (to: null leaves the network)"));
            return;
        }
        var sum = 0.0;
        for (var r = 0; r < pathway.Routes.Count; r++)
        {
            var route = pathway.Routes[r];
            if (!(route.Probability is >= 0 and <= 1))
                problems.Add(new ScenarioProblem($"{at}.routes[{r}].probability", $"must be from 0 to 1, not {route.Probability}"));
            else
                sum += route.Probability;
            if (route.To is not null && !nodes.Contains(route.To))
                problems.Add(new ScenarioProblem($"{at}.routes[{r}].to", $"\"{route.To}\" is not a node of this scenario"));
            if (route.Stay is not null)
                CheckDistribution(route.Stay, $"{at}.routes[{r}].stay", problems);
            if (route.TransferDelay is not null)
                CheckDistribution(route.TransferDelay, $"{at}.routes[{r}].transferDelay", problems);
        }
        if (Math.Abs(sum - 1) > 1e-6)
            problems.Add(new ScenarioProblem($"{at}.routes", $"the probabilities sum to {sum:0.######}, not 1"));
    }

    /// <summary>A distribution that can be sampled and has a finite, non-negative mean.</summary>
    public static void CheckDistribution(Distribution distribution, string at, List<ScenarioProblem> problems)
    {
        var message = distribution switch
        {
            Exponential e when !(e.MeanDays > 0) || double.IsInfinity(e.MeanDays) => "the mean must be more than 0",
            LogNormalStay l when double.IsNaN(l.Mu) || double.IsInfinity(l.Mu) || !(l.Sigma >= 0) || double.IsInfinity(l.Sigma) =>
                "a lognormal needs a median above 0 and a mean at least the median (or a mean above 0 and an sd of 0 or more)",
            GammaStay g when !(g.Shape > 0) || !(g.Scale > 0) || double.IsInfinity(g.Shape) || double.IsInfinity(g.Scale) =>
                "a gamma needs a shape and a scale above 0 (or a mean and an sd above 0)",
            Fixed f when !(f.Value >= 0) || double.IsInfinity(f.Value) => "a fixed value must be 0 or more",
            UniformStay u when !(u.Min >= 0) || !(u.Max >= u.Min) || double.IsInfinity(u.Max) => "a uniform needs 0 ≤ min ≤ max",
            Empirical { Values.Count: 0 } => "an empirical distribution needs at least one value",
            Empirical em when em.Values.Any(v => !(v >= 0) || double.IsInfinity(v)) => "every empirical value must be 0 or more",
            _ => null,
        };
        if (message is not null)
            problems.Add(new ScenarioProblem(at, message));
    }

    /// <summary>
    /// From every node, some route with a probability above 0 must lead out of the network; otherwise people go
    /// round a loop forever.
    /// </summary>
    private static void CheckWayOut(Scenario scenario, List<ScenarioProblem> problems)
    {
        foreach (var group in scenario.Groups)
        {
            var leadsOut = new HashSet<string>(StringComparer.Ordinal);
            bool changed;
            do
            {
                changed = false;
                foreach (var node in scenario.Nodes.Where(n => !leadsOut.Contains(n.Id)))
                    if (node.For(group).Routes.Any(r => r.Probability > 0 && (r.To is null || leadsOut.Contains(r.To))))
                        changed = leadsOut.Add(node.Id);
            } while (changed);
            for (var i = 0; i < scenario.Nodes.Count; i++)
                if (!leadsOut.Contains(scenario.Nodes[i].Id))
                    problems.Add(new ScenarioProblem($"nodes[{i}].routes",
                        $"people of group \"{group}\" at \"{scenario.Nodes[i].Id}\" can never leave the network: the routes form a loop with no way out"));
        }
    }
}
