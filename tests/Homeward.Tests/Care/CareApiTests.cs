using System.Net;
using System.Text.Json;
using Homeward.Access;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.Care;

/// <summary>Bad input to the care record, visits and follow-ups: every problem named at once, nothing lost.</summary>
public sealed class CareApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static string Today(int days = 0) => DateTime.UtcNow.AddDays(days).ToString("yyyy-MM-dd");

    private static async Task<JsonElement> Ok(Task<HttpResponseMessage> call) => await (await call).Expect(HttpStatusCode.OK);
    private static async Task<JsonElement> Bad(Task<HttpResponseMessage> call) => await (await call).Expect(HttpStatusCode.BadRequest);

    /// <summary>A hospital discharge into the service given, accepted, and (when asked) started.</summary>
    private async Task<(HttpClient Hub, string Url)> Episode(string service = "Reablement", string pathway = "P1", bool start = true, string dateOfBirth = "1941-03-04", HttpClient? referrer = null)
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var body = Bodies.HospitalDischarge();
        ((Dictionary<string, object?>)body["person"]!)["dateOfBirth"] = dateOfBirth;
        var referral = await (await (referrer ?? hub).PostJson("/api/referrals", body)).Expect(HttpStatusCode.Created);
        var url = $"/api/episodes/{referral.GetProperty("episode").Str("id")}";
        await Ok(hub.PostJson($"{url}/triage", new { service, pathway, nonHomeReason = "Needs daily therapy" }, "\"1\""));
        await Ok(hub.PostJson($"{url}/accept", new { }, "\"2\""));
        if (start)
            await Ok(hub.PostJson($"{url}/start", new { }, "\"3\""));
        return (hub, url);
    }

    [Fact]
    public async Task An_assessment_names_every_missing_part_and_a_change_needs_its_version()
    {
        var (hub, url) = await Episode(start: false);
        var empty = await Bad(hub.PutJson($"{url}/assessment", new { }));
        Assert.Equal(["whatMatters", "homeSituation", "hasUnpaidCarer", "consent", "risks"], empty.ErrorFields());
        var halfDone = await Bad(hub.PutJson($"{url}/assessment", new
        {
            whatMatters = "Home", homeSituation = "Flat", hasUnpaidCarer = true, consent = "BestInterestDecision", risks = "None found",
        }));
        Assert.Equal(["carerNeeds", "bestInterestDecision"], halfDone.ErrorFields());

        var first = await (await hub.PutJson($"{url}/assessment", CareRecords.Assessment())).Expect(HttpStatusCode.OK);
        Assert.Equal(1, first.GetProperty("assessment").GetProperty("version").GetInt32());
        await (await hub.PutJson($"{url}/assessment", CareRecords.Assessment("Refused"))).Expect(HttpStatusCode.PreconditionRequired);
        await (await hub.PutJson($"{url}/assessment", CareRecords.Assessment("Refused"), "\"7\"")).Expect(HttpStatusCode.PreconditionFailed);
        // A refused change loses nothing: the first assessment stands.
        Assert.Equal("Given", (await CareRecords.Read(hub, url.Split('/')[^1])).GetProperty("assessment").Str("consent"));
        var second = await Ok(hub.PutJson($"{url}/assessment", CareRecords.Assessment("Refused"), "\"1\""));
        Assert.Equal(2, second.GetProperty("assessment").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_plan_agreed_for_a_day_before_care_starts_moves_to_the_start_with_its_visits()
    {
        var (hub, url) = await Episode(start: false);
        var id = Guid.Parse(url.Split('/')[^1]);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using (var db = app.Db())
            await db.Episodes.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.ReferredAt, DateTimeOffset.UtcNow.AddDays(-3)), Ct);
        // Agreed in hospital to begin two days ago, tapering 3 visits a day to 1 over five days: today would be day 3.
        await Ok(hub.PutJson($"{url}/plan", CareRecords.Plan(visitsAtStart: 3, visitsAtEnd: 1, days: 5, startInDays: -2)));
        await using (var db = app.Db())
            Assert.Equal(2, await db.Visits.CountAsync(v => v.EpisodeId == id && v.Date == today, Ct));

        var version = (await Ok(hub.GetAsync(url, Ct))).GetProperty("version").GetInt32();
        await Ok(hub.PostJson($"{url}/start", new { }, $"\"{version}\""));

        await using (var db = app.Db())
        {
            var plan = await db.CarePlans.SingleAsync(p => p.EpisodeId == id, Ct);
            Assert.Equal((today, today.AddDays(4)), (plan.StartsOn, plan.EndsOn));
            var visits = await db.Visits.Where(v => v.EpisodeId == id).ToListAsync(Ct);
            Assert.DoesNotContain(visits, v => v.Date < today);
            // Day one of the plan is today: three visits, tapering to one on its fifth day.
            Assert.Equal([3, 3, 2, 2, 1], Enumerable.Range(0, 5).Select(d => visits.Count(v => v.Date == today.AddDays(d))));
            Assert.True(await db.EpisodeEvents.AnyAsync(e => e.EpisodeId == id && e.Type == Homeward.Episodes.EpisodeEventType.PlanAgreed
                                                             && e.Detail!.Contains("movedFrom"), Ct));
        }
    }

    [Fact]
    public async Task A_plan_with_dates_out_of_order_and_impossible_visits_is_refused_in_full()
    {
        var (hub, url) = await Episode("BedBasedIntermediateCare", "P2");
        var problem = await Bad(hub.PutJson($"{url}/plan", new
        {
            willDo = "Therapy twice a day", startsOn = Today(3), endsOn = Today(1), visitsAtStart = 2, minutesPerVisit = 5, reviewEveryDays = 60,
        }));
        Assert.Equal(["willNotDo", "transitionPlan", "endsOn", "visitsAtStart", "minutesPerVisit", "reviewEveryDays"], problem.ErrorFields());
        var tooLong = await Bad(hub.PutJson($"{url}/plan", CareRecords.Plan(days: 100)));
        Assert.Contains("84 days", tooLong.GetProperty("errors").GetProperty("endsOn")[0].GetString());
        var plan = await Ok(hub.PutJson($"{url}/plan", CareRecords.Plan(days: 21)));
        Assert.Empty(plan.GetProperty("visits").EnumerateArray());
        Assert.Equal([Today(7), Today(14)], plan.GetProperty("reviews").EnumerateArray().Select(r => r.Str("dueOn")));
    }

    [Fact]
    public async Task A_skill_the_plan_needs_is_one_from_the_list_and_every_visit_carries_it()
    {
        var (hub, url) = await Episode();
        var unknown = await Bad(hub.PutJson($"{url}/plan", CareRecords.Plan(visitsAtStart: 2, visitsAtEnd: 1, days: 3, skill: "juggling")));
        Assert.Equal(["skill"], unknown.ErrorFields());
        Assert.Contains("medication", unknown.GetProperty("errors").GetProperty("skill")[0].GetString(), StringComparison.Ordinal);

        var plan = await Ok(hub.PutJson($"{url}/plan", CareRecords.Plan(visitsAtStart: 2, visitsAtEnd: 1, days: 3, skill: "Medication")));
        Assert.Equal("medication", plan.GetProperty("plan").Str("skill"));
        var visits = plan.GetProperty("visits").EnumerateArray().ToList();
        Assert.NotEmpty(visits);
        Assert.All(visits, v => Assert.Equal("medication", v.Str("skill")));

        // No skill: the visits laid out again need none.
        var none = await Ok(hub.PutJson($"{url}/plan", CareRecords.Plan(visitsAtStart: 2, visitsAtEnd: 1, days: 3, skill: ""), "\"1\""));
        Assert.Null(none.GetProperty("plan").Str("skill"));
        Assert.All(none.GetProperty("visits").EnumerateArray().Where(v => v.Str("status") == "Planned"), v => Assert.Null(v.Str("skill")));
    }

    [Fact]
    public async Task Changing_the_plan_lays_out_the_future_again_and_keeps_what_was_recorded()
    {
        var (hub, url) = await Episode();
        var plan = await Ok(hub.PutJson($"{url}/plan", CareRecords.Plan(visitsAtStart: 4, visitsAtEnd: 4, days: 7)));
        Assert.Equal(28, plan.GetProperty("visits").GetArrayLength());
        var firstVisit = plan.GetProperty("visits")[0].Str("id");
        await Ok(hub.PostJson($"/api/visits/{firstVisit}/record", new { outcome = "Missed", missedReason = "PersonInHospital" }));
        await (await hub.PostJson($"/api/visits/{firstVisit}/record", new { outcome = "Missed", missedReason = "PersonNotIn" })).Expect(HttpStatusCode.Conflict);

        var replanned = await Ok(hub.PutJson($"{url}/plan", CareRecords.Plan(visitsAtStart: 2, visitsAtEnd: 2, days: 7), "\"1\""));
        var visits = replanned.GetProperty("visits").EnumerateArray().ToList();
        Assert.Equal(14, visits.Count);
        var today = visits.Where(v => v.Str("date") == Today()).Select(v => (v.Str("windowStart"), v.Str("status")));
        Assert.Equal([("07:30:00", "Missed"), ("16:30:00", "Planned")], today);
    }

    [Fact]
    public async Task Goal_scores_out_of_range_or_out_of_order_are_refused()
    {
        var (hub, url) = await Episode(start: false);
        var problem = await Bad(hub.PostJson($"{url}/goals", new { category = "Gardening", startScore = 3 }));
        Assert.Equal(["text", "category", "startScore"], problem.ErrorFields());
        var record = await Ok(hub.PostJson($"{url}/goals", new { text = "To get to church on Sunday" }));
        var goal = record.GetProperty("goals")[0].Str("id");
        var notStarted = await (await hub.PostJson($"{url}/goals/{goal}/scores", new { stage = "End", score = 1 })).Expect(HttpStatusCode.Conflict);
        Assert.Contains("Active", notStarted.Str("detail"));
        await Ok(hub.PostJson($"{url}/start", new { }, "\"3\""));
        var noStart = await Bad(hub.PostJson($"{url}/goals/{goal}/scores", new { stage = "Review", score = 0 }));
        Assert.Equal(["stage", "levels"], noStart.ErrorFields());
        var range = await Bad(hub.PostJson($"{url}/goals/{goal}/scores", new { stage = "Start", score = -3, at = "2099-01-01T10:00:00Z" }));
        Assert.Equal(["at", "score"], range.ErrorFields());
        await (await hub.PostJson($"{url}/goals/{Guid.NewGuid()}/scores", new { stage = "Start", score = 0 })).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task What_each_goal_score_means_is_written_in_full_before_a_review_and_then_fixed()
    {
        var (hub, url) = await Episode();
        var partial = await Bad(hub.PostJson($"{url}/goals", new { text = "To get to church on Sunday", levels = new { expected = "Gets to church by taxi", more = " " } }));
        Assert.Equal(["levels.muchLess", "levels.less", "levels.more", "levels.muchMore"], partial.ErrorFields());

        var record = await Ok(hub.PostJson($"{url}/goals", new { text = "To get to church on Sunday", startScore = -1 }));
        var goal = record.GetProperty("goals")[0];
        Assert.Equal(JsonValueKind.Null, goal.GetProperty("levels").ValueKind);
        var id = goal.Str("id");
        var undescribed = await Bad(hub.PostJson($"{url}/goals/{id}/scores", new { stage = "Review", score = 0 }));
        Assert.Equal(["levels"], undescribed.ErrorFields());
        Assert.Contains("what each score means", undescribed.GetProperty("errors").GetProperty("levels")[0].GetString());
        Assert.Equal(["levels.muchLess", "levels.less", "levels.expected", "levels.more", "levels.muchMore"],
            (await Bad(hub.PutJson($"{url}/goals/{id}/levels", new { }))).ErrorFields());

        var levels = new
        {
            muchLess = "Does not leave the house", less = "Watches the service online", expected = "Gets to church by taxi once a month",
            more = "Gets to church by taxi every Sunday", muchMore = "Walks to church every Sunday",
        };
        record = await Ok(hub.PutJson($"{url}/goals/{id}/levels", levels));
        var described = record.GetProperty("goals")[0].GetProperty("levels");
        Assert.Equal("Gets to church by taxi once a month", described.Str("expected"));
        Assert.Equal("Walks to church every Sunday", described.Str("muchMore"));
        Assert.False(record.GetProperty("goals")[0].GetProperty("levelsFixed").GetBoolean());
        // Rewritten freely until a review score is given against them...
        await Ok(hub.PutJson($"{url}/goals/{id}/levels", levels with { expected = "Gets to church by taxi twice a month" }));
        record = await Ok(hub.PostJson($"{url}/goals/{id}/scores", new { stage = "Review", score = 0 }));
        Assert.True(record.GetProperty("goals")[0].GetProperty("levelsFixed").GetBoolean());
        // ...then fixed: a changed meaning would change what the score said.
        var fixedNow = await (await hub.PutJson($"{url}/goals/{id}/levels", levels)).Expect(HttpStatusCode.Conflict);
        Assert.Contains("set a new goal instead", fixedNow.Str("detail"));
        Assert.Equal("Gets to church by taxi twice a month",
            (await Ok(hub.GetAsync($"{url}/care", Ct))).GetProperty("goals")[0].GetProperty("levels").Str("expected"));
    }

    [Fact]
    public void A_goal_scored_before_levels_were_asked_for_may_be_described_once()
    {
        var goal = new Homeward.Care.Goal { Text = "To garden", SetBy = "someone" };
        var actor = new Actor("w", "worker", Role.ReablementWorker, Guid.Empty, "test");
        goal.Score(Homeward.Care.Stage.Start, -1, null, DateTimeOffset.UnixEpoch, actor);
        goal.Score(Homeward.Care.Stage.Review, 0, null, DateTimeOffset.UnixEpoch.AddDays(7), actor);
        Assert.False(goal.LevelsFixed);
        goal.Describe(new Homeward.Care.GoalLevels("a", "b", "c", "d", "e"));
        Assert.True(goal.LevelsFixed);
        Assert.Throws<Homeward.Common.InvalidTransitionException>(() => goal.Describe(new Homeward.Care.GoalLevels("a", "b", "x", "d", "e")));
    }

    [Fact]
    public async Task A_measure_names_each_bad_item_and_a_partnership_can_add_its_own()
    {
        var (hub, url) = await Episode();
        var values = new Dictionary<string, decimal>(CareRecords.Barthel) { ["bowels"] = 3, ["shoelaces"] = 1 };
        values.Remove("bathing");
        var problem = await Bad(hub.PostJson($"{url}/measures", new { measure = "barthel", stage = "Start", values }));
        Assert.Equal(["values.bowels", "values.bathing", "values.shoelaces"], problem.ErrorFields());
        var unknown = await Bad(hub.PostJson($"{url}/measures", new { measure = "eq-5d", stage = "Later", values }));
        Assert.Equal(["stage"], unknown.ErrorFields());
        unknown = await Bad(hub.PostJson($"{url}/measures", new { measure = "eq-5d", stage = "Start", values }));
        Assert.Contains("barthel, care-hours, experience", unknown.GetProperty("errors").GetProperty("measure")[0].GetString());
        var endFirst = await Bad(hub.PostJson($"{url}/measures", new { measure = "care-hours", stage = "End", values = new { hours = 3 } }));
        Assert.Equal(["stage"], endFirst.ErrorFields());

        await (await hub.PostJson("/api/measures", new { code = "mobility-scale" })).Expect(HttpStatusCode.Forbidden);
        var manager = await app.ClientFor(Role.Manager);
        var bad = await Bad(manager.PostJson("/api/measures", new
        {
            code = "Mobility Scale!", items = new object[] { new { code = "walk", label = "Walking", min = 0, max = 0 }, new { code = "walk", label = "", min = 0, max = 5, step = 2 } },
        }));
        Assert.Equal(["code", "name", "items[0].max", "items[1].code", "items[1].label", "items[1].step"], bad.ErrorFields());
        await (await manager.PostJson("/api/measures", new
        {
            code = "mobility-scale", name = "Local mobility scale", scoring = "Mean",
            items = new object[] { new { code = "walk", label = "Walking", min = 0, max = 5, step = 0.5 }, new { code = "stand", label = "Standing", min = 0, max = 5 } },
        })).Expect(HttpStatusCode.Created);
        var taken = await Bad(manager.PostJson("/api/measures", new { code = "mobility-scale", name = "Again", items = new[] { new { code = "walk", label = "Walking", min = 0, max = 5 } } }));
        Assert.Equal(["code"], taken.ErrorFields());

        var record = await Ok(hub.PostJson($"{url}/measures", new { measure = "mobility-scale", stage = "Start", values = new { walk = 2.5, stand = 4 } }));
        var result = record.GetProperty("measures").EnumerateArray().Single(m => m.Str("measure") == "mobility-scale");
        Assert.Equal(3.25m, result.GetProperty("total").GetDecimal()); // mean of 2.5 and 4
        var missing = (await CareRecords.Read(hub, url.Split('/')[^1])).GetProperty("missingToEnd");
        Assert.Contains("measures.mobility-scale", missing.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_visit_record_names_its_missing_parts_and_a_missed_visit_is_flagged_until_followed_up()
    {
        var (hub, url) = await Episode();
        var plan = await Ok(hub.PutJson($"{url}/plan", CareRecords.Plan(visitsAtStart: 2, visitsAtEnd: 2, days: 3)));
        var visit = plan.GetProperty("visits")[0].Str("id");
        Assert.Equal(["outcome"], (await Bad(hub.PostJson($"/api/visits/{visit}/record", new { }))).ErrorFields());
        Assert.Equal(["arrivedAt", "leftAt"], (await Bad(hub.PostJson($"/api/visits/{visit}/record", new { outcome = "Done" }))).ErrorFields());
        var before = DateTimeOffset.UtcNow.AddDays(-1);
        var outOfOrder = await Bad(hub.PostJson($"/api/visits/{visit}/record", new { outcome = "Done", arrivedAt = before.ToString("O"), leftAt = before.AddMinutes(-5).ToString("O") }));
        Assert.Equal(["arrivedAt", "leftAt"], outOfOrder.ErrorFields());
        Assert.Equal(["missedReason"], (await Bad(hub.PostJson($"/api/visits/{visit}/record", new { outcome = "Missed" }))).ErrorFields());
        Assert.Equal(["notes"], (await Bad(hub.PostJson($"/api/visits/{visit}/record", new { outcome = "Missed", missedReason = "Other" }))).ErrorFields());

        await Ok(hub.PostJson($"/api/visits/{visit}/record", new { outcome = "Missed", missedReason = "CouldNotGetIn", notes = "Key safe code wrong" }));
        var flagged = await Ok(hub.GetAsync("/api/visits?flagged=true", Ct));
        Assert.Contains(flagged.GetProperty("rows").EnumerateArray(), r => r.GetProperty("visit").Str("id") == visit);
        Assert.Equal(["notes"], (await Bad(hub.PostJson($"/api/visits/{visit}/follow-up", new { }))).ErrorFields());
        await Ok(hub.PostJson($"/api/visits/{visit}/follow-up", new { notes = "Key safe code corrected" }));
        await (await hub.PostJson($"/api/visits/{visit}/follow-up", new { notes = "Again" })).Expect(HttpStatusCode.Conflict);
        flagged = await Ok(hub.GetAsync("/api/visits?flagged=true", Ct));
        Assert.DoesNotContain(flagged.GetProperty("rows").EnumerateArray(), r => r.GetProperty("visit").Str("id") == visit);

        Assert.Equal(["date", "status"], (await Bad(hub.GetAsync("/api/visits?date=31-02-2026&status=Lost", Ct))).ErrorFields());
    }

    [Fact]
    public async Task Ending_stands_down_the_visits_still_to_come()
    {
        var (hub, url) = await Episode();
        var id = url.Split('/')[^1];
        await CareRecords.Complete(hub, id, visitsAtStart: 2);
        var visit = (await CareRecords.Read(hub, id)).GetProperty("visits")[0].Str("id");
        await Ok(hub.PostJson($"/api/visits/{visit}/record", new { outcome = "Missed", missedReason = "PersonDeclined" }));
        await Ok(hub.PostJson($"{url}/end", new { sequel = "NoIdentifiedNeeds", destination = "UsualResidence" }, "\"4\""));
        var statuses = (await CareRecords.Read(hub, id)).GetProperty("visits").EnumerateArray().Select(v => v.Str("status")).ToList();
        Assert.Equal("Missed", statuses[0]);
        Assert.All(statuses.Skip(1), s => Assert.Equal("Cancelled", s));
        var episodeId = Guid.Parse(id);
        await using var db = app.Db();
        Assert.True(await db.FollowUps.AnyAsync(f => f.EpisodeId == episodeId, Ct));
    }

    [Fact]
    public async Task Only_people_65_and_over_get_a_91_day_follow_up()
    {
        var (_, url) = await Episode(dateOfBirth: DateTime.UtcNow.AddYears(-64).ToString("yyyy-MM-dd"));
        var id = Guid.Parse(url.Split('/')[^1]);
        await using var db = app.Db();
        Assert.False(await db.FollowUps.AnyAsync(f => f.EpisodeId == id, Ct));
    }

    [Theory]
    [InlineData(Role.CareProvider)]
    [InlineData(Role.HospitalDischargeTeam)]
    public async Task Roles_that_do_not_give_care_cannot_record_it(Role role)
    {
        var client = await app.ClientFor(role);
        // The hospital referred this person itself, so it may read the care record; the provider has no booking, so it may not even see it.
        var (_, url) = await Episode(referrer: role == Role.HospitalDischargeTeam ? client : null);
        await (await client.PostJson($"{url}/goals", new { text = "To garden" })).Expect(HttpStatusCode.Forbidden);
        await (await client.PutJson($"{url}/assessment", CareRecords.Assessment())).Expect(HttpStatusCode.Forbidden);
        await (await client.GetAsync($"{url}/care", Ct)).Expect(role == Role.HospitalDischargeTeam ? HttpStatusCode.OK : HttpStatusCode.NotFound);
    }
}
