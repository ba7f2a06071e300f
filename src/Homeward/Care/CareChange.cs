using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Care;

/// <summary>
/// What every change to a care record shares: the right to record care and access to the episode (checked as a change),
/// the episode states in which it may be recorded, when it happened (never in the future, before the referral or, where
/// asked, before care started), and saving it with its timeline note and audit row, answering with the whole record.
/// </summary>
public sealed class CareChange(HomewardDb db, TimeProvider clock, GetCareRecord read, AccessScope scope)
{
    /// <summary>The states in which most of the record may be written: accepted, waiting or in care.</summary>
    public static readonly EpisodeStatus[] Open = [EpisodeStatus.Accepted, EpisodeStatus.Waiting, EpisodeStatus.Active];

    public async Task<(Episode Episode, DateTimeOffset Now)> Load(Guid episodeId, Actor actor, EpisodeStatus[] allowed, CancellationToken ct)
    {
        actor.Demand(Right.RecordCare);
        var episode = await db.Episodes.AsNoTracking().SingleOrDefaultAsync(e => e.Id == episodeId, ct)
                      ?? throw new NotFoundException("episode", episodeId);
        await scope.DemandEpisode(actor, episode.PersonId, episodeId, "care.record", "episode", episodeId, ct, toChange: true);
        if (!allowed.Contains(episode.Status))
            throw new InvalidTransitionException(episode.Status is EpisodeStatus.Ended or EpisodeStatus.Cancelled or EpisodeStatus.Declined
                ? $"This episode is {episode.Status}: its care record is closed."
                : $"This episode is {episode.Status}; this can be recorded only when it is {string.Join(" or ", allowed)}.");
        return (episode, clock.GetUtcNow());
    }

    /// <summary>When it happened: now if not given; never in the future, before the referral, or (when asked) before the episode started.</summary>
    public static DateTimeOffset When(Problems problems, string? given, Episode episode, DateTimeOffset now, bool afterStart)
    {
        var at = problems.Instant("at", given, "the time", required: false) ?? now;
        if (at > now.AddMinutes(5))
            problems.Add("at", "The time cannot be in the future.");
        else if (at < episode.ReferredAt)
            problems.Add("at", "The time cannot be before the referral.");
        else if (afterStart && (episode.StartedAt is not { } started || at < started))
            problems.Add("at", "The time cannot be before the episode started.");
        return at;
    }

    public static Stage Stages(string? stage)
    {
        var problems = new Problems();
        var parsed = problems.Enum<Stage>("stage", stage, "stage");
        problems.ThrowIfAny();
        return parsed!.Value;
    }

    public async Task<CareRecordView> Save(Episode episode, EpisodeEventType type, DateTimeOffset at, Actor actor, DateTimeOffset now,
        string action, object detail, CancellationToken ct)
    {
        db.EpisodeEvents.Add(episode.Note(type, at, actor, now, detail));
        db.AuditEntries.Add(AuditEntry.For(actor, action, episode.PersonId, episode.Id, now));
        await db.SaveChangesAsync(ct);
        return await read.Build(episode.Id, now, ct);
    }
}
