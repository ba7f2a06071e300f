using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Care;

/// <summary>
/// What each Goal Attainment Scaling score means for one goal, in the person's words: all five levels, written or
/// rewritten until the goal is scored at a review or the end (then they are fixed). Checked in full, noted on the
/// timeline and audited in one transaction; answers with the whole care record.
/// </summary>
public sealed class DescribeGoal(HomewardDb db, CareChange change)
{
    public async Task<CareRecordView> Handle(Guid episodeId, Guid goalId, GoalLevels.Input input, Actor actor, CancellationToken ct)
    {
        var (episode, now) = await change.Load(episodeId, actor, CareChange.Open, ct);
        var goal = await db.Goals.Include(g => g.Scores).SingleOrDefaultAsync(g => g.Id == goalId && g.EpisodeId == episodeId, ct)
                   ?? throw new NotFoundException("goal", goalId);
        var problems = new Problems();
        var levels = GoalLevels.Read(problems, input, required: true);
        problems.ThrowIfAny();

        goal.Describe(levels!);
        return await change.Save(episode, EpisodeEventType.GoalDescribed, now, actor, now, "care.goal-levels", new { goalId, levels = true }, ct);
    }
}
