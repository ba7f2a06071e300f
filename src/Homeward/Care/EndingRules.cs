using Homeward.Common;
using Homeward.Episodes;
using Homeward.Triage;

namespace Homeward.Care;

/// <summary>What an episode's care record holds, in the terms the ending rules ask about.</summary>
public sealed record CareSummary(
    bool Assessed, bool Planned, int Goals, int GoalsWithoutStartScore, int GoalsWithoutEndScore,
    IReadOnlySet<string> MeasuredAtStart, IReadOnlySet<string> MeasuredAtEnd, int UnrecordedPastVisits, bool HasUrgentOutcome,
    bool HasUrgentAssessment = false);

/// <summary>
/// What must be on the record before an episode may end (all problems at once, each naming the part of the
/// care record to complete). Reablement and rehabilitation need the assessment, the plan, at least one goal
/// scored at the start and the end, and the Barthel Index and hours of care at the start and the end; an
/// early cessation (death, admission) excuses the end scores. Rapid response needs its record (presenting problem and
/// clinical notes) and its outcome. No episode ends
/// with past visits unrecorded.
/// </summary>
public static class EndingRules
{
    public static bool IsReablementOrRehabilitation(Service? service) =>
        service is Service.Reablement or Service.HomeBasedIntermediateCare or Service.BedBasedIntermediateCare;

    public static Problems Missing(Service? service, Sequel? sequel, CareSummary care)
    {
        var problems = new Problems();
        if (care.UnrecordedPastVisits > 0)
            problems.Add("visits", $"Record the {care.UnrecordedPastVisits} past {(care.UnrecordedPastVisits == 1 ? "visit" : "visits")} still shown as planned (done or missed).");
        if (service == Service.UrgentCommunityResponse && !care.HasUrgentAssessment)
            problems.Add("urgentAssessment", "Record the rapid response record (presenting problem and clinical notes) first.");
        if (service == Service.UrgentCommunityResponse && !care.HasUrgentOutcome)
            problems.Add("urgentOutcome", "Record the urgent response outcome (stayed at home, conveyed to hospital or other) first.");
        if (!IsReablementOrRehabilitation(service))
            return problems;

        var early = sequel?.IsEarlyCessation() == true;
        if (!care.Assessed)
            problems.Add("assessment", "Record the holistic assessment first.");
        if (!care.Planned)
            problems.Add("plan", "Record the plan agreed with the person (what the service will and will not do, and the transition plan) first.");
        if (care.Goals == 0)
            problems.Add("goals", "Set at least one goal with the person first.");
        if (care.GoalsWithoutStartScore > 0)
            problems.Add("goals", $"Score {Count(care.GoalsWithoutStartScore, "goal")} at the start.");
        if (!early && care.GoalsWithoutEndScore > 0)
            problems.Add("goals", $"Score {Count(care.GoalsWithoutEndScore, "goal")} at the end.");
        foreach (var (code, name) in new[] { (Measures.Barthel, "the Barthel Index"), (Measures.CareHours, "the hours of care a week") })
        {
            if (!care.MeasuredAtStart.Contains(code))
                problems.Add($"measures.{code}", $"Record {name} at the start.");
            if (!early && !care.MeasuredAtEnd.Contains(code))
                problems.Add($"measures.{code}", $"Record {name} at the end.");
        }
        if (!early)
            foreach (var code in care.MeasuredAtStart.Except(care.MeasuredAtEnd).Except([Measures.Barthel, Measures.CareHours]).Order())
                problems.Add($"measures.{code}", $"This measure was taken at the start: record it at the end too.");
        return problems;
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
