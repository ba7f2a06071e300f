using Homeward.Access;
using Homeward.Jobs;

namespace Homeward.Planning;

/// <summary>
/// A planning run takes both cores for minutes at region size, so it runs on the job engine: checked at once, answered
/// with the job, run one at a time across the instances (the job engine runs this kind serially), and stopped when someone cancels it
/// (not when the browser that asked goes away: the run is kept for whoever comes back to it).
/// </summary>
public sealed class RunPlanWork(RunPlan plans, Jobs.Jobs jobs, TimeProvider clock) : IJobWork
{
    public JobKind Kind => JobKind.PlanningRun;

    /// <summary>The run, and the saved runs to compare it with when it is done (the planning page's choice).</summary>
    public sealed record Input(RunPlan.Input Run, IReadOnlyList<Guid> CompareWith);

    public async Task<Jobs.Jobs.Requested> Request(RunPlan.Input run, Actor actor, CancellationToken ct, IReadOnlyList<Guid>? compareWith = null)
    {
        var prepared = await plans.Prepare(run, actor, ct);
        var title = $"Planning run: {prepared.Scenario.Name ?? "today's scenario"}, {prepared.Replications:N0} replications";
        // Each run is its own (several may wait their turn); the key only keeps one row per request.
        return await jobs.Request(Kind, $"planning:{Guid.CreateVersion7(clock.GetUtcNow())}", title.Length > 200 ? title[..200] : title,
            new Input(run, compareWith ?? []), actor, ct);
    }

    public async Task<JobResult> Run(Job job, JobProgress progress, CancellationToken ct)
    {
        var input = System.Text.Json.JsonSerializer.Deserialize<Input>(job.Input, Common.Json.Options)!;
        var run = await plans.Handle(input.Run, job.Actor, ct, new Progress(progress));
        var compare = string.Concat(new[] { run.Id }.Concat(input.CompareWith).Distinct().Take(4).Select(id => $"&compare={id}"));
        return new JobResult($"/api/planning/runs/{run.Id}", $"/planning?mode={(input.Run.Mode is "plan" ? "plan" : "forecast")}{compare}",
            $"“{run.Name}” ran {run.Replications:N0} times in {run.Seconds:0.0} seconds.");
    }

    private sealed class Progress(JobProgress progress) : IProgress<int>
    {
        public void Report(int value) => progress.Report(value, "Running the replications");
    }
}
