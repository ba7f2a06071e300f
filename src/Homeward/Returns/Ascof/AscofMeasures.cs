using static Homeward.Returns.Cells;
using System.Globalization;
using Homeward.Episodes;
using Homeward.Figures;
using Homeward.FollowUps;
using Homeward.People;
using Homeward.Referrals;
using Homeward.Returns.ClientLevelData;
using Homeward.Triage;
using static Homeward.Returns.ClientLevelData.CldSpecification;

namespace Homeward.Returns.Ascof;

/// <summary>
/// The refreshed Adult Social Care Outcomes Framework measures about intermediate care, computed from the same
/// events Homeward sends in Client Level Data, following DHSC's published method (docs/metrics.md), and the former
/// SALT-based 91-day measure kept as a local measure. Pure functions of the facts.
/// </summary>
public static class AscofMeasures
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>ASCOF 2A's final outcomes that count in the denominator, and of those, the ones that count as success.</summary>
    public static readonly string[] Denominator2A =
    [
        ServiceTypes.Community, ServiceTypes.Nursing, ServiceTypes.Residential, ServiceTypes.Prison, ServiceTypes.OngoingLowLevel,
        ServiceTypes.OtherShortTerm, ResidentialOrNursing, Outcomes.Signposted, Outcomes.EndedAsPlanned, Outcomes.MovedAway, Outcomes.Other,
        Outcomes.NoServicesOther, Outcomes.EndedOther, Outcomes.WithinCouncil,
    ];

    public static readonly string[] Numerator2A =
    [
        ServiceTypes.OngoingLowLevel, ServiceTypes.OtherShortTerm, Outcomes.Signposted, Outcomes.EndedAsPlanned, Outcomes.MovedAway,
        Outcomes.Other, Outcomes.NoServicesOther, Outcomes.EndedOther, Outcomes.WithinCouncil,
    ];

    public const string ResidentialOrNursing = "Short term support: Residential or Nursing care";

    /// <summary>A run of short-term support for one person: episodes starting within 7 days of the last one's end.</summary>
    public sealed record Cluster(Guid PersonId, DateOnly Start, DateOnly? End, EpisodeFacts Last, IReadOnlyList<EpisodeFacts> Episodes);

    /// <summary>Clusters ST-Max episodes as DHSC does: overlapping or starting within 7 days of the previous end.</summary>
    public static IReadOnlyList<Cluster> Clusters(IEnumerable<EpisodeFacts> stMax)
    {
        var clusters = new List<Cluster>();
        foreach (var person in stMax.Where(f => f.StartedOn is not null).GroupBy(f => f.PersonId))
        {
            List<EpisodeFacts> current = [];
            DateOnly? end = null;
            foreach (var f in person.OrderBy(f => f.StartedOn).ThenBy(f => f.EndedOn ?? DateOnly.MaxValue))
            {
                if (current.Count > 0 && (end is null || f.StartedOn!.Value.DayNumber - end.Value.DayNumber <= 7))
                {
                    current.Add(f);
                    end = end is null || f.EndedOn is null ? null : f.EndedOn > end ? f.EndedOn : end;
                    continue;
                }
                if (current.Count > 0)
                    clusters.Add(Close(current, end));
                current = [f];
                end = f.EndedOn;
            }
            clusters.Add(Close(current, end));
        }
        return clusters;

        static Cluster Close(List<EpisodeFacts> episodes, DateOnly? end) =>
            new(episodes[0].PersonId, episodes.Min(e => e.StartedOn!.Value), end, episodes.MaxBy(e => e.EndedOn ?? DateOnly.MaxValue)!, episodes);
    }

    /// <summary>ASCOF 2A's final outcome of a run of short-term support, in the order DHSC's method looks for it.</summary>
    public static string FinalOutcome(EpisodeFacts last) => (last.Sequel, last.Destination) switch
    {
        (_, Destination.Died) => Outcomes.Deceased,
        (_, Destination.Hospital) => Outcomes.AdmittedToHospital,
        (Sequel.LongTermSupport or Sequel.EarlyCessationLeadingToLongTermSupport, Destination.NursingHome) => ServiceTypes.Nursing,
        (Sequel.LongTermSupport or Sequel.EarlyCessationLeadingToLongTermSupport, Destination.CareHome) => ServiceTypes.Residential,
        (Sequel.LongTermSupport or Sequel.EarlyCessationLeadingToLongTermSupport, _) => ServiceTypes.Community,
        (Sequel.OngoingLowLevelSupport, _) => ServiceTypes.OngoingLowLevel,
        (Sequel.OtherShortTermSupport, Destination.CareHome or Destination.NursingHome or Destination.CommunityBed) => ResidentialOrNursing,
        (Sequel.OtherShortTermSupport, _) => ServiceTypes.OtherShortTerm,
        _ => ClientLevelData.ClientLevelData.Outcome(last),
    };

    /// <summary>
    /// ASCOF 2A: of new clients (no long-term support when referred) aged 18+ whose run of short-term support (ST-Max,
    /// council provided or arranged) ended in the period, the share whose final outcome asked for no ongoing support.
    /// </summary>
    public static ReturnTable Ascof2A(IReadOnlyList<EpisodeFacts> facts, Period period)
    {
        var ended = Clusters(facts.Where(ClientLevelData.ClientLevelData.IsCouncilStMax))
            .Where(c => c.End is { } e && period.Contains(e) && c.Last.AgeOn(e) >= 18 && !c.Episodes.Any(x => x.ExistingClient))
            .Select(c => (Cluster: c, Outcome: FinalOutcome(c.Last), Band: c.Last.AgeOn(c.End!.Value) >= 65 ? "65 and above" : "18 to 64"))
            .ToList();
        List<IReadOnlyList<string>> rows = [];
        foreach (var band in new[] { "Total", "18 to 64", "65 and above" })
        {
            var these = ended.Where(x => band == "Total" || x.Band == band).ToList();
            rows.Add(Row("2A", band, these.Count(x => Numerator2A.Contains(x.Outcome)), these.Count(x => Denominator2A.Contains(x.Outcome))));
        }
        foreach (var outcome in ended.GroupBy(x => x.Outcome).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
            rows.Add(["2A detail", outcome.Key, N(outcome.Count()), "",
                Numerator2A.Contains(outcome.Key) ? "numerator and denominator" : Denominator2A.Contains(outcome.Key) ? "denominator only" : "left out"]);
        return new ReturnTable("ascof-2a",
            "ASCOF 2A: new clients whose short-term support was followed by no request for ongoing support", period,
            ["Measure", "Group", "Numerator", "Denominator", "Value (%)"], rows,
            [
                "Short-term support: reablement and intermediate care (ST-Max) that the council provides or arranges; episodes of one person starting within 7 days of the last one's end are one run.",
                "Counted when the run ends in the period (normally a financial year); new clients only (not receiving long-term support when referred); 18 and over on the last day.",
                "Success: ongoing low-level or other short-term support, or no further action (signposted, ended as planned, ended for another reason, moved away, referred within the council, other).",
                "Left out of both: died within the run, admitted to hospital, support declined, self-funded, referred to the NHS.",
            ],
            Numbers: ["Numerator", "Denominator", "Value (%)"]);
    }

    /// <summary>Days after discharge within which ASCOF 2D looks for death, readmission or a care home (12 weeks).</summary>
    public const int TwelveWeeks = 84;

    /// <summary>
    /// ASCOF 2D: people 65+ discharged from hospital into reablement in the period. Part 1: the share who remained in the
    /// community for 12 weeks (no death, emergency readmission or move into residential or nursing care within 84 days
    /// of discharge). Part 2: discharges into reablement ÷ discharges.
    /// </summary>
    public static ReturnTable Ascof2D(IReadOnlyList<EpisodeFacts> facts, Period period, DateOnly today)
    {
        var byPerson = facts.ToLookup(f => f.PersonId);
        var discharges = facts.Where(f => f.Route == Route.HospitalDischarge && f.DischargedOn is { } d && period.Contains(d) && f.AgeOn(d) >= 65
                                          && f.UsualResidence is not (UsualResidence.CareHome or UsualResidence.NursingHome)).ToList();
        var intoReablement = discharges.Where(f => ClientLevelData.ClientLevelData.IsCouncilStMax(f) && f.Service != Service.BedBasedIntermediateCare
                                                   && f.StartedOn is { } s && s.DayNumber - f.DischargedOn!.Value.DayNumber is >= -7 and <= 3).ToList();
        var notDue = intoReablement.Where(f => f.DischargedOn!.Value.AddDays(TwelveWeeks) > today).ToList();
        var due = intoReablement.Except(notDue).Select(f => (Facts: f, Outcome: TwelveWeekOutcome(f, byPerson[f.PersonId]))).ToList();
        var complete = notDue.Count == 0;
        var remained = due.Count(x => x.Outcome == "Remained in the community");

        List<IReadOnlyList<string>> rows =
        [
            complete ? Row("2D part 1", "Remained in the community 12 weeks after discharge into reablement", remained, due.Count)
                     : ["2D part 1", "Remained in the community 12 weeks after discharge into reablement", N(remained), N(due.Count), ""],
            Row("2D part 2", "Discharged into reablement (of discharges of people 65+ referred to the partnership)", intoReablement.Count, discharges.Count),
            ["2D part 1 detail", "12 weeks not yet passed (no rate until every one has)", N(notDue.Count), "", ""],
        ];
        foreach (var outcome in new[] { "Remained in the community", "Died", "Readmitted to hospital", "Moved into residential or nursing care" })
            rows.Add(["2D part 1 detail", outcome, N(due.Count(x => x.Outcome.Contains(outcome, StringComparison.Ordinal))), "", ""]);
        return new ReturnTable("ascof-2d",
            "ASCOF 2D: people 65+ discharged from hospital into reablement who remained in the community for 12 weeks", period,
            ["Measure", "Description", "Numerator", "Denominator", "Value (%)"], rows,
            [
                "Discharges in the period (normally a financial year) of people 65 and over on the discharge day, not already living in a care or nursing home, into reablement the council provides or arranges starting from 7 days before to 3 days after the discharge.",
                "Not remaining in the community: died, readmitted to hospital, or moved into residential or nursing care within 84 days of discharge (as Homeward knows them: the episode's end, later referrals from hospital, care home placements).",
                complete ? "Every discharge has passed its 12 weeks." : $"{notDue.Count} discharges have not yet passed 12 weeks: part 1 has no rate until they have.",
                "Part 2's denominator is the discharges referred to the partnership; the national measure takes every discharge from hospital data (SUS).",
            ],
            Numbers: ["Numerator", "Denominator", "Value (%)"]);
    }

    /// <summary>What happened within 12 weeks of a discharge into reablement, as the person's episodes tell it.</summary>
    public static string TwelveWeekOutcome(EpisodeFacts discharge, IEnumerable<EpisodeFacts> theirs)
    {
        var d = discharge.DischargedOn!.Value;
        var last = d.AddDays(TwelveWeeks);
        bool Within(DateOnly? day, bool after = false) => day is { } x && (after ? x > d : x >= d) && x <= last;
        var all = theirs.ToList();
        List<string> what = [];
        if (all.Any(f => f.Destination == Destination.Died && Within(f.EndedOn)))
            what.Add("Died");
        if (all.Any(f => f.Destination == Destination.Hospital && Within(f.EndedOn))
            || all.Any(f => f.EpisodeId != discharge.EpisodeId && f.Route == Route.HospitalDischarge && Within(f.AdmittedOn, after: true)))
            what.Add("Readmitted to hospital");
        if (all.Any(f => f.Destination is Destination.CareHome or Destination.NursingHome && Within(f.EndedOn))
            || all.Any(f => f.Service == Service.CareHomePlacement && Within(f.StartedOn)))
            what.Add("Moved into residential or nursing care");
        return what.Count == 0 ? "Remained in the community" : string.Join("; ", what);
    }

    /// <summary>
    /// Local measure (the former SALT-based ASCOF 2B): of people 65+ discharged in the period into reablement or
    /// rehabilitation, the share at home at the 91-day follow-up; follow-ups not yet due shown apart, and no rate
    /// while any is still to come.
    /// </summary>
    public static ReturnTable Local91Days(IReadOnlyList<EpisodeFacts> facts, Period period, DateOnly today)
    {
        var discharged65 = facts.Where(f => f.Route == Route.HospitalDischarge && f.DischargedOn is { } d && period.Contains(d)
                                            && f.AgeOn(d) >= FollowUp.Age).ToList();
        var intoReablement = discharged65.Where(f => FollowUp.Applies(f.Service, true, f.AgeOn(f.DischargedOn!.Value))).ToList();
        var notDue = intoReablement.Where(f => f.DischargedOn!.Value.AddDays(FollowUp.Days) > today).ToList();
        var due = intoReablement.Except(notDue).ToList();
        var atHome = due.Count(f => f.FollowUpResult == FollowUpResult.AtHome);
        var noResult = due.Count(f => f.FollowUpResult is null);
        var complete = notDue.Count == 0;
        List<IReadOnlyList<string>> rows =
        [
            complete ? Row("Local 91 days", "Still at home 91 days after discharge", atHome, due.Count)
                     : ["Local 91 days", "Still at home 91 days after discharge", N(atHome), N(due.Count), ""],
            Row("Local offered", "Discharged into reablement or rehabilitation", intoReablement.Count, discharged65.Count),
            ["Local 91 days detail", "Follow-ups not yet due (no rate until every one is)", N(notDue.Count), "", ""],
        ];
        foreach (var result in Enum.GetValues<FollowUpResult>())
            rows.Add(["Local 91 days detail", $"91 days: {Common.Words.Of(result)}", N(due.Count(f => f.FollowUpResult == result)), "", ""]);
        rows.Add(["Local 91 days detail", "91 days: due, no result recorded (counted not at home)", N(noResult), "", ""]);
        return new ReturnTable("local-91-days",
            "Local measure: older people at home 91 days after discharge into reablement or rehabilitation (the former SALT-based ASCOF 2B, no longer collected)",
            period, ["Measure", "Description", "Numerator", "Denominator", "Value (%)"], rows,
            [
                "A local measure: ASCOF 2B(1)/2B(2) were collected through SALT until 2023-24 and are no longer national measures (ASCOF 2D replaced them).",
                "People 65+ on the day they left hospital, discharged in the period (normally 1 October to 31 December).",
                "Not at home: in hospital, in a care home, died, not contactable, or a due follow-up with no result.",
                complete ? "Every follow-up is due." : $"{notDue.Count} follow-ups are not yet due: no rate until they are.",
                noResult > 0 ? $"{noResult} due follow-ups have no result yet: record them." : "Every due follow-up has a result.",
            ],
            Numbers: ["Numerator", "Denominator", "Value (%)"]);
    }

    private static IReadOnlyList<string> Row(string measure, string description, int numerator, int denominator) =>
        [measure, description, N(numerator), N(denominator), denominator == 0 ? "" : (100m * numerator / denominator).ToString("0.0", Invariant)];
}
