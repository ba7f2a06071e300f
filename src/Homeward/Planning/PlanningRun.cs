namespace Homeward.Planning;

/// <summary>
/// One simulation run a planner made, kept so that runs can be compared side by side later: the scenario as run
/// (a scenario file, so it can be downloaded, changed and run again) and its results (<see cref="PlanResult"/> as JSON).
/// Holds figures about services, never about a person.
/// </summary>
public sealed class PlanningRun
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public DateOnly Start { get; init; }
    public int Days { get; init; }
    public double Growth { get; init; }
    public int Replications { get; init; }
    public long Seed { get; init; }
    public double Seconds { get; init; }
    public double DelayDays { get; init; }
    public double Cost { get; init; }
    public required string ScenarioJson { get; init; }
    public required string ResultJson { get; init; }
}
