using System.Net;
using System.Text.Json;
using Homeward.Access;
using Homeward.Common;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.Care;

/// <summary>
/// A whole reablement episode on a clock the test moves: from assessment to the 91-day follow-up, across the
/// March clock change.
/// </summary>
public sealed class WholeEpisodeTests(ClockedApiFactory app) : IClassFixture<ClockedApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static DateOnly Day(int march) => new DateOnly(2026, 3, 1).AddDays(march - 1);

    private static async Task<JsonElement> Ok(Task<HttpResponseMessage> call) => await (await call).Expect(HttpStatusCode.OK);
    private static async Task<JsonElement> Bad(Task<HttpResponseMessage> call) => await (await call).Expect(HttpStatusCode.BadRequest);

    [Fact]
    public async Task A_reablement_episode_runs_from_assessment_to_its_91_day_follow_up()
    {
        // Monday 23 March, 06:00. An 84-year-old is ready to leave hospital.
        var hub = await app.ClientFor(Role.HubCoordinator);
        var body = Bodies.HospitalDischarge();
        body["admittedOn"] = "2026-03-13";
        body["dischargeReadyDate"] = "2026-03-22";
        var referral = await (await hub.PostJson("/api/referrals", body)).Expect(HttpStatusCode.Created);
        var id = referral.GetProperty("episode").Str("id");
        var url = $"/api/episodes/{id}";
        await Ok(hub.PostJson($"{url}/triage", new { service = "Reablement", pathway = "P1" }, "\"1\""));
        await Ok(hub.PostJson($"{url}/accept", new { }, "\"2\""));

        // The assessment, two goals in the person's words, the start measures and the plan, agreed in hospital.
        var worker = await app.ClientFor(Role.ReablementWorker);
        await Ok(worker.PutJson($"{url}/assessment", CareRecords.Assessment()));
        await Ok(worker.PostJson($"{url}/goals", new { text = "To make my own breakfast", category = "MealsAndDrink", startScore = -1, levels = CareRecords.BreakfastLevels }));
        await Ok(worker.PostJson($"{url}/goals", new
        {
            text = "To walk to the corner shop", category = "Mobility", startScore = -2, levels = new
            {
                muchLess = "Walks indoors only, with a frame", less = "Walks to the front gate with a frame", expected = "Walks to the corner shop and back with a stick",
                more = "Walks to the shop and carries a small bag home", muchMore = "Walks to the shop and the bus stop on my own",
            },
        }));
        var record = await Ok(worker.PostJson($"{url}/measures", new { measure = "barthel", stage = "Start", values = CareRecords.Barthel }));
        Assert.Equal(10m, record.GetProperty("measureChanges")[0].GetProperty("start").GetDecimal()); // 2+1+0+1+2+2+1+1+0+0
        await Ok(worker.PostJson($"{url}/measures", new { measure = "care-hours", stage = "Start", values = new { hours = 10.5 } }));
        record = await Ok(worker.PutJson($"{url}/plan", new
        {
            willDo = "Help with washing, dressing and breakfast; practise walking outdoors",
            willNotDo = "Cleaning, shopping or collecting prescriptions",
            startsOn = "2026-03-23", endsOn = "2026-04-05",
            visitsAtStart = 4, visitsAtEnd = 1, minutesPerVisit = 30, reviewEveryDays = 7,
            transitionPlan = "Lunch club twice a week; pendant alarm; GP review of medicines",
            agreedWithPerson = true,
        }));
        // 14 days tapering from 4 to 1 visits a day: round(4 − 3d/13) for d = 0…13 is 4,4,4,3,3,3,3,2,2,2,2,1,1,1 = 35.
        var visits = record.GetProperty("visits").EnumerateArray().ToList();
        Assert.Equal(35, visits.Count);
        Assert.Equal([4, 4, 4, 3, 3, 3, 3, 2, 2, 2, 2, 1, 1, 1],
            visits.GroupBy(v => v.Str("date")).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.Equal(["2026-03-30"], record.GetProperty("reviews").EnumerateArray().Select(r => r.Str("dueOn")));

        // 07:00: home, and the first visit. A follow-up falls due 91 days after discharge.
        app.SetLondon(Day(23), new(7, 0));
        worker = await app.ClientFor(Role.ReablementWorker);
        await Ok(worker.PostJson($"{url}/start", new { dischargedOn = "2026-03-23" }, "\"3\""));
        app.SetLondon(Day(23), new(9, 0));
        worker = await app.ClientFor(Role.ReablementWorker);
        var first = visits[0];
        Assert.Equal("07:30:00", first.Str("windowStart"));
        await Ok(worker.PostJson($"/api/visits/{first.Str("id")}/record", new { outcome = "Done", arrivedAt = "2026-03-23T07:35:00Z", leftAt = "2026-03-23T08:05:00Z" }));
        var tomorrow = visits.First(v => v.Str("date") == "2026-03-24");
        var early = await Bad(worker.PostJson($"/api/visits/{tomorrow.Str("id")}/record", new { outcome = "Missed", missedReason = "PersonNotIn" }));
        Assert.Contains("cannot be recorded before its day", early.GetProperty("errors").GetProperty("outcome")[0].GetString());

        // Sunday 29 March, 23:00 BST: every visit so far recorded; the lunch visit on the 25th was missed.
        app.SetLondon(Day(29), new(23, 0));
        worker = await app.ClientFor(Role.ReablementWorker);
        foreach (var v in visits.Skip(1).Where(v => DateOnly.Parse(v.Str("date")) <= Day(29)))
        {
            var date = DateOnly.Parse(v.Str("date"));
            var window = TimeOnly.Parse(v.Str("windowStart"));
            if (date == Day(25) && window == new TimeOnly(11, 45))
            {
                await Ok(worker.PostJson($"/api/visits/{v.Str("id")}/record", new { outcome = "Missed", missedReason = "PersonNotIn", notes = "At the day centre" }));
                continue;
            }
            var arrived = London.At(date, window.AddMinutes(5));
            var recorded = await Ok(worker.PostJson($"/api/visits/{v.Str("id")}/record",
                new { outcome = "Done", arrivedAt = arrived.ToString("O"), leftAt = arrived.AddMinutes(30).ToString("O") }));
            Assert.Equal("Done", recorded.Str("status"));
        }
        // On the 29th the clocks went forward: 07:35 in London was 06:35 UTC.
        var morning29 = visits.First(v => v.Str("date") == "2026-03-29");
        await using (var db = app.Db())
            Assert.Equal(new DateTimeOffset(2026, 3, 29, 6, 35, 0, TimeSpan.Zero),
                (await db.Visits.SingleAsync(v => v.Id == Guid.Parse(morning29.Str("id")), Ct)).ArrivedAt);
        var flagged = await Ok(worker.GetAsync("/api/visits?flagged=true", Ct));
        var missed = Assert.Single(flagged.GetProperty("rows").EnumerateArray());
        Assert.Equal("Missed", missed.GetProperty("visit").Str("status"));
        var hubNow = await app.ClientFor(Role.HubCoordinator);
        await Ok(hubNow.PostJson($"/api/visits/{missed.GetProperty("visit").Str("id")}/follow-up", new { notes = "Rang the day centre; she was safe" }));
        Assert.Equal(0, (await Ok(worker.GetAsync("/api/visits?flagged=true", Ct))).GetProperty("flagged").GetInt32());

        // Monday 30 March: the review, with goal scores at review.
        app.SetLondon(Day(30), new(12, 0));
        worker = await app.ClientFor(Role.ReablementWorker);
        record = await CareRecords.Read(worker, id);
        var goals = record.GetProperty("goals").EnumerateArray().Select(g => g.Str("id")).ToList();
        await Ok(worker.PostJson($"{url}/reviews/{record.GetProperty("reviews")[0].Str("id")}", new { notes = "Making breakfast with supervision; walking to the gate" }));
        await Ok(worker.PostJson($"{url}/goals/{goals[0]}/scores", new { stage = "Review", score = 0 }));
        await Ok(worker.PostJson($"{url}/goals/{goals[1]}/scores", new { stage = "Review", score = -1 }));

        // Sunday 5 April, 20:00: the last day. Ending is refused until the record is complete, and says what is missing.
        app.SetLondon(new DateOnly(2026, 4, 5), new(20, 0));
        worker = await app.ClientFor(Role.ReablementWorker);
        var refused = await Bad(worker.PostJson($"{url}/end", new { sequel = "NoIdentifiedNeeds", destination = "UsualResidence" }, "\"4\""));
        Assert.Equal(["visits", "goals", "measures.barthel", "measures.care-hours"], refused.ErrorFields());
        Assert.Contains("Record the 10 past visits", refused.GetProperty("errors").GetProperty("visits")[0].GetString());
        foreach (var v in visits.Where(v => DateOnly.Parse(v.Str("date")) is var d && d > Day(29)))
        {
            var arrived = London.At(DateOnly.Parse(v.Str("date")), TimeOnly.Parse(v.Str("windowStart")));
            await Ok(worker.PostJson($"/api/visits/{v.Str("id")}/record", new { outcome = "Done", arrivedAt = arrived.ToString("O"), leftAt = arrived.AddMinutes(25).ToString("O") }));
        }
        await Ok(worker.PostJson($"{url}/goals/{goals[0]}/scores", new { stage = "End", score = 1, note = "Makes breakfast every day" }));
        await Ok(worker.PostJson($"{url}/goals/{goals[1]}/scores", new { stage = "End", score = 0 }));
        var better = new Dictionary<string, decimal>(CareRecords.Barthel) { ["grooming"] = 1, ["mobility"] = 3, ["dressing"] = 2, ["stairs"] = 1, ["bathing"] = 1, ["transfer"] = 3, ["bladder"] = 2 };
        await Ok(worker.PostJson($"{url}/measures", new { measure = "barthel", stage = "End", values = better }));
        await Ok(worker.PostJson($"{url}/measures", new { measure = "care-hours", stage = "End", values = new { hours = 1.75 } }));
        await Ok(worker.PostJson($"{url}/measures", new { measure = "experience", stage = "End", values = new { rating = 5 } }));
        record = await Ok(worker.PostJson($"{url}/community-support", new { need = "Company", action = "Referred", organisation = "Northvale Lunch Club" }));
        Assert.Empty(record.GetProperty("missingToEnd").EnumerateObject());
        var changes = record.GetProperty("measureChanges").EnumerateArray().ToDictionary(m => m.Str("measure"));
        Assert.Equal(8m, changes["barthel"].GetProperty("change").GetDecimal());     // 10 → 18: seven items up by 1, mobility by 2
        Assert.Equal(-8.75m, changes["care-hours"].GetProperty("change").GetDecimal()); // 10.5 → 1.75
        Assert.Equal([true, true], record.GetProperty("goals").EnumerateArray().Select(g => g.GetProperty("achieved").GetBoolean()));

        var contradiction = await Bad(worker.PostJson($"{url}/end", new { sequel = "NoIdentifiedNeeds", destination = "CareHome" }, "\"4\""));
        Assert.Equal(["destination"], contradiction.ErrorFields());
        var ended = await Ok(worker.PostJson($"{url}/end", new { sequel = "NoIdentifiedNeeds", destination = "UsualResidence" }, "\"4\""));
        Assert.Equal("Ended", ended.Str("status"));
        var closed = await (await worker.PostJson($"{url}/goals", new { text = "One more" })).Expect(HttpStatusCode.Conflict);
        Assert.Contains("care record is closed", closed.Str("detail"));

        // The follow-up: not before day 91 (22 June); overdue after it; "not contactable" needs two failed attempts.
        app.SetLondon(new DateOnly(2026, 6, 21), new(10, 0));
        hub = await app.ClientFor(Role.HubCoordinator);
        var open = Assert.Single((await Ok(hub.GetAsync("/api/follow-ups", Ct))).EnumerateArray());
        Assert.Equal("2026-06-22", open.Str("dueOn"));
        var followUp = $"/api/follow-ups/{open.Str("id")}";
        var tooSoon = await Bad(hub.PostJson($"{followUp}/result", new { result = "AtHome" }, "\"1\""));
        Assert.Contains("2026-06-22", tooSoon.GetProperty("errors").GetProperty("at")[0].GetString());

        app.SetLondon(new DateOnly(2026, 6, 23), new(10, 0));
        hub = await app.ClientFor(Role.HubCoordinator);
        Assert.True(Assert.Single((await Ok(hub.GetAsync("/api/follow-ups?due=Overdue", Ct))).EnumerateArray()).GetProperty("overdue").GetBoolean());
        await Ok(hub.PostJson($"{followUp}/attempts", new { reached = false, notes = "No answer" }, "\"1\""));
        var notYet = await Bad(hub.PostJson($"{followUp}/result", new { result = "NotContactable" }, "\"2\""));
        Assert.Contains("(1 so far)", notYet.GetProperty("errors").GetProperty("result")[0].GetString());
        await Ok(hub.PostJson($"{followUp}/attempts", new { reached = true, notes = "Spoke to her daughter" }, "\"2\""));
        var done = await Ok(hub.PostJson($"{followUp}/result", new { result = "AtHome", notes = "Still at home, managing with the lunch club" }, "\"3\""));
        Assert.Equal("AtHome", done.Str("result"));
        Assert.Empty((await Ok(hub.GetAsync("/api/follow-ups?due=Overdue", Ct))).EnumerateArray());

        var timeline = await Ok(hub.GetAsync($"{url}/events", Ct));
        var types = timeline.EnumerateArray().Select(e => e.Str("type")).ToList();
        Assert.Equal(35, types.Count(t => t == "VisitRecorded"));
        Assert.Equal(["Ended", "FollowUpAttempt", "FollowUpAttempt", "FollowedUp"], types[^4..]);
    }
}

/// <summary>A rapid response episode with its 2-hour clock and its outcome, on a clock the test moves.</summary>
public sealed class RapidResponseEpisodeTests(ClockedApiFactory app) : IClassFixture<ClockedApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static async Task<JsonElement> Ok(Task<HttpResponseMessage> call) => await (await call).Expect(HttpStatusCode.OK);
    private static async Task<JsonElement> Bad(Task<HttpResponseMessage> call) => await (await call).Expect(HttpStatusCode.BadRequest);

    [Fact]
    public async Task A_rapid_response_episode_needs_its_outcome_and_the_outcome_must_fit_the_destination()
    {
        app.SetLondon(new DateOnly(2026, 7, 1), new(10, 0));
        var ucr = await app.ClientFor(Role.RapidResponseClinician);
        var referral = await (await ucr.PostJson("/api/referrals", Bodies.UrgentCommunityResponse())).Expect(HttpStatusCode.Created);
        var id = referral.GetProperty("episode").Str("id");
        var url = $"/api/episodes/{id}";
        await Ok(ucr.PostJson($"{url}/triage", new { service = "UrgentCommunityResponse" }, "\"1\""));
        await Ok(ucr.PostJson($"{url}/accept", new { }, "\"2\""));

        var board = await Ok(ucr.GetAsync("/api/board?route=UrgentCommunityResponse", Ct));
        var row = board.GetProperty("rows").EnumerateArray().Single(r => r.Str("episodeId") == id);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 11, 0, 0, TimeSpan.Zero), row.GetProperty("twoHourDeadline").GetDateTimeOffset()); // 12:00 BST

        // Recorded at 12:40 BST, arrived at 11:35 BST: first contact is the time entered, and is required.
        app.SetLondon(new DateOnly(2026, 7, 1), new(12, 40));
        ucr = await app.ClientFor(Role.RapidResponseClinician);
        var noTime = await Bad(ucr.PostJson($"{url}/start", new { }, "\"3\""));
        Assert.Equal(["at"], noTime.ErrorFields());
        Assert.Contains("2-hour clock stops then", noTime.GetProperty("errors").GetProperty("at")[0].GetString());
        await Ok(ucr.PostJson($"{url}/start", new { at = "2026-07-01T11:35:00+01:00" }, "\"3\""));
        var record = await Ok(ucr.GetAsync($"{url}/care", Ct));
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 10, 35, 0, TimeSpan.Zero), record.GetProperty("startedAt").GetDateTimeOffset());
        var noOutcome = await Bad(ucr.PostJson($"{url}/end", new { sequel = "NoIdentifiedNeeds", destination = "UsualResidence" }, "\"4\""));
        Assert.Equal(["urgentAssessment", "urgentOutcome"], noOutcome.ErrorFields());

        // The rapid response record: a presenting problem from the list, what happened, the clinical notes; all problems at once.
        var empty = await Bad(ucr.PutJson($"{url}/urgent-assessment", new { presentingProblem = "Sneezing" }));
        Assert.Equal(["presentingProblem", "presenting", "clinicalNotes"], empty.ErrorFields());
        var early = await Bad(ucr.PutJson($"{url}/urgent-assessment", new
        {
            presentingProblem = "Other", presenting = "Locked out", clinicalNotes = "Key safe fitted", at = "2026-07-01T11:00:00+01:00",
        }));
        Assert.Equal(["at"], early.ErrorFields()); // before first contact
        record = await Ok(ucr.PutJson($"{url}/urgent-assessment", new
        {
            presentingProblem = "Falls", presenting = "Fell in the garden, could not get up",
            clinicalNotes = "No head injury, no loss of consciousness; hips not tender. Helped up. NEWS2 taken.",
        }));
        var urgent = record.GetProperty("urgentAssessment");
        Assert.Equal("Falls", urgent.Str("presentingProblem"));
        Assert.Equal("Falls", urgent.Str("presentingProblemName"));
        await (await ucr.PutJson($"{url}/urgent-assessment", new { presentingProblem = "Falls", presenting = "Again", clinicalNotes = "Again" }))
            .Expect(HttpStatusCode.PreconditionRequired);
        record = await Ok(ucr.PutJson($"{url}/urgent-assessment", new
        {
            presentingProblem = "DecompensationOfFrailty", presenting = "Fell, and weaker over two days", clinicalNotes = "Urine dip positive; GP prescribed antibiotics.",
        }, "\"1\""));
        Assert.Equal(2, record.GetProperty("urgentAssessment").GetProperty("version").GetInt32());
        noOutcome = await Bad(ucr.PostJson($"{url}/end", new { sequel = "NoIdentifiedNeeds", destination = "UsualResidence" }, "\"4\""));
        Assert.Equal(["urgentOutcome"], noOutcome.ErrorFields());
        var noReason = await Bad(ucr.PostJson($"{url}/outcome", new { outcome = "ConveyedToHospital" }, "\"4\""));
        Assert.Equal(["reason"], noReason.ErrorFields());
        var unknown = await Bad(ucr.PostJson($"{url}/outcome", new { outcome = "Teleported" }, "\"4\""));
        Assert.Equal(["outcome"], unknown.ErrorFields());
        await Ok(ucr.PostJson($"{url}/outcome", new { outcome = "ConveyedToHospital", reason = "Suspected hip fracture" }, "\"4\""));

        var home = await Bad(ucr.PostJson($"{url}/end", new { sequel = "EarlyCessationOtherReason", destination = "UsualResidence" }, "\"5\""));
        Assert.Contains("conveyed to hospital", home.GetProperty("errors").GetProperty("destination")[0].GetString());
        var ended = await Ok(ucr.PostJson($"{url}/end", new { sequel = "EarlyCessationOtherReason", destination = "Hospital" }, "\"5\""));
        Assert.Equal("ConveyedToHospital", ended.Str("urgentOutcome"));
    }
}
