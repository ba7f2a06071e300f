using System.Net;
using System.Text.Json;
using Homeward.Access;
using Homeward.Common;
using Homeward.Demo;
using Homeward.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Homeward.Tests.Rotas;

/// <summary>
/// What a scheduler changes by hand, over the API on a small demo county with the clock at 10:00: carers' leave, sickness
/// and changed hours (honoured by the rota, refused when wrong), who could take a visit and moving it there, swapping
/// two visits, and re-planning the rest of today when a carer goes home sick. Each test uses its own day.
/// </summary>
public sealed class RotaChangesTests(RotaChangesTests.County app) : IClassFixture<RotaChangesTests.County>
{
    public sealed class County : ApiFactory
    {
        public static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
        public FakeTimeProvider Clock { get; } = new(London.At(Today, new TimeOnly(10, 0)));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
        }

        public Task Ensure(CancellationToken ct) => Once(async c =>
        {
            await using var scope = Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoCounty>().GenerateAsync(new DemoCounty.Options(DemoSize.Small, Seed: 5, Today: Today), ct: c);
        }, ct);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static string Day(int ahead) => County.Today.AddDays(ahead).ToString("yyyy-MM-dd");

    private async Task<(HttpClient Hub, Guid Team)> Hub()
    {
        await app.Ensure(Ct);
        await using var db = app.Db();
        var team = await db.CareWorkers.Where(w => w.UserName == "reablement@demo.homeward").Select(w => w.ServiceId).SingleAsync(Ct);
        return (await app.ClientFor(Role.HubCoordinator), team);
    }

    private static async Task<JsonElement> Build(HttpClient hub, Guid team, string date) =>
        (await (await hub.PostJson("/api/rotas", new { serviceId = team.ToString(), date })).ExpectJobDone(hub)).GetProperty("rota");

    private static async Task<JsonElement> Rota(HttpClient hub, string id) => await (await hub.GetAsync($"/api/rotas/{id}", Ct)).Expect(HttpStatusCode.OK);

    private static int Version(JsonElement rota) => rota.GetProperty("rota").GetProperty("version").GetInt32();

    private static IEnumerable<(string Worker, JsonElement Stop)> Stops(JsonElement rota) =>
        rota.GetProperty("rounds").EnumerateArray().SelectMany(r => r.GetProperty("stops").EnumerateArray().Select(s => (r.Str("workerId")!, s)));

    private static string Key(JsonElement stop) => stop.Str("visitId") + (stop.GetProperty("second").GetBoolean() ? "/2" : "");

    /// <summary>The carer with the most visits in a rota (whose absence matters).</summary>
    private static string Busiest(JsonElement rota) =>
        rota.GetProperty("rounds").EnumerateArray().MaxBy(r => r.GetProperty("stops").GetArrayLength()).Str("workerId")!;

    [Fact]
    public async Task Leave_keeps_a_carer_out_of_the_rota_until_withdrawn_and_wrong_changes_are_refused_with_every_problem()
    {
        var (hub, team) = await Hub();
        var first = await Rota(hub, (await Build(hub, team, Day(3))).Str("id")!);
        var carer = Busiest(first);
        // Other tests here may have changed this carer's other days.
        var already = (await (await hub.GetAsync($"/api/rotas/carers/{carer}/availability", Ct)).Expect(HttpStatusCode.OK)).GetArrayLength();

        // Every problem at once; nothing recorded.
        var bad = await (await hub.PostJson($"/api/rotas/carers/{carer}/availability", new
        {
            from = Day(3), to = Day(2), shiftStart = "09:00", note = new string('x', 501),
        })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["kind", "note", "to"], bad.ErrorFields().Order());
        var hours = await (await hub.PostJson($"/api/rotas/carers/{carer}/availability", new
        {
            kind = "ChangedHours", from = "2026-13-01", fromTime = "11:00", shiftStart = "14:00", shiftEnd = "9am",
        })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["from", "fromTime", "shiftEnd"], hours.ErrorFields().Order());
        var absence = await (await hub.PostJson($"/api/rotas/carers/{carer}/availability", new
        {
            kind = "Leave", from = Day(3), shiftStart = "09:00", shiftEnd = "10:00",
        })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["shiftStart"], absence.ErrorFields());
        Assert.Equal(HttpStatusCode.NotFound, (await hub.PostJson($"/api/rotas/carers/{Guid.NewGuid()}/availability", new { kind = "Leave", from = Day(3) })).StatusCode);
        Assert.Equal(already, (await (await hub.GetAsync($"/api/rotas/carers/{carer}/availability", Ct)).Expect(HttpStatusCode.OK)).GetArrayLength());

        // Leave from that day for three days: the rota built again plans without them.
        var leave = await (await hub.PostJson($"/api/rotas/carers/{carer}/availability", new { kind = "Leave", from = Day(3), to = Day(5), note = "Annual leave" }))
            .Expect(HttpStatusCode.Created);
        Assert.StartsWith("On leave, ", leave.Str("description"), StringComparison.Ordinal);
        // An overlapping absence is refused, naming the one recorded.
        var overlap = await (await hub.PostJson($"/api/rotas/carers/{carer}/availability", new { kind = "Sickness", from = Day(4) })).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("already recorded as on leave", overlap.GetProperty("errors").GetProperty("from")[0].GetString(), StringComparison.Ordinal);
        var without = await Rota(hub, (await Build(hub, team, Day(3))).Str("id")!);
        Assert.DoesNotContain(without.GetProperty("rounds").EnumerateArray(), r => r.Str("workerId") == carer);
        Assert.Equal(first.GetProperty("rota").GetProperty("planned").GetInt32() + first.GetProperty("rota").GetProperty("unplanned").GetInt32(),
            without.GetProperty("rota").GetProperty("planned").GetInt32() + without.GetProperty("rota").GetProperty("unplanned").GetInt32());

        // Withdrawn (a mistake): kept, marked; the next build plans with them again.
        var withdrawn = await (await hub.PostJson($"/api/rotas/carers/{carer}/availability/{leave.Str("id")}/withdraw", new { })).Expect(HttpStatusCode.OK);
        Assert.NotNull(withdrawn.Str("withdrawnAt"));
        Assert.Equal(HttpStatusCode.Conflict, (await hub.PostJson($"/api/rotas/carers/{carer}/availability/{leave.Str("id")}/withdraw", new { })).StatusCode);
        var list = await (await hub.GetAsync($"/api/rotas/carers/{carer}/availability", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(already + 1, list.GetArrayLength());
        Assert.Contains(list.EnumerateArray(), c => c.Str("id") == leave.Str("id") && c.Str("withdrawnAt") is not null);
        var again = await Rota(hub, (await Build(hub, team, Day(3))).Str("id")!);
        Assert.Contains(again.GetProperty("rounds").EnumerateArray(), r => r.Str("workerId") == carer);

        await using var db = app.Db();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "carer.availability" && a.EntityId == leave.Str("id"), Ct));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "carer.availability-withdraw" && a.EntityId == leave.Str("id"), Ct));
    }

    [Fact]
    public async Task Changed_hours_are_the_hours_the_rota_plans_in()
    {
        var (hub, team) = await Hub();
        var first = await Rota(hub, (await Build(hub, team, Day(4))).Str("id")!);
        var carer = Busiest(first);
        await (await hub.PostJson($"/api/rotas/carers/{carer}/availability", new { kind = "ChangedHours", from = Day(4), shiftStart = "11:00", shiftEnd = "15:00" }))
            .Expect(HttpStatusCode.Created);
        var rota = await Rota(hub, (await Build(hub, team, Day(4))).Str("id")!);
        var round = rota.GetProperty("rounds").EnumerateArray().Single(r => r.Str("workerId") == carer);
        Assert.Equal(("11:00:00", "15:00:00", "Hours changed to 11:00–15:00"), (round.Str("shiftStart"), round.Str("shiftEnd"), round.Str("away")));
        Assert.All(round.GetProperty("stops").EnumerateArray(), s =>
            Assert.InRange(s.GetProperty("start").GetInt32(), 11 * 60, 15 * 60 - s.GetProperty("minutes").GetInt32()));
    }

    /// <summary>The small county's team is full: Riley works a long day on the given day, so that visits have somewhere to go.</summary>
    private async Task LongDayForRiley(HttpClient hub, string date)
    {
        await using var db = app.Db();
        var riley = await db.CareWorkers.Where(w => w.UserName == "reablement@demo.homeward").Select(w => w.Id).SingleAsync(Ct);
        await (await hub.PostJson($"/api/rotas/carers/{riley}/availability", new { kind = "ChangedHours", from = date, shiftStart = "07:00", shiftEnd = "22:00" }))
            .Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Who_could_take_a_visit_ranks_the_carers_and_a_choice_moves_it_exactly_there()
    {
        var (hub, team) = await Hub();
        await LongDayForRiley(hub, Day(1));
        var id = (await Build(hub, team, Day(1))).Str("id")!;
        var rota = await Rota(hub, id);
        var stops = Stops(rota).ToList();
        Assert.Equal(["visitId"], (await (await hub.GetAsync($"/api/rotas/{id}/who-could-take?visitId=nonsense", Ct)).Expect(HttpStatusCode.BadRequest)).ErrorFields());

        // A visit some other carer can take (on a full day, not every visit has one).
        JsonElement answer = default;
        (string Worker, JsonElement Stop) chosen = default;
        foreach (var s in stops.Where(s => !s.Stop.GetProperty("doubleHanded").GetBoolean()))
        {
            answer = await (await hub.GetAsync($"/api/rotas/{id}/who-could-take?visitId={s.Stop.Str("visitId")}", Ct)).Expect(HttpStatusCode.OK);
            if (answer.GetProperty("choices").EnumerateArray().Any(c => c.GetProperty("can").GetBoolean()))
            {
                chosen = s;
                break;
            }
        }
        Assert.True(chosen.Worker is not null, answer.ToString());
        var choices = answer.GetProperty("choices").EnumerateArray().ToList();
        // Every other carer working that day, once; those who can first, cheapest first; those who cannot say why.
        Assert.Equal(rota.GetProperty("rounds").GetArrayLength() - 1, choices.Count);
        Assert.DoesNotContain(choices, c => c.Str("workerId") == chosen.Worker);
        var can = choices.TakeWhile(c => c.GetProperty("can").GetBoolean()).ToList();
        Assert.All(choices.Skip(can.Count), c => Assert.False(string.IsNullOrWhiteSpace(c.Str("whyNot"))));
        Assert.Equal(can.Select(c => c.GetProperty("extraCost").GetDouble()).Order(), can.Select(c => c.GetProperty("extraCost").GetDouble()));
        // The reasons are in words: no ids.
        Assert.All(choices.Skip(can.Count), c => Assert.DoesNotMatch("[0-9a-f]{8}-[0-9a-f]{4}", c.Str("whyNot")!));

        // Moved to the cheapest choice at its position: the visit is there, starting when it said, and the driving changed as it said.
        var best = can[0];
        var before = rota.GetProperty("rota").GetProperty("travelKm").GetDouble();
        var moved = await (await hub.PostJson($"/api/rotas/{id}/moves", new
        {
            visitId = chosen.Stop.Str("visitId"), workerId = best.Str("workerId"), position = best.GetProperty("position").GetInt32(),
        }, $"\"{Version(rota)}\"")).Expect(HttpStatusCode.OK);
        Assert.InRange(moved.GetProperty("travelKm").GetDouble() - before, best.GetProperty("extraKm").GetDouble() - 0.11, best.GetProperty("extraKm").GetDouble() + 0.11);
        var after = await Rota(hub, id);
        var round = after.GetProperty("rounds").EnumerateArray().Single(r => r.Str("workerId") == best.Str("workerId")).GetProperty("stops").EnumerateArray().ToList();
        var at = round.FindIndex(s => s.Str("visitId") == chosen.Stop.Str("visitId"));
        Assert.Equal(best.GetProperty("position").GetInt32(), at);
        Assert.Equal(best.GetProperty("start").GetInt32(), round[at].GetProperty("start").GetInt32());

        // A position outside the round is refused, naming the range.
        var outside = await (await hub.PostJson($"/api/rotas/{id}/moves", new
        {
            visitId = chosen.Stop.Str("visitId"), workerId = chosen.Worker, position = 999,
        }, $"\"{Version(after)}\"")).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("Choose a position from 0 to", outside.GetProperty("errors").GetProperty("position")[0].GetString(), StringComparison.Ordinal);

        await using var db = app.Db();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "rota.who-could-take" && a.EntityId == id && a.PersonId != null, Ct));
    }

    [Fact]
    public async Task Two_visits_are_swapped_when_the_rules_allow_and_refused_with_the_reasons_when_not()
    {
        var (hub, team) = await Hub();
        await LongDayForRiley(hub, Day(2));
        var id = (await Build(hub, team, Day(2))).Str("id")!;
        var rota = await Rota(hub, id);
        var stops = Stops(rota).Where(s => !s.Stop.GetProperty("doubleHanded").GetBoolean()).ToList();

        var bad = await (await hub.PostJson($"/api/rotas/{id}/swaps", new { first = "nonsense" }, $"\"{Version(rota)}\"")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["first", "other"], bad.ErrorFields().Order());
        var same = await (await hub.PostJson($"/api/rotas/{id}/swaps", new { first = Key(stops[0].Stop), other = Key(stops[0].Stop) }, $"\"{Version(rota)}\"")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["other"], same.ErrorFields());

        // Pairs on different carers until one swap keeps every rule; those refused say why, in words.
        var refusedOnce = false;
        foreach (var (a, b) in stops.SelectMany(a => stops.Where(b => b.Worker != a.Worker).Select(b => (a, b))).Take(60))
        {
            var response = await hub.PostJson($"/api/rotas/{id}/swaps", new { first = Key(a.Stop), other = Key(b.Stop) }, $"\"{Version(rota)}\"");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var after = await Rota(hub, id);
                var places = Stops(after).ToDictionary(s => Key(s.Stop), s => s.Worker);
                Assert.Equal((b.Worker, a.Worker), (places[Key(a.Stop)], places[Key(b.Stop)]));
                Assert.Equal(Version(rota) + 1, Version(after));
                return;
            }
            var refused = await response.Expect(HttpStatusCode.BadRequest);
            Assert.DoesNotMatch("[0-9a-f]{8}-[0-9a-f]{4}", refused.GetProperty("errors").GetProperty("other")[0].GetString()!);
            refusedOnce = true;
        }
        Assert.Fail($"No swap of 60 kept the rules (refused: {refusedOnce}).");
    }

    [Fact]
    public async Task A_carer_sent_home_sick_has_the_rest_of_their_day_re_planned_keeping_what_has_started()
    {
        var (hub, team) = await Hub();
        var built = await Build(hub, team, Day(0));
        var published = await (await hub.PostJson($"/api/rotas/{built.Str("id")}/publish", new { }, $"\"{built.GetProperty("version").GetInt32()}\"")).Expect(HttpStatusCode.OK);
        var id = published.Str("id")!;
        var rota = await Rota(hub, id);
        // Someone with visits both before and after 10:00.
        var carer = rota.GetProperty("rounds").EnumerateArray().Where(r => r.GetProperty("stops").EnumerateArray().Any(s => s.GetProperty("start").GetInt32() >= 600))
            .MaxBy(r => r.GetProperty("stops").EnumerateArray().Count(s => s.GetProperty("start").GetInt32() >= 600)).Str("workerId")!;
        var placesBefore = Stops(rota).ToDictionary(s => Key(s.Stop), s => (s.Worker, Start: s.Stop.GetProperty("start").GetInt32()));

        // Nothing to re-plan yet.
        Assert.Equal(HttpStatusCode.Conflict, (await hub.PostJson($"/api/rotas/{id}/replan", new { }, $"\"{Version(rota)}\"")).StatusCode);

        await (await hub.PostJson($"/api/rotas/carers/{carer}/availability", new { kind = "Sickness", from = Day(0), fromTime = "10:00" })).Expect(HttpStatusCode.Created);
        rota = await Rota(hub, id);
        var sick = rota.GetProperty("rounds").EnumerateArray().Single(r => r.Str("workerId") == carer);
        Assert.Equal("Off sick from 10:00", sick.Str("away"));
        var left = sick.GetProperty("stops").EnumerateArray().Count(s => s.GetProperty("start").GetInt32() >= 600);
        Assert.Equal(left, sick.GetProperty("cannotMake").GetInt32());

        var result = await (await hub.PostJson($"/api/rotas/{id}/replan", new { }, $"\"{Version(rota)}\"")).Expect(HttpStatusCode.Created);
        Assert.Equal(left, result.GetProperty("moved").GetInt32() + result.GetProperty("notPlaced").GetInt32());
        var draft = await Rota(hub, result.GetProperty("rota").Str("id")!);
        Assert.Equal("Draft", draft.GetProperty("rota").Str("status"));
        var placesAfter = Stops(draft).ToDictionary(s => Key(s.Stop), s => (s.Worker, Start: s.Stop.GetProperty("start").GetInt32()));
        var gaps = draft.GetProperty("gaps").EnumerateArray().Select(g => g.Str("visitId") + (g.GetProperty("second").GetBoolean() ? "/2" : "")).ToHashSet();
        foreach (var (key, was) in placesBefore)
        {
            if (was.Start < 600)
                // Started: same carer, same time (the sick carer's morning included).
                Assert.Equal(was, placesAfter[key]);
            else if (was.Worker == carer)
                // Theirs, not started: with someone else, or listed with the reason.
                Assert.True(placesAfter.TryGetValue(key, out var now) ? now.Worker != carer : gaps.Contains(key), key);
            else
                // Everyone else's keeps its carer.
                Assert.Equal(was.Worker, placesAfter[key].Worker);
        }
        Assert.All(Stops(draft).Where(s => s.Worker == carer), s => Assert.True(s.Stop.GetProperty("start").GetInt32() < 600));
        Assert.Equal(0, draft.GetProperty("rounds").EnumerateArray().Single(r => r.Str("workerId") == carer).GetProperty("cannotMake").GetInt32());

        // Published, it replaces the morning's rota.
        await (await hub.PostJson($"/api/rotas/{draft.GetProperty("rota").Str("id")}/publish", new { }, $"\"{Version(draft)}\"")).Expect(HttpStatusCode.OK);
        Assert.Equal("Superseded", (await Rota(hub, id)).GetProperty("rota").Str("status"));
        await using var db = app.Db();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "rota.replan", Ct));
    }
}
