using System.Text.Json;
using Homeward.Common;
using Homeward.Simulation.Optimisation;

namespace Homeward.Planning.CapacityPlans;

/// <summary>A capacity plan as listed: what was asked, whether it was met, and the cost against today's.</summary>
public sealed record CapacityPlanView(Guid Id, string Name, DateTimeOffset CreatedAt, string CreatedBy, DateOnly Start, int Days, double Growth,
    string Target, double Confidence, bool Meets, double Cost, double TodayCost, double Seconds)
{
    public static CapacityPlanView From(CapacityPlan p) =>
        new(p.Id, p.Name, p.CreatedAt, p.CreatedBy, p.Start, p.Days, p.Growth, p.Target, p.Confidence, p.Meets, p.Cost, p.TodayCost, p.Seconds);
}

/// <summary>A capacity plan with the optimiser's whole result.</summary>
public sealed record CapacityPlanDetail(CapacityPlanView Plan, OptimisedPlan Result)
{
    public static CapacityPlanDetail From(CapacityPlan p) =>
        new(CapacityPlanView.From(p), JsonSerializer.Deserialize<OptimisedPlan>(p.ResultJson, Json.Options)
            ?? throw new InvalidOperationException($"Capacity plan {p.Id} has no result."));
}
