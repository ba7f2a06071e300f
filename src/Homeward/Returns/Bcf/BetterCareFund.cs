using static Homeward.Returns.Cells;
using Homeward.Episodes;
using Homeward.Figures;
using Homeward.Referrals;

namespace Homeward.Returns.Bcf;

/// <summary>
/// The Better Care Fund 2025–26 metrics, as far as the partnership's own records can draw them. The discharge delay
/// metric is drawn in full from the Discharge Ready Date; the other two are population rates from national data
/// (hospital admissions from SUS, care home admissions from the council's Client Level Data), so Homeward gives the
/// part that passes through intermediate care, labelled so, and no rate.
/// </summary>
public static class BetterCareFund
{

    public const string DischargeDelay = "Average length of discharge delay for all acute adult patients";
    public const string EmergencyAdmissions = "Emergency admissions to hospital for people aged 65 and over";
    public const string CareHomeAdmissions = "Long-term admissions to residential and nursing care homes for people aged 65 and over";

    public static ReturnTable Build(IReadOnlyList<EpisodeFacts> facts, Period period)
    {
        var discharges = facts.Where(f => f.Route == Route.HospitalDischarge && f.DischargedOn is { } d && period.Contains(d)
                                          && f.DischargeReadyDate is not null && f.AgeOn(f.DischargedOn!.Value) >= 18).ToList();
        var delayed = discharges.Where(f => f.DelayDays > 0).ToList();
        var onTheDay = discharges.Count - delayed.Count;
        var ended = facts.Where(f => f.EndedOn is { } e && period.Contains(e) && f.AgeOn(e) >= 65).ToList();
        var admitted = ended.Count(f => f.Destination == Destination.Hospital)
                       + facts.Count(f => f.UrgentOutcome == UrgentOutcome.ConveyedToHospital && f.StartedOn is { } s && period.Contains(s) && f.AgeOn(s) >= 65);
        var careHomes = ended.Count(f => f.Destination is Destination.CareHome or Destination.NursingHome);
        List<IReadOnlyList<string>> rows =
        [
            [DischargeDelay, "Adults discharged with a discharge ready date", N(discharges.Count), "", "Drawn in full"],
            [DischargeDelay, "Discharged on their discharge ready date", N(onTheDay), Rate(onTheDay, discharges.Count), "Drawn in full"],
            [DischargeDelay, "Mean days delayed, of those not discharged on their ready date", Mean(delayed.Select(f => (double)f.DelayDays!.Value), "0.00"), "", "Drawn in full"],
            [DischargeDelay, "Average length of discharge delay (days), all adults discharged", Mean(discharges.Select(f => (double)f.DelayDays!.Value), "0.00"), "", "Drawn in full"],
            [EmergencyAdmissions, "People 65+ admitted to hospital from the partnership's care (an episode ended by admission, or conveyed by urgent community response)",
                N(admitted), "", "Part only: the metric counts every emergency admission (SUS) per 100,000 population"],
            [CareHomeAdmissions, "People 65+ whose intermediate care ended in a move to a residential or nursing home",
                N(careHomes), "", "Part only: the metric counts every long-term admission (the council's Client Level Data) per 100,000 population"],
        ];
        return new ReturnTable("bcf", "Better Care Fund 2025–26 metrics: what the partnership's records draw", period,
            ["Metric", "Measure", "Number", "Per cent", "Coverage"], rows,
            [
                "Discharge delay: adults (18+ on the discharge day) referred from a hospital ward and discharged in the period with a discharge ready date. The metric combines the share discharged on their ready date with the mean delay of the rest: it is the mean days delayed over all of them (0 for those discharged on the day).",
                "Local departure: the national figure covers every discharge from the acute trust; Homeward's covers those referred to the partnership.",
                "The other two metrics are rates per 100,000 population from national data; Homeward gives only the part that passed through intermediate care, to show its contribution, never as the metric.",
            ],
            Numbers: ["Number", "Per cent"]);
    }
}
