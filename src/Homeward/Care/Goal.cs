using System.Text.Json.Serialization;
using Homeward.Access;
using Homeward.Common;

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

    /// <summary>What each score means for this goal, in the person's words; null until described.</summary>
    public GoalLevels? Levels { get; private set; }

    /// <summary>
    /// Levels are fixed once the goal is scored at a review or the end against them: changing them then would change what
    /// the score meant. (A goal scored before levels were asked for may still have them described, once.)
    /// </summary>
    public bool LevelsFixed => Levels is not null && _scores.Any(s => s.Stage != Stage.Start);

    public void Describe(GoalLevels levels)
    {
        if (LevelsFixed)
            throw new InvalidTransitionException("This goal has been scored at a review or the end, so what its scores mean is fixed: set a new goal instead.");
        Levels = levels;
    }

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

/// <summary>
/// Goal Attainment Scaling's five levels for one goal, written with the person when the goal is set: what "much less
/// than expected" (−2), "less" (−1), "the expected outcome" (0), "more" (+1) and "much more" (+2) look like for them.
/// A review or end score without these would be a number nobody can check.
/// </summary>
public sealed record GoalLevels(string MuchLess, string Less, string Expected, string More, string MuchMore)
{
    /// <summary>Each score with its level's field name, its name in GAS and what it means here, lowest first.</summary>
    [JsonIgnore] public IEnumerable<(int Score, string Field, string Name, string Text)> All =>
    [
        (-2, "muchLess", "Much less than expected", MuchLess), (-1, "less", "Less than expected", Less),
        (0, "expected", "The expected outcome", Expected), (1, "more", "More than expected", More),
        (2, "muchMore", "Much more than expected", MuchMore),
    ];

    public string Of(int score) => All.Single(l => l.Score == score).Text;

    /// <summary>The five levels as given: all five or none (null when none was given); each problem under <c>levels.&lt;level&gt;</c>.</summary>
    public static GoalLevels? Read(Problems problems, Input? input, bool required)
    {
        if (!required && (input is null || new[] { input.MuchLess, input.Less, input.Expected, input.More, input.MuchMore }.All(string.IsNullOrWhiteSpace)))
            return null;
        string Level(string field, string? text, string name) =>
            problems.Required($"levels.{field}", text, 500, $"what {name.ToLowerInvariant()} looks like for this goal");
        var levels = new GoalLevels(Level("muchLess", input?.MuchLess, "Much less than expected"), Level("less", input?.Less, "Less than expected"),
            Level("expected", input?.Expected, "The expected outcome"), Level("more", input?.More, "More than expected"),
            Level("muchMore", input?.MuchMore, "Much more than expected"));
        return levels;
    }

    public sealed record Input(string? MuchLess, string? Less, string? Expected, string? More, string? MuchMore);
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
