using Homeward.Capacity;
using Homeward.Episodes;
using Homeward.Planning;
using Homeward.Simulation.Model;
using Homeward.Triage;
using Pathway = Homeward.Triage.Pathway;

namespace Homeward.Tests.Planning;

/// <summary>The starting scenario built from the records: rates, stays, capacity, people in care and waiting.</summary>
public sealed class LiveScenarioTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly Guid Beds = Guid.NewGuid(), Team = Guid.NewGuid(), Homes = Guid.NewGuid();

    private static PlanningService Service(Guid id, string name, Pathway pathway, CapacityUnit unit, int capacity, Dictionary<DateOnly, int>? reported = null) =>
        new(id, name, unit == CapacityUnit.Beds ? ServiceKind.CommunityBedUnit : ServiceKind.ReablementTeam, pathway, unit, capacity, reported ?? []);

    private static PlanningEpisode Ended(Guid service, int startedDaysAgo, int stay) =>
        new(service, EpisodeStatus.Ended, Today.AddDays(-startedDaysAgo - 1), Today.AddDays(-startedDaysAgo), Today.AddDays(-startedDaysAgo + stay), null, null);

    [Fact]
    public void Rates_stays_capacity_and_todays_people_come_from_the_records()
    {
        var episodes = new List<PlanningEpisode>();
        // 182 people accepted for the beds in the last 91 days (2 a day); 40 stays ended in the year: 20 of 10 days, 20 of 30.
        for (var i = 0; i < 182; i++)
            episodes.Add(new PlanningEpisode(Beds, EpisodeStatus.Ended, Today.AddDays(-1 - i / 2), null, null, null, null));
        for (var i = 0; i < 20; i++)
        {
            episodes.Add(Ended(Beds, 200, 10));
            episodes.Add(Ended(Beds, 200, 30));
        }
        // In a bed today: one booked until 4 days from now; one 15 days in without a booking (stays longer than 15 had 15 left).
        episodes.Add(new PlanningEpisode(Beds, EpisodeStatus.Active, Today.AddDays(-6), Today.AddDays(-5), null, null, Today.AddDays(4)));
        episodes.Add(new PlanningEpisode(Beds, EpisodeStatus.Active, Today.AddDays(-16), Today.AddDays(-15), null, null, null));
        // Waiting: since 3 days ago, and accepted yesterday.
        episodes.Add(new PlanningEpisode(Beds, EpisodeStatus.Waiting, Today.AddDays(-5), null, null, Today.AddDays(-3), null));
        episodes.Add(new PlanningEpisode(Beds, EpisodeStatus.Accepted, Today.AddDays(-1), null, null, null, null));
        var inputs = new PlanningInputs(Today,
            [
                Service(Beds, "Vale beds", Pathway.P2, CapacityUnit.Beds, 18, new() { [Today.AddDays(3)] = 12 }),
                Service(Team, "Northvale reablement team", Pathway.P1, CapacityUnit.CarerMinutes, 4200),
                Service(Guid.NewGuid(), "Urgent response", Pathway.P0, CapacityUnit.CarerMinutes, 600),
            ],
            episodes, []);

        var scenario = LiveScenario.Build(inputs, PlanningMode.Forecast);

        Assert.Equal(Today, scenario.Start);
        Assert.Equal(10, scenario.Days);
        Assert.Equal(["northvale-reablement-team", "vale-beds"], scenario.Nodes.Select(n => n.Id));   // P1 before P2; no P0
        var beds = scenario.Nodes.Single(n => n.Id == "vale-beds");
        Assert.Equal(NodeKind.Places, beds.Kind);
        Assert.Equal(150, beds.CostPerDay);
        Assert.Equal([18, 12, 18], beds.Capacity.Select(c => c.Value));                 // the reported 12 on one day only
        Assert.Equal(Today.AddDays(3), beds.Capacity[1].From);
        var stay = Assert.IsType<LogNormalStay>(beds.Default.Stay);
        Assert.Equal(20, stay.Median, 6);                                                // (10 + 30) / 2
        Assert.Equal(20, stay.Mean, 6);
        Assert.Equal((182 + 4) / 91.0, scenario.Arrivals.Single(a => a.Node == "vale-beds").PerDay, 3);   // with the 4 in care or waiting
        var initial = scenario.Initial.Single(i => i.Node == "vale-beds");
        Assert.Equal([5, 15], initial.RemainingStays);                                   // to the booking's end (inclusive); 30 − 15
        Assert.Equal([3, 1], initial.Waiting);

        // A team's carer minutes become visit slots: 4,200 minutes of 30-minute visits; a year too short for its own stays.
        var team = scenario.Nodes.Single(n => n.Id == "northvale-reablement-team");
        Assert.Equal(NodeKind.Visits, team.Kind);
        Assert.Equal(140, team.Capacity[0].Value);
        Assert.Equal(new Homeward.Simulation.Model.VisitPattern(4, 1), team.Visits);
        Assert.Contains(scenario.Notes, n => n.Contains("Northvale reablement team: only 0 stays", StringComparison.Ordinal));
        Assert.Empty(ScenarioRules.Check(scenario));
    }

    [Fact]
    public void A_plan_follows_the_years_seasons_scaled_to_the_recent_rate()
    {
        var episodes = new List<PlanningEpisode>();
        // Two a day in December to February, one a day otherwise, for the past year.
        for (var d = Today.AddDays(-365); d < Today; d = d.AddDays(1))
            for (var k = 0; k < (d.Month is 12 or 1 or 2 ? 2 : 1); k++)
                episodes.Add(new PlanningEpisode(Homes, EpisodeStatus.Ended, d, null, null, null, null));
        var inputs = new PlanningInputs(Today, [Service(Homes, "Care homes", Pathway.P3, CapacityUnit.Beds, 30)], episodes, []);

        var scenario = LiveScenario.Build(inputs, PlanningMode.Plan);

        Assert.Equal(182, scenario.Days);
        var arrival = Assert.Single(scenario.Arrivals);
        Assert.Equal(1, arrival.PerDay, 2);                                  // the last 91 days: August to November
        Assert.Equal(2, arrival.Monthly![0], 2);                             // January twice the recent months
        Assert.Equal(1, arrival.Monthly![6], 2);
        Assert.Contains(scenario.Notes, n => n.StartsWith("Seasonal pattern", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_year_of_records_a_plan_is_flat_and_says_so()
    {
        var inputs = new PlanningInputs(Today, [Service(Homes, "Care homes", Pathway.P3, CapacityUnit.Beds, 30)],
            [new PlanningEpisode(Homes, EpisodeStatus.Ended, Today.AddDays(-30), null, null, null, null)], []);

        var scenario = LiveScenario.Build(inputs, PlanningMode.Plan);

        Assert.Null(scenario.Arrivals[0].Monthly);
        Assert.Contains(scenario.Notes, n => n.StartsWith("Less than a year", StringComparison.Ordinal));
        Assert.Equal(LogNormalStay.FromMedianAndMean(50, 59), scenario.Nodes[0].Default.Stay);    // P3's planning stay
    }

    [Fact]
    public void A_unit_the_records_fill_beyond_its_places_starts_so_and_says_so()
    {
        // 5 places; 7 people in them today (a booking over capacity, or capacity lowered since).
        var episodes = Enumerable.Range(0, 7)
            .Select(i => new PlanningEpisode(Beds, EpisodeStatus.Active, Today.AddDays(-3 - i), Today.AddDays(-2 - i), null, null, Today.AddDays(5)))
            .ToList();
        var scenario = LiveScenario.Build(new PlanningInputs(Today, [Service(Beds, "Small unit", Pathway.P2, CapacityUnit.Beds, 5)], episodes, []), PlanningMode.Forecast);

        Assert.Equal(7, scenario.Initial.Single().RemainingStays.Count);
        Assert.Contains(scenario.Notes, n => n.StartsWith("Small unit starts with 7 people in 5 places, as the records stand (2 over)", StringComparison.Ordinal));

        // At or under its places, nothing is said.
        var fits = LiveScenario.Build(new PlanningInputs(Today, [Service(Beds, "Small unit", Pathway.P2, CapacityUnit.Beds, 7)], episodes, []), PlanningMode.Forecast);
        Assert.DoesNotContain(fits.Notes, n => n.Contains("as the records stand", StringComparison.Ordinal));
    }
}
