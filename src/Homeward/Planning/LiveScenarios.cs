using Homeward.Common;
using Homeward.Simulation.Model;

namespace Homeward.Planning;

/// <summary>The live scenario from today's records: the next 10 days (forecast) or 26 weeks (plan).</summary>
public sealed class LiveScenarios(LoadPlanningInputs inputs, TimeProvider clock)
{
    public async Task<Scenario> For(PlanningMode mode, CancellationToken ct)
    {
        var today = London.DateOf(clock.GetUtcNow());
        var records = await inputs.Handle(today, mode == PlanningMode.Forecast ? 10 : 182, ct);
        return LiveScenario.Build(records, mode);
    }

    /// <summary>forecast (the default) or plan; anything else is a problem.</summary>
    public static PlanningMode ModeOf(string? mode, Problems problems)
    {
        switch (mode?.Trim().ToLowerInvariant())
        {
            case null or "" or "forecast":
                return PlanningMode.Forecast;
            case "plan":
                return PlanningMode.Plan;
            default:
                problems.Add("mode", "Choose forecast (the next 10 days) or plan (the next 26 weeks).");
                return PlanningMode.Forecast;
        }
    }
}
