using System.Globalization;
using Homeward.Care;
using Homeward.Common;
using Homeward.Episodes;
using Homeward.Figures;
using Homeward.FollowUps;
using Homeward.Referrals;
using Homeward.Triage;

namespace Homeward.Returns;

/// <summary>
/// The national returns, computed from the same facts as the figures (never typed twice). Pure: each takes the
/// facts and a period and gives the table. <c>docs/metrics.md</c> states each one's inclusions and exclusions.
/// </summary>
public static class NationalReturns
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Short-term support to maximise independence: reablement and rehabilitation, at home or in a bed.</summary>
    public static bool IsShortTermSupport(EpisodeFacts f) => EndingRules.IsReablementOrRehabilitation(f.Service);

    /// <summary>SALT's route of access.</summary>
    public static string RouteOfAccess(Route route) => route switch
    {
        Route.HospitalDischarge => "Discharge from hospital",
        Route.EmergencyDepartment or Route.UrgentCommunityResponse => "Diversion from hospital services",
        _ => "Community / other route",
    };

    private static readonly string[] Routes = ["Discharge from hospital", "Diversion from hospital services", "Community / other route", "Prison"];

    private static IEnumerable<EpisodeFacts> EndedShortTermSupport(IEnumerable<EpisodeFacts> facts, Period period) =>
        facts.Where(f => IsShortTermSupport(f) && f.Status == EpisodeStatus.Ended && f.Sequel is not null && period.Contains(f.EndedOn!.Value));

    public static ReturnTable Ascof2B(IReadOnlyList<EpisodeFacts> facts, Period period)
    {
        var discharged65 = facts.Where(f => f.Route == Route.HospitalDischarge && f.DischargedOn is { } d && period.Contains(d)
                                            && f.AgeOn(d) >= FollowUp.Age).ToList();
        var intoReablement = discharged65.Where(f => FollowUp.Applies(f.Service, true, f.AgeOn(f.DischargedOn!.Value))).ToList();
        var atHome = intoReablement.Count(f => f.FollowUpResult == FollowUpResult.AtHome);
        var noResult = intoReablement.Count(f => f.FollowUpResult is null);
        List<IReadOnlyList<string>> rows =
        [
            Row("2B(1)", "Still at home 91 days after discharge", atHome, intoReablement.Count),
            Row("2B(2)", "Discharged into reablement or rehabilitation", intoReablement.Count, discharged65.Count),
        ];
        foreach (var result in Enum.GetValues<FollowUpResult>())
            rows.Add(["2B(1) detail", $"91 days: {result}", N(intoReablement.Count(f => f.FollowUpResult == result)), "", ""]);
        rows.Add(["2B(1) detail", "91 days: no result recorded (counted not at home)", N(noResult), "", ""]);
        return new ReturnTable("ascof-2b", "ASCOF 2B(1) and 2B(2): older people at home 91 days after hospital discharge into reablement or rehabilitation",
            period, ["Measure", "Description", "Numerator", "Denominator", "Value (%)"], rows,
            [
                "People 65+ on the day they left hospital, discharged in the period (normally 1 October to 31 December).",
                "Not at home: in hospital, in a care home, died, not contactable, or no result recorded.",
                "2B(2) denominator: every hospital discharge of a person 65+ referred to the partnership, not every discharge from the hospitals.",
                noResult > 0 ? $"{noResult} follow-ups have no result yet: record them before submitting." : "Every follow-up has a result.",
            ]);
    }

    private static readonly Sequel[] Ascof2DSuccess = [Sequel.OngoingLowLevelSupport, Sequel.OtherShortTermSupport, Sequel.UniversalServicesOrSignposted, Sequel.NoIdentifiedNeeds];
    private static readonly Sequel[] Ascof2DExcluded = [Sequel.EarlyCessationNhsFundedEndOfLifeOrDeath, Sequel.EarlyCessationOtherReason, Sequel.SupportDeclined, Sequel.SelfFunded];

    public static ReturnTable Ascof2D(IReadOnlyList<EpisodeFacts> facts, Period period)
    {
        var newClients = EndedShortTermSupport(facts, period).Where(f => !f.ExistingClient).ToList();
        var counted = newClients.Where(f => !Ascof2DExcluded.Contains(f.Sequel!.Value)).ToList();
        var success = counted.Count(f => Ascof2DSuccess.Contains(f.Sequel!.Value));
        List<IReadOnlyList<string>> rows = [Row("2D", "New clients needing no long-term support after short-term support", success, counted.Count)];
        rows.AddRange(Enum.GetValues<Sequel>().Where(s => !s.IsExistingClientOnly())
            .Select(s => (IReadOnlyList<string>)["2D detail", s.ToString(), N(newClients.Count(f => f.Sequel == s)), "", Ascof2DExcluded.Contains(s) ? "excluded" : Ascof2DSuccess.Contains(s) ? "success" : "counted"]));
        return new ReturnTable("ascof-2d", "ASCOF 2D: outcome of short-term services (sequel to service)", period,
            ["Measure", "Description", "Numerator", "Denominator", "Value (%)"], rows,
            ["New clients (not already receiving long-term support) whose reablement or rehabilitation ended in the period.",
             "Success: ongoing low-level support, other short-term support, universal services or signposting, no identified needs.",
             "Left out of both: early cessation for NHS-funded care, end of life or death; early cessation for another reason; support declined; self-funded."]);
    }

    /// <summary>STS001: requests for support from new clients received in the period, by route of access and what happened.</summary>
    public static ReturnTable Sts001(IReadOnlyList<EpisodeFacts> facts, Period period)
    {
        string[] outcomes = ["Short-term support to maximise independence", "Long-term support (new care home placement)", "Urgent response or no new support",
            "Declined", "Cancelled", "Still being decided"];
        string Outcome(EpisodeFacts f) => f.Status switch
        {
            EpisodeStatus.Declined => outcomes[3],
            EpisodeStatus.Cancelled => outcomes[4],
            EpisodeStatus.Referred or EpisodeStatus.Triaged => outcomes[5],
            _ when IsShortTermSupport(f) => outcomes[0],
            _ when f.Service == Service.CareHomePlacement => outcomes[1],
            _ => outcomes[2],
        };
        var requests = facts.Where(f => !f.ExistingClient && period.Contains(f.ReferredOn)).ToList();
        return Grid("sts001", "STS001: requests for support from new clients, by route of access and what happened next", period,
            "What happened", outcomes, requests, Outcome,
            ["Every referral received in the period for a person not already receiving long-term support; each referral is a request."]);
    }

    /// <summary>STS002a: new clients whose short-term support ended in the period, by sequel and route of access.</summary>
    public static ReturnTable Sts002a(IReadOnlyList<EpisodeFacts> facts, Period period) =>
        Grid("sts002a", "STS002a: new clients who received short-term support to maximise independence, by what happened next (sequel)", period,
            "Sequel", [.. Enum.GetValues<Sequel>().Where(s => !s.IsExistingClientOnly()).Select(s => s.ToString())],
            [.. EndedShortTermSupport(facts, period).Where(f => !f.ExistingClient)], f => f.Sequel!.Value.ToString(),
            ["Counted once per episode of reablement or rehabilitation that ended in the period."]);

    /// <summary>STS002b: existing clients whose short-term support ended in the period, by sequel and route of access.</summary>
    public static ReturnTable Sts002b(IReadOnlyList<EpisodeFacts> facts, Period period) =>
        Grid("sts002b", "STS002b: existing clients who received short-term support to maximise independence, by what happened next (sequel)", period,
            "Sequel", [.. Enum.GetValues<Sequel>().Select(s => s.ToString())],
            [.. EndedShortTermSupport(facts, period).Where(f => f.ExistingClient)], f => f.Sequel!.Value.ToString(),
            ["Existing clients: people already receiving long-term support when referred."]);

    /// <summary>STS004: everyone whose short-term support ended in the period, by age band and gender, new and existing.</summary>
    public static ReturnTable Sts004(IReadOnlyList<EpisodeFacts> facts, Period period)
    {
        var ended = EndedShortTermSupport(facts, period).ToList();
        string[] bands = ["18-64", "65-74", "75-84", "85 and over"];
        string Band(EpisodeFacts f) => f.AgeOn(f.EndedOn!.Value) switch { < 65 => bands[0], < 75 => bands[1], < 85 => bands[2], _ => bands[3] };
        var rows = (from band in bands
                    from gender in new[] { People.Gender.Female, People.Gender.Male, People.Gender.Other, People.Gender.NotKnown }
                    let people = ended.Where(f => Band(f) == band && f.Gender == gender).ToList()
                    select (IReadOnlyList<string>)[band, gender.ToString(), N(people.Count(f => !f.ExistingClient)), N(people.Count(f => f.ExistingClient)), N(people.Count)]).ToList();
        rows.Add(["Total", "", N(ended.Count(f => !f.ExistingClient)), N(ended.Count(f => f.ExistingClient)), N(ended.Count)]);
        return new ReturnTable("sts004", "STS004: clients who received short-term support to maximise independence, by age band and gender", period,
            ["Age band", "Gender", "New clients", "Existing clients", "All"], rows, ["Age on the day the support ended."]);
    }

    /// <summary>Client Level Data: one row per event; requests, assessments and reviews completed in the period, services active in it.</summary>
    public static ReturnTable Cld(IReadOnlyList<EpisodeFacts> facts, Period period, string councilCode)
    {
        var rows = new List<IReadOnlyList<string>>();
        IReadOnlyList<string> Event(EpisodeFacts f, string type, DateOnly start, DateOnly? end, string description, string outcome) =>
        [
            councilCode, f.PersonId.ToString(), f.NhsNumber, f.DateOfBirth.ToString("yyyy-MM-dd", Invariant), f.Gender.ToString(), "Not stated",
            f.GpPractice ?? "", type, f.EpisodeId.ToString(), start.ToString("yyyy-MM-dd", Invariant), end?.ToString("yyyy-MM-dd", Invariant) ?? "",
            RouteOfAccess(f.Route), description, outcome,
        ];
        foreach (var f in facts.Where(f => f.Status != EpisodeStatus.Cancelled))
        {
            if (period.Contains(f.ReferredOn))
                rows.Add(Event(f, "Request", f.ReferredOn, f.ReferredOn, f.Route.ToString(),
                    f.Status == EpisodeStatus.Declined ? "Declined" : f.Service?.ToString() ?? "Not yet decided"));
            if (f.AssessedAt is { } assessed && period.Contains(London.DateOf(assessed)))
                rows.Add(Event(f, "Assessment", London.DateOf(assessed), London.DateOf(assessed), "Holistic assessment", f.Service?.ToString() ?? ""));
            if (f.StartedAt is { } started && London.DateOf(started) <= period.To && (f.EndedOn is not { } ended || ended >= period.From))
                rows.Add(Event(f, "Service", London.DateOf(started), f.EndedOn is { } e && e <= period.To ? e : null, f.Service?.ToString() ?? "",
                    f.EndedOn is { } e2 && e2 <= period.To ? f.Sequel?.ToString() ?? "" : "Ongoing"));
            foreach (var held in f.ReviewsHeldAt.Where(h => period.Contains(London.DateOf(h))))
                rows.Add(Event(f, "Review", London.DateOf(held), London.DateOf(held), "Review of short-term support", ""));
        }
        return new ReturnTable("cld", "Client Level Data: Request, Assessment, Service and Review events", period,
            ["LA_Code", "Client_ID", "NHS_Number", "Date_of_Birth", "Gender", "Ethnicity", "GP_Practice", "Event_Type", "Event_Reference",
             "Event_Start_Date", "Event_End_Date", "Route_of_Access", "Event_Description", "Event_Outcome"],
            [.. rows.OrderBy(r => r[9], StringComparer.Ordinal).ThenBy(r => r[7], StringComparer.Ordinal).ThenBy(r => r[8], StringComparer.Ordinal)],
            ["Requests, assessments and reviews completed in the period; services active in it (open ones have no end date). Cancelled episodes are left out.",
             "Ethnicity is not recorded by Homeward yet: reported as Not stated."]);
    }

    /// <summary>The weekly intermediate care collection: per week and service group, people received, ended, waits and delay reasons.</summary>
    public static ReturnTable WeeklyIntermediateCare(IReadOnlyList<EpisodeFacts> facts, Period period, DateTimeOffset now)
    {
        var rows = new List<IReadOnlyList<string>>();
        var monday = period.From.AddDays(-(((int)period.From.DayOfWeek + 6) % 7));
        (string Name, Service[] Services)[] groups =
        [
            ("Home-based (reablement and intermediate care at home)", [Service.Reablement, Service.HomeBasedIntermediateCare]),
            ("Bed-based intermediate care", [Service.BedBasedIntermediateCare]),
            ("Urgent community response", [Service.UrgentCommunityResponse]),
        ];
        // Each episode's London dates are worked out once, not once a week.
        var dated = groups.Select(g => facts.Where(f => f.Service is { } s && g.Services.Contains(s))
            .Select(f => (Facts: f, StartedOn: f.StartedAt is { } s ? London.DateOf(s) : (DateOnly?)null, EndedOn: f.EndedOn)).ToList()).ToList();
        for (var week = monday; week <= period.To; week = week.AddDays(7))
        {
            var sunday = week.AddDays(6);
            var endOfWeek = London.At(week.AddDays(7), TimeOnly.MinValue);
            var over = endOfWeek <= now;
            for (var g = 0; g < groups.Length; g++)
            {
                var received = dated[g].Where(x => x.StartedOn >= week && x.StartedOn <= sunday).Select(x => x.Facts).ToList();
                var left = dated[g].Where(x => x.EndedOn >= week && x.EndedOn <= sunday).Select(x => x.Facts).ToList();
                var waiting = over
                    ? dated[g].Select(x => x.Facts).Where(f => f.AcceptedAt < endOfWeek && (f.StartedAt is null || f.StartedAt >= endOfWeek)
                                                              && (f.CancelledAt is null || f.CancelledAt >= endOfWeek)).ToList()
                    : [];
                var reasons = string.Join("; ", waiting.GroupBy(f => f.WaitingFor ?? "Not recorded").OrderByDescending(r => r.Count())
                    .Select(r => $"{r.Key}: {r.Count()}"));
                rows.Add([week.ToString("yyyy-MM-dd", Invariant), groups[g].Name, N(received.Count),
                    Mean(received.Select(f => (f.StartedAt!.Value - f.ReferredAt).TotalDays)), N(left.Count),
                    Mean(left.Select(f => (f.EndedAt!.Value - f.StartedAt!.Value).TotalDays)), over ? N(waiting.Count) : "", reasons]);
            }
        }
        return new ReturnTable("weekly-intermediate-care", "Intermediate care weekly data collection", period,
            ["Week commencing", "Service", "People received", "Mean days from referral to start", "People who left", "Mean length of stay (days) of those who left",
             "Waiting at the end of the week", "Waiting for (delay reasons)"], rows,
            ["Weeks run Monday to Sunday (London). Waiting: accepted, not started and not cancelled at the end of the week; left blank for a week not yet over."]);
    }

    private static ReturnTable Grid(string code, string title, Period period, string rowName, IReadOnlyList<string> rowKeys, IReadOnlyList<EpisodeFacts> items,
        Func<EpisodeFacts, string> rowOf, IReadOnlyList<string> notes)
    {
        var rows = rowKeys.Select(key => (IReadOnlyList<string>)[key, .. Routes.Select(route => N(items.Count(f => rowOf(f) == key && RouteOfAccess(f.Route) == route))),
            N(items.Count(f => rowOf(f) == key))]).ToList();
        rows.Add(["Total", .. Routes.Select(route => N(items.Count(f => RouteOfAccess(f.Route) == route))), N(items.Count)]);
        return new ReturnTable(code, title, period, [rowName, .. Routes, "Total"], rows, notes);
    }

    private static IReadOnlyList<string> Row(string measure, string description, int numerator, int denominator) =>
        [measure, description, N(numerator), N(denominator), denominator == 0 ? "" : (100m * numerator / denominator).ToString("0.0", Invariant)];

    private static string N(int n) => n.ToString(Invariant);

    private static string Mean(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? "" : list.Average().ToString("0.0", Invariant);
    }
}
