using System.Text.Json;
using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Jobs;

/// <summary>The job engine as the features see it: hand it a job, and it runs <see cref="RunJob"/> on some instance.</summary>
public interface IJobQueue
{
    Task Enqueue(Job job, CancellationToken ct);
}

/// <summary>A feature's long work, run by <see cref="RunJob"/>: it reports progress and stops when cancelled.</summary>
public interface IJobWork
{
    JobKind Kind { get; }

    /// <summary>Does the work and says where its result is, and what came of it in a sentence.</summary>
    Task<JobResult> Run(Job job, JobProgress progress, CancellationToken ct);
}

/// <summary>What came of a job: its result in the API and on a page, and a sentence saying what it made.</summary>
public sealed record JobResult(string Url, string Page, string Summary);

/// <summary>What the person who asked sees of a job.</summary>
public sealed record JobView(Guid Id, JobKind Kind, string Title, JobStatus Status, int Percent, string? Message,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, int Attempts, string RequestedBy,
    bool CancelRequested, string? CancelledBy, string? ResultUrl, string? ResultPage, string? Error)
{
    public bool Active => Job.IsActive(Status);

    public static JobView From(Job j) => new(j.Id, j.Kind, j.Title, j.Status, j.Percent, j.Message, j.CreatedAt, j.StartedAt,
        j.FinishedAt, j.Attempts, j.UserName, j.CancelRequested, j.CancelledBy, j.ResultUrl, j.ResultPage, j.Error);
}

/// <summary>
/// Asking for long work, following it and cancelling it. Asking again for what is already queued or running (the same
/// <see cref="Job.Key"/>) answers the job under way rather than starting a second: checked first, and held by the
/// database's unique index when two instances ask at the same moment.
/// </summary>
public sealed class Jobs(HomewardDb db, IJobQueue queue, TimeProvider clock)
{
    /// <summary>The job asked for, or the one already under way for the same key (<see cref="Existing"/>).</summary>
    public sealed record Requested(JobView Job, bool Existing);

    public async Task<Requested> Request(JobKind kind, string key, string title, object input, Actor actor, CancellationToken ct)
    {
        if (await Active(key, ct) is { } running)
            return new Requested(JobView.From(running), true);
        var now = clock.GetUtcNow();
        var job = new Job
        {
            Kind = kind, Key = key, Title = title, Input = JsonSerializer.Serialize(input, input.GetType(), Json.Options), Status = JobStatus.Queued,
            UserId = actor.UserId, UserName = actor.UserName, Role = actor.Role, OrganisationId = actor.OrganisationId,
            CorrelationId = actor.CorrelationId, CreatedAt = now,
        };
        db.Jobs.Add(job);
        db.AuditEntries.Add(AuditEntry.For(actor, "job.request", null, job.Id, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance asked a moment before (the unique index refused this one): that job is the one.
            db.ChangeTracker.Clear();
            if (await Active(key, ct) is { } other)
                return new Requested(JobView.From(other), true);
            throw;
        }
        try
        {
            await queue.Enqueue(job, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Never a queued job nobody will run: it would hold its key for ever.
            job.Status = JobStatus.Failed;
            job.Error = "The job could not be handed to the job engine. Try again.";
            job.FinishedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        return new Requested(JobView.From(job), false);
    }

    public async Task<JobView> Get(Guid id, Actor actor, CancellationToken ct) => JobView.From(await Find(id, actor, ct));

    /// <summary>The organisation's recent jobs (for the person: their own first), newest first.</summary>
    public async Task<IReadOnlyList<JobView>> Recent(Actor actor, CancellationToken ct)
    {
        var jobs = await db.Jobs.AsNoTracking().Where(j => j.OrganisationId == actor.OrganisationId || j.UserId == actor.UserId)
            .OrderByDescending(j => j.CreatedAt).Take(30).ToListAsync(ct);
        return [.. jobs.Select(JobView.From)];
    }

    /// <summary>
    /// Stops a job: a queued one at once; a running one as soon as the instance running it looks (within a second or
    /// two), keeping nothing it made.
    /// </summary>
    public async Task<JobView> Cancel(Guid id, Actor actor, CancellationToken ct)
    {
        var job = await Find(id, actor, ct, tracked: true);
        if (!job.Active)
            throw new InvalidTransitionException(job.Status switch
            {
                JobStatus.Done => "This job has finished: there is nothing to stop.",
                JobStatus.Failed => "This job has failed: there is nothing to stop.",
                _ => "This job was stopped already.",
            });
        job.CancelRequested = true;
        job.CancelledBy = actor.UserName;
        if (job.Status == JobStatus.Queued)
        {
            job.Status = JobStatus.Cancelled;
            job.FinishedAt = clock.GetUtcNow();
        }
        db.AuditEntries.Add(AuditEntry.For(actor, "job.cancel", null, job.Id, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return JobView.From(job);
    }

    private Task<Job?> Active(string key, CancellationToken ct) =>
        db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Key == key && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running), ct);

    /// <summary>The person who asked sees their job; so does anyone acting for the same organisation.</summary>
    private async Task<Job> Find(Guid id, Actor actor, CancellationToken ct, bool tracked = false)
    {
        var jobs = tracked ? db.Jobs : db.Jobs.AsNoTracking();
        var job = await jobs.SingleOrDefaultAsync(j => j.Id == id, ct);
        if (job is null || (job.UserId != actor.UserId && job.OrganisationId != actor.OrganisationId))
            throw new NotFoundException("job", id);
        return job;
    }
}
