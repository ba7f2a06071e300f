namespace Homeward.Planning;

/// <summary>A planning run, as listed: what was run, how long it took, and its headline results (mean delay days, cost).</summary>
/// <param name="Seed">Runs with the same seed and replications draw the same random numbers (common random numbers).</param>
public sealed record PlanSummary(Guid Id, string Name, DateTimeOffset CreatedAt, string CreatedBy, DateOnly Start, int Days, double Growth,
    int Replications, double Seconds, double DelayDays, double Cost, long Seed = 1)
{
    public static PlanSummary From(PlanningRun r) =>
        new(r.Id, r.Name, r.CreatedAt, r.CreatedBy, r.Start, r.Days, r.Growth, r.Replications, r.Seconds, r.DelayDays, r.Cost, r.Seed);
}

/// <summary>A planning run with its full results and the scenario file it ran.</summary>
public sealed record PlanDetail(PlanSummary Run, PlanResult Result, string ScenarioJson);
