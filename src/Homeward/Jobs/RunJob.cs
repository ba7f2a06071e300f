using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Homeward.Jobs;

/// <summary>How far a job has got, as the work says (read by <see cref="RunJob"/>'s heartbeat, never waited on).</summary>
public sealed class JobProgress
{
    private volatile int _percent;
    private volatile string? _message;

    public int Percent => _percent;
    public string? Message => _message;

    public void Report(int percent, string? message = null)
    {
        _percent = Math.Clamp(percent, 0, 99);
        if (message is not null)
            _message = message.Length > 200 ? message[..200] : message;
    }
}

/// <summary>
/// Runs one job on this instance, for the job engine. A job already finished or cancelled is left alone (a recovery
/// firing after a crash, a cancel before it started). While the work runs, a heartbeat writes its progress each second
/// and reads whether someone asked to stop it on any instance. The instance shutting down leaves the job running for
/// the engine to hand to another (it throws the cancellation on); a cancel, a refusal or a fault finishes it.
/// </summary>
public sealed class RunJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<RunJob> log)
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(1);

    public async Task Run(Guid id, CancellationToken stopping)
    {
        Job job;
        await using (var claim = scopes.CreateAsyncScope())
        {
            var db = claim.ServiceProvider.GetRequiredService<HomewardDb>();
            var found = await db.Jobs.SingleOrDefaultAsync(j => j.Id == id, stopping);
            if (found is null || !found.Active)
                return;
            if (found.CancelRequested)
            {
                await Finish(id, JobStatus.Cancelled, null, null, CancellationToken.None);
                return;
            }
            found.Status = JobStatus.Running;
            found.StartedAt ??= clock.GetUtcNow();
            found.Attempts++;
            found.Percent = 0;
            found.Message = found.Attempts > 1 ? "Started again: the instance running it stopped." : null;
            await db.SaveChangesAsync(stopping);
            job = found;
        }

        var progress = new JobProgress();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        using var done = new CancellationTokenSource();
        var heartbeat = Beat(id, progress, cancel, done.Token);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var work = scope.ServiceProvider.GetServices<IJobWork>().Single(w => w.Kind == job.Kind);
            var result = await work.Run(job, progress, cancel.Token);
            await done.CancelAsync();
            await heartbeat;
            await Finish(id, JobStatus.Done, result, null, CancellationToken.None);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The instance is stopping: the engine hands the job back (it stays Running here) to run again.
            await done.CancelAsync();
            await heartbeat;
            throw;
        }
        catch (Exception e)
        {
            await done.CancelAsync();
            await heartbeat;
            var (status, error) = e switch
            {
                OperationCanceledException => (JobStatus.Cancelled, (string?)null),
                ValidationFailedException v => (JobStatus.Failed, string.Join(" ", v.ForPeople.SelectMany(x => x.Value))),
                InvalidTransitionException or NotFoundException or ForbiddenException => (JobStatus.Failed, e.Message),
                _ => (JobStatus.Failed, $"Something went wrong and the error has been logged. Quote {job.Id} if you report it."),
            };
            if (status == JobStatus.Failed && e is not (ValidationFailedException or InvalidTransitionException or NotFoundException or ForbiddenException))
                log.LogError(e, "Job {JobId} ({Kind}) failed", id, job.Kind);
            await Finish(id, status, null, error, CancellationToken.None);
        }
    }

    /// <summary>Each second: the progress written (when it changed) and a cancel looked for.</summary>
    private async Task Beat(Guid id, JobProgress progress, CancellationTokenSource cancel, CancellationToken done)
    {
        var written = (-1, (string?)null);
        // Real seconds, whatever clock the records are kept by.
        using var timer = new PeriodicTimer(Heartbeat, TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(done))
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<HomewardDb>();
                var now = (progress.Percent, progress.Message);
                if (now != written)
                {
                    await db.Jobs.Where(j => j.Id == id && j.Status == JobStatus.Running)
                        .ExecuteUpdateAsync(s => s.SetProperty(j => j.Percent, now.Percent).SetProperty(j => j.Message, now.Message), done);
                    written = now;
                }
                if (await db.Jobs.Where(j => j.Id == id).Select(j => j.CancelRequested).SingleAsync(done))
                    await cancel.CancelAsync();
            }
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            // Progress is a courtesy: the database away for a moment must not stop the work.
            log.LogWarning(e, "Could not record the progress of job {JobId}", id);
        }
    }

    /// <summary>The job's end: done with its result (whose summary becomes its message), or not, with the reason.</summary>
    private async Task Finish(Guid id, JobStatus status, JobResult? result, string? error, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HomewardDb>();
        var now = clock.GetUtcNow();
        await db.Jobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, status)
            .SetProperty(j => j.FinishedAt, now)
            .SetProperty(j => j.Percent, j => status == JobStatus.Done ? 100 : j.Percent)
            .SetProperty(j => j.ResultUrl, result == null ? null : result.Url)
            .SetProperty(j => j.ResultPage, result == null ? null : result.Page)
            .SetProperty(j => j.Message, j => result == null ? j.Message : result.Summary)
            .SetProperty(j => j.Error, error), ct);
    }
}
