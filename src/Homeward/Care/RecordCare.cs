using System.Text.Json;
using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.People;
using Homeward.Triage;
using Homeward.Visits;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Care;

/// <summary>
/// Records the care given in an episode: the holistic assessment, the plan (which lays out visits and reviews),
/// goals and their scores, outcome measures, reviews held and community support. Every change is checked in
/// full (all problems at once), noted on the episode's timeline and audited in the same transaction, and
/// answers with the whole care record as it now stands.
/// </summary>
public sealed class RecordCare(HomewardDb db, TimeProvider clock, MeasureCatalogue catalogue, GetCareRecord read, AccessScope scope)
{
    public sealed record AssessmentInput
    {
        public string? WhatMatters { get; init; }
        public string? HomeSituation { get; init; }
        public bool? HasUnpaidCarer { get; init; }
        public string? CarerNeeds { get; init; }
        public string? Consent { get; init; }
        public string? BestInterestDecision { get; init; }
        public string? Risks { get; init; }
        public string? At { get; init; }
    }

    public sealed record PlanInput
    {
        public string? WillDo { get; init; }
        public string? WillNotDo { get; init; }
        public string? StartsOn { get; init; }
        public string? EndsOn { get; init; }
        public int? VisitsAtStart { get; init; }
        public int? VisitsAtEnd { get; init; }
        public int? MinutesPerVisit { get; init; }
        public bool? DoubleHanded { get; init; }
        /// <summary>A skill every visit needs (see <see cref="Rotas.CareSkills"/>); empty for none.</summary>
        public string? Skill { get; init; }
        public int? ReviewEveryDays { get; init; }
        public string? TransitionPlan { get; init; }
        public bool? AgreedWithPerson { get; init; }
    }

    public sealed record GoalInput(string? Text, string? Category, int? StartScore, string? At);
    public sealed record ScoreInput(string? Stage, int? Score, string? Note, string? At);
    public sealed record MeasureInput(string? Measure, string? Stage, Dictionary<string, decimal?>? Values, string? At);
    public sealed record ReviewInput(string? Notes, string? At);
    public sealed record SupportInput(string? Need, string? Action, string? Organisation, string? Notes, string? At);

    private static readonly EpisodeStatus[] Open = [EpisodeStatus.Accepted, EpisodeStatus.Waiting, EpisodeStatus.Active];

    public async Task<CareRecordView> Assess(Guid episodeId, AssessmentInput input, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        var (episode, now) = await Load(episodeId, actor, Open, ct);
        var problems = new Problems();
        var at = When(problems, input.At, episode, now, afterStart: false);
        var whatMatters = problems.Required("whatMatters", input.WhatMatters, 4000, "what matters to the person");
        var home = problems.Required("homeSituation", input.HomeSituation, 4000, "the person's home situation");
        var carerNeeds = problems.Optional("carerNeeds", input.CarerNeeds, 4000, "the carer's needs");
        if (input.HasUnpaidCarer is null)
            problems.Add("hasUnpaidCarer", "Say whether the person has an unpaid carer.");
        else if (input.HasUnpaidCarer == true && carerNeeds is null)
            problems.Add("carerNeeds", "Record the unpaid carer's own needs (or that they have none), and whether a carer's assessment was offered.");
        var consent = problems.Enum<Consent>("consent", input.Consent, "consent");
        if (consent == Consent.NotRecorded)
            problems.Add("consent", "Record whether the person consented, refused, or lacks capacity (best-interest decision).");
        var bestInterest = problems.Optional("bestInterestDecision", input.BestInterestDecision, 4000, "the best-interest decision");
        if (consent == Consent.BestInterestDecision && bestInterest is null)
            problems.Add("bestInterestDecision", "The person lacks capacity to consent: record the best-interest decision (who decided, and why).");
        var risks = problems.Required("risks", input.Risks, 4000, "the risks (or that none were found)");

        var existing = await db.Assessments.SingleOrDefaultAsync(a => a.EpisodeId == episodeId, ct);
        if (existing is not null)
            Versions.Demand("assessment", existing.Version, expectedVersion);
        problems.ThrowIfAny();

        var assessment = existing ?? new Assessment { EpisodeId = episodeId, WhatMatters = "", HomeSituation = "", Risks = "", AssessedBy = "" };
        assessment.WhatMatters = whatMatters;
        assessment.HomeSituation = home;
        assessment.HasUnpaidCarer = input.HasUnpaidCarer!.Value;
        assessment.CarerNeeds = carerNeeds;
        assessment.Consent = consent!.Value;
        assessment.BestInterestDecision = consent == Consent.BestInterestDecision ? bestInterest : null;
        assessment.Risks = risks;
        assessment.AssessedAt = at;
        assessment.AssessedBy = actor.UserName;
        if (existing is null)
            db.Assessments.Add(assessment);
        else
            assessment.Version++;
        return await Save(episode, EpisodeEventType.Assessed, at, actor, now, "care.assess", new { consent = assessment.Consent.ToString() }, ct);
    }

    public async Task<CareRecordView> Plan(Guid episodeId, PlanInput input, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        var (episode, now) = await Load(episodeId, actor, Open, ct);
        var today = London.DateOf(now);
        var problems = new Problems();
        var willDo = problems.Required("willDo", input.WillDo, 4000, "what the service will do");
        var willNotDo = problems.Required("willNotDo", input.WillNotDo, 4000, "what the service will not do");
        var transition = problems.Required("transitionPlan", input.TransitionPlan, 4000, "the transition plan for when support ends");
        var starts = problems.Date("startsOn", input.StartsOn, "the start date", required: true);
        var ends = problems.Date("endsOn", input.EndsOn, "the end date", required: true);
        if (starts is { } s && s < London.DateOf(episode.ReferredAt))
            problems.Add("startsOn", "The plan cannot start before the referral.");
        if (starts is { } s1 && ends is { } e1)
        {
            if (e1 < s1)
                problems.Add("endsOn", "The end date cannot be before the start date.");
            else if (e1.DayNumber - s1.DayNumber + 1 > CarePlan.LongestDays)
                problems.Add("endsOn", $"Intermediate care lasts at most {CarePlan.LongestDays} days (12 weeks); plan a review and a new episode for longer.");
        }
        var atStart = input.VisitsAtStart ?? 0;
        var atEnd = input.VisitsAtEnd ?? atStart;
        var minutes = input.MinutesPerVisit ?? 0;
        var homeBased = episode.Service is not (Service.BedBasedIntermediateCare or Service.CareHomePlacement);
        if (atStart is < 0 or > VisitPlanner.MostVisitsADay)
            problems.Add("visitsAtStart", $"Visits a day must be from 0 to {VisitPlanner.MostVisitsADay}.");
        if (atEnd is < 0 or > VisitPlanner.MostVisitsADay)
            problems.Add("visitsAtEnd", $"Visits a day must be from 0 to {VisitPlanner.MostVisitsADay}.");
        if (!homeBased && (atStart > 0 || atEnd > 0))
            problems.Add("visitsAtStart", "Home visits are not planned for bed-based care: set visits a day to 0.");
        if (homeBased && episode.Service is Service.Reablement or Service.HomeBasedIntermediateCare && atStart == 0)
            problems.Add("visitsAtStart", "Home-based care needs at least one visit a day at the start.");
        if ((atStart > 0 || atEnd > 0) && minutes is < 15 or > 240)
            problems.Add("minutesPerVisit", "A visit lasts from 15 to 240 minutes (NICE: at least 30, except short checks).");
        var skill = Rotas.CareSkills.Find(input.Skill);
        if (!string.IsNullOrWhiteSpace(input.Skill) && skill is null)
            problems.Add("skill", $"Choose the skill from the list ({string.Join(", ", Rotas.CareSkills.All)}), or none.");
        if (skill is not null && atStart == 0 && atEnd == 0)
            problems.Add("skill", "A skill is for home visits: this plan has none.");
        var reviewEvery = input.ReviewEveryDays ?? 0;
        if (reviewEvery is < 1 or > 42)
            problems.Add("reviewEveryDays", "Review at least every 42 days: give a number of days from 1 to 42.");

        var existing = await db.CarePlans.SingleOrDefaultAsync(p => p.EpisodeId == episodeId, ct);
        if (existing is not null)
            Versions.Demand("plan", existing.Version, expectedVersion);
        problems.ThrowIfAny();

        var plan = existing ?? new CarePlan { EpisodeId = episodeId, WillDo = "", WillNotDo = "", TransitionPlan = "", UpdatedBy = "" };
        plan.WillDo = willDo;
        plan.WillNotDo = willNotDo;
        plan.TransitionPlan = transition;
        plan.StartsOn = starts!.Value;
        plan.EndsOn = ends!.Value;
        plan.VisitsAtStart = atStart;
        plan.VisitsAtEnd = atEnd;
        plan.MinutesPerVisit = atStart > 0 || atEnd > 0 ? minutes : 0;
        plan.DoubleHanded = input.DoubleHanded ?? false;
        plan.Skill = skill;
        plan.ReviewEveryDays = reviewEvery;
        plan.AgreedWithPerson = input.AgreedWithPerson ?? false;
        plan.UpdatedAt = now;
        plan.UpdatedBy = actor.UserName;
        if (existing is null)
            db.CarePlans.Add(plan);
        else
            plan.Version++;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LayOut(db, plan, episode.PersonId, today, ct);
        var view = await Save(episode, EpisodeEventType.PlanAgreed, now, actor, now, "care.plan",
            new { startsOn = plan.StartsOn, endsOn = plan.EndsOn, plan.VisitsAtStart, plan.VisitsAtEnd, plan.MinutesPerVisit, plan.Skill }, ct);
        await transaction.CommitAsync(ct);
        return view;
    }

    /// <summary>
    /// Replaces the future: planned visits and unheld reviews from today on are laid out again from the plan;
    /// what was recorded, and what is overdue, stays.
    /// </summary>
    internal static async Task LayOut(HomewardDb db, CarePlan plan, Guid personId, DateOnly today, CancellationToken ct)
    {
        await db.Visits.Where(v => v.EpisodeId == plan.EpisodeId && v.Status == VisitStatus.Planned && v.Date >= today).ExecuteDeleteAsync(ct);
        var kept = await db.Visits.Where(v => v.EpisodeId == plan.EpisodeId && v.Date >= today)
            .Select(v => new { v.Date, v.WindowStart }).ToListAsync(ct);
        db.Visits.AddRange(VisitPlanner.Lay(plan, personId, today).Where(v => !kept.Any(k => k.Date == v.Date && k.WindowStart == v.WindowStart)));

        await db.Reviews.Where(r => r.EpisodeId == plan.EpisodeId && r.HeldAt == null && r.DueOn >= today).ExecuteDeleteAsync(ct);
        var held = await db.Reviews.Where(r => r.EpisodeId == plan.EpisodeId).Select(r => r.DueOn).ToListAsync(ct);
        db.Reviews.AddRange(plan.ReviewDates().Where(d => d >= today && !held.Contains(d))
            .Select(d => new Review { EpisodeId = plan.EpisodeId, DueOn = d }));
    }

    /// <summary>
    /// Care starts on <paramref name="start"/>: a plan agreed for an earlier day (at the assessment in hospital, say)
    /// moves to begin that day, its length kept, and its visits and reviews are laid out again from it; nothing recorded
    /// is touched. Returns the day the plan began before, or null when it needed no move. In the caller's transaction.
    /// </summary>
    internal static async Task<DateOnly?> MovePlanToStart(HomewardDb db, Guid episodeId, Guid personId, DateOnly start, Actor actor, DateTimeOffset now,
        CancellationToken ct)
    {
        var plan = await db.CarePlans.SingleOrDefaultAsync(p => p.EpisodeId == episodeId, ct);
        if (plan is null || plan.StartsOn >= start)
            return null;
        var was = plan.StartsOn;
        var days = plan.Days;
        plan.StartsOn = start;
        plan.EndsOn = start.AddDays(days - 1);
        plan.UpdatedAt = now;
        plan.UpdatedBy = actor.UserName;
        plan.Version++;
        // The visits laid out before care started never could happen: they go, as planned ones from the start on do.
        await db.Visits.Where(v => v.EpisodeId == episodeId && v.Status == VisitStatus.Planned && v.Date < start).ExecuteDeleteAsync(ct);
        await LayOut(db, plan, personId, start, ct);
        return was;
    }

    public async Task<CareRecordView> AddGoal(Guid episodeId, GoalInput input, Actor actor, CancellationToken ct)
    {
        var (episode, now) = await Load(episodeId, actor, Open, ct);
        var problems = new Problems();
        var at = When(problems, input.At, episode, now, afterStart: false);
        var text = problems.Required("text", input.Text, 1000, "the goal, in the person's own words");
        var category = problems.Enum<GoalCategory>("category", input.Category, "category", required: false);
        if (input.StartScore is { } s && s is < Goal.Lowest or > Goal.Highest)
            problems.Add("startScore", ScoreRange);
        problems.ThrowIfAny();

        var goal = new Goal { EpisodeId = episodeId, Text = text, Category = category, SetAt = at, SetBy = actor.UserName };
        if (input.StartScore is { } score)
            goal.Score(Stage.Start, score, null, at, actor);
        db.Goals.Add(goal);
        return await Save(episode, EpisodeEventType.GoalSet, at, actor, now, "care.goal", new { goalId = goal.Id, startScore = input.StartScore }, ct);
    }

    private const string ScoreRange = "A goal attainment score is a whole number from −2 (much less than expected) to +2 (much more than expected).";

    public async Task<CareRecordView> ScoreGoal(Guid episodeId, Guid goalId, ScoreInput input, Actor actor, CancellationToken ct)
    {
        var stage = Stages(input.Stage);
        var (episode, now) = await Load(episodeId, actor, stage == Stage.Start ? Open : [EpisodeStatus.Active], ct);
        var goal = await db.Goals.Include(g => g.Scores).SingleOrDefaultAsync(g => g.Id == goalId && g.EpisodeId == episodeId, ct)
                   ?? throw new NotFoundException("goal", goalId);
        var problems = new Problems();
        var at = When(problems, input.At, episode, now, afterStart: stage != Stage.Start);
        if (input.Score is not { } score)
            problems.Add("score", "Enter the score: " + ScoreRange);
        else if (score is < Goal.Lowest or > Goal.Highest)
            problems.Add("score", ScoreRange);
        var note = problems.Optional("note", input.Note, 2000, "the note");
        var start = goal.Latest(Stage.Start);
        if (stage != Stage.Start && start is null)
            problems.Add("stage", "Score the goal at the start before scoring it at a review or the end.");
        else if (stage != Stage.Start && at < start!.At)
            problems.Add("at", "A review or end score cannot be before the start score.");
        problems.ThrowIfAny();

        goal.Score(stage, input.Score!.Value, note, at, actor);
        return await Save(episode, EpisodeEventType.GoalScored, at, actor, now, "care.goal-score",
            new { goalId, stage = stage.ToString(), score = input.Score }, ct);
    }

    public async Task<CareRecordView> Measure(Guid episodeId, MeasureInput input, Actor actor, CancellationToken ct)
    {
        var stage = Stages(input.Stage);
        var (episode, now) = await Load(episodeId, actor, stage == Stage.Start ? Open : [EpisodeStatus.Active], ct);
        var problems = new Problems();
        var at = When(problems, input.At, episode, now, afterStart: stage != Stage.Start);
        var definition = string.IsNullOrWhiteSpace(input.Measure) ? null : await catalogue.Find(input.Measure.Trim(), ct);
        if (definition is null)
        {
            problems.Add("measure", string.IsNullOrWhiteSpace(input.Measure)
                ? "Choose the measure."
                : $"'{input.Measure}' is not a measure here: use one of {string.Join(", ", (await catalogue.All(ct)).Select(m => m.Code))}.");
            problems.ThrowIfAny();
        }
        var values = input.Values ?? [];
        foreach (var item in definition!.Items)
        {
            if (!values.TryGetValue(item.Code, out var value) || value is null)
                problems.Add($"values.{item.Code}", $"Enter {item.Label}: {item.Range}.");
            else if (!item.Allows(value.Value))
                problems.Add($"values.{item.Code}", $"{item.Label} must be {item.Range} (it is {value:0.##}).");
        }
        foreach (var unknown in values.Keys.Where(k => definition.Items.All(i => i.Code != k)))
            problems.Add($"values.{unknown}", $"'{unknown}' is not an item of the {definition.Name}.");
        if (stage != Stage.Start)
        {
            var startAt = await db.MeasureResults.Where(m => m.EpisodeId == episodeId && m.MeasureCode == definition.Code && m.Stage == Stage.Start)
                .Select(m => (DateTimeOffset?)m.At).MaxAsync(ct);
            if (startAt is null && definition.Code != Measures.Experience)
                problems.Add("stage", $"Record the {definition.Name} at the start before a review or the end.");
            else if (at < startAt)
                problems.Add("at", "A review or end measure cannot be before the start measure.");
        }
        problems.ThrowIfAny();

        var clean = definition.Items.ToDictionary(i => i.Code, i => values[i.Code]!.Value);
        var result = new MeasureResult
        {
            EpisodeId = episodeId, MeasureCode = definition.Code, Stage = stage, Values = JsonSerializer.Serialize(clean),
            Total = definition.Total(clean), At = at, By = actor.UserName,
        };
        db.MeasureResults.Add(result);
        return await Save(episode, EpisodeEventType.MeasureRecorded, at, actor, now, "care.measure",
            new { measure = definition.Code, stage = stage.ToString(), total = result.Total }, ct);
    }

    public async Task<CareRecordView> HoldReview(Guid episodeId, Guid reviewId, ReviewInput input, Actor actor, CancellationToken ct)
    {
        var (episode, now) = await Load(episodeId, actor, [EpisodeStatus.Active], ct);
        var review = await db.Reviews.SingleOrDefaultAsync(r => r.Id == reviewId && r.EpisodeId == episodeId, ct)
                     ?? throw new NotFoundException("review", reviewId);
        if (review.HeldAt is not null)
            throw new InvalidTransitionException($"This review was already recorded on {review.HeldAt:yyyy-MM-dd}.");
        var problems = new Problems();
        var at = When(problems, input.At, episode, now, afterStart: true);
        var notes = problems.Required("notes", input.Notes, 4000, "what the review found and agreed");
        problems.ThrowIfAny();
        review.HeldAt = at;
        review.Notes = notes;
        review.HeldBy = actor.UserName;
        return await Save(episode, EpisodeEventType.ReviewHeld, at, actor, now, "care.review", new { reviewId, dueOn = review.DueOn }, ct);
    }

    public async Task<CareRecordView> Signpost(Guid episodeId, SupportInput input, Actor actor, CancellationToken ct)
    {
        var (episode, now) = await Load(episodeId, actor, Open, ct);
        var problems = new Problems();
        var at = When(problems, input.At, episode, now, afterStart: false);
        var need = problems.Enum<SupportNeed>("need", input.Need, "need");
        var action = problems.Enum<SupportAction>("action", input.Action, "action (signposted or referred)");
        var organisation = problems.Required("organisation", input.Organisation, 200, "the organisation");
        var notes = problems.Optional("notes", input.Notes, 2000, "the notes");
        problems.ThrowIfAny();
        db.CommunitySupports.Add(new CommunitySupport
        {
            EpisodeId = episodeId, Need = need!.Value, Action = action!.Value, Organisation = organisation, Notes = notes, At = at, By = actor.UserName,
        });
        return await Save(episode, EpisodeEventType.CommunitySupport, at, actor, now, "care.community-support",
            new { need = need.ToString(), action = action.ToString(), organisation }, ct);
    }

    private async Task<(Episode Episode, DateTimeOffset Now)> Load(Guid episodeId, Actor actor, EpisodeStatus[] allowed, CancellationToken ct)
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
    internal static DateTimeOffset When(Problems problems, string? given, Episode episode, DateTimeOffset now, bool afterStart)
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

    private static Stage Stages(string? stage)
    {
        var problems = new Problems();
        var parsed = problems.Enum<Stage>("stage", stage, "stage");
        problems.ThrowIfAny();
        return parsed!.Value;
    }

    private async Task<CareRecordView> Save(Episode episode, EpisodeEventType type, DateTimeOffset at, Actor actor, DateTimeOffset now,
        string action, object detail, CancellationToken ct)
    {
        db.EpisodeEvents.Add(episode.Note(type, at, actor, now, detail));
        db.AuditEntries.Add(AuditEntry.For(actor, action, episode.PersonId, episode.Id, now));
        await db.SaveChangesAsync(ct);
        return await read.Build(episode.Id, now, ct);
    }
}
