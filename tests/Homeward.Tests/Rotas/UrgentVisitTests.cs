using System.Net;
using System.Text.Json;
using Homeward.Access;
using Homeward.Common;
using Homeward.Demo;
using Homeward.Tests.Support;
using Homeward.Visits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Homeward.Tests.Rotas;

/// <summary>
/// An urgent visit added to today's published rota at 10:00: it lands within 2 hours, every other visit keeps its
/// carer, what has started keeps its time, and bad requests change nothing.
/// </summary>
public sealed class UrgentVisitTests(UrgentVisitTests.County app) : IClassFixture<UrgentVisitTests.County>
{
    /// <summary>A small demo county on a clock stopped at 10:00 today, London time.</summary>
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
            await scope.ServiceProvider.GetRequiredService<DemoCounty>().GenerateAsync(new DemoCounty.Options(DemoSize.Small, Seed: 11, Today: Today), ct: c);
        }, ct);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_urgent_visit_lands_within_two_hours_and_moves_nobody_elses_visits()
    {
        await app.Ensure(Ct);
        Guid team;
        await using (var db = app.Db())
            team = await db.CareWorkers.Where(w => w.UserName == "reablement@demo.homeward").Select(w => w.ServiceId).SingleAsync(Ct);
        var hub = await app.ClientFor(Role.HubCoordinator);
        // The small county's team is full in the morning (a one-second search, visits needing skills few hold): a carer
        // covering the middle of the day gives the rota room, as a team keeps someone free for urgent calls.
        string postcode;
        await using (var db = app.Db())
        {
            // Based where Riley is (the team's patch).
            var riley = await db.CareWorkers.SingleAsync(w => w.UserName == "reablement@demo.homeward", Ct);
            postcode = (await db.PostcodeLocations.ToListAsync(Ct))
                .MinBy(p => Math.Abs(p.Latitude - riley.Latitude) + Math.Abs(p.Longitude - riley.Longitude))!.Postcode;
        }
        await (await hub.PostJson($"/api/rotas/teams/{team}/carers", new
        {
            name = "Urgent Cover", skills = Homeward.Rotas.CareSkills.All, postcode, shiftStart = "09:30", shiftEnd = "14:00", breakMinutes = 0,
            days = new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" },
        })).Expect(HttpStatusCode.Created);
        var built = (await (await hub.PostJson("/api/rotas", new { serviceId = team.ToString(), date = County.Today.ToString("yyyy-MM-dd") })).ExpectJobDone(hub)).GetProperty("rota");
        var id = built.Str("id");
        var version = built.GetProperty("version").GetInt32();

        // Not on a draft: today's published rota only.
        Assert.Equal(HttpStatusCode.Conflict, (await hub.PostJson($"/api/rotas/{id}/urgent", new { episodeId = Guid.NewGuid(), minutes = 30 }, $"\"{version}\"")).StatusCode);
        var published = await (await hub.PostJson($"/api/rotas/{id}/publish", new { }, $"\"{version}\"")).Expect(HttpStatusCode.OK);
        version = published.GetProperty("version").GetInt32();
        var before = await (await hub.GetAsync($"/api/rotas/{id}", Ct)).Expect(HttpStatusCode.OK);
        var placesBefore = before.GetProperty("rounds").EnumerateArray()
            .SelectMany(r => r.GetProperty("stops").EnumerateArray().Select(s => (Key: $"{s.Str("visitId")}/{s.GetProperty("second").GetBoolean()}", Worker: r.Str("workerId"), Start: s.GetProperty("start").GetInt32())))
            .ToList();

        // Bad requests: every problem named, nothing changed.
        var bad = await (await hub.PostJson($"/api/rotas/{id}/urgent", new { }, $"\"{version}\"")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["episodeId", "minutes"], bad.ErrorFields().Order());
        var stranger = await (await hub.PostJson($"/api/rotas/{id}/urgent", new { episodeId = Guid.NewGuid(), minutes = 30 }, $"\"{version}\"")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["episodeId"], stranger.ErrorFields());
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await hub.PostJson($"/api/rotas/{id}/urgent", new { episodeId = Guid.NewGuid(), minutes = 30 }, "\"1\"")).StatusCode);

        var candidates = await (await hub.GetAsync($"/api/rotas/{id}/urgent-candidates", Ct)).Expect(HttpStatusCode.OK);
        Assert.True(candidates.GetArrayLength() > 0);
        // Someone no carer can reach in time without making another visit impossible (a visit needing a skill few hold,
        // a full morning) is refused with 409 and nothing changes: try the people booked to the team until one fits.
        string? episode = null;
        JsonElement added = default;
        foreach (var candidate in candidates.EnumerateArray())
        {
            var response = await hub.PostJson($"/api/rotas/{id}/urgent", new { episodeId = candidate.Str("episodeId"), minutes = 30 }, $"\"{version}\"");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                (episode, added) = (candidate.Str("episodeId"), await response.Body());
                break;
            }
            var refused = await response.Expect(HttpStatusCode.Conflict);
            Assert.Contains("No carer on today's rota can reach", refused.Str("detail"), StringComparison.Ordinal);
        }
        Assert.NotNull(episode);
        Assert.InRange(added.GetProperty("start").GetInt32(), 600, 720);
        var visitId = added.Str("visitId");

        var after = await (await hub.GetAsync($"/api/rotas/{id}", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(1, after.GetProperty("rota").GetProperty("adjustments").GetInt32());
        var placesAfter = after.GetProperty("rounds").EnumerateArray()
            .SelectMany(r => r.GetProperty("stops").EnumerateArray().Select(s => (Key: $"{s.Str("visitId")}/{s.GetProperty("second").GetBoolean()}", Worker: r.Str("workerId"), Start: s.GetProperty("start").GetInt32())))
            .ToDictionary(p => p.Key);
        Assert.Equal(added.Str("workerId"), placesAfter[$"{visitId}/False"].Worker);
        foreach (var was in placesBefore)
        {
            Assert.True(placesAfter.TryGetValue(was.Key, out var now), $"{was.Key} left the rota");
            Assert.Equal(was.Worker, now.Worker);
            if (was.Start < 600)
                Assert.Equal(was.Start, now.Start);
        }

        // The visit is on the person's episode, for the carer to record like any other.
        await using var check = app.Db();
        var visit = await check.Visits.SingleAsync(v => v.Id == Guid.Parse(visitId), Ct);
        Assert.Equal(Guid.Parse(episode), visit.EpisodeId);
        Assert.Equal((new TimeOnly(10, 0), new TimeOnly(12, 0), 30, VisitStatus.Planned), (visit.WindowStart, visit.WindowEnd, visit.Minutes, visit.Status));
        Assert.True(await check.AuditEntries.AnyAsync(a => a.Action == "rota.urgent" && a.EntityId == visitId, Ct));
    }
}
