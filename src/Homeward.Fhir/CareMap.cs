using Homeward.Common;
using System.Globalization;
using Hl7.Fhir.Model;
using Homeward.Capacity;
using Homeward.Care;
using CarePlan = Hl7.Fhir.Model.CarePlan;
using Goal = Hl7.Fhir.Model.Goal;
using Homeward.Episodes;
using Homeward.FollowUps;

namespace Homeward.Fhir;

/// <summary>
/// The care record of an episode as FHIR (read only): the plan as a CarePlan, goals as Goals with their Goal
/// Attainment Scaling scores as Observations, outcome measures as Observations, the 91-day follow-up as a Task, and
/// the episode's ending as an Encounter with its destination. Ids: the CarePlan and the Encounter take the
/// episode's id; a measure's Observation is <c>m{id}</c>, a goal score's <c>{goal id}-{n}</c>.
/// </summary>
public static class CareMap
{
    public const string Measure = FhirSystems.Base + "/CodeSystem/outcome-measure";
    public const string GoalScale = FhirSystems.Base + "/CodeSystem/goal-attainment-scaling";
    public const string GoalCategoryCodes = FhirSystems.Base + "/CodeSystem/goal-category";
    /// <summary>NHS England's nine 2-hour clinical conditions (and Other), by Homeward's code for each.</summary>
    public const string UcrCodes = FhirSystems.Base + "/CodeSystem/ucr-condition";
    public const string FollowUpCodes = FhirSystems.Base + "/CodeSystem/follow-up-result";
    public const string ServiceKindCodes = FhirSystems.Base + "/CodeSystem/service-kind";

    private static string Instant(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static ResourceReference Patient(Guid person) => new($"Patient/{person}");
    private static ResourceReference Episode(Guid episode) => new($"EpisodeOfCare/{episode}");

    public static CarePlan? Plan(CareRecordView record)
    {
        if (record.Plan is not { } plan)
            return null;
        var carePlan = new CarePlan
        {
            Id = record.EpisodeId.ToString(),
            Meta = new Meta { VersionId = plan.Version.ToString(CultureInfo.InvariantCulture), LastUpdated = plan.UpdatedAt, Profile = [FhirSystems.UkCoreCarePlan] },
            Status = record.Status switch
            {
                EpisodeStatus.Ended => RequestStatus.Completed,
                EpisodeStatus.Cancelled or EpisodeStatus.Declined => RequestStatus.Revoked,
                _ => RequestStatus.Active,
            },
            Intent = CarePlan.CarePlanIntent.Plan,
            Title = "Intermediate care plan",
            Description = $"Will do: {plan.WillDo}\nWill not do: {plan.WillNotDo}\nTransition: {plan.TransitionPlan}",
            Subject = Patient(record.PersonId),
            Period = new Period(new FhirDateTime(Day(plan.StartsOn)), new FhirDateTime(Day(plan.EndsOn))),
            Goal = [.. record.Goals.Select(g => new ResourceReference($"Goal/{g.Id}"))],
            Note = [new Annotation { Text = $"{plan.VisitsAtStart} visits a day falling to {plan.VisitsAtEnd}, {plan.MinutesPerVisit} minutes each" +
                                           $"{(plan.DoubleHanded ? ", two carers" : "")}; reviewed every {plan.ReviewEveryDays} days; " +
                                           (plan.AgreedWithPerson ? "agreed with the person." : "not yet agreed with the person.") }],
        };
        carePlan.SupportingInfo.Add(Episode(record.EpisodeId));
        return carePlan;
    }

    public static IEnumerable<Goal> Goals(CareRecordView record) => record.Goals.Select(g =>
    {
        var goal = new Goal
        {
            Id = g.Id.ToString(),
            LifecycleStatus = g.EndScore is null && record.Status is not (EpisodeStatus.Ended or EpisodeStatus.Cancelled) ? Goal.GoalLifecycleStatus.Active : Goal.GoalLifecycleStatus.Completed,
            AchievementStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/goal-achievement",
                g.Achieved switch { true => "achieved", false => "not-achieved", _ => "in-progress" }),
            Description = new CodeableConcept { Text = g.Text },
            Subject = Patient(record.PersonId),
            Start = new Date(Day(London.DateOf(g.SetAt))),
            ExpressedBy = Patient(record.PersonId),
        };
        if (g.Category is { } category)
            goal.Category.Add(new CodeableConcept(GoalCategoryCodes, category.ToString()));
        // Goal Attainment Scaling: the target is the expected outcome (0); what each level means for this goal, in the
        // person's words, is a note a level (−2 … +2), so a reader of the scores knows what they said.
        if (g.Levels is { } levels)
        {
            goal.Target.Add(new Goal.TargetComponent { Measure = new CodeableConcept(GoalScale, "score", "Goal attainment scaling (−2 to +2)", null), Detail = new Integer(0) });
            goal.Note.AddRange(levels.All.Select(l => new Annotation { Text = $"{g.Describe(l.Score)} ({l.Name.ToLowerInvariant()})" }));
        }
        return goal;
    });

    /// <summary>Outcome measures (total, with each item as a component) and goal scores, each an Observation.</summary>
    public static IEnumerable<Observation> Observations(CareRecordView record)
    {
        foreach (var m in record.Measures)
        {
            var o = new Observation
            {
                Meta = new Meta { Profile = [FhirSystems.UkCoreObservation] },
                Id = $"m{m.Id}",
                Status = ObservationStatus.Final,
                Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "survey")],
                Code = new CodeableConcept(Measure, m.Measure, m.Name, null),
                Subject = Patient(record.PersonId),
                Effective = new FhirDateTime(m.At),
                Value = new Quantity { Value = m.Total },
                BasedOn = record.Plan is null ? [] : [new ResourceReference($"CarePlan/{record.EpisodeId}")],
                Focus = [Episode(record.EpisodeId)],
                Note = [new Annotation { Text = $"At the {m.Stage.ToString().ToLowerInvariant()} of the episode." }],
            };
            foreach (var (item, value) in m.Values)
                o.Component.Add(new Observation.ComponentComponent { Code = new CodeableConcept(Measure, $"{m.Measure}.{item}"), Value = new Quantity { Value = value } });
            yield return o;
        }
        foreach (var g in record.Goals)
            for (var i = 0; i < g.Scores.Count; i++)
            {
                var s = g.Scores[i];
                yield return new Observation
                {
                    Meta = new Meta { Profile = [FhirSystems.UkCoreObservation] },
                    Id = $"{g.Id}-{i + 1}",
                    Status = ObservationStatus.Final,
                    Code = new CodeableConcept(GoalScale, "score", "Goal attainment scaling (−2 to +2)", null),
                    Subject = Patient(record.PersonId),
                    Focus = [new ResourceReference($"Goal/{g.Id}")],
                    Effective = new FhirDateTime(s.At),
                    Value = new Integer(s.Score),
                    Note = [new Annotation { Text = $"At the {s.Stage.ToString().ToLowerInvariant()}: {g.Describe(s.Score)}{(s.Note is null ? "" : $". {s.Note}")}" }],
                };
            }
        if (record.UrgentAssessment is { } u)
            yield return UrgentAssessment(record, u);
    }

    /// <summary>The rapid response record as an Observation: the presenting problem (one of the 2-hour clinical conditions) as its value, what happened and the clinical notes as notes.</summary>
    private static Observation UrgentAssessment(CareRecordView record, Homeward.UrgentResponse.UrgentAssessmentView u) => new()
    {
        Meta = new Meta { Profile = [FhirSystems.UkCoreObservation] },
        Id = UrgentAssessmentId(record.EpisodeId),
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "exam")],
        Code = new CodeableConcept(UcrCodes, "presenting-problem", "Urgent community response: presenting problem", null),
        Subject = Patient(record.PersonId),
        Effective = new FhirDateTime(u.AssessedAt),
        Value = new CodeableConcept(UcrCodes, u.PresentingProblem.ToString(), u.PresentingProblemName, u.Presenting),
        Focus = [Episode(record.EpisodeId)],
        Note = [new Annotation { Text = u.Presenting }, new Annotation { Text = u.ClinicalNotes }],
    };

    /// <summary>The rapid response record's Observation id: one an episode.</summary>
    public static string UrgentAssessmentId(Guid episodeId) => $"ucr-{episodeId}";

    public static Hl7.Fhir.Model.Task FollowUpTask(FollowUpView f, Guid personId)
    {
        var task = new Hl7.Fhir.Model.Task
        {
            Id = f.Id.ToString(),
            Meta = new Meta { VersionId = f.Version.ToString(CultureInfo.InvariantCulture), Profile = [FhirSystems.UkCoreTask] },
            Status = f.Result is null ? Hl7.Fhir.Model.Task.TaskStatus.Requested : Hl7.Fhir.Model.Task.TaskStatus.Completed,
            Intent = Hl7.Fhir.Model.Task.TaskIntent.Order,
            Code = new CodeableConcept { Text = "91-day follow-up: is the person still at home?" },
            Description = $"Discharged {Day(f.DischargedOn)}; due {Day(f.DueOn)}{(f.Overdue ? " (overdue)" : "")}.",
            For = Patient(personId),
            Focus = Episode(f.EpisodeId),
            ExecutionPeriod = new Period { Start = Day(f.DueOn), End = f.CompletedAt is { } done ? Instant(done) : null },
            Note = [.. f.Attempts.Select(a => new Annotation { Time = Instant(a.At), Text = (a.Reached ? "Reached" : "Not reached") + (a.Notes is null ? "" : $": {a.Notes}") })],
        };
        if (f.Result is { } result)
        {
            task.BusinessStatus = new CodeableConcept(FollowUpCodes, result.ToString());
            task.Output.Add(new Hl7.Fhir.Model.Task.OutputComponent { Type = new CodeableConcept { Text = "result" }, Value = new CodeableConcept(FollowUpCodes, result.ToString()) });
        }
        return task;
    }

    public static IReadOnlyList<Hl7.Fhir.Model.Task.TaskStatus> TaskStatuses => [Hl7.Fhir.Model.Task.TaskStatus.Requested, Hl7.Fhir.Model.Task.TaskStatus.Completed];

    /// <summary>An ended (or discharged) episode as the Encounter of its care, with where the person went.</summary>
    public static Encounter? Ending(EpisodeView e)
    {
        if (e.StartedAt is null)
            return null;
        var encounter = new Encounter
        {
            Id = e.Id.ToString(),
            Meta = new Meta { Profile = [FhirSystems.UkCoreEncounter] },
            Status = e.Status == EpisodeStatus.Ended ? Encounter.EncounterStatus.Finished : Encounter.EncounterStatus.InProgress,
            Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "HH", "home health"),
            Subject = Patient(e.Person.Id),
            EpisodeOfCare = [Episode(e.Id)],
            Period = new Period { Start = Instant(e.StartedAt.Value), End = e.EndedAt is { } end ? Instant(end) : null },
        };
        if (e.Destination is { } destination || e.Sequel is not null)
        {
            encounter.Hospitalization = new Encounter.HospitalizationComponent();
            if (e.Destination is { } d)
                encounter.Hospitalization.DischargeDisposition = Destination(d);
            if (e.Sequel is { } sequel)
                encounter.Hospitalization.Extension.Add(new Extension(FhirSystems.Base + "/StructureDefinition/discharge-method", new Coding(FhirSystems.Sequel, sequel.ToString())));
        }
        return encounter;
    }

    /// <summary>
    /// Where the person went, in the UK Core value set (the NHS Data Dictionary's discharge destinations) and in
    /// Homeward's own finer code beside it (extra care housing and a nursing home are both places the national codes
    /// group with others).
    /// </summary>
    public static CodeableConcept Destination(Destination d)
    {
        var (code, display) = d switch
        {
            Episodes.Destination.UsualResidence or Episodes.Destination.ExtraCareHousing => ("19", "Usual place of residence"),
            Episodes.Destination.CareHome or Episodes.Destination.NursingHome => ("85", "Non-NHS (other than Local Authority) run Care Home"),
            Episodes.Destination.Hospital or Episodes.Destination.CommunityBed => ("51", "NHS other Hospital Provider - Ward for general patients or the younger physically disabled"),
            Episodes.Destination.Died => ("79", "Not applicable - Patient died or stillbirth"),
            _ => ("99", "Not known"),
        };
        return new CodeableConcept
        {
            Coding = [new Coding(FhirSystems.UkCoreDischargeDestination, code, display), new Coding(FhirSystems.Destination, d.ToString())],
        };
    }

    public static HealthcareService Service(CapacityView.ServiceView s) => new()
    {
        Id = s.Id.ToString(),
        Meta = new Meta { Profile = [FhirSystems.UkCoreHealthcareService] },
        Active = s.AcceptingAdmissions,
        Name = s.Name,
        ProvidedBy = new ResourceReference { Display = s.Organisation },
        Type = [new CodeableConcept(ServiceKindCodes, s.Kind.ToString())],
        Category = [new CodeableConcept(FhirSystems.Pathway, s.Pathway.ToString())],
        Comment = $"Capacity in {(s.Unit == CapacityUnit.Beds ? "beds" : "carer minutes")} a day{(s.DoubleHanded ? "; double-handed care" : "")}; " +
                  $"covers {(s.Localities.Count == 0 ? "no locality yet" : string.Join(", ", s.Localities))}.",
        CoverageArea = [.. s.Localities.Select(l => new ResourceReference { Display = l })],
    };

    public static Schedule Schedule(CapacityView.ServiceView s) => new()
    {
        Id = s.Id.ToString(),
        Meta = new Meta { Profile = [FhirSystems.UkCoreSchedule] },
        Active = s.AcceptingAdmissions,
        Actor = [new ResourceReference($"HealthcareService/{s.Id}", s.Name)],
        Comment = "One slot a day: the day's capacity, booked and free.",
    };

    /// <summary>One day of a service's capacity: free while anything is left.</summary>
    public static Slot DaySlot(CapacityView.ServiceView s, CapacityView.DayView d)
    {
        var unit = s.Unit == CapacityUnit.Beds ? "beds" : "carer minutes";
        var start = Common.London.At(d.Date, TimeOnly.MinValue);
        var end = Common.London.At(d.Date.AddDays(1), TimeOnly.MinValue);
        return new Slot
        {
            Id = $"{s.Id}-{d.Date:yyyyMMdd}",
            Meta = new Meta { Profile = [FhirSystems.UkCoreSlot] },
            Schedule = new ResourceReference($"Schedule/{s.Id}"),
            ServiceType = [new CodeableConcept(ServiceKindCodes, s.Kind.ToString())],
            Status = d.OverCommitted ? Slot.SlotStatus.BusyUnavailable : d.Free > 0 ? Slot.SlotStatus.Free : Slot.SlotStatus.Busy,
            StartElement = new Instant(start),
            EndElement = new Instant(end),
            Overbooked = d.OverCommitted,
            Comment = $"{d.Free:N0} of {d.Capacity:N0} {unit} free ({d.Booked:N0} booked).",
        };
    }
}
