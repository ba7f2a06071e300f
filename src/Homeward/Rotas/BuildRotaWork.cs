using Homeward.Access;
using Homeward.Jobs;

namespace Homeward.Rotas;

/// <summary>
/// Building a rota is long (the optimiser searches for the partnership's set time), so it runs on the job engine: the
/// request is checked at once and answered with the job, which anyone in the organisation can follow and stop. One
/// build per team and day at a time, across every instance.
/// </summary>
public sealed class BuildRotaWork(BuildRota build, Jobs.Jobs jobs) : IJobWork
{
    public sealed record Input(string ServiceId, string Date);

    public JobKind Kind => JobKind.RotaBuild;

    public async Task<Jobs.Jobs.Requested> Request(string? serviceId, string? date, Actor actor, CancellationToken ct)
    {
        var (service, day) = await build.Check(serviceId, date, actor, ct);
        var input = new Input(service.Id.ToString(), day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return await jobs.Request(Kind, $"rota:{input.ServiceId}:{input.Date}", $"Rota for {service.Name} on {day:dddd d MMMM}", input, actor, ct);
    }

    public async Task<JobResult> Run(Job job, JobProgress progress, CancellationToken ct)
    {
        var input = System.Text.Json.JsonSerializer.Deserialize<Input>(job.Input, Common.Json.Options)!;
        var built = await build.Handle(input.ServiceId, input.Date, job.Actor, ct, progress: new Progress(progress));
        return new JobResult($"/api/rotas/{built.Id}", $"/rotas/{built.Id}",
            $"Rota built in {built.SearchSeconds:0.#} seconds: {built.Planned} visits planned, {built.Unplanned} could not be.");
    }

    /// <summary>Synchronous, so the solver's own thread reports straight through (no posting to a context).</summary>
    private sealed class Progress(JobProgress progress) : IProgress<int>
    {
        public void Report(int value) => progress.Report(value, "Searching for the best rota");
    }
}
