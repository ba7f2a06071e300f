using Homeward.Access;
using Homeward.Care;
using Homeward.YourCare;

namespace Homeward.Tests.YourCare;

/// <summary>How a goal is going, as the person and their family read it: in words, and in the words agreed for this goal.</summary>
public sealed class GoalProgressTests
{
    private static readonly Actor Worker = new("w", "worker", Role.ReablementWorker, Guid.Empty, "test");

    private static Goal Scored(GoalLevels? levels, params (Stage Stage, int Score)[] scores)
    {
        var goal = new Goal { Text = "To walk to the corner shop", SetBy = "worker" };
        if (levels is not null)
            goal.Describe(levels);
        var at = DateTimeOffset.UnixEpoch;
        foreach (var (stage, score) in scores)
            goal.Score(stage, score, null, at = at.AddDays(7), Worker);
        return goal;
    }

    [Fact]
    public void A_described_goal_says_where_the_person_is_in_the_words_agreed_for_it()
    {
        var levels = new GoalLevels("Walks indoors only, with a frame", "Walks to the front gate with a frame",
            "Walks to the corner shop and back with a stick", "Walks to the shop and carries a small bag home", "Walks to the shop and the bus stop on my own");
        Assert.Equal("Just started", GetYourCare.Progress(Scored(levels, (Stage.Start, -1))));
        Assert.Equal("Getting there: walks to the front gate with a frame", GetYourCare.Progress(Scored(levels, (Stage.Start, -2), (Stage.Review, -1))));
        Assert.Equal("Achieved, and more: walks to the shop and carries a small bag home", GetYourCare.Progress(Scored(levels, (Stage.Start, -1), (Stage.End, 1))));
        Assert.Equal("Getting there", GetYourCare.Progress(Scored(null, (Stage.Start, -2), (Stage.Review, -1))));
    }
}
