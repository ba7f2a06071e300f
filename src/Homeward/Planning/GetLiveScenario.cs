using Homeward.Access;
using Homeward.Common;
using Homeward.Simulation.Model;

namespace Homeward.Planning;

/// <summary>The live scenario, as a scenario file would give it, for the planning page, the API and the CLI.</summary>
public sealed class GetLiveScenario(LiveScenarios live)
{
    public async Task<Scenario> Handle(string? mode, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.Plan);
        var problems = new Problems();
        var parsed = LiveScenarios.ModeOf(mode, problems);
        problems.ThrowIfAny();
        return await live.For(parsed, ct);
    }
}
