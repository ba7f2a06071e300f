using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Planning.CapacityPlans;

/// <summary>
/// A capacity plan a commissioner asked for: the cheapest capacity of each service found to meet a delay target with
/// stated confidence, kept with the scenario it was found for and the whole result (the plan, today's beside it, the
/// trade-off curve) so it can be read, compared and exported later. Figures about services, never about a person.
/// </summary>
public sealed class CapacityPlan
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public DateOnly Start { get; init; }
    public int Days { get; init; }
    public double Growth { get; init; }
    /// <summary>The target in words ("at least 95.0% of people start within 2 days of being ready").</summary>
    public required string Target { get; init; }
    public double Confidence { get; init; }
    public bool Meets { get; init; }
    public double Cost { get; init; }
    public double TodayCost { get; init; }
    public double Seconds { get; init; }
    public required string ScenarioJson { get; init; }
    /// <summary>The optimiser's result (<see cref="Simulation.Optimisation.OptimisedPlan"/>) as JSON.</summary>
    public required string ResultJson { get; init; }
}

internal sealed class CapacityPlanConfiguration : IEntityTypeConfiguration<CapacityPlan>
{
    public void Configure(EntityTypeBuilder<CapacityPlan> e)
    {
        e.ToTable("CapacityPlans");
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.Property(x => x.Target).HasMaxLength(300);
        e.HasIndex(x => x.CreatedAt);
    }
}
