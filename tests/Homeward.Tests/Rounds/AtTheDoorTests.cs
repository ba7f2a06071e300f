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
        private readonly SemaphoreSlim once = new(1, 1);
        private bool made;

        /// <summary>The demo county, and today's rota of Riley Able's team built and published (<see cref="RoundToday"/>).</summary>
        public async Task Ensure(CancellationToken ct)
        {
            await once.WaitAsync(ct);
            try
            {
                if (made)
                    return;
                await RoundToday.Make(Services, seed: 11, ct);
                made = true;
            }
            finally
            {
                once.Release();
            }
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static int taken;

    /// <summary>A visit on Riley's round today, not yet recorded, that no other test here takes (single-handed unless asked).</summary>
    private async Task<(HttpClient Carer, JsonElement Stop)> AVisit(bool doubleHanded = false)
    {
        await app.Ensure(Ct);
        var carer = await app.ClientFor(Role.ReablementWorker);
        var round = await (await carer.GetAsync("/api/rotas/mine", Ct)).Expect(HttpStatusCode.OK);
        Assert.True(round.GetProperty("today").GetBoolean());
        var stops = round.GetProperty("stops").EnumerateArray().Where(s => s.Str("status") == "Planned" && s.GetProperty("doubleHanded").GetBoolean() == doubleHanded).ToList();
        var index = Interlocked.Increment(ref taken) - 1;
        Assert.True(stops.Count > 0, "Riley's round today has no visit left to record.");
        return (carer, stops[index % stops.Count]);
    }

    private static object Act(string kind, JsonElement stop, DateTimeOffset at, Guid? id = null, string? reason = null, string? notes = null,
        (double Lat, double Lon)? place = null) => new
    {
        id = (id ?? Guid.NewGuid()).ToString(), visitId = stop.Str("visitId"), kind, at = at.ToString("O"), reason, notes,
        latitude = place?.Lat, longitude = place?.Lon,
    };

    /// <summary>Now, or a little before, kept on the visit's day (London) so the phone's time is on it.</summary>
    private static DateTimeOffset Earlier(int minutes)
    {
        var now = DateTimeOffset.UtcNow;
        var at = now.AddMinutes(-minutes);
        return Homeward.Common.London.DateOf(at) == Homeward.Common.London.DateOf(now) ? at : now.AddSeconds(-minutes);
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
        Assert.Contains("no longer in your round", results[1].Str("message"), StringComparison.Ordinal);

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
        await (await manager.PostJson("/api/rotas/mine/actions", new { actions = new[] { Act("CheckIn", stop, DateTimeOffset.UtcNow) } })).Expect(HttpStatusCode.Forbidden);
        var discharge = await app.ClientFor(Role.HospitalDischargeTeam);
        await (await discharge.PostJson("/api/rotas/mine/actions", new { actions = new[] { Act("CheckIn", stop, DateTimeOffset.UtcNow) } })).Expect(HttpStatusCode.Forbidden);
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
