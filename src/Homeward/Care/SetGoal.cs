using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;

namespace Homeward.Care;

/// <summary>
/// A goal set with the person, in their own words, with its starting Goal Attainment Scaling score if known.
/// What each score would mean (<see cref="GoalLevels"/>) may be written now or later, before a review or end score.
/// Checked in full (every problem at once), noted on the timeline and audited in one transaction; answers with the
/// whole care record.
/// </summary>
public sealed class SetGoal(HomewardDb db, CareChange change)
{
    public sealed record Input(string? Text, string? Category, int? StartScore, string? At, GoalLevels.Input? Levels = null);

    public async Task<CareRecordView> Handle(Guid episodeId, Input input, Actor actor, CancellationToken ct)
    {
        var (episode, now) = await change.Load(episodeId, actor, CareChange.Open, ct);
        var problems = new Problems();
        var at = CareChange.When(problems, input.At, episode, now, afterStart: false);
        var text = problems.Required("text", input.Text, 1000, "the goal, in the person's own words");
        var category = problems.Enum<GoalCategory>("category", input.Category, "category", required: false);
        if (input.StartScore is { } s && s is < Goal.Lowest or > Goal.Highest)
            problems.Add("startScore", Goal.ScoreRange);
        var levels = GoalLevels.Read(problems, input.Levels, required: false);
        problems.ThrowIfAny();

        var goal = new Goal { EpisodeId = episodeId, Text = text, Category = category, SetAt = at, SetBy = actor.UserName };
        if (levels is not null)
            goal.Describe(levels);
        if (input.StartScore is { } score)
            goal.Score(Stage.Start, score, null, at, actor);
        db.Goals.Add(goal);
        return await change.Save(episode, EpisodeEventType.GoalSet, at, actor, now, "care.goal", new { goalId = goal.Id, startScore = input.StartScore, levels = levels is not null }, ct);
    }
}
