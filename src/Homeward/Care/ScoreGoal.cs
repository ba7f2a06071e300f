using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Care;

/// <summary>
/// A goal scored at the start, a review or the end (Goal Attainment Scaling, −2 … +2); a review or end score comes
/// after the start's, and only once what each score means for this goal has been described. Checked in full (every problem at once), noted on the timeline and audited in one
/// transaction; answers with the whole care record.
/// </summary>
public sealed class ScoreGoal(HomewardDb db, CareChange change)
{
    public sealed record Input(string? Stage, int? Score, string? Note, string? At);

    public async Task<CareRecordView> Handle(Guid episodeId, Guid goalId, Input input, Actor actor, CancellationToken ct)
    {
        var stage = CareChange.Stages(input.Stage);
        var (episode, now) = await change.Load(episodeId, actor, stage == Stage.Start ? CareChange.Open : [EpisodeStatus.Active], ct);
        var goal = await db.Goals.Include(g => g.Scores).SingleOrDefaultAsync(g => g.Id == goalId && g.EpisodeId == episodeId, ct)
                   ?? throw new NotFoundException("goal", goalId);
        var problems = new Problems();
        var at = CareChange.When(problems, input.At, episode, now, afterStart: stage != Stage.Start);
        if (input.Score is not { } score)
            problems.Add("score", "Enter the score: " + Goal.ScoreRange);
        else if (score is < Goal.Lowest or > Goal.Highest)
            problems.Add("score", Goal.ScoreRange);
        var note = problems.Optional("note", input.Note, 2000, "the note");
        var start = goal.Latest(Stage.Start);
        if (stage != Stage.Start && start is null)
            problems.Add("stage", "Score the goal at the start before scoring it at a review or the end.");
        else if (stage != Stage.Start && at < start!.At)
            problems.Add("at", "A review or end score cannot be before the start score.");
        if (stage != Stage.Start && goal.Levels is null)
            problems.Add("levels", "Describe with the person what each score means for this goal before scoring it at a review or the end.");
        if (problems.Any || input.Score is not { } given)
            throw problems.Failure();

        goal.Score(stage, given, note, at, actor);
        return await change.Save(episode, EpisodeEventType.GoalScored, at, actor, now, "care.goal-score",
            new { goalId, stage = stage.ToString(), score = input.Score }, ct);
    }
}
