using System.Net;
using System.Text.Json;
using Homeward.Access;
using Homeward.Demo;
using Homeward.Tests.Support;
using Homeward.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Tests.Rotas;

/// <summary>
/// A team's rota built, checked, adjusted and published over the API on a small demo county (made with today's date,
/// because rotas are for today and the days ahead), and a carer's own day; on both databases.
/// </summary>
public sealed class RotaApiTests(RotaApiTests.County app) : IClassFixture<RotaApiTests.County>
{
    public sealed class County : ApiFactory
    {
        public Task Ensure(CancellationToken ct) => Once(async c =>
        {
            await using var scope = Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoCounty>()
                .GenerateAsync(new DemoCounty.Options(DemoSize.Small, Seed: 7, Today: DateOnly.FromDateTime(DateTime.UtcNow)), ct: c);
        }, ct);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static string Tomorrow => DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd");

    /// <summary>The team of the demo's reablement worker (Riley Able) and the visits it has on a day.</summary>
    private async Task<(Guid Team, List<Visit> Visits)> RileysTeam(DateOnly date)
    {
        await app.Ensure(Ct);
        await using var db = app.Db();
        var team = await db.CareWorkers.Where(w => w.UserName == "reablement@demo.homeward").Select(w => w.ServiceId).SingleAsync(Ct);
        var episodes = db.Bookings.Where(b => b.ServiceId == team && b.Status == Homeward.Capacity.BookingStatus.Accepted && b.StartDate <= date && b.EndDate >= date)
            .Select(b => b.EpisodeId);
        var visits = await db.Visits.Where(v => v.Date == date && v.Status != VisitStatus.Cancelled && episodes.Contains(v.EpisodeId)).ToListAsync(Ct);
        return (team, visits);
    }

    [Fact]
    public async Task A_rota_plans_every_visit_once_within_the_rules_can_be_adjusted_and_published_and_the_carer_sees_their_day()
    {
        var date = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1));
        var (team, visits) = await RileysTeam(date);
        Assert.NotEmpty(visits);
        var hub = await app.ClientFor(Role.HubCoordinator);
        var teams = await (await hub.GetAsync("/api/rotas/teams", Ct)).Expect(HttpStatusCode.OK);
        Assert.Contains(teams.EnumerateArray(), t => t.Str("id") == team.ToString() && t.GetProperty("carers").GetInt32() > 0);

        var built = (await (await hub.PostJson("/api/rotas", new { serviceId = team.ToString(), date = Tomorrow })).ExpectJobDone(hub)).GetProperty("rota");
        var id = built.Str("id");
        var rota = await (await hub.GetAsync($"/api/rotas/{id}", Ct)).Expect(HttpStatusCode.OK);
        var rounds = rota.GetProperty("rounds").EnumerateArray().ToList();
        var stops = rounds.SelectMany(r => r.GetProperty("stops").EnumerateArray().Select(s => (Worker: r.Str("workerId"), Round: r, Stop: s))).ToList();
        var gaps = rota.GetProperty("gaps").EnumerateArray().ToList();

        // Every visit once (a double-handed one twice: two carers), planned or set aside with a reason.
        foreach (var v in visits)
        {
            var places = stops.Count(s => s.Stop.Str("visitId") == v.Id.ToString()) + gaps.Count(g => g.Str("visitId") == v.Id.ToString());
            Assert.Equal(v.DoubleHanded ? 2 : 1, places);
        }
        Assert.All(gaps, g => Assert.False(string.IsNullOrWhiteSpace(g.Str("reason"))));
        Assert.Equal(stops.Select(s => s.Stop.Str("visitId")).Distinct().Count(), rota.GetProperty("rota").GetProperty("planned").GetInt32());

        // The rules: each start in its window (at most an hour late), within the shift; no carer in two places at once;
        // both carers of a double-handed visit start together.
        foreach (var (worker, round, stop) in stops)
        {
            var start = stop.GetProperty("start").GetInt32();
            Assert.InRange(start, Minutes(stop.Str("windowStart")!), Minutes(stop.Str("windowEnd")!) + 60);
            Assert.InRange(start, Minutes(round.Str("shiftStart")!), Minutes(round.Str("shiftEnd")!));
            // A visit that needs a skill (from the care plan) goes to a carer who holds it.
            if (stop.Str("skill") is { } skill)
                Assert.Contains(skill, round.Str("skills")!.Split(',', StringSplitOptions.TrimEntries));
        }
        Assert.Contains(stops, s => s.Stop.Str("skill") is not null);
        foreach (var round in rounds)
        {
            var times = round.GetProperty("stops").EnumerateArray().Select(s => (Start: s.GetProperty("start").GetInt32(), End: s.GetProperty("start").GetInt32() + s.GetProperty("minutes").GetInt32())).ToList();
            for (var i = 1; i < times.Count; i++)
                Assert.True(times[i].Start >= times[i - 1].End - 1, $"{round.Str("name")}: a visit at {times[i].Start} overlaps the one ending at {times[i - 1].End}");
        }
        foreach (var pair in stops.Where(s => s.Stop.GetProperty("doubleHanded").GetBoolean()).GroupBy(s => s.Stop.Str("visitId")).Where(g => g.Count() == 2))
        {
            Assert.NotEqual(pair.First().Worker, pair.Last().Worker);
            Assert.Equal(pair.First().Stop.GetProperty("start").GetInt32(), pair.Last().Stop.GetProperty("start").GetInt32());
        }

        // Adjust: move a single-handed visit to another carer on shift whose day allows it (the API re-times and checks).
        var version = rota.GetProperty("rota").GetProperty("version").GetInt32();
        // On a full day a visit may fit into no other carer's day without breaking a rule: try visits until one fits.
        HttpResponseMessage? moved = null;
        var single = stops[0];
        foreach (var (other, candidate) in stops.Where(s => !s.Stop.GetProperty("doubleHanded").GetBoolean()).Take(12)
                     .SelectMany(c => rounds.Where(r => r.Str("workerId") != c.Worker).Select(r => (r, c))))
        {
            single = candidate;
            moved = await hub.PostJson($"/api/rotas/{id}/moves", new { visitId = single.Stop.Str("visitId"), workerId = other.Str("workerId") }, $"\"{version}\"");
            if (moved.StatusCode == HttpStatusCode.OK)
            {
                var after = await (await hub.GetAsync($"/api/rotas/{id}", Ct)).Expect(HttpStatusCode.OK);
                var round = after.GetProperty("rounds").EnumerateArray().Single(r => r.Str("workerId") == other.Str("workerId"));
                Assert.Contains(round.GetProperty("stops").EnumerateArray(), s => s.Str("visitId") == single.Stop.Str("visitId"));
                Assert.Equal(1, after.GetProperty("rota").GetProperty("adjustments").GetInt32());
                version++;
                break;
            }
            var refused = await moved.Expect(HttpStatusCode.BadRequest);
            Assert.True(refused.GetProperty("errors").TryGetProperty("workerId", out _));
        }
        Assert.Equal(HttpStatusCode.OK, moved?.StatusCode);

        // A stale version is refused; then publish.
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await hub.PostJson($"/api/rotas/{id}/publish", new { }, "\"1\"")).StatusCode);
        var published = await (await hub.PostJson($"/api/rotas/{id}/publish", new { }, $"\"{version}\"")).Expect(HttpStatusCode.OK);
        Assert.Equal("Published", published.Str("status"));
        Assert.Equal(HttpStatusCode.Conflict, (await hub.PostJson($"/api/rotas/{id}/moves", new { visitId = single.Stop.Str("visitId"), workerId = single.Worker }, $"\"{version + 1}\"")).StatusCode);

        // The carer's own day: their round from the published rota, nobody else's.
        var carer = await app.ClientFor(Role.ReablementWorker);
        var mine = await (await carer.GetAsync($"/api/rotas/mine?date={Tomorrow}", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal("Riley Able", mine.Str("workerName"));
        var rileyId = rounds.Single(r => r.Str("name") == "Riley Able").Str("workerId");
        Assert.Equal(rileyId, mine.Str("workerId"));
        // As published: the visit moved above may have gone to or from her.
        var publishedRounds = (await (await hub.GetAsync($"/api/rotas/{id}", Ct)).Expect(HttpStatusCode.OK)).GetProperty("rounds").EnumerateArray();
        Assert.Equal(publishedRounds.Single(r => r.Str("name") == "Riley Able").GetProperty("stops").GetArrayLength(), mine.GetProperty("stops").GetArrayLength());

        // The next day's rota knows who has seen whom: people visited tomorrow by a published carer count as known.
        var nextDay = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd");
        var next = (await (await hub.PostJson("/api/rotas", new { serviceId = team.ToString(), date = nextDay })).ExpectJobDone(hub)).GetProperty("rota");
        Assert.True(next.GetProperty("visitsWithKnownCarers").GetInt32() > 0);

        await using var db = app.Db();
        foreach (var action in new[] { "rota.build", "rota.read", "rota.adjust", "rota.publish", "rota.read-own" })
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == action, Ct), action);
        // Reading a rota (or one's own round) is a look at the people on it: the row names them.
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "rota.read" && a.People.Any(), Ct));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "rota.read-own" && a.People.Any(), Ct));
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_every_problem_and_rotas_stay_within_their_teams()
    {
        var (team, _) = await RileysTeam(DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1)));
        var hub = await app.ClientFor(Role.HubCoordinator);
        var bad = await (await hub.PostJson("/api/rotas", new { serviceId = "not-a-team", date = "2026-02-30" })).Expect(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("serviceId", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("date", out _));
        var past = await (await hub.PostJson("/api/rotas", new { serviceId = team.ToString(), date = DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-dd") })).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("today", past.GetProperty("errors").GetProperty("date")[0].GetString(), StringComparison.Ordinal);

        // A provider plans only its own team: another team is not offered, cannot be built and its rotas are not found.
        var built = (await (await hub.PostJson("/api/rotas", new { serviceId = team.ToString(), date = Tomorrow })).ExpectJobDone(hub)).GetProperty("rota");
        var provider = await app.ClientFor(Role.CareProvider);
        var teams = await (await provider.GetAsync("/api/rotas/teams", Ct)).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(teams.EnumerateArray(), t => t.Str("id") == team.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, (await provider.PostJson("/api/rotas", new { serviceId = team.ToString(), date = Tomorrow })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await provider.GetAsync($"/api/rotas/{built.Str("id")}", Ct)).StatusCode);
        Assert.DoesNotContain((await (await provider.GetAsync("/api/rotas", Ct)).Expect(HttpStatusCode.OK)).EnumerateArray(), r => r.Str("id") == built.Str("id"));

        // Roles without the right are refused; a move naming nothing real says which fields.
        var discharge = await app.ClientFor(Role.HospitalDischargeTeam);
        Assert.Equal(HttpStatusCode.Forbidden, (await discharge.GetAsync("/api/rotas/teams", Ct)).StatusCode);
        var move = await (await hub.PostJson($"/api/rotas/{built.Str("id")}/moves", new { visitId = "x", workerId = Guid.NewGuid().ToString() }, $"\"{built.GetProperty("version").GetInt32()}\""))
            .Expect(HttpStatusCode.BadRequest);
        Assert.True(move.GetProperty("errors").TryGetProperty("visitId", out _));
        Assert.True(move.GetProperty("errors").TryGetProperty("workerId", out _));
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await hub.PostJson($"/api/rotas/{built.Str("id")}/publish", new { })).StatusCode);

        // Someone who is not on a team's list of carers has no round, and is told so.
        var manager = await app.ClientFor(Role.Manager);
        var none = await (await manager.GetAsync("/api/rotas/mine", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, none.GetProperty("workerName").ValueKind);
    }

    [Fact]
    public async Task A_team_s_carers_are_added_and_changed_with_every_problem_said_and_one_who_has_left_is_not_planned()
    {
        var (team, _) = await RileysTeam(DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1)));
        var hub = await app.ClientFor(Role.HubCoordinator);
        var listed = await (await hub.GetAsync($"/api/rotas/teams/{team}/carers", Ct)).Expect(HttpStatusCode.OK);
        Assert.Contains(listed.GetProperty("carers").EnumerateArray(), c => c.Str("name") == "Riley Able");
        string postcode;
        await using (var db = app.Db())
            postcode = (await db.PostcodeLocations.OrderBy(p => p.Postcode).FirstAsync(Ct)).Postcode;

        // Everything wrong at once: each field says why; nothing is added.
        var bad = await (await hub.PostJson($"/api/rotas/teams/{team}/carers", new
        {
            name = " ", skills = new[] { "juggling" }, postcode = "ZB9 9ZZ", shiftStart = "7am", shiftEnd = "06:00", breakMinutes = 300,
            days = new[] { "Funday" }, userName = "nobody@nowhere.test",
        })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["breakMinutes", "days", "name", "postcode", "shiftStart", "skills", "userName"], bad.ErrorFields().Order(StringComparer.Ordinal));
        Assert.Contains("postcode directory", bad.GetProperty("errors").GetProperty("postcode")[0].GetString(), StringComparison.Ordinal);
        var window = await (await hub.PostJson($"/api/rotas/teams/{team}/carers", new
        {
            name = "Sam Newcarer", postcode, shiftStart = "07:00", shiftEnd = "06:00", breakMinutes = 30, breakFrom = "05:00", breakTo = "05:10", days = new[] { "Monday" },
        })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["breakTo", "shiftEnd"], window.ErrorFields().Order(StringComparer.Ordinal));
        var outside = await (await hub.PostJson($"/api/rotas/teams/{team}/carers", new
        {
            name = "Sam Newcarer", postcode, shiftStart = "07:00", shiftEnd = "14:30", breakMinutes = 30, breakFrom = "15:00", breakTo = "16:00", days = new[] { "Monday" },
        })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["breakFrom"], outside.ErrorFields());

        var all = new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };
        object Sam(bool active) => new
        {
            name = "Sam Newcarer", skills = new[] { "Insulin", "medication" }, postcode = postcode.ToLowerInvariant(), shiftStart = "07:00", shiftEnd = "14:30",
            breakMinutes = 30, breakFrom = "10:30", breakTo = "12:30", days = all, active,
        };
        var added = await (await hub.PostJson($"/api/rotas/teams/{team}/carers", Sam(true))).Expect(HttpStatusCode.Created);
        Assert.Equal(["insulin", "medication"], added.GetProperty("skills").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(postcode, added.Str("postcode"));
        Assert.Equal(7, added.GetProperty("days").GetArrayLength());
        var sam = added.Str("id");

        // On shift tomorrow, so in the rota built for it; once they have left, not.
        var built = (await (await hub.PostJson("/api/rotas", new { serviceId = team.ToString(), date = Tomorrow })).ExpectJobDone(hub)).GetProperty("rota");
        var rota = await (await hub.GetAsync($"/api/rotas/{built.Str("id")}", Ct)).Expect(HttpStatusCode.OK);
        Assert.Contains(rota.GetProperty("rounds").EnumerateArray(), r => r.Str("workerId") == sam);

        Assert.Equal(HttpStatusCode.PreconditionRequired, (await hub.PutJson($"/api/rotas/carers/{sam}", Sam(false))).StatusCode);
        var left = await (await hub.PutJson($"/api/rotas/carers/{sam}", Sam(false), "\"1\"")).Expect(HttpStatusCode.OK);
        Assert.False(left.GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await hub.PutJson($"/api/rotas/carers/{sam}", Sam(true), "\"1\"")).StatusCode);
        built = (await (await hub.PostJson("/api/rotas", new { serviceId = team.ToString(), date = Tomorrow })).ExpectJobDone(hub)).GetProperty("rota");
        rota = await (await hub.GetAsync($"/api/rotas/{built.Str("id")}", Ct)).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(rota.GetProperty("rounds").EnumerateArray(), r => r.Str("workerId") == sam);

        // Another organisation's provider cannot see or change the team's carers.
        var provider = await app.ClientFor(Role.CareProvider);
        Assert.Equal(HttpStatusCode.NotFound, (await provider.GetAsync($"/api/rotas/carers/{sam}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await provider.GetAsync($"/api/rotas/teams/{team}/carers", Ct)).StatusCode);
        await using var check = app.Db();
        Assert.Equal(2, await check.AuditEntries.CountAsync(a => a.Action.StartsWith("carer.") && a.EntityId == sam, Ct));
    }

    private static int Minutes(string time) => int.Parse(time[..2]) * 60 + int.Parse(time[3..5]);

    [Fact]
    public async Task Someone_whose_booking_is_still_offered_is_named_not_left_silently_out_of_the_rota()
    {
        var date = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2));
        var (team, visits) = await RileysTeam(date);
        var episode = visits.GroupBy(v => v.EpisodeId).OrderByDescending(g => g.Count()).First();
        await using (var db = app.Db())
            await db.Bookings.Where(b => b.EpisodeId == episode.Key && b.ServiceId == team)
                .ExecuteUpdateAsync(u => u.SetProperty(b => b.Status, Homeward.Capacity.BookingStatus.Offered), Ct);
        try
        {
            var hub = await app.ClientFor(Role.HubCoordinator);
            var built = (await (await hub.PostJson("/api/rotas", new { serviceId = team.ToString(), date = date.ToString("yyyy-MM-dd") })).ExpectJobDone(hub)).GetProperty("rota");
            var rota = await (await hub.GetAsync($"/api/rotas/{built.Str("id")}", Ct)).Expect(HttpStatusCode.OK);
            var awaiting = rota.GetProperty("awaitingAcceptance").EnumerateArray().Single(a => a.Str("episodeId") == episode.Key.ToString());
            Assert.Equal(episode.Count(), awaiting.GetProperty("visits").GetInt32());
            var planned = rota.GetProperty("rounds").EnumerateArray().SelectMany(r => r.GetProperty("stops").EnumerateArray()).Select(s => s.Str("visitId"))
                .Concat(rota.GetProperty("gaps").EnumerateArray().Select(g => g.Str("visitId"))).ToHashSet();
            Assert.DoesNotContain(episode, v => planned.Contains(v.Id.ToString()));
        }
        finally
        {
            await using var db = app.Db();
            await db.Bookings.Where(b => b.EpisodeId == episode.Key && b.ServiceId == team)
                .ExecuteUpdateAsync(u => u.SetProperty(b => b.Status, Homeward.Capacity.BookingStatus.Accepted), Ct);
        }
    }
}
