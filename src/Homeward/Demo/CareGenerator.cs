using System.Text.Json;
using Homeward.Access;
using Homeward.Care;
using Homeward.Common;
using Homeward.Episodes;
using Homeward.FollowUps;
using Homeward.People;
using Homeward.Triage;
using Homeward.Visits;

namespace Homeward.Demo;

/// <summary>
/// The care record behind each demo episode, as the team would have written it: the assessment, goals in the
/// person's words, the Barthel Index and hours of care at the start and the end, the plan with its reviews and
/// visits, community support, the rapid response outcome, and the 91-day follow-ups. What it makes is checked
/// against <see cref="EndingRules"/> before the episode ends, so demo data obeys the same rules as staff.
/// </summary>
internal sealed class CareGenerator(DemoRandom random, Actor worker, Actor hub, DateTimeOffset now)
{
    /// <summary>Records made since the last save: entities of any care type, and their timeline events.</summary>
    public List<object> Made { get; } = [];
    public int Events { get; private set; }
    public int Visits { get; private set; }

    /// <summary>Goals as people put them, each with what its five scores (−2 … +2) mean for them.</summary>
    private static readonly (string Text, GoalCategory Category, GoalLevels Levels)[] GoalPool =
    [
        ("To wash and dress myself in the morning", GoalCategory.PersonalCare, new("Needs help to wash and dress every morning", "Washes my top half; help with the rest",
            "Washes and dresses on my own, with help for socks and shoes", "Washes and dresses fully on my own", "Showers and dresses on my own every day")),
        ("To make my own breakfast", GoalCategory.MealsAndDrink, new("Breakfast made for me", "Makes a cup of tea with someone there",
            "Makes tea and toast on my own every morning", "Makes a cooked breakfast on my own", "Makes breakfast and a light lunch on my own")),
        ("To walk to the corner shop", GoalCategory.Mobility, new("Walks indoors only, with a frame", "Walks to the front gate with a frame",
            "Walks to the corner shop and back with a stick", "Walks to the shop and carries a small bag home", "Walks to the shop and the bus stop on my own")),
        ("To manage the stairs to my bedroom", GoalCategory.Mobility, new("Sleeps downstairs; cannot manage the stairs", "Climbs the stairs with one person helping",
            "Climbs the stairs on my own with the rail, once a day", "Climbs the stairs on my own whenever I want", "Carries light things up and down the stairs")),
        ("To take my tablets at the right time without reminders", GoalCategory.Medication, new("A carer gives every dose", "Takes tablets when prompted by a carer",
            "Takes tablets from a dosette box without prompts", "Orders repeat prescriptions myself too", "Manages all my medicines from the packets")),
        ("To get back to my lunch club", GoalCategory.SocialAndCommunity, new("Not going out at all", "Has visitors at home each week",
            "Goes to the lunch club once a week by community transport", "Goes to the lunch club twice a week", "Goes to the lunch club and one other group each week")),
        ("To get in and out of the bath safely", GoalCategory.PersonalCare, new("Strip wash only, with help", "Uses the bath board with one person helping",
            "Gets in and out with the bath board on my own", "Baths on my own without the board", "Baths on my own and washes my hair")),
        ("To feel confident going out on my own again", GoalCategory.Confidence, new("Does not go out", "Goes out only with family",
            "Goes to the end of the road on my own", "Goes to the village on my own", "Takes the bus into town on my own")),
        ("To do my own washing up", GoalCategory.Household, new("Someone else does all of it", "Dries up while someone washes",
            "Washes up after one meal a day, sitting on a perching stool", "Washes up after every meal", "Washes up and puts everything away")),
        ("To get up safely if I fall", GoalCategory.Safety, new("Cannot get up; has no way to call for help", "Wears the pendant alarm and knows how to use it",
            "Shown a safe way up and can do it with a chair", "Can get up from the floor without a chair", "Gets up safely and has had no falls needing help")),
    ];
    private static readonly string[] WhatMatters =
        ["Staying in my own home", "Looking after my dog", "Seeing my grandchildren at weekends", "Getting back to the garden", "Not being a burden on my daughter"];
    private static readonly (SupportNeed Need, string Organisation)[] Organisations =
        [(SupportNeed.Company, "Vale Befriending Service"), (SupportNeed.Food, "Meals on Wheels, Wessex Vale"), (SupportNeed.MoneyAdvice, "Citizens Advice Vale"),
         (SupportNeed.Transport, "Community Transport Scheme"), (SupportNeed.CarerSupport, "Vale Carers' Centre"), (SupportNeed.Medicines, "Pharmacy delivery service")];

    private List<Goal> _goals = [];
    private Dictionary<string, decimal> _barthel = [];
    private decimal _hours;
    private string _risks = "";
    private bool _planned, _assessed;
    private readonly HashSet<string> _measuredAtStart = [], _measuredAtEnd = [];

    /// <summary>The start of care: for reablement and rehabilitation, the assessment, goals, start measures and plan.</summary>
    public void Begin(Person person, Episode episode, DateTimeOffset accepted, DateTimeOffset started, DateTimeOffset plannedEnd, bool endsBeforeNow)
    {
        _goals = [];
        _planned = _assessed = _urgentAssessed = false;
        _measuredAtStart.Clear();
        _measuredAtEnd.Clear();
        if (!EndingRules.IsReablementOrRehabilitation(episode.Service))
            return;
        var assessedAt = Between(accepted, started);
        var consent = person.Consent == Consent.BestInterestDecision ? Consent.BestInterestDecision : random.Chance(0.98) ? Consent.Given : Consent.BestInterestDecision;
        Made.Add(new Assessment
        {
            EpisodeId = episode.Id, WhatMatters = random.Pick(WhatMatters), HomeSituation = random.Pick(["Lives alone", "Lives with spouse", "Lives with family"]) + ", " +
                random.Pick(["bungalow", "two-storey house", "ground-floor flat", "flat with a lift"]),
            HasUnpaidCarer = person.CarerName is not null, CarerNeeds = person.CarerName is null ? null : random.Pick(["None beyond a break now and then", "Works full time; carer's assessment offered", "Has health problems of their own; referred to the carers' centre"]),
            Consent = consent, BestInterestDecision = consent == Consent.BestInterestDecision ? "Best-interest meeting with family and GP; short-term support agreed" : null,
            Risks = _risks = random.Pick(["Falls at night", "None found", "Missed medicines", "Self-neglect when low"]), AssessedAt = assessedAt, AssessedBy = worker.UserName,
        });
        Note(episode, EpisodeEventType.Assessed, assessedAt, worker);
        _assessed = true;

        foreach (var (text, category, levels) in GoalPool.OrderBy(_ => random.Uniform()).Take(random.Int(1, 4)))
        {
            var goal = new Goal { EpisodeId = episode.Id, Text = text, Category = category, SetAt = assessedAt, SetBy = worker.UserName };
            goal.Describe(levels with { }); // each goal owns its own copy
            goal.Score(Stage.Start, random.Chance(0.6) ? -1 : -2, null, assessedAt, worker);
            _goals.Add(goal);
            Made.Add(goal);
        }
        _barthel = Measures.BarthelIndex.Items.ToDictionary(i => i.Code, i => (decimal)random.Int((int)i.Min, (int)i.Max + 1) * (random.Chance(0.6) ? 0 : 1));
        _hours = random.Int(14, 85) / 4m;
        Measure(episode, Measures.BarthelIndex, Stage.Start, _barthel, started);
        Measure(episode, Measures.CareHoursPerWeek, Stage.Start, new() { ["hours"] = _hours }, started);

        var plan = new CarePlan
        {
            EpisodeId = episode.Id, WillDo = "Help with personal care and practice of daily tasks towards the goals", WillNotDo = "Cleaning, shopping and laundry",
            StartsOn = London.DateOf(started), EndsOn = London.DateOf(plannedEnd) < London.DateOf(started).AddDays(CarePlan.LongestDays - 1)
                ? Max(London.DateOf(plannedEnd), London.DateOf(started)) : London.DateOf(started).AddDays(CarePlan.LongestDays - 1),
            VisitsAtStart = episode.Service == Service.BedBasedIntermediateCare ? 0 : random.Int(2, 5),
            MinutesPerVisit = random.Pick([30, 30, 45, 60]), DoubleHanded = random.Chance(0.08), ReviewEveryDays = 7,
            TransitionPlan = "Agree what support continues; signpost to local groups", AgreedWithPerson = true, UpdatedAt = assessedAt, UpdatedBy = worker.UserName,
        };
        plan.VisitsAtEnd = plan.VisitsAtStart == 0 ? 0 : 1;
        // Medicines missed at home: every visit prompts them; two carers: a hoist, so moving and handling.
        plan.Skill = plan.VisitsAtStart == 0 ? null : plan.DoubleHanded ? "moving and handling" : _risks == "Missed medicines" ? "medication" : null;
        // What carers do at each part of the day, and the medicines they prompt (no draws: the demo's other numbers stay as they were).
        if (plan.VisitsAtStart > 0)
        {
            plan.Tasks = "morning: Help to wash and dress, practising towards the goals\nmidday, teatime: Make a meal together in the kitchen\n"
                         + "evening: Help to get ready for bed\nCheck the pendant alarm is worn";
            plan.Medicines = _risks == "Missed medicines" ? "morning, evening: Medicines from the blister pack" : null;
        }
        Made.Add(plan);
        Note(episode, EpisodeEventType.PlanAgreed, assessedAt, worker);
        _planned = true;

        var until = endsBeforeNow ? plannedEnd : now;
        foreach (var due in plan.ReviewDates())
        {
            var heldAt = London.At(due, new TimeOnly(11, 0));
            Made.Add(new Review
            {
                EpisodeId = episode.Id, DueOn = due, HeldAt = heldAt <= until ? heldAt : null,
                Notes = heldAt <= until ? "Progress reviewed with the person; plan continues" : null, HeldBy = heldAt <= until ? worker.UserName : null,
            });
        }
        // Visits are kept for people still in care (what the team works from today); ended episodes keep their summary.
        if (!endsBeforeNow)
            foreach (var visit in VisitPlanner.Lay(plan, person.Id, plan.StartsOn))
                Made.Add(Record(visit, started));

        if (random.Chance(0.25))
        {
            var (need, organisation) = random.Pick(Organisations);
            Made.Add(new CommunitySupport
            {
                EpisodeId = episode.Id, Need = need, Action = random.Chance(0.6) ? SupportAction.Signposted : SupportAction.Referred,
                Organisation = organisation, At = assessedAt, By = worker.UserName,
            });
        }
    }

    /// <summary>A past visit is done (or, now and then, missed and followed up); one still to come is planned.</summary>
    private Visit Record(Visit visit, DateTimeOffset started)
    {
        Visits++;
        var arrived = London.At(visit.Date, visit.WindowStart).AddMinutes(random.Int(0, 40));
        var left = arrived.AddMinutes(visit.Minutes + random.Int(-5, 10));
        if (left > now || arrived < started)
            return visit;
        visit.RecordedBy = worker.UserName;
        visit.RecordedAt = left;
        if (random.Chance(0.03))
        {
            visit.Status = VisitStatus.Missed;
            visit.MissedReason = random.Pick([MissedReason.PersonNotIn, MissedReason.PersonDeclined, MissedReason.CouldNotGetIn]);
            if (left < now.AddHours(-24) || random.Chance(0.5))
                (visit.FollowUpNotes, visit.FollowedUpAt, visit.FollowedUpBy) = ("Phoned the person; all well", left.AddHours(1), hub.UserName);
        }
        else
            (visit.Status, visit.ArrivedAt, visit.LeftAt) = (VisitStatus.Done, arrived, left);
        return visit;
    }

    private static readonly (UrgentResponse.UcrCondition Condition, string Presenting, string Notes)[] UrgentPresentations =
    [
        (UrgentResponse.UcrCondition.Falls, "Fell in the kitchen overnight, could not get up; found by a neighbour",
            "On the floor about 6 hours. No head injury, no loss of consciousness; hips and spine not tender, full range of movement. Helped up with a lifting cushion. Pressure areas intact. Pendant alarm fitted."),
        (UrgentResponse.UcrCondition.DecompensationOfFrailty, "Suddenly unable to manage at home over two days",
            "Dysuria and new urinary frequency; mobility much reduced. Urine dip positive. GP contacted: antibiotics prescribed. Twice-daily visits for 72 hours."),
        (UrgentResponse.UcrCondition.ConfusionOrDelirium, "Daughter reports new confusion since yesterday",
            "Disorientated to time; 4AT 5. No focal signs. Constipated 5 days. Laxatives started, fluids encouraged; daughter staying tonight. Review tomorrow morning."),
        (UrgentResponse.UcrCondition.UrgentEquipment, "Cannot get to the toilet safely since a knee flare",
            "Transfers need one to assist. Commode, raised toilet seat and frame delivered the same day; safe on the commode with supervision."),
        (UrgentResponse.UcrCondition.CarerBreakdown, "Husband, the main carer, admitted to hospital this morning",
            "Needs help with personal care and meals; no other family nearby. Bridging care for 72 hours while reablement is arranged."),
    ];
    private bool _urgentAssessed;

    /// <summary>Rapid response: the record of the first visit, then the outcome, agreeing with where the person went.</summary>
    public void UrgentOutcome(Episode episode, Destination destination, DateTimeOffset started, DateTimeOffset end)
    {
        var (condition, presenting, notes) = random.Pick(UrgentPresentations);
        var assessedAt = started.AddMinutes(random.Int(10, 30));
        if (assessedAt <= now)
        {
            Made.Add(new UrgentResponse.UrgentAssessment
            {
                EpisodeId = episode.Id, PresentingProblem = condition, Presenting = presenting, ClinicalNotes = notes,
                AssessedAt = assessedAt, AssessedBy = worker.UserName,
            });
            Note(episode, EpisodeEventType.UrgentAssessed, assessedAt, worker);
            _urgentAssessed = true;
        }
        var at = started.AddMinutes(Math.Min(random.Int(30, 120), (end - started).TotalMinutes / 2));
        if (at > now)
            return;
        if (destination == Destination.Hospital)
            episode.RecordUrgentOutcome(Episodes.UrgentOutcome.ConveyedToHospital, random.Pick(["Suspected fracture", "Chest pain", "Acute delirium needing assessment"]), at, episode.Service == Service.UrgentCommunityResponse ? worker : hub, at);
        else
            episode.RecordUrgentOutcome(Episodes.UrgentOutcome.StayedAtHome, null, at, worker, at);
    }

    /// <summary>The end of care: end scores and measures (unless support stopped early), then what the rules still want.</summary>
    public Problems Finish(Episode episode, Sequel sequel, DateTimeOffset end)
    {
        var early = sequel.IsEarlyCessation();
        if (EndingRules.IsReablementOrRehabilitation(episode.Service) && !early)
        {
            var at = end.AddHours(-1);
            foreach (var goal in _goals)
                goal.Score(Stage.End, random.Weighted<int>([(-1, 15), (0, 50), (1, 25), (2, 10)]), null, at, worker);
            var better = _barthel.ToDictionary(x => x.Key, x => Math.Min(Measures.BarthelIndex.Items.Single(i => i.Code == x.Key).Max, x.Value + (random.Chance(0.55) ? 1 : 0)));
            Measure(episode, Measures.BarthelIndex, Stage.End, better, at);
            Measure(episode, Measures.CareHoursPerWeek, Stage.End, new() { ["hours"] = Math.Max(0, _hours - random.Int(0, (int)(_hours * 4) + 1) / 4m) }, at);
            if (random.Chance(0.6))
                Measure(episode, Measures.ExperienceRating, Stage.End, new() { ["rating"] = random.Weighted<decimal>([(5, 55), (4, 30), (3, 10), (2, 4), (1, 1)]) }, at);
        }
        return EndingRules.Missing(episode.Service, sequel, new CareSummary(_assessed, _planned, _goals.Count,
            _goals.Count(g => g.Latest(Stage.Start) is null), _goals.Count(g => g.Latest(Stage.End) is null),
            _measuredAtStart.ToHashSet(), _measuredAtEnd.ToHashSet(), 0, episode.UrgentOutcome is not null, _urgentAssessed));
    }

    /// <summary>The 91-day follow-up for someone who qualifies: done when due (a few overdue recently), with its attempts.</summary>
    public void FollowUp(Person person, Episode episode, Referrals.Referral referralRoute, DateOnly discharged, Destination? destination)
    {
        if (!FollowUps.FollowUp.Applies(episode.Service, referralRoute.Route == Referrals.Route.HospitalDischarge, person.AgeOn(discharged)))
            return;
        var task = FollowUps.FollowUp.For(episode.Id, person.Id, discharged);
        Made.Add(task);
        var today = London.DateOf(now);
        if (task.DueOn > today || task.DueOn > today.AddDays(-21) && random.Chance(0.4))
            return;
        var at = London.At(task.DueOn.AddDays(random.Int(0, 5)), new TimeOnly(10, random.Int(0, 60)));
        if (at > now)
            return;
        var result = destination == Destination.Died ? FollowUpResult.Died
            : random.Weighted<FollowUpResult>([(FollowUpResult.AtHome, 80), (FollowUpResult.InHospital, 6), (FollowUpResult.InCareHome, 6), (FollowUpResult.Died, 4), (FollowUpResult.NotContactable, 4)]);
        if (result == FollowUpResult.NotContactable)
            foreach (var days in new[] { 2, 1 })
                task.AddAttempt(new FollowUpAttempt { FollowUpId = task.Id, At = at.AddDays(-days), Reached = false, Notes = "No answer", By = hub.UserName });
        else
            task.AddAttempt(new FollowUpAttempt { FollowUpId = task.Id, At = at, Reached = true, By = hub.UserName });
        (task.Result, task.CompletedAt, task.CompletedBy) = (result, at, hub.UserName);
        Note(episode, EpisodeEventType.FollowedUp, at, hub);
    }

    private void Measure(Episode episode, MeasureDefinition definition, Stage stage, Dictionary<string, decimal> values, DateTimeOffset at)
    {
        Made.Add(new MeasureResult
        {
            EpisodeId = episode.Id, MeasureCode = definition.Code, Stage = stage, Values = JsonSerializer.Serialize(values),
            Total = definition.Total(values), At = at, By = worker.UserName,
        });
        (stage == Stage.Start ? _measuredAtStart : _measuredAtEnd).Add(definition.Code);
        Note(episode, EpisodeEventType.MeasureRecorded, at, worker);
    }

    private void Note(Episode episode, EpisodeEventType type, DateTimeOffset at, Actor actor)
    {
        Made.Add(episode.Note(type, at, actor, at, null));
        Events++;
    }

    private DateTimeOffset Between(DateTimeOffset from, DateTimeOffset to) =>
        to <= from ? from : from.AddMinutes(random.Uniform() * Math.Min((to - from).TotalMinutes, 24 * 60));

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
