using Homeward.Access;
using Homeward.Jobs;

namespace Homeward.Planning.CapacityPlans;

/// <summary>
/// Finding a capacity plan runs hundreds of simulations on both cores, so it is long work on the job engine: checked at
/// once, answered with the job, run one at a time with planning runs, stopped when someone cancels it.
/// </summary>
public sealed class PlanCapacityWork(PlanCapacity plans, Jobs.Jobs jobs, TimeProvider clock) : IJobWork
{
    public JobKind Kind => JobKind.CapacityPlan;

    public async Task<Jobs.Jobs.Requested> Request(PlanCapacity.Input input, Actor actor, CancellationToken ct)
    {
        var prepared = await plans.Prepare(input, actor, ct);
        var title = $"Capacity plan: {prepared.Scenario.Name}, {prepared.Options.Target}";
        return await jobs.Request(Kind, $"capacity-plan:{Guid.CreateVersion7(clock.GetUtcNow())}", title.Length > 200 ? title[..200] : title,
            input, actor, ct);
    }

    public async Task<JobResult> Run(Job job, JobProgress progress, CancellationToken ct)
    {
        var input = System.Text.Json.JsonSerializer.Deserialize<PlanCapacity.Input>(job.Input, Common.Json.Options)!;
        var prepared = await plans.Prepare(input, job.Actor, ct);
        var plan = await plans.Run(prepared, job.Actor, ct, new Progress(progress));
        return new JobResult($"/api/planning/capacity-plans/{plan.Id}", $"/planning/capacity/{plan.Id}",
            plan.Meets
                ? $"Found in {plan.Seconds:0} seconds: £{plan.Cost:N0} over the period against today's £{plan.TodayCost:N0}."
                : $"Not met within the bounds (searched for {plan.Seconds:0} seconds): the plan shows the most they allow.");
    }

    private sealed class Progress(JobProgress progress) : IProgress<string>
    {
        private int _steps;

        public void Report(string value) => progress.Report(Math.Min(95, ++_steps), value);
    }
}
