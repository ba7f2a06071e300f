using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Care;

/// <summary>
/// A review of progress held with the person, on one of the plan's review dates; recorded once. Checked in full
/// (every problem at once), noted on the timeline and audited in one transaction; answers with the whole care
/// record.
/// </summary>
public sealed class HoldReview(HomewardDb db, CareChange change)
{
    public sealed record Input(string? Notes, string? At);

    public async Task<CareRecordView> Handle(Guid episodeId, Guid reviewId, Input input, Actor actor, CancellationToken ct)
    {
        var (episode, now) = await change.Load(episodeId, actor, [EpisodeStatus.Active], ct);
        var review = await db.Reviews.SingleOrDefaultAsync(r => r.Id == reviewId && r.EpisodeId == episodeId, ct)
                     ?? throw new NotFoundException("review", reviewId);
        if (review.HeldAt is not null)
            throw new InvalidTransitionException($"This review was already recorded on {review.HeldAt:yyyy-MM-dd}.");
        var problems = new Problems();
        var at = CareChange.When(problems, input.At, episode, now, afterStart: true);
        var notes = problems.Required("notes", input.Notes, 4000, "what the review found and agreed");
        problems.ThrowIfAny();
        review.HeldAt = at;
        review.Notes = notes;
        review.HeldBy = actor.UserName;
        return await change.Save(episode, EpisodeEventType.ReviewHeld, at, actor, now, "care.review", new { reviewId, dueOn = review.DueOn }, ct);
    }
}
