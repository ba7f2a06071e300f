using Homeward.Access;
using Homeward.Audit;
using Homeward.Care;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Microsoft.EntityFrameworkCore;

namespace Homeward.FollowUps;

/// <summary>
/// The 91-day follow-up tasks: the list (overdue first), attempts to reach the person, and the result.
/// A result is recorded on or after the due day; "not contactable" only after repeated failed attempts.
/// </summary>
public sealed class FollowUpTasks(HomewardDb db, AccessScope scope, TimeProvider clock)
{
    public enum Due
    {
        /// <summary>Past their due day with no result.</summary>
        Overdue,
        /// <summary>No result yet, due or not.</summary>
        Open,
        /// <summary>Due within the next 14 days, or overdue.</summary>
        Soon,
        Done,
    }

    public sealed record Query(string? Due);
    public sealed record AttemptInput(bool? Reached, string? Notes, string? At);
    public sealed record ResultInput(string? Result, string? Notes, string? At);

    public const int Limit = 500;

    public async Task<IReadOnlyList<FollowUpView>> List(Query query, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadRecords);
        var problems = new Problems();
        var due = problems.Enum<Due>("due", query.Due, "which follow-ups", required: false) ?? Due.Open;
        problems.ThrowIfAny();
        var now = clock.GetUtcNow();
        var today = London.DateOf(now);
        var tasks = db.FollowUps.AsNoTracking().Include(f => f.Attempts).AsQueryable();
        if (scope.Episodes(actor) is { } visible)
            tasks = tasks.Where(f => visible.Contains(f.EpisodeId));
        tasks = due switch
        {
            Due.Overdue => tasks.Where(f => f.Result == null && f.DueOn < today),
            Due.Soon => tasks.Where(f => f.Result == null && f.DueOn <= today.AddDays(14)),
            Due.Done => tasks.Where(f => f.Result != null),
            _ => tasks.Where(f => f.Result == null),
        };
        var rows = await (from f in tasks
                          join p in db.People.AsNoTracking() on f.PersonId equals p.Id
                          orderby f.DueOn
                          select new { f, p }).Take(Limit).ToListAsync(ct);
        await ListAudit.Record(db, actor, "follow-up.search", [.. rows.Select(r => r.p.Id).Distinct()], due.ToString(), now, ct);
        return [.. rows.Select(r => FollowUpView.From(r.f, r.p, today))];
    }

    public async Task<FollowUpView> Attempt(Guid id, AttemptInput input, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        var (task, episode, now) = await Load(id, expectedVersion, actor, ct);
        var problems = new Problems();
        var at = At(problems, input.At, task, now);
        if (input.Reached is null)
            problems.Add("reached", "Say whether the person (or someone who knows where they are) was reached.");
        var notes = problems.Optional("notes", input.Notes, 2000, "the notes");
        problems.ThrowIfAny();
        task.AddAttempt(new FollowUpAttempt { FollowUpId = id, At = at, Reached = input.Reached!.Value, Notes = notes, By = actor.UserName });
        return await Save(task, episode, EpisodeEventType.FollowUpAttempt, at, actor, now, "follow-up.attempt", new { reached = input.Reached }, ct);
    }

    public async Task<FollowUpView> Complete(Guid id, ResultInput input, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        var (task, episode, now) = await Load(id, expectedVersion, actor, ct);
        var problems = new Problems();
        var at = At(problems, input.At, task, now);
        var result = problems.Enum<FollowUpResult>("result", input.Result, "result");
        var notes = problems.Optional("notes", input.Notes, 2000, "the notes");
        if (London.DateOf(at) < task.DueOn)
            problems.Add("at", $"The follow-up is due on {task.DueOn:yyyy-MM-dd}, 91 days after discharge: record its result on or after that day.");
        var failed = task.Attempts.Count(a => !a.Reached);
        if (result == FollowUpResult.NotContactable && failed < FollowUp.AttemptsBeforeNotContactable)
            problems.Add("result", $"Record at least {FollowUp.AttemptsBeforeNotContactable} failed attempts to reach the person before marking them not contactable ({failed} so far).");
        problems.ThrowIfAny();
        task.Result = result;
        task.Notes = notes;
        task.CompletedAt = at;
        task.CompletedBy = actor.UserName;
        return await Save(task, episode, EpisodeEventType.FollowedUp, at, actor, now, "follow-up.complete", new { result = result.ToString() }, ct);
    }

    private async Task<(FollowUp, Episode, DateTimeOffset)> Load(Guid id, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.FollowUp);
        var task = await db.FollowUps.Include(f => f.Attempts).SingleOrDefaultAsync(f => f.Id == id, ct) ?? throw new NotFoundException("follow-up", id);
        Versions.Demand("follow-up", task.Version, expectedVersion);
        if (task.Result is not null)
            throw new InvalidTransitionException($"This follow-up was completed on {task.CompletedAt:yyyy-MM-dd}: {task.Result}.");
        var episode = await db.Episodes.AsNoTracking().SingleAsync(e => e.Id == task.EpisodeId, ct);
        return (task, episode, clock.GetUtcNow());
    }

    private static DateTimeOffset At(Problems problems, string? given, FollowUp task, DateTimeOffset now)
    {
        var at = problems.Instant("at", given, "the time", required: false) ?? now;
        if (at > now.AddMinutes(5))
            problems.Add("at", "The time cannot be in the future.");
        else if (London.DateOf(at) < task.DischargedOn)
            problems.Add("at", "The time cannot be before the person left hospital.");
        return at;
    }

    private async Task<FollowUpView> Save(FollowUp task, Episode episode, EpisodeEventType type, DateTimeOffset at, Actor actor, DateTimeOffset now,
        string action, object detail, CancellationToken ct)
    {
        task.Version++;
        db.EpisodeEvents.Add(episode.Note(type, at, actor, now, detail));
        db.AuditEntries.Add(AuditEntry.For(actor, action, task.PersonId, task.Id, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new StaleVersionException("follow-up", task.Version);
        }
        return FollowUpView.From(task, null, London.DateOf(now));
    }
}
