using static Homeward.Returns.Cells;
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
/// The weekly intermediate care collection and the local analyses in SALT's short-term support layouts (SALT is no
/// longer collected: Client Level Data replaced it from April 2024), computed from the same facts as the figures.
/// Pure: each takes the facts and a period and gives the table. <c>docs/metrics.md</c> states each one's rules.
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
        return Grid("sts001", "Local analysis in SALT STS001's layout (not a submission): requests for support from new clients, by route of access and what happened next", period,
            "What happened", outcomes, requests, Outcome,
            ["Every referral received in the period for a person not already receiving long-term support; each referral is a request."]);
    }

    /// <summary>STS002a: new clients whose short-term support ended in the period, by sequel and route of access.</summary>
    public static ReturnTable Sts002a(IReadOnlyList<EpisodeFacts> facts, Period period) =>
        Grid("sts002a", "Local analysis in SALT STS002a's layout (not a submission): new clients who received short-term support to maximise independence, by what happened next", period,
            "Sequel", [.. Enum.GetValues<Sequel>().Where(s => !s.IsExistingClientOnly()).Select(s => Words.Of(s))],
            [.. EndedShortTermSupport(facts, period).Where(f => !f.ExistingClient)], f => Words.Of(f.Sequel!.Value),
            ["Counted once per episode of reablement or rehabilitation that ended in the period."]);

    /// <summary>STS002b: existing clients whose short-term support ended in the period, by sequel and route of access.</summary>
    public static ReturnTable Sts002b(IReadOnlyList<EpisodeFacts> facts, Period period) =>
        Grid("sts002b", "Local analysis in SALT STS002b's layout (not a submission): existing clients who received short-term support to maximise independence, by what happened next", period,
            "Sequel", [.. Enum.GetValues<Sequel>().Select(s => Words.Of(s))],
            [.. EndedShortTermSupport(facts, period).Where(f => f.ExistingClient)], f => Words.Of(f.Sequel!.Value),
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
                    select (IReadOnlyList<string>)[band, Words.Of(gender), N(people.Count(f => !f.ExistingClient)), N(people.Count(f => f.ExistingClient)), N(people.Count)]).ToList();
        rows.Add(["Total", "", N(ended.Count(f => !f.ExistingClient)), N(ended.Count(f => f.ExistingClient)), N(ended.Count)]);
        return new ReturnTable("sts004", "Local analysis in SALT STS004's layout (not a submission): clients who received short-term support to maximise independence, by age band and gender", period,
            ["Age band", "Gender", "New clients", "Existing clients", "All"], rows, ["Age on the day the support ended."],
            Numbers: ["New clients", "Existing clients", "All"]);
    }

    private static ReturnTable Grid(string code, string title, Period period, string rowName, IReadOnlyList<string> rowKeys, IReadOnlyList<EpisodeFacts> items,
        Func<EpisodeFacts, string> rowOf, IReadOnlyList<string> notes)
    {
        var rows = rowKeys.Select(key => (IReadOnlyList<string>)[key, .. Routes.Select(route => N(items.Count(f => rowOf(f) == key && RouteOfAccess(f.Route) == route))),
            N(items.Count(f => rowOf(f) == key))]).ToList();
        rows.Add(["Total", .. Routes.Select(route => N(items.Count(f => RouteOfAccess(f.Route) == route))), N(items.Count)]);
        return new ReturnTable(code, title, period, [rowName, .. Routes, "Total"], rows, notes, Numbers: [.. Routes, "Total"]);
    }
}
