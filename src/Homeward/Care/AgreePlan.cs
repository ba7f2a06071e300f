using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.Triage;
using Homeward.Visits;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Care;

/// <summary>
/// The plan agreed with the person: what the service will and will not do, the dates, the tapering visit pattern
/// (none for bed-based care), a skill every visit needs, the review interval and the transition plan. Saving lays
/// out its visits and reviews from today on (<see cref="PlanLayout"/>); a change needs the version seen. Checked in
/// full (every problem at once), noted on the timeline and audited in one transaction; answers with the whole care
/// record.
/// </summary>
public sealed class AgreePlan(HomewardDb db, CareChange change)
{
    public sealed record Input
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
        /// <summary>What carers do at visits, a line each; "morning, evening: …" for some visits only.</summary>
        public string? Tasks { get; init; }
        /// <summary>Medicines carers prompt, a line each, the same way ("morning: Paracetamol 1 g").</summary>
        public string? Medicines { get; init; }
    }

    public async Task<CareRecordView> Handle(Guid episodeId, Input input, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        var (episode, now) = await change.Load(episodeId, actor, CareChange.Open, ct);
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

        var tasks = PlanTasks.Read(TaskKind.Task, input.Tasks, problems, "tasks");
        var medicines = PlanTasks.Read(TaskKind.Medicine, input.Medicines, problems, "medicines");
        if (!homeBased && tasks.Count + medicines.Count > 0)
            problems.Add("tasks", "Tasks and medicine prompts are for home visits: bed-based care has none.");

        var existing = await db.CarePlans.SingleOrDefaultAsync(p => p.EpisodeId == episodeId, ct);
        if (existing is not null)
            Versions.Demand("plan", existing.Version, expectedVersion);
        if (problems.Any || starts is not { } startsOn || ends is not { } endsOn)
            throw problems.Failure();

        var plan = existing ?? new CarePlan { EpisodeId = episodeId, WillDo = "", WillNotDo = "", TransitionPlan = "", UpdatedBy = "" };
        plan.WillDo = willDo;
        plan.WillNotDo = willNotDo;
        plan.TransitionPlan = transition;
        plan.StartsOn = startsOn;
        plan.EndsOn = endsOn;
        plan.VisitsAtStart = atStart;
        plan.VisitsAtEnd = atEnd;
        plan.MinutesPerVisit = atStart > 0 || atEnd > 0 ? minutes : 0;
        plan.DoubleHanded = input.DoubleHanded ?? false;
        plan.Skill = skill;
        plan.ReviewEveryDays = reviewEvery;
        plan.AgreedWithPerson = input.AgreedWithPerson ?? false;
        plan.Tasks = PlanTasks.Normalise(input.Tasks);
        plan.Medicines = PlanTasks.Normalise(input.Medicines);
        plan.UpdatedAt = now;
        plan.UpdatedBy = actor.UserName;
        if (existing is null)
            db.CarePlans.Add(plan);
        else
            plan.Version++;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await PlanLayout.LayOut(db, plan, episode.PersonId, today, ct);
        var view = await change.Save(episode, EpisodeEventType.PlanAgreed, now, actor, now, "care.plan",
            new { startsOn = plan.StartsOn, endsOn = plan.EndsOn, plan.VisitsAtStart, plan.VisitsAtEnd, plan.MinutesPerVisit, plan.Skill }, ct);
        await transaction.CommitAsync(ct);
        return view;
    }
}
