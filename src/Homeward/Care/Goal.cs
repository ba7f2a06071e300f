using Homeward.Access;

namespace Homeward.Care;

/// <summary>When in the episode a score or measure was taken.</summary>
public enum Stage { Start, Review, End }

/// <summary>An optional grouping for a goal, so that figures can say which kinds of goal are met.</summary>
public enum GoalCategory { PersonalCare, Mobility, MealsAndDrink, Household, Medication, Safety, SocialAndCommunity, Confidence, Other }

/// <summary>
/// A personalised goal, written with the person and their family in the person's own words ("to make my own
/// breakfast"), scored by Goal Attainment Scaling: −2 much less than expected … 0 the expected outcome …
/// +2 much more than expected. The latest score at each stage counts; earlier ones stay in the history.
/// </summary>
public sealed class Goal
{
    public const int Lowest = -2, Highest = 2;

    public const string ScoreRange = "A goal attainment score is a whole number from −2 (much less than expected) to +2 (much more than expected).";

    private readonly List<GoalScore> _scores = [];

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EpisodeId { get; init; }
    public required string Text { get; init; }
    public GoalCategory? Category { get; init; }
    public DateTimeOffset SetAt { get; init; }
    public required string SetBy { get; init; }

    public IReadOnlyList<GoalScore> Scores => _scores;

    public GoalScore? Latest(Stage stage) => _scores.Where(s => s.Stage == stage).MaxBy(s => (s.At, s.Id));

    /// <summary>Achieved: scored at the end at the expected level or better.</summary>
    public bool? Achieved => Latest(Stage.End) is { } end ? end.Score >= 0 : null;

    public GoalScore Score(Stage stage, int score, string? note, DateTimeOffset at, Actor actor)
    {
        var added = new GoalScore { GoalId = Id, Stage = stage, Score = score, Note = note, At = at, By = actor.UserName };
        _scores.Add(added);
        return added;
    }
}

public sealed class GoalScore
{
    public long Id { get; init; }
    public Guid GoalId { get; init; }
    public Stage Stage { get; init; }
    public int Score { get; init; }
    public string? Note { get; init; }
    public DateTimeOffset At { get; init; }
    public required string By { get; init; }
}
