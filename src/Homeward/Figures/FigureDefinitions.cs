using Homeward.Care;
using Homeward.Episodes;
using Homeward.Referrals;
using Homeward.Triage;

namespace Homeward.Figures;

public enum FigureCode
{
    HomeFromHospital65, StraightToLongTermCare, LongTermCareChange, EmergencyDepartmentKeptOut, MorePeopleHome, DemandChange,
    DelayDays, DelayedTenDaysOrMore, UrgentResponseTwoHours, BedBasedStartTwoDays, CareHoursSaved, FunctionalScoreChange, GoalsAchieved,
    CarerInvolved, ExperiencePositive,
}

/// <summary>How a figure's value is made from its contributions.</summary>
public enum Aggregate
{
    /// <summary>Contributions that count ÷ all contributions.</summary>
    Rate,
    /// <summary>How many count.</summary>
    Count,
    /// <summary>The sum of the amounts.</summary>
    Sum,
    /// <summary>The mean of the amounts.</summary>
    Mean,
    /// <summary>How many count ÷ how many counted in the comparison period − 1.</summary>
    ChangeRatio,
    /// <summary>How many count − how many counted in the comparison period.</summary>
    ChangeDifference,
}

/// <summary>One episode's (or one goal's) part in a figure: the date that puts it in a period, whether it counts, and an amount.</summary>
public sealed record Contribution(Guid EpisodeId, DateOnly Date, bool Counts, decimal Amount = 0);

/// <summary>
/// A figure the service is judged by (domain §2), exactly as <c>docs/metrics.md</c> defines it: which episodes
/// contribute, on which date, and which of them count. Pure: the same facts always give the same figure.
/// </summary>
public sealed record FigureDefinition(FigureCode Code, string Name, string Definition, Aggregate Aggregate, bool HigherIsBetter, string Unit,
    Func<IReadOnlyList<EpisodeFacts>, DateTimeOffset, IEnumerable<Contribution>> Select);

public static class FigureDefinitions
{
    public static readonly TimeSpan TwoHours = TimeSpan.FromHours(2);
    public static readonly TimeSpan TwoDays = TimeSpan.FromDays(2);
    public const int LongDelay = 10;

    /// <summary>Hospital discharges: hospital-route episodes with a discharge date (the person left hospital alive to a service).</summary>
    private static IEnumerable<EpisodeFacts> Discharges(IEnumerable<EpisodeFacts> facts) =>
        facts.Where(f => f.Route == Route.HospitalDischarge && f.DischargedOn is not null && f.Pathway is not null);

    private static bool Home(EpisodeFacts f) => f.Pathway is Pathway.P0 or Pathway.P1;

    public static readonly IReadOnlyList<FigureDefinition> All =
    [
        new(FigureCode.HomeFromHospital65, "Home from hospital, 65+",
            "People 65+ on the day they left hospital whose pathway was home (P0 or P1), of all people 65+ discharged.",
            Aggregate.Rate, true, "%",
            (facts, _) => Discharges(facts).Where(f => f.AgeOn(f.DischargedOn!.Value) >= 65)
                .Select(f => new Contribution(f.EpisodeId, f.DischargedOn!.Value, Home(f)))),
        new(FigureCode.StraightToLongTermCare, "Straight to long-term care",
            "Discharges to a new care home placement (P3), of all discharges.",
            Aggregate.Rate, false, "%",
            (facts, _) => Discharges(facts).Select(f => new Contribution(f.EpisodeId, f.DischargedOn!.Value, f.Pathway == Pathway.P3))),
        new(FigureCode.LongTermCareChange, "Change in long-term care from hospital",
            "P3 discharges this period ÷ P3 discharges in the same period a year earlier − 1.",
            Aggregate.ChangeRatio, false, "%",
            (facts, _) => Discharges(facts).Where(f => f.Pathway == Pathway.P3).Select(f => new Contribution(f.EpisodeId, f.DischargedOn!.Value, true))),
        new(FigureCode.EmergencyDepartmentKeptOut, "A&E contacts kept out of hospital",
            "A&E referrals decided in the period (accepted, declined or cancelled) that did not end in hospital (destination Hospital or conveyed by the rapid response), of all decided; declined and cancelled contacts do not count as kept out.",
            Aggregate.Rate, true, "%",
            (facts, _) => facts.Where(f => f.Route == Route.EmergencyDepartment && f.Status is not (EpisodeStatus.Referred or EpisodeStatus.Triaged))
                .Select(f => new Contribution(f.EpisodeId, f.ReferredOn,
                    f.Status is not (EpisodeStatus.Declined or EpisodeStatus.Cancelled) && f.Destination != Destination.Hospital
                    && f.UrgentOutcome != UrgentOutcome.ConveyedToHospital))),
        new(FigureCode.MorePeopleHome, "More people home",
            "Discharges home (P0 + P1) this period − the same count a year earlier.",
            Aggregate.ChangeDifference, true, "people",
            (facts, _) => Discharges(facts).Where(Home).Select(f => new Contribution(f.EpisodeId, f.DischargedOn!.Value, true))),
        new(FigureCode.DemandChange, "Demand change",
            "Referrals received this period (every route) ÷ referrals in the same period a year earlier − 1.",
            Aggregate.ChangeRatio, false, "%",
            (facts, _) => facts.Select(f => new Contribution(f.EpisodeId, f.ReferredOn, true))),
        new(FigureCode.DelayDays, "Delay days",
            "Sum over discharges of (discharge date − discharge ready date), 0 when discharged on or before the ready date.",
            Aggregate.Sum, false, "days",
            (facts, _) => Discharges(facts).Where(f => f.DelayDays is not null)
                .Select(f => new Contribution(f.EpisodeId, f.DischargedOn!.Value, f.DelayDays > 0, f.DelayDays!.Value))),
        new(FigureCode.DelayedTenDaysOrMore, "People delayed 10 days or more",
            "Discharges whose delay was 10 days or more.",
            Aggregate.Count, false, "people",
            (facts, _) => Discharges(facts).Where(f => f.DelayDays is not null)
                .Select(f => new Contribution(f.EpisodeId, f.DischargedOn!.Value, f.DelayDays >= LongDelay, f.DelayDays!.Value))),
        new(FigureCode.UrgentResponseTwoHours, "Urgent community response within 2 hours",
            "2-hour referrals reached face to face within 2 hours of referral, of all 2-hour referrals; declined and cancelled referrals, and clocks still running, are left out.",
            Aggregate.Rate, true, "%",
            (facts, now) => facts.Where(f => f.Urgency == Urgency.TwoHour && f.Status is not (EpisodeStatus.Declined or EpisodeStatus.Cancelled)
                                             && (f.StartedAt is not null || now - f.ReferredAt > TwoHours))
                .Select(f => new Contribution(f.EpisodeId, f.ReferredOn, f.StartedAt - f.ReferredAt <= TwoHours))),
        new(FigureCode.BedBasedStartTwoDays, "Bed-based care started within 2 days",
            "Accepted referrals to bed-based intermediate care that started within 2 days (48 hours) of referral, of all accepted (NICE QS173); those still inside their 2 days are left out.",
            Aggregate.Rate, true, "%",
            (facts, now) => facts.Where(f => f.Service == Service.BedBasedIntermediateCare && f.AcceptedAt is not null
                                             && (f.StartedAt is not null || now - f.ReferredAt > TwoDays))
                .Select(f => new Contribution(f.EpisodeId, f.ReferredOn, f.StartedAt - f.ReferredAt <= TwoDays))),
        new(FigureCode.CareHoursSaved, "Hours of care a week saved by reablement",
            "Over reablement and rehabilitation episodes ended in the period with hours of care recorded at the start and the end: the sum of (start − end) hours a week. Shown beside the change in functional score.",
            Aggregate.Sum, true, "hours a week",
            (facts, _) => facts.Where(f => EndingRules.IsReablementOrRehabilitation(f.Service) && f.EndedOn is not null
                                           && f.CareHoursStart is not null && f.CareHoursEnd is not null)
                .Select(f => new Contribution(f.EpisodeId, f.EndedOn!.Value, f.CareHoursEnd < f.CareHoursStart, f.CareHoursStart!.Value - f.CareHoursEnd!.Value))),
        new(FigureCode.FunctionalScoreChange, "Change in functional score (Barthel)",
            "Over reablement and rehabilitation episodes ended in the period with the Barthel Index at the start and the end: the mean of (end − start), on the 0–20 scale.",
            Aggregate.Mean, true, "points",
            (facts, _) => facts.Where(f => EndingRules.IsReablementOrRehabilitation(f.Service) && f.EndedOn is not null
                                           && f.BarthelStart is not null && f.BarthelEnd is not null)
                .Select(f => new Contribution(f.EpisodeId, f.EndedOn!.Value, f.BarthelEnd > f.BarthelStart, f.BarthelEnd!.Value - f.BarthelStart!.Value))),
        new(FigureCode.GoalsAchieved, "Goals achieved",
            "Goals scored at the end at the expected level or better (0 or above on the −2…+2 scale), of all goals scored at the end, in episodes ended in the period.",
            Aggregate.Rate, true, "%",
            (facts, _) => facts.Where(f => f.EndedOn is not null)
                .SelectMany(f => f.GoalEndScores.Select(score => new Contribution(f.EpisodeId, f.EndedOn!.Value, score >= 0, score)))),
        new(FigureCode.CarerInvolved, "Unpaid carers involved in discharge",
            "Hospital discharges of people with an unpaid carer (identified for the episode, or named by the assessment or the person's record) whose carer was asked whether they are willing and able to care, and given information, by the day the person left hospital; of all such discharges.",
            Aggregate.Rate, true, "%",
            (facts, _) => Discharges(facts).Where(f => f.HasUnpaidCarer == true || f.CarerIdentified)
                .Select(f => new Contribution(f.EpisodeId, f.DischargedOn!.Value, f.CarerInvolvedOn <= f.DischargedOn))),
        new(FigureCode.ExperiencePositive, "Experience rated good (Friends and Family Test)",
            "Answers to \"Overall, how was your experience of our service?\" given in the period that were very good or good, of all answers but \"don't know\" (the NHS Friends and Family Test's positive score).",
            Aggregate.Rate, true, "%",
            (facts, _) => facts.Where(f => f.ExperienceOn is not null && f.Experience is not (null or YourCare.Overall.DontKnow))
                .Select(f => new Contribution(f.EpisodeId, f.ExperienceOn!.Value, YourCare.ExperienceResponse.Positive(f.Experience!.Value)))),
    ];

    public static FigureDefinition Get(FigureCode code) => All.Single(d => d.Code == code);
}
