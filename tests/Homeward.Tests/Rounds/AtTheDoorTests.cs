using System.Net;
using System.Text.Json;
using Homeward.Access;
using Homeward.Demo;
using Homeward.Rounds;
using Homeward.Tests.Support;
using Homeward.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Tests.Rounds;

/// <summary>
/// A carer's round on the phone over the API, on a small demo county made with today's date and today's rota published:
/// check in and out (verified, a resend never applied twice), could not visit (a welfare check at once), conflicts kept
/// and put before the hub, and bad batches refused whole; on both databases.
/// </summary>
public sealed class AtTheDoorTests(AtTheDoorTests.County app) : IClassFixture<AtTheDoorTests.County>
{
    public sealed class County : ApiFactory
    {
        /// <summary>The demo county, and today's rota of Riley Able's team built and published (<see cref="RoundToday"/>).</summary>
        public Task Ensure(CancellationToken ct) => Once(c => RoundToday.Make(Services, seed: 11, c, allDay: true), ct);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Taken = new();

    /// <summary>A visit on Riley's round today, not yet recorded, that no other test here takes (single-handed unless asked).</summary>
    private async Task<(HttpClient Carer, JsonElement Stop)> AVisit(bool doubleHanded = false)
    {
        await app.Ensure(Ct);
        var carer = await app.ClientFor(Role.ReablementWorker);
        var round = await (await carer.GetAsync("/api/rotas/mine", Ct)).Expect(HttpStatusCode.OK);
        Assert.True(round.GetProperty("today").GetBoolean());
        var stops = round.GetProperty("stops").EnumerateArray().Where(s => s.Str("status") == "Planned" && s.GetProperty("doubleHanded").GetBoolean() == doubleHanded).ToList();
        var stop = stops.FirstOrDefault(s => Taken.TryAdd(s.Str("visitId"), true));
        Assert.True(stop.ValueKind == JsonValueKind.Object, "Riley's round today has no visit left to record.");
        return (carer, stop);
    }

    private static object Act(string kind, JsonElement stop, DateTimeOffset at, Guid? id = null, string? reason = null, string? notes = null,
        (double Lat, double Lon)? place = null) => new
    {
        id = (id ?? Guid.NewGuid()).ToString(), visitId = stop.Str("visitId"), kind, at = at.ToString("O"), reason, notes,
        latitude = place?.Lat, longitude = place?.Lon,
    };

    /// <summary>
    /// Now, or a little before, kept on the visit's day (London) so the phone's time is on it: in the first hour after
    /// midnight every call's minutes shrink by the same share of the time since midnight, so a larger number is always
    /// the earlier time.
    /// </summary>
    private static DateTimeOffset Earlier(int minutes)
    {
        var now = DateTimeOffset.UtcNow;
        var sinceMidnight = now - Homeward.Common.London.StartOf(Homeward.Common.London.DateOf(now));
        var share = Math.Min(1.0, sinceMidnight / TimeSpan.FromMinutes(61));
        return now - TimeSpan.FromMinutes(minutes) * share;
    }

    [Fact]
    public async Task A_carer_checks_in_and_out_on_the_phone_verified_and_a_resend_is_never_applied_twice()
    {
        var (carer, stop) = await AVisit();
        var visitId = Guid.Parse(stop.Str("visitId"));
        await using var db = app.Db();
        var home = await db.People.Where(p => p.Id == Guid.Parse(stop.Str("personId"))).Select(p => new { p.Latitude, p.Longitude }).SingleAsync(Ct);
        var arrived = Earlier(25);
        var left = Earlier(1);
        var batch = new
        {
            actions = new[]
            {
                Act("CheckIn", stop, arrived, place: home.Latitude is { } lat ? (lat + 0.0002, home.Longitude!.Value) : null),
                Act("CheckOut", stop, left, notes: "Washed and dressed; ate breakfast."),
            },
        };
        var first = (await (await carer.PostJson("/api/rotas/mine/actions", batch)).Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(["Applied", "Applied"], first.Select(r => r.Str("outcome")));
        Assert.All(first, r => Assert.False(r.GetProperty("repeat").GetBoolean()));
        Assert.Equal("Done", first[1].Str("status"));

        // The phone never heard the answer and sends the same outbox again: the first answers, nothing applied twice.
        var again = (await (await carer.PostJson("/api/rotas/mine/actions", batch)).Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.All(again, r => Assert.True(r.GetProperty("repeat").GetBoolean()));
        Assert.Equal(["Applied", "Applied"], again.Select(r => r.Str("outcome")));

        var visit = await db.Visits.AsNoTracking().SingleAsync(v => v.Id == visitId, Ct);
        Assert.Equal(VisitStatus.Done, visit.Status);
        Assert.True(visit.OnPhone);
        Assert.Equal(arrived.ToUnixTimeSeconds(), visit.ArrivedAt!.Value.ToUnixTimeSeconds());
        Assert.Equal(left.ToUnixTimeSeconds(), visit.LeftAt!.Value.ToUnixTimeSeconds());
        Assert.Equal("Washed and dressed; ate breakfast.", visit.Notes);
        if (home.Latitude is not null)
            Assert.InRange(visit.ArrivedMetres!.Value, 15, 30); // 0.0002° of latitude is about 22 m; only the distance is kept
        Assert.Null(visit.LeftMetres); // not shared at check-out
        Assert.Equal(2, await db.VisitActions.CountAsync(a => a.VisitId == visitId, Ct));
        Assert.Equal(1, await db.EpisodeEvents.CountAsync(e => e.Type == Homeward.Episodes.EpisodeEventType.VisitRecorded && e.Detail!.Contains(visitId.ToString()), Ct));
        foreach (var action in new[] { "visit.check-in", "visit.check-out" })
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == action && a.EntityId == visitId.ToString(), Ct), action);

        // The round says so, and the visit can no longer be checked in to: that would be a conflict, kept.
        var round = await (await carer.GetAsync("/api/rotas/mine", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal("Done", round.GetProperty("stops").EnumerateArray().Single(s => s.Str("visitId") == visitId.ToString()).Str("status"));
    }

    [Fact]
    public async Task No_access_on_the_phone_puts_a_welfare_check_in_front_of_the_hub_at_once()
    {
        var (carer, stop) = await AVisit();
        var result = (await (await carer.PostJson("/api/rotas/mine/actions", new
        {
            actions = new[] { Act("CouldNotVisit", stop, Earlier(2), reason: "CouldNotGetIn", notes: "No answer at the door; key safe empty.") },
        })).Expect(HttpStatusCode.OK)).EnumerateArray().Single();
        Assert.Equal(("Applied", "Missed"), (result.Str("outcome"), result.Str("status")));

        var hub = await app.ClientFor(Role.HubCoordinator);
        var queue = await (await hub.GetAsync("/api/attention?kind=MissedVisit", Ct)).Expect(HttpStatusCode.OK);
        var item = queue.GetProperty("items").EnumerateArray().Single(i => i.Str("subjectId") == stop.Str("visitId"));
        Assert.Contains("could not get in", item.Str("detail"), StringComparison.Ordinal);
        Assert.Contains(Homeward.Attention.AttentionKind.MissedVisit, Homeward.Alerts.SendAlerts.Urgent);
    }

    [Fact]
    public async Task An_action_that_no_longer_fits_the_visit_is_kept_told_back_and_put_in_front_of_the_hub()
    {
        var (carer, cancelled) = await AVisit();
        var (_, moved) = await AVisit();
        await using (var db = app.Db())
        {
            // Since the round reached the phone: one visit cancelled (the plan changed), one given to another carer.
            await db.Visits.Where(v => v.Id == Guid.Parse(cancelled.Str("visitId"))).ExecuteUpdateAsync(s => s.SetProperty(v => v.Status, VisitStatus.Cancelled), Ct);
            var riley = await db.CareWorkers.Where(w => w.UserName == "reablement@demo.homeward").Select(w => w.Id).SingleAsync(Ct);
            await db.RotaAssignments.Where(a => a.VisitId == Guid.Parse(moved.Str("visitId")) && a.WorkerId == riley)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.WorkerId, Guid.NewGuid()), Ct);
        }
        var results = (await (await carer.PostJson("/api/rotas/mine/actions", new
        {
            actions = new[] { Act("CheckIn", cancelled, Earlier(10)), Act("CheckIn", moved, Earlier(5)), Act("CheckOut", moved, Earlier(1), notes: "All well.") },
        })).Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.All(results, r => Assert.Equal("Conflict", r.Str("outcome")));
        Assert.Contains("cancelled", results[0].Str("message"), StringComparison.Ordinal);
        Assert.True(results[1].Str("message").Contains("no longer in your round", StringComparison.Ordinal), results[1].Str("message"));

        // Kept with what the carer wrote; the carer's round lists them; the hub has each, and clears it when dealt with.
        await using var check = app.Db();
        var kept = await check.VisitActions.AsNoTracking().SingleAsync(a => a.Id == Guid.Parse(results[2].Str("id")), Ct);
        Assert.Equal(("All well.", VisitActionOutcome.Conflict), (kept.Notes, kept.Outcome));
        Assert.Equal(VisitStatus.Planned, (await check.Visits.AsNoTracking().SingleAsync(v => v.Id == Guid.Parse(moved.Str("visitId")), Ct)).Status);
        var round = await (await carer.GetAsync("/api/rotas/mine", Ct)).Expect(HttpStatusCode.OK);
        Assert.True(round.GetProperty("conflicts").GetArrayLength() >= 3);
        var hub = await app.ClientFor(Role.HubCoordinator);
        var queue = (await (await hub.GetAsync("/api/attention?kind=PhoneConflict", Ct)).Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        var item = queue.Single(i => i.Str("subjectId") == results[0].Str("id"));
        Assert.Contains("cancelled", item.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(stop2Link(cancelled), item.Str("link"));
        await (await hub.PostJson($"/api/attention/PhoneConflict/{results[0].Str("id")}/done", new { })).Expect(HttpStatusCode.OK);
        queue = (await (await hub.GetAsync("/api/attention?kind=PhoneConflict", Ct)).Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        Assert.DoesNotContain(queue, i => i.Str("subjectId") == results[0].Str("id"));
        Assert.True(await check.AuditEntries.AnyAsync(a => a.Action == "visit.phone-conflict", Ct));

        static string stop2Link(JsonElement stop) => $"/episodes/{stop.Str("episodeId")}";
    }

    [Fact]
    public async Task A_bad_batch_is_refused_whole_with_every_problem_named_and_only_carers_record_rounds()
    {
        var (carer, stop) = await AVisit();
        var same = Guid.NewGuid().ToString();
        var bad = await (await carer.PostJson("/api/rotas/mine/actions", new
        {
            actions = new object[]
            {
                new { id = "not-a-uuid", visitId = "nope", kind = "Teleport", at = "yesterday" },
                new { id = same, visitId = stop.Str("visitId"), kind = "CheckIn", at = DateTimeOffset.UtcNow.ToString("O"), latitude = 51.5, reason = "PersonNotIn" },
                new { id = same, visitId = stop.Str("visitId"), kind = "CouldNotVisit", at = DateTimeOffset.UtcNow.ToString("O"), reason = "Other" },
            },
        })).Expect(HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        foreach (var field in new[] { "actions[0].id", "actions[0].visitId", "actions[0].kind", "actions[0].at", "actions[1].longitude", "actions[1].reason", "actions[2].notes", "actions[2].id" })
            Assert.True(errors.TryGetProperty(field, out _), field);
        await using var db = app.Db();
        Assert.False(await db.VisitActions.AnyAsync(a => a.VisitId == Guid.Parse(stop.Str("visitId")), Ct));
        await (await carer.PostJson("/api/rotas/mine/actions", new { actions = Array.Empty<object>() })).Expect(HttpStatusCode.BadRequest);

        // A manager may record care but is on no team's list of carers; a discharge team records no care at all.
        var manager = await app.ClientFor(Role.Manager);
        var refused = await (await manager.PostJson("/api/rotas/mine/actions", new { actions = new[] { Act("CheckIn", stop, DateTimeOffset.UtcNow) } })).Expect(HttpStatusCode.Forbidden);
        Assert.Contains("list of carers", refused.Str("detail"), StringComparison.Ordinal);
        // The refusal is in the audit trail on both databases (a long action once made PostgreSQL refuse the row).
        await using (var audit = app.Db())
            Assert.True(await audit.AuditEntries.AnyAsync(a => a.Action == "round.record" && a.Outcome == Homeward.Audit.AuditOutcome.Denied && a.Role == Role.Manager, Ct));
        var discharge = await app.ClientFor(Role.HospitalDischargeTeam);
        await (await discharge.PostJson("/api/rotas/mine/actions", new { actions = new[] { Act("CheckIn", stop, DateTimeOffset.UtcNow) } })).Expect(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_visit_with_no_check_in_half_an_hour_after_its_window_goes_to_the_hub_until_the_carer_checks_in()
    {
        var (carer, stop) = await AVisit();
        var visitId = Guid.Parse(stop.Str("visitId"));
        await using (var db = app.Db())
            await db.Visits.Where(v => v.Id == visitId).ExecuteUpdateAsync(s => s.SetProperty(v => v.WindowStart, new TimeOnly(0, 0)).SetProperty(v => v.WindowEnd, new TimeOnly(0, 0)), Ct);
        var hub = await app.ClientFor(Role.HubCoordinator);
        async Task<bool> Listed() => (await (await hub.GetAsync("/api/attention?kind=VisitNotStarted", Ct)).Expect(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Any(i => i.Str("subjectId") == visitId.ToString());
        // Its window closed at midnight: listed from half past (a run in the first half hour of the day sees it not yet due;
        // in the minute either side of half past it may be either).
        var sinceMidnight = Homeward.Common.London.TimeOf(DateTimeOffset.UtcNow).TimeOfDay;
        var pastHalfPast = sinceMidnight >= TimeSpan.FromMinutes(31);
        if (sinceMidnight < TimeSpan.FromMinutes(29) || pastHalfPast)
            Assert.Equal(pastHalfPast, await Listed());
        if (pastHalfPast)
            Assert.Contains("no check-in", (await (await hub.GetAsync("/api/attention?kind=VisitNotStarted", Ct)).Expect(HttpStatusCode.OK))
                .GetProperty("items").EnumerateArray().Single(i => i.Str("subjectId") == visitId.ToString()).Str("detail"), StringComparison.Ordinal);

        // Checked in late: no longer an exception (the lateness is the visit's own record).
        var checkedIn = await (await carer.PostJson("/api/rotas/mine/actions", new { actions = new[] { Act("CheckIn", stop, Earlier(0)) } })).Expect(HttpStatusCode.OK);
        Assert.Equal("Applied", checkedIn.EnumerateArray().Single().Str("outcome"));
        Assert.False(await Listed());
    }

    [Fact]
    public async Task Planned_against_delivered_sums_each_visit_s_minutes_punctuality_and_verification_and_exports_them()
    {
        var (carer, stop) = await AVisit();
        var visitId = stop.Str("visitId");
        var (arrived, left) = (Earlier(40), Earlier(10));
        var recorded = await (await carer.PostJson("/api/rotas/mine/actions", new { actions = new[] { Act("CheckIn", stop, arrived), Act("CheckOut", stop, left) } }))
            .Expect(HttpStatusCode.OK);
        Assert.All(recorded.EnumerateArray(), r => Assert.Equal("Applied", r.Str("outcome")));
        await using var db = app.Db();
        var team = await db.CareWorkers.Where(w => w.UserName == RoundToday.Carer).Select(w => w.ServiceId).SingleAsync(Ct);
        var today = Homeward.Common.London.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd");

        var manager = await app.ClientFor(Role.Manager);
        var result = await (await manager.GetAsync($"/api/visits/delivered?from={today}&to={today}&serviceId={team}", Ct)).Expect(HttpStatusCode.OK);
        var rows = result.GetProperty("visits").EnumerateArray().ToList();
        var row = rows.Single(r => r.Str("visitId") == visitId);
        var minutes = stop.GetProperty("minutes").GetInt32();
        var delivered = (int)Math.Round((left - arrived).TotalMinutes);
        Assert.Equal(minutes, row.GetProperty("plannedMinutes").GetInt32());
        Assert.Equal(delivered, row.GetProperty("deliveredMinutes").GetInt32());
        Assert.True(row.GetProperty("verified").GetBoolean());
        Assert.Equal("Riley Able", row.Str("carers"));
        var window = (TimeOnly.Parse(stop.Str("windowStart")), TimeOnly.Parse(stop.Str("windowEnd")));
        var arrivedAt = TimeOnly.FromTimeSpan(Homeward.Common.London.TimeOf(arrived).TimeOfDay);
        Assert.Equal(arrivedAt >= window.Item1 && arrivedAt <= window.Item2, row.GetProperty("onTime").GetBoolean());
        // The sums are the rows': for everyone and for the one team shown.
        var total = result.GetProperty("total");
        Assert.Equal(rows.Count, total.GetProperty("visits").GetInt32());
        Assert.Equal(rows.Sum(r => r.GetProperty("plannedMinutes").GetInt32()), total.GetProperty("plannedMinutes").GetInt32());
        Assert.Equal(rows.Sum(r => r.TryGetProperty("deliveredMinutes", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetInt32() : 0),
            total.GetProperty("deliveredMinutes").GetInt32());
        Assert.Equal(rows.Count(r => r.Str("status") == "Done"), total.GetProperty("done").GetInt32());
        Assert.Equal(total.GetRawText(), result.GetProperty("byTeam")[0].GetRawText().Replace(result.GetProperty("byTeam")[0].Str("name"), "Everyone"));

        // The CSV: a line a visit, the same numbers.
        var csv = await (await manager.GetAsync($"/api/visits/delivered.csv?from={today}&to={today}&serviceId={team}", Ct)).Content.ReadAsStringAsync(Ct);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("date,window_start,window_end,person,team,carers,status", lines[0], StringComparison.Ordinal);
        Assert.Equal(rows.Count + 1, lines.Length);
        Assert.Contains(lines, l => l.Contains(visitId, StringComparison.Ordinal) && l.Contains($",{minutes},{delivered},", StringComparison.Ordinal));

        // Every problem at once; a provider sees only its own teams; the view is audited naming the people.
        var bad = await (await manager.GetAsync("/api/visits/delivered?from=2026-02-30&to=yesterday&serviceId=x", Ct)).Expect(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "from", "to", "serviceId" })
            Assert.True(bad.GetProperty("errors").TryGetProperty(field, out _), field);
        await (await manager.GetAsync("/api/visits/delivered?from=2026-01-01&to=2026-12-31", Ct)).Expect(HttpStatusCode.BadRequest);
        var provider = await app.ClientFor(Role.CareProvider);
        await (await provider.GetAsync($"/api/visits/delivered?serviceId={team}", Ct)).Expect(HttpStatusCode.BadRequest);
        await (await (await app.ClientFor(Role.ReablementWorker)).GetAsync("/api/visits/delivered", Ct)).Expect(HttpStatusCode.Forbidden);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "visit.delivered" && a.People.Any(), Ct));
    }

    [Fact]
    public async Task The_visit_s_tasks_and_medicine_prompts_reach_the_round_and_are_recorded_at_check_out()
    {
        var (carer, stop) = await AVisit();
        var episode = Guid.Parse(stop.Str("episodeId"));
        await using (var db = app.Db())
            await db.CarePlans.Where(p => p.EpisodeId == episode).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Tasks, "Help to wash and dress\nteatime: Practise the stairs")
                .SetProperty(p => p.Medicines, "Paracetamol 1 g"), Ct);
        var round = await (await carer.GetAsync("/api/rotas/mine", Ct)).Expect(HttpStatusCode.OK);
        var mine = round.GetProperty("stops").EnumerateArray().Single(s => s.Str("visitId") == stop.Str("visitId"));
        var shown = mine.GetProperty("tasks").EnumerateArray().Select(t => (t.Str("kind"), t.Str("text"))).ToList();
        // The visit's window is the whole day from midnight (a morning visit): not the teatime task.
        Assert.Equal([("Task", "Help to wash and dress"), ("Medicine", "Paracetamol 1 g")], shown);

        // A task not done needs a reason, a medicine is taken, declined or not there: every problem at once, nothing kept.
        var bad = await (await carer.PostJson("/api/rotas/mine/actions", new
        {
            actions = new object[]
            {
                Act("CheckIn", stop, Earlier(30)),
                new
                {
                    id = Guid.NewGuid().ToString(), visitId = stop.Str("visitId"), kind = "CheckOut", at = Earlier(1).ToString("O"),
                    tasks = new object[] { new { kind = "Task", text = "Help to wash and dress", outcome = "NotDone" }, new { kind = "Medicine", text = "Paracetamol 1 g", outcome = "Done" }, new { kind = "Spell", outcome = "Given" } },
                },
            },
        })).Expect(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "actions[1].tasks[0].reason", "actions[1].tasks[1].outcome", "actions[1].tasks[2].kind", "actions[1].tasks[2].text" })
            Assert.True(bad.GetProperty("errors").TryGetProperty(field, out _), field);

        var ok = await (await carer.PostJson("/api/rotas/mine/actions", new
        {
            actions = new object[]
            {
                Act("CheckIn", stop, Earlier(30)),
                new
                {
                    id = Guid.NewGuid().ToString(), visitId = stop.Str("visitId"), kind = "CheckOut", at = Earlier(1).ToString("O"),
                    tasks = new object[]
                    {
                        new { kind = "Task", text = "Help to wash and dress", outcome = "NotDone", reason = "Wanted to wait for her daughter" },
                        new { kind = "Medicine", text = "Paracetamol 1 g", outcome = "Declined", reason = (string?)null },
                    },
                },
            },
        })).Expect(HttpStatusCode.OK);
        Assert.All(ok.EnumerateArray(), r => Assert.Equal("Applied", r.Str("outcome")));

        var hub = await app.ClientFor(Role.HubCoordinator);
        var record = await (await hub.GetAsync($"/api/episodes/{episode}/care", Ct)).Expect(HttpStatusCode.OK);
        var visit = record.GetProperty("visits").EnumerateArray().Single(v => v.Str("id") == stop.Str("visitId"));
        var tasks = visit.GetProperty("tasks").EnumerateArray().Select(t => (t.Str("text"), t.Str("outcome"), t.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null)).ToList();
        Assert.Equal([("Help to wash and dress", "NotDone", "Wanted to wait for her daughter"), ("Paracetamol 1 g", "Declined", null)], tasks);
    }

    [Fact]
    public async Task Soft_signs_at_check_out_and_a_worrying_NEWS2_go_to_the_rapid_response_team_at_once()
    {
        var (carer, stop) = await AVisit();
        var episode = stop.Str("episodeId");
        var checkedOut = await (await carer.PostJson("/api/rotas/mine/actions", new
        {
            actions = new object[]
            {
                Act("CheckIn", stop, Earlier(20)),
                new
                {
                    id = Guid.NewGuid().ToString(), visitId = stop.Str("visitId"), kind = "CheckOut", at = Earlier(2).ToString("O"), notes = "Did not want breakfast; muddled about the day.",
                    softSigns = new[] { "NewOrWorseConfusion", "NotEatingOrDrinking" },
                },
            },
        })).Expect(HttpStatusCode.OK);
        Assert.All(checkedOut.EnumerateArray(), r => Assert.Equal("Applied", r.Str("outcome")));

        var hub = await app.ClientFor(Role.RapidResponseClinician);
        var item = (await (await hub.GetAsync("/api/attention?kind=Deterioration", Ct)).Expect(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Single(i => i.Str("episodeId") == episode);
        Assert.Contains("new or worse confusion", item.Str("detail"), StringComparison.Ordinal);
        Assert.Contains(Homeward.Attention.AttentionKind.Deterioration, Homeward.Alerts.SendAlerts.Urgent);

        // Half a set of observations is refused, naming each missing one; a full set is scored here.
        var clinician = hub;
        var bad = await (await clinician.PostJson($"/api/episodes/{episode}/observations", new { respirationRate = 22, spO2 = 101 })).Expect(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "spO2", "systolicBp", "pulse", "consciousness", "temperature" })
            Assert.True(bad.GetProperty("errors").TryGetProperty(field, out _), field);
        await (await clinician.PostJson($"/api/episodes/{episode}/observations", new { })).Expect(HttpStatusCode.BadRequest);
        var record = await (await clinician.PostJson($"/api/episodes/{episode}/observations", new
        {
            respirationRate = 22, spO2 = 95, onOxygen = false, systolicBp = 95, pulse = 115, consciousness = "Alert", temperature = 38.5m,
        })).Expect(HttpStatusCode.OK);
        var newest = record.GetProperty("observations")[0];
        Assert.Equal((8, "High", true), (newest.GetProperty("news2").GetInt32(), newest.Str("response"), newest.GetProperty("stepUp").GetBoolean()));
        // 22 → 2, 95% → 1, 95 → 2, 115 → 2, 38.5 → 1: 8, an emergency response.
        var items = (await (await hub.GetAsync("/api/attention?kind=Deterioration", Ct)).Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.Str("episodeId") == episode && i.Str("detail").Contains("NEWS2 8 (high response)", StringComparison.Ordinal));
        await using var db = app.Db();
        Assert.True(await db.EpisodeEvents.AnyAsync(e => e.EpisodeId == Guid.Parse(episode) && e.Type == Homeward.Episodes.EpisodeEventType.Observed, Ct));
    }

    [Fact]
    public async Task A_carer_confirms_their_round_and_a_change_after_it_is_flagged_to_them_and_the_scheduler()
    {
        var (carer, stop) = await AVisit();
        var confirmed = await (await carer.PostJson("/api/rotas/mine/confirm", new { })).Expect(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.String, confirmed.GetProperty("confirmedAt").ValueKind);
        var round = await (await carer.GetAsync("/api/rotas/mine", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(0, round.GetProperty("changedSinceConfirmed").GetArrayLength());

        // The scheduler re-times one of the carer's visits: the round says what moved, and so does the rota.
        await using var db = app.Db();
        var riley = await db.CareWorkers.Where(w => w.UserName == RoundToday.Carer).Select(w => w.Id).SingleAsync(Ct);
        var assignment = await db.RotaAssignments.FirstAsync(a => a.VisitId == Guid.Parse(stop.Str("visitId")) && a.WorkerId == riley, Ct);
        await db.RotaAssignments.Where(a => a.RotaId == assignment.RotaId && a.VisitId == assignment.VisitId && a.WorkerId == riley)
            .ExecuteUpdateAsync(x => x.SetProperty(a => a.Start, a => a.Start + 30), Ct);
        round = await (await carer.GetAsync("/api/rotas/mine", Ct)).Expect(HttpStatusCode.OK);
        var changes = round.GetProperty("changedSinceConfirmed").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Contains(changes, c => c.StartsWith(stop.Str("personName") + " moved from", StringComparison.Ordinal));
        var hub = await app.ClientFor(Role.HubCoordinator);
        var rota = await (await hub.GetAsync($"/api/rotas/{assignment.RotaId}", Ct)).Expect(HttpStatusCode.OK);
        var rileys = rota.GetProperty("rounds").EnumerateArray().Single(r => r.Str("workerId") == riley.ToString());
        Assert.True(rileys.GetProperty("changedSinceConfirmed").GetBoolean());

        // Confirmed again: nothing outstanding; someone not on a team's list cannot confirm a round.
        await (await carer.PostJson("/api/rotas/mine/confirm", new { })).Expect(HttpStatusCode.OK);
        rota = await (await hub.GetAsync($"/api/rotas/{assignment.RotaId}", Ct)).Expect(HttpStatusCode.OK);
        Assert.False(rota.GetProperty("rounds").EnumerateArray().Single(r => r.Str("workerId") == riley.ToString()).GetProperty("changedSinceConfirmed").GetBoolean());
        await (await (await app.ClientFor(Role.Manager)).PostJson("/api/rotas/mine/confirm", new { })).Expect(HttpStatusCode.Conflict);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "rota.acknowledge", Ct));
    }

    [Fact]
    public async Task The_round_can_be_installed_on_a_phone_and_asks_for_the_location_only_there()
    {
        var client = app.CreateClient();
        var manifest = await client.GetAsync("/manifest.webmanifest", Ct);
        Assert.Equal(HttpStatusCode.OK, manifest.StatusCode);
        Assert.Equal("application/manifest+json", manifest.Content.Headers.ContentType?.MediaType);
        var parsed = JsonDocument.Parse(await manifest.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(("standalone", "/"), (parsed.Str("display"), parsed.Str("start_url")));
        Assert.Contains(parsed.GetProperty("icons").EnumerateArray(), i => i.Str("sizes") == "512x512");
        var worker = await client.GetAsync("/round-worker.js", Ct);
        Assert.Equal(HttpStatusCode.OK, worker.StatusCode);
        Assert.Contains("homeward-round-v1", await worker.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var carer = await app.ClientFor(Role.ReablementWorker);
        var round = await carer.GetAsync("/my-day", Ct);
        Assert.Contains("geolocation=(self)", round.Headers.GetValues("Permissions-Policy").Single(), StringComparison.Ordinal);
        var elsewhere = await carer.GetAsync("/visits", Ct);
        Assert.Contains("geolocation=()", elsewhere.Headers.GetValues("Permissions-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plan_changed_under_a_published_round_cancels_its_visits_rather_than_losing_them()
    {
        var (_, stop) = await AVisit();
        await using var db = app.Db();
        var visitId = Guid.Parse(stop.Str("visitId"));
        var episode = Guid.Parse(stop.Str("episodeId"));
        var plan = await db.CarePlans.SingleAsync(p => p.EpisodeId == episode, Ct);
        await Homeward.Care.PlanLayout.LayOut(db, plan, Guid.Parse(stop.Str("personId")), Homeward.Common.London.DateOf(DateTimeOffset.UtcNow), Ct);
        await db.SaveChangesAsync(Ct);
        var visit = await db.Visits.AsNoTracking().SingleOrDefaultAsync(v => v.Id == visitId, Ct);
        Assert.Equal(VisitStatus.Cancelled, visit?.Status);
        // Laid out again beside it: today's care is not lost with the old visit.
        Assert.True(await db.Visits.AnyAsync(v => v.EpisodeId == episode && v.Date == visit!.Date && v.Status == VisitStatus.Planned, Ct));
    }
}
