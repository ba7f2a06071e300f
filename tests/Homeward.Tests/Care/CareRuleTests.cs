using Homeward.Care;
using Homeward.Common;
using Homeward.Episodes;
using Homeward.FollowUps;
using Homeward.Triage;
using Homeward.Visits;

namespace Homeward.Tests.Care;

/// <summary>The pure rules of the care record: sequels against destinations, what ending needs, the visit layout, London days.</summary>
public sealed class CareRuleTests
{
    [Theory]
    [InlineData(Sequel.NoIdentifiedNeeds, Destination.UsualResidence, true)]
    [InlineData(Sequel.NoIdentifiedNeeds, Destination.CareHome, false)]
    [InlineData(Sequel.UniversalServicesOrSignposted, Destination.NursingHome, false)]
    [InlineData(Sequel.OngoingLowLevelSupport, Destination.ExtraCareHousing, true)]
    [InlineData(Sequel.EarlyCessationNhsFundedEndOfLifeOrDeath, Destination.Died, true)]
    [InlineData(Sequel.LongTermSupport, Destination.Died, false)]
    [InlineData(Sequel.MoveToNursingCare, Destination.NursingHome, true)]
    [InlineData(Sequel.MoveToNursingCare, Destination.CareHome, false)]
    [InlineData(Sequel.MoveToResidentialCare, Destination.CareHome, true)]
    [InlineData(Sequel.MoveToResidentialCare, Destination.UsualResidence, false)]
    [InlineData(Sequel.EarlyCessationOtherReason, Destination.Hospital, true)]
    [InlineData(Sequel.LongTermSupport, Destination.Hospital, false)]
    [InlineData(Sequel.LongTermSupport, Destination.CareHome, true)]
    [InlineData(Sequel.SelfFunded, Destination.CareHome, true)]
    [InlineData(Sequel.MoveToCommunity, Destination.CareHome, false)]
    public void A_sequel_and_a_destination_must_agree(Sequel sequel, Destination destination, bool agree) =>
        Assert.Equal(agree, Sequels.Contradiction(sequel, destination) is null);

    private static CareSummary Complete => new(true, true, 2, 0, 0,
        new HashSet<string> { Measures.Barthel, Measures.CareHours }, new HashSet<string> { Measures.Barthel, Measures.CareHours }, 0, false);

    [Fact]
    public void A_complete_reablement_record_may_end() =>
        Assert.False(EndingRules.Missing(Service.Reablement, Sequel.NoIdentifiedNeeds, Complete).Any);

    [Fact]
    public void Ending_lists_everything_missing_at_once()
    {
        var empty = new CareSummary(false, false, 0, 0, 0, new HashSet<string>(), new HashSet<string>(), 3, false);
        var missing = EndingRules.Missing(Service.BedBasedIntermediateCare, Sequel.NoIdentifiedNeeds, empty).ToDictionary();
        Assert.Equal(["visits", "assessment", "plan", "goals", "measures.barthel", "measures.care-hours"], missing.Keys);
        Assert.Equal(2, missing["measures.barthel"].Length);
        Assert.Contains("3 past visits", missing["visits"][0]);
    }

    [Fact]
    public void An_early_cessation_excuses_the_end_scores_but_not_the_start()
    {
        var unfinished = Complete with { GoalsWithoutEndScore = 2, MeasuredAtEnd = new HashSet<string>() };
        Assert.False(EndingRules.Missing(Service.Reablement, Sequel.EarlyCessationNhsFundedEndOfLifeOrDeath, unfinished).Any);
        Assert.Equal(["goals", "measures.barthel", "measures.care-hours"],
            EndingRules.Missing(Service.Reablement, Sequel.NoIdentifiedNeeds, unfinished).ToDictionary().Keys);
        var noStart = Complete with { MeasuredAtStart = new HashSet<string> { Measures.CareHours } };
        Assert.Equal(["measures.barthel"], EndingRules.Missing(Service.Reablement, Sequel.EarlyCessationOtherReason, noStart).ToDictionary().Keys);
    }

    [Fact]
    public void A_measure_taken_at_the_start_is_wanted_at_the_end()
    {
        var extra = Complete with { MeasuredAtStart = new HashSet<string> { Measures.Barthel, Measures.CareHours, "tom-mobility" } };
        Assert.Equal(["measures.tom-mobility"], EndingRules.Missing(Service.Reablement, Sequel.NoIdentifiedNeeds, extra).ToDictionary().Keys);
    }

    [Theory]
    [InlineData(Service.UrgentCommunityResponse, false, false, new[] { "urgentAssessment", "urgentOutcome" })]
    [InlineData(Service.UrgentCommunityResponse, true, false, new[] { "urgentAssessment" })]
    [InlineData(Service.UrgentCommunityResponse, false, true, new[] { "urgentOutcome" })]
    [InlineData(Service.UrgentCommunityResponse, true, true, new string[0])]
    [InlineData(Service.NoNewSupport, false, false, new string[0])]
    [InlineData(Service.CareHomePlacement, false, false, new string[0])]
    public void Other_services_need_only_what_fits_them(Service service, bool outcome, bool urgentRecord, string[] expected)
    {
        var nothing = new CareSummary(false, false, 0, 0, 0, new HashSet<string>(), new HashSet<string>(), 0, outcome, urgentRecord);
        Assert.Equal(expected, EndingRules.Missing(service, Sequel.NoIdentifiedNeeds, nothing).ToDictionary().Keys);
    }

    [Fact]
    public void The_plan_lays_out_tapering_visits_in_the_usual_windows_and_leaves_the_past_alone()
    {
        var plan = new CarePlan
        {
            EpisodeId = Guid.NewGuid(), WillDo = "w", WillNotDo = "n", TransitionPlan = "t", UpdatedBy = "u",
            StartsOn = new DateOnly(2026, 5, 4), EndsOn = new DateOnly(2026, 5, 8), VisitsAtStart = 4, VisitsAtEnd = 1, MinutesPerVisit = 45,
            ReviewEveryDays = 2,
        };
        var visits = VisitPlanner.Lay(plan, Guid.NewGuid(), plan.StartsOn).ToList();
        // 5 days from 4 to 1: 4, 3.25→3, 2.5→3 (away from zero), 1.75→2, 1.
        Assert.Equal([4, 3, 3, 2, 1], visits.GroupBy(v => v.Date).Select(g => g.Count()));
        Assert.Equal([new TimeOnly(7, 30), new TimeOnly(11, 45), new TimeOnly(16, 30), new TimeOnly(19, 30)],
            visits.Where(v => v.Date == plan.StartsOn).Select(v => v.WindowStart));
        Assert.Equal([new TimeOnly(7, 30), new TimeOnly(16, 30)], visits.Where(v => v.Date == new DateOnly(2026, 5, 7)).Select(v => v.WindowStart));
        Assert.All(visits, v => Assert.Equal(45, v.Minutes));
        Assert.Equal(3, VisitPlanner.Lay(plan, Guid.NewGuid(), new DateOnly(2026, 5, 7)).Count()); // 7 May: 2, 8 May: 1
        Assert.Equal([new DateOnly(2026, 5, 6)], plan.ReviewDates());
    }

    [Fact]
    public void Bed_based_plans_have_no_visits() =>
        Assert.Empty(VisitPlanner.Lay(new CarePlan
        {
            EpisodeId = Guid.NewGuid(), WillDo = "w", WillNotDo = "n", TransitionPlan = "t", UpdatedBy = "u",
            StartsOn = new DateOnly(2026, 5, 4), EndsOn = new DateOnly(2026, 5, 20), ReviewEveryDays = 7,
        }, Guid.NewGuid(), new DateOnly(2026, 5, 4)));

    [Fact]
    public void London_days_have_23_and_25_hours()
    {
        // 29 March 2026: 01:30 never happens (moved to 02:30 BST, 01:30 UTC); 25 October: 01:30 happens twice (the first, BST, is taken).
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), London.At(new DateOnly(2026, 3, 29), new TimeOnly(1, 30)));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), London.At(new DateOnly(2026, 10, 25), new TimeOnly(1, 30)));
        Assert.Equal(TimeSpan.FromHours(23), London.At(new DateOnly(2026, 3, 30), default) - London.At(new DateOnly(2026, 3, 29), default));
        Assert.Equal(TimeSpan.FromHours(25), London.At(new DateOnly(2026, 10, 26), default) - London.At(new DateOnly(2026, 10, 25), default));
        Assert.Equal(new DateOnly(2026, 7, 2), London.DateOf(new DateTimeOffset(2026, 7, 1, 23, 30, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData(Service.Reablement, true, 65, true)]
    [InlineData(Service.BedBasedIntermediateCare, true, 90, true)]
    [InlineData(Service.HomeBasedIntermediateCare, true, 64, false)]
    [InlineData(Service.Reablement, false, 80, false)]
    [InlineData(Service.UrgentCommunityResponse, true, 80, false)]
    [InlineData(Service.NoNewSupport, true, 80, false)]
    [InlineData(Service.CareHomePlacement, true, 80, false)]
    public void A_follow_up_is_for_people_65_and_over_from_hospital_into_reablement_or_rehabilitation(Service service, bool fromHospital, int age, bool applies)
    {
        Assert.Equal(applies, FollowUp.Applies(service, fromHospital, age));
        Assert.Equal(new DateOnly(2026, 4, 1), FollowUp.For(Guid.NewGuid(), Guid.NewGuid(), new DateOnly(2025, 12, 31)).DueOn);
    }

    [Fact]
    public void Measure_items_allow_only_their_range_and_step()
    {
        var hours = Measures.CareHoursPerWeek.Items[0];
        Assert.True(hours.Allows(10.25m));
        Assert.False(hours.Allows(10.3m));
        Assert.False(hours.Allows(-1));
        Assert.False(hours.Allows(168.25m));
        Assert.Equal(20, Measures.BarthelIndex.Items.Sum(i => i.Max));
        Assert.Equal(10, Measures.BarthelIndex.Items.Count);
    }
}
