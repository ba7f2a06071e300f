using Homeward.Web.Infrastructure;
using Homeward.Access;
using Homeward.Care;
using Homeward.Common;
using Homeward.Episodes;
using Homeward.Visits;
using Homeward.Web.Auth;
using Homeward.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.Episodes;

/// <summary>
/// The care record of one episode: assessment, plan, goals and their scores, measures, reviews, visits, community
/// support, the rapid response outcome, and the ending, which is refused (with links to each gap) until the record
/// is complete. Each form posts to its own handler; refused input comes back with every problem and what was typed.
/// </summary>
[Needs(Right.ReadRecords, PersonRecord = true)]
public sealed class CareModel(GetEpisode episodes, GetCareRecord records, RecordVisit visits, ChangeEpisode change,
    MeasureCatalogue catalogue, Homeward.People.RightsRequests.ReadRightsRequests rights, TimeProvider clock) : ActingPage
{
    [FromRoute] public Guid Id { get; set; }
    /// <summary>"all" shows every visit; otherwise the unrecorded past, the last 3 days and the next 7.</summary>
    [FromQuery(Name = "visits")] public string? VisitsShown { get; set; }
    public EpisodeView Episode { get; private set; } = null!;
    public CareRecordView Record { get; private set; } = null!;
    public IReadOnlyList<MeasureDefinition> Measures { get; private set; } = [];
    /// <summary>A restriction in force or a disputed record: shown first.</summary>
    public IReadOnlyList<Homeward.People.RightsRequests.RightsNotice> Rights { get; private set; } = [];

    protected override string Here => $"/episodes/{Id}/care";

    protected override async Task Load(CancellationToken ct)
    {
        var actor = HttpContext.Actor();
        Episode = await episodes.Handle(Id, actor, ct);
        Record = await records.Handle(Id, actor, ct);
        Rights = await rights.For(Episode.Person.Id, actor, ct);
        Measures = await catalogue.All(ct);
    }

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public bool CanRecord => HttpContext.Actor().Has(Right.RecordCare)
                             && Record.Status is EpisodeStatus.Accepted or EpisodeStatus.Waiting or EpisodeStatus.Active;

    /// <summary>The carer is involved from the referral on, while discharge is planned (before care starts).</summary>
    public bool CanRecordCarer => HttpContext.Actor().Has(Right.RecordCare) && Homeward.Carers.RecordCarerInvolvement.Open.Contains(Record.Status);

    public bool CanEnd => HttpContext.Actor().Has(Right.StartOrEnd) && Record.Status.Allows(EpisodeStep.End);

    public DateOnly Today => London.Today(clock);

    public IEnumerable<VisitView> ShownVisits => VisitsShown == "all"
        ? Record.Visits
        : Record.Visits.Where(v => v.Status == VisitStatus.Planned && v.Date < Today || v.Date >= Today.AddDays(-3) && v.Date <= Today.AddDays(7));

    public Task<IActionResult> OnPostAssessmentAsync([FromServices] AssessPerson assess, AssessPerson.Input input, int? version, CancellationToken ct) =>
        Act("assessment", key => $"assessment-{key}", async () =>
        {
            await assess.Handle(Id, input, version, HttpContext.Actor(), ct);
            return "Assessment saved.";
        }, ct);

    public Task<IActionResult> OnPostPlanAsync([FromServices] AgreePlan agree, AgreePlan.Input input, int? version, CancellationToken ct) =>
        Act("plan", key => $"plan-{key}", async () =>
        {
            var record = await agree.Handle(Id, input, version, HttpContext.Actor(), ct);
            return $"Plan saved: {record.Visits.Count(v => v.Status == VisitStatus.Planned)} visits and {record.Reviews.Count(r => r.HeldAt is null)} reviews planned.";
        }, ct);

    public Task<IActionResult> OnPostGoalAsync([FromServices] SetGoal setGoal, string? text, string? category, int? startScore,
        GoalLevels.Input? levels, CancellationToken ct) =>
        Act("goal", key => $"goal-{key}", async () =>
        {
            await setGoal.Handle(Id, new SetGoal.Input(text, category, startScore, null, levels), HttpContext.Actor(), ct);
            return "Goal added.";
        }, ct);

    public Task<IActionResult> OnPostLevelsAsync([FromServices] DescribeGoal describe, Guid goalId, GoalLevels.Input? levels, CancellationToken ct) =>
        Act($"levels-{goalId}", key => $"{key}-{goalId}", async () =>
        {
            await describe.Handle(Id, goalId, levels ?? new GoalLevels.Input(null, null, null, null, null), HttpContext.Actor(), ct);
            return "What each score means is saved.";
        }, ct);

    public Task<IActionResult> OnPostScoreAsync([FromServices] ScoreGoal scoreGoal, Guid goalId, string? stage, int? score, string? note, CancellationToken ct) =>
        Act($"score-{goalId}", key => key == "levels" ? $"levels-{goalId}" : $"{key}-{goalId}", async () =>
        {
            await scoreGoal.Handle(Id, goalId, new ScoreGoal.Input(stage, score, note, null), HttpContext.Actor(), ct);
            return "Goal score saved.";
        }, ct);

    public Task<IActionResult> OnPostMeasureAsync([FromServices] RecordMeasure record, string measure, string? stage, CancellationToken ct) =>
        Act($"measure-{measure}", key => key.StartsWith("values.", StringComparison.Ordinal) ? $"{measure}-{key}" : $"{key}-{measure}", async () =>
        {
            // Each item arrives as values.{code}; a box left empty or not a number is reported by the use case by name.
            var values = Request.Form.Keys.Where(k => k.StartsWith("values.", StringComparison.Ordinal))
                .ToDictionary(k => k["values.".Length..], k => decimal.TryParse(Request.Form[k], System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : (decimal?)null);
            var saved = await record.Handle(Id, new RecordMeasure.Input(measure, stage, values, null), HttpContext.Actor(), ct);
            var result = saved.Measures[^1];
            return $"{result.Name} at the {result.Stage.ToString().ToLowerInvariant()}: {result.Total:0.##}.";
        }, ct);

    public Task<IActionResult> OnPostReviewAsync([FromServices] HoldReview holdReview, Guid reviewId, string? notes, CancellationToken ct) =>
        Act($"review-{reviewId}", key => $"{key}-{reviewId}", async () =>
        {
            await holdReview.Handle(Id, reviewId, new HoldReview.Input(notes, null), HttpContext.Actor(), ct);
            return "Review recorded.";
        }, ct);

    public Task<IActionResult> OnPostSupportAsync([FromServices] SignpostSupport signpost, SignpostSupport.Input input, CancellationToken ct) =>
        Act("support", key => $"support-{key}", async () =>
        {
            await signpost.Handle(Id, input, HttpContext.Actor(), ct);
            return "Community support recorded.";
        }, ct);

    public Task<IActionResult> OnPostObservationAsync([FromServices] Homeward.Deterioration.RecordObservation record, string[]? softSigns, string? respirationRate,
        string? spO2, string? systolicBp, string? pulse, string? temperature, string? consciousness, bool? onOxygen, bool? scale2, string? notes, CancellationToken ct) =>
        Act("observation", key => $"observation-{(key.StartsWith("softSigns", StringComparison.Ordinal) ? "softSigns" : key)}", async () =>
        {
            // Typed numbers are read here, so a number that is not one is said by its field rather than lost.
            var problems = new Homeward.Common.Problems();
            int? Whole(string field, string? text) => string.IsNullOrWhiteSpace(text) ? null
                : int.TryParse(text.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
                : Refuse<int>(problems, field, "Enter a whole number.");
            var input = new Homeward.Deterioration.RecordObservation.Input
            {
                SoftSigns = softSigns ?? [], RespirationRate = Whole("respirationRate", respirationRate), SpO2 = Whole("spO2", spO2),
                SystolicBp = Whole("systolicBp", systolicBp), Pulse = Whole("pulse", pulse), Consciousness = consciousness, OnOxygen = onOxygen, Scale2 = scale2,
                Temperature = string.IsNullOrWhiteSpace(temperature) ? null
                    : decimal.TryParse(temperature.Trim(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var t) ? t
                    : Refuse<decimal>(problems, "temperature", "Enter the temperature as a number, like 37.2."),
                Notes = notes,
            };
            problems.ThrowIfAny();
            var view = await record.Handle(Id, input, HttpContext.Actor(), ct);
            return view.Observations.FirstOrDefault()?.StepUp == true
                ? "Recorded. The hub and the rapid response team have been told: step up."
                : "Recorded.";
        }, ct);

    public Task<IActionResult> OnPostCarerAsync([FromServices] Homeward.Carers.RecordCarerInvolvement record, Homeward.Carers.RecordCarerInvolvement.Input input,
        CancellationToken ct) =>
        Act($"carer-{input.Step}", key => $"carer-{input.Step}-{key}", async () =>
        {
            await record.Handle(Id, input, HttpContext.Actor(), ct);
            return "Unpaid carer's involvement recorded.";
        }, ct);

    private static T? Refuse<T>(Homeward.Common.Problems problems, string field, string message) where T : struct
    {
        problems.Add(field, message);
        return null;
    }

    /// <summary>Times are typed as London clock times on the visit's day.</summary>
    public Task<IActionResult> OnPostVisitAsync(Guid visitId, DateOnly date, string? outcome, string? arrived, string? left, string? missedReason,
        string? notes, CancellationToken ct) =>
        Act($"visit-{visitId}", key => $"{key}-{visitId}", async () =>
        {
            var problems = new Problems();
            var arrivedAt = ClockTime(problems, "arrivedAt", arrived, date, outcome);
            var leftAt = ClockTime(problems, "leftAt", left, date, outcome);
            problems.ThrowIfAny();
            var visit = await visits.Handle(visitId, new RecordVisit.Input
            {
                Outcome = outcome, ArrivedAt = arrivedAt, LeftAt = leftAt, MissedReason = missedReason, Notes = notes,
            }, HttpContext.Actor(), ct);
            return $"Visit on {Labels.Day(visit.Date)} recorded as {visit.Status.ToString().ToLowerInvariant()}.";
        }, ct);

    private static string? ClockTime(Problems problems, string field, string? typed, DateOnly date, string? outcome)
    {
        if (string.IsNullOrWhiteSpace(typed) || outcome != nameof(RecordVisit.Outcome.Done))
            return null;
        return Homeward.Web.Infrastructure.ClockTime.On(problems, field, typed, date, "Enter a time like 09:30.");
    }

    public Task<IActionResult> OnPostUrgentAsync([FromServices] Homeward.UrgentResponse.RecordUrgentAssessment record,
        Homeward.UrgentResponse.RecordUrgentAssessment.Input input, int? version, CancellationToken ct) =>
        Act("urgent", key => key == "at" ? "urgentAssessment" : key, async () =>
        {
            await record.Handle(Id, input, version, HttpContext.Actor(), ct);
            return "Rapid response record saved.";
        }, ct);

    public Task<IActionResult> OnPostOutcomeAsync(string? outcome, string? reason, int version, CancellationToken ct) =>
        Act("outcome", key => key == "reason" ? "outcome-reason" : key == "outcome" ? "urgentOutcome" : key, async () =>
        {
            await change.Handle(Id, new ChangeEpisode.OutcomeStep(outcome, reason), version, HttpContext.Actor(), ct);
            return "Urgent response outcome recorded.";
        }, ct);

    public Task<IActionResult> OnPostEndAsync(string? sequel, string? destination, string? notes, int version, CancellationToken ct) =>
        Act("end", key => key is "sequel" or "destination" or "notes" ? $"end-{key}" : key, async () =>
        {
            var episode = await change.Handle(Id, new ChangeEpisode.EndStep(sequel, destination, notes), version, HttpContext.Actor(), ct);
            return $"Episode ended: {Labels.Split(episode.Sequel.ToString()!)}.";
        }, ct);
}
