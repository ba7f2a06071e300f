using Homeward.Episodes;
using Homeward.FollowUps;
using Homeward.People;
using Homeward.Triage;
using Homeward.Visits;

namespace Homeward.Care;

/// <summary>An episode's care record as the API and the web app show it, with what is still needed before it can end.</summary>
public sealed record CareRecordView(
    Guid EpisodeId, Guid PersonId, EpisodeStatus Status, Service? Service, DateTimeOffset? StartedAt,
    AssessmentView? Assessment, PlanView? Plan, IReadOnlyList<GoalView> Goals, IReadOnlyList<MeasureResultView> Measures,
    IReadOnlyList<MeasureChange> MeasureChanges, IReadOnlyList<ReviewView> Reviews, IReadOnlyList<SupportView> CommunitySupport,
    IReadOnlyList<VisitView> Visits, UrgentOutcome? UrgentOutcome, string? UrgentOutcomeReason, FollowUpView? FollowUp,
    IReadOnlyDictionary<string, string[]> MissingToEnd)
{
    /// <summary>For urgent community response: the rapid response record (presenting problem, clinical notes); null until made.</summary>
    public UrgentResponse.UrgentAssessmentView? UrgentAssessment { get; init; }
    /// <summary>Soft signs and NEWS2 observations, newest first.</summary>
    public IReadOnlyList<ObservationView> Observations { get; init; } = [];
    /// <summary>How the unpaid carer was involved; null until one is identified.</summary>
    public Carers.CarerInvolvementView? Carer { get; init; }
}

public sealed record ObservationView(Guid Id, DateTimeOffset At, string RecordedBy, IReadOnlyList<Deterioration.SoftSign> SoftSigns, int? News2,
    Deterioration.News2Response? Response, bool StepUp, string? Notes, int? RespirationRate, int? SpO2, bool? OnOxygen, int? SystolicBp, int? Pulse,
    Deterioration.Consciousness? Consciousness, decimal? Temperature)
{
    public static ObservationView From(Deterioration.Observation o) => new(o.Id, o.At, o.RecordedBy, o.Signs, o.News2, o.Response, o.StepUp, o.Notes,
        o.RespirationRate, o.SpO2, o.OnOxygen, o.SystolicBp, o.Pulse, o.Consciousness, o.Temperature);
}

public sealed record AssessmentView(string WhatMatters, string HomeSituation, bool HasUnpaidCarer, string? CarerNeeds, Consent Consent,
    string? BestInterestDecision, string Risks, DateTimeOffset AssessedAt, string AssessedBy, int Version)
{
    public static AssessmentView From(Assessment a) =>
        new(a.WhatMatters, a.HomeSituation, a.HasUnpaidCarer, a.CarerNeeds, a.Consent, a.BestInterestDecision, a.Risks, a.AssessedAt, a.AssessedBy, a.Version);
}

public sealed record PlanView(string WillDo, string WillNotDo, DateOnly StartsOn, DateOnly EndsOn, int VisitsAtStart, int VisitsAtEnd,
    int MinutesPerVisit, bool DoubleHanded, int ReviewEveryDays, string TransitionPlan, bool AgreedWithPerson, DateTimeOffset UpdatedAt,
    string UpdatedBy, int Version, string? Skill, string? Tasks = null, string? Medicines = null)
{
    public static PlanView From(CarePlan p) => new(p.WillDo, p.WillNotDo, p.StartsOn, p.EndsOn, p.VisitsAtStart, p.VisitsAtEnd,
        p.MinutesPerVisit, p.DoubleHanded, p.ReviewEveryDays, p.TransitionPlan, p.AgreedWithPerson, p.UpdatedAt, p.UpdatedBy, p.Version, p.Skill,
        p.Tasks, p.Medicines);
}

public sealed record ScoreView(Stage Stage, int Score, string? Note, DateTimeOffset At, string By);

/// <summary>A goal with its scores and what each score means for it (<see cref="Levels"/>, fixed once <see cref="LevelsFixed"/>).</summary>
public sealed record GoalView(Guid Id, string Text, GoalCategory? Category, DateTimeOffset SetAt, string SetBy,
    int? StartScore, int? LatestReviewScore, int? EndScore, bool? Achieved, IReadOnlyList<ScoreView> Scores,
    GoalLevels? Levels = null, bool LevelsFixed = false)
{
    public static GoalView From(Goal g) => new(g.Id, g.Text, g.Category, g.SetAt, g.SetBy, g.Latest(Stage.Start)?.Score,
        g.Latest(Stage.Review)?.Score, g.Latest(Stage.End)?.Score, g.Achieved,
        [.. g.Scores.OrderBy(s => s.At).ThenBy(s => s.Id).Select(s => new ScoreView(s.Stage, s.Score, s.Note, s.At, s.By))],
        g.Levels, g.LevelsFixed);

    /// <summary>A score in words: "−1: walks to the gate with a frame" when the levels are described, else the number.</summary>
    public string Describe(int score) => (score > 0 ? "+" : score < 0 ? "−" : "") + Math.Abs(score) + (Levels is null ? "" : ": " + Levels.Of(score));
}

public sealed record MeasureResultView(long Id, string Measure, string Name, Stage Stage, decimal Total,
    IReadOnlyDictionary<string, decimal> Values, DateTimeOffset At, string By);

/// <summary>A measure's latest total at the start and at the end, and the change (positive is better when higher is better).</summary>
public sealed record MeasureChange(string Measure, string Name, decimal? Start, decimal? End, decimal? Change, bool HigherIsBetter, string? Unit);

public sealed record ReviewView(Guid Id, DateOnly DueOn, DateTimeOffset? HeldAt, string? Notes, string? HeldBy);

public sealed record SupportView(SupportNeed Need, SupportAction Action, string Organisation, string? Notes, DateTimeOffset At, string By);

public sealed record VisitView(Guid Id, Guid EpisodeId, DateOnly Date, TimeOnly WindowStart, TimeOnly WindowEnd, int Minutes, bool DoubleHanded,
    VisitStatus Status, DateTimeOffset? ArrivedAt, DateTimeOffset? LeftAt, MissedReason? MissedReason, string? Notes, string? RecordedBy,
    bool Flagged, string? FollowUpNotes, DateTimeOffset? FollowedUpAt, int Version, string? Skill, bool OnPhone = false, int? ArrivedMetres = null,
    int? LeftMetres = null)
{
    /// <summary>The tasks and medicine prompts the carer recorded at check-out (the care record fills them in).</summary>
    public IReadOnlyList<TaskDoneView> Tasks { get; init; } = [];

    public static VisitView From(Visit v) => new(v.Id, v.EpisodeId, v.Date, v.WindowStart, v.WindowEnd, v.Minutes, v.DoubleHanded, v.Status,
        v.ArrivedAt, v.LeftAt, v.MissedReason, v.Notes, v.RecordedBy, v.Flagged, v.FollowUpNotes, v.FollowedUpAt, v.Version, v.Skill, v.OnPhone,
        v.ArrivedMetres, v.LeftMetres);
}

public sealed record TaskDoneView(TaskKind Kind, string Text, Rounds.TaskOutcome Outcome, string? Reason, string By);

public sealed record AttemptView(DateTimeOffset At, bool Reached, string? Notes, string By);

public sealed record FollowUpView(Guid Id, Guid EpisodeId, PersonSummary? Person, DateOnly DischargedOn, DateOnly DueOn, bool Overdue,
    FollowUpResult? Result, DateTimeOffset? CompletedAt, string? CompletedBy, string? Notes, IReadOnlyList<AttemptView> Attempts, int Version)
{
    public static FollowUpView From(FollowUp f, Person? person, DateOnly today) => new(f.Id, f.EpisodeId,
        person is null ? null : PersonSummary.From(person), f.DischargedOn, f.DueOn, f.Result is null && f.DueOn < today, f.Result,
        f.CompletedAt, f.CompletedBy, f.Notes, [.. f.Attempts.OrderBy(a => a.At).Select(a => new AttemptView(a.At, a.Reached, a.Notes, a.By))], f.Version);
}
