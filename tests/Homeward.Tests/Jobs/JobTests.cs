using System.Net;
using Homeward.Access;
using Homeward.Demo;
using Homeward.Jobs;
using Homeward.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Tests.Jobs;

/// <summary>
/// Long work on the job engine, on both databases: one build per team and day (the database holds it), a cancel that
/// stops the work and keeps nothing, jobs seen only by their organisation, and a job that outlives the instance
/// running it.
/// </summary>
public sealed class JobTests(JobTests.County app) : IClassFixture<JobTests.County>
{
    /// <summary>A small demo county, whose rota searches long enough to be watched, stopped and restarted.</summary>
    public class County : ApiFactory
    {
        public County()
        {
        }

        protected County(string connectionString) : base(connectionString)
        {
        }

        /// <summary>Another instance on a county's database.</summary>
        public sealed class Again(string connectionString) : County(connectionString);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Rotas:SearchSeconds", "20");
            builder.UseSetting("Jobs:PollSeconds", "1");
            builder.UseSetting("Jobs:FailoverSeconds", "6");
        }

        private Guid _team;

        public async Task<Guid> Team(CancellationToken ct)
        {
            await Once(async c =>
            {
                await using var scope = Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DemoCounty>()
                    .GenerateAsync(new DemoCounty.Options(DemoSize.Small, Seed: 7, Today: DateOnly.FromDateTime(DateTime.UtcNow)), ct: c);
                await using var db = scope.ServiceProvider.GetRequiredService<Homeward.Data.HomewardDb>();
                _team = await db.CareWorkers.Where(w => w.UserName == "reablement@demo.homeward").Select(w => w.ServiceId).SingleAsync(c);
            }, ct);
            return _team;
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Build(Guid team, int daysAhead) =>
        new { serviceId = team.ToString(), date = DateTime.UtcNow.AddDays(daysAhead).ToString("yyyy-MM-dd") };

    private static async Task<System.Text.Json.JsonElement> Running(HttpClient client, string id)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var job = await (await client.GetAsync($"/api/jobs/{id}", Ct)).Expect(HttpStatusCode.OK);
            if (job.Str("status") == "Running")
                return job;
            Assert.True(job.Str("status") == "Queued" && DateTime.UtcNow < until, $"Expected the job to run: {job}");
            await Task.Delay(100, Ct);
        }
    }

    [Fact]
    public async Task Asking_again_for_the_same_team_and_day_answers_the_build_under_way_and_the_database_refuses_a_second()
    {
        var team = await app.Team(Ct);
        var hub = await app.ClientFor(Role.HubCoordinator);

        var first = await (await hub.PostJson("/api/rotas", Build(team, 3))).Expect(HttpStatusCode.Accepted);
        var second = await (await hub.PostJson("/api/rotas", Build(team, 3))).Expect(HttpStatusCode.Accepted);
        Assert.Equal(first.Str("id"), second.Str("id"));

        // Two instances asking at the same moment: the unique index on the active key refuses the second row.
        await using (var db = app.Db())
        {
            var key = (await db.Jobs.SingleAsync(j => j.Id == Guid.Parse(first.Str("id")), Ct)).Key;
            db.Jobs.Add(new Job
            {
                Kind = JobKind.RotaBuild, Key = key, Title = "again", Input = "{}", Status = JobStatus.Queued, UserId = "x", UserName = "x",
                CorrelationId = "x", CreatedAt = DateTimeOffset.UtcNow,
            });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        }

        await (await hub.PostJson($"/api/jobs/{first.Str("id")}/cancel", new { })).Expect(HttpStatusCode.OK);
        Assert.Equal("Cancelled", (await Http.FollowJob(hub, first.Str("id"))).Str("status"));
        // Once it has ended, the same team and day can be built again, as a new job.
        var third = await (await hub.PostJson("/api/rotas", Build(team, 3))).Expect(HttpStatusCode.Accepted);
        Assert.NotEqual(first.Str("id"), third.Str("id"));
        await (await hub.PostJson($"/api/jobs/{third.Str("id")}/cancel", new { })).Expect(HttpStatusCode.OK);
        await Http.FollowJob(hub, third.Str("id"));
    }

    [Fact]
    public async Task A_cancelled_build_stops_within_seconds_and_keeps_no_rota()
    {
        var team = await app.Team(Ct);
        var hub = await app.ClientFor(Role.HubCoordinator);
        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(4));
        await using var db = app.Db();
        var before = await db.Rotas.CountAsync(r => r.ServiceId == team && r.Date == day, Ct);

        var job = await (await hub.PostJson("/api/rotas", Build(team, 4))).Expect(HttpStatusCode.Accepted);
        var running = await Running(hub, job.Str("id"));
        Assert.Equal(1, running.GetProperty("attempts").GetInt32());
        var asked = DateTime.UtcNow;
        var cancelled = await (await hub.PostJson($"/api/jobs/{job.Str("id")}/cancel", new { })).Expect(HttpStatusCode.OK);
        Assert.True(cancelled.GetProperty("cancelRequested").GetBoolean());

        var ended = await Http.FollowJob(hub, job.Str("id"));
        Assert.Equal("Cancelled", ended.Str("status"));
        Assert.True(DateTime.UtcNow - asked < TimeSpan.FromSeconds(10), "stopped well before the 20-second search would have ended");
        Assert.Equal(before, await db.Rotas.CountAsync(r => r.ServiceId == team && r.Date == day, Ct));
        // Nothing left to stop.
        await (await hub.PostJson($"/api/jobs/{job.Str("id")}/cancel", new { })).Expect(HttpStatusCode.Conflict);
        Assert.Contains(await db.AuditEntries.Where(a => a.Action == "job.cancel").Select(a => a.EntityId).ToListAsync(Ct), e => e == job.Str("id"));
    }

    [Fact]
    public async Task A_job_is_seen_by_its_organisation_only()
    {
        var team = await app.Team(Ct);
        var hub = await app.ClientFor(Role.HubCoordinator);
        var job = await (await hub.PostJson("/api/rotas", Build(team, 5))).Expect(HttpStatusCode.Accepted);

        var provider = await app.ClientFor(Role.CareProvider);
        await (await provider.GetAsync($"/api/jobs/{job.Str("id")}", Ct)).Expect(HttpStatusCode.NotFound);
        await (await provider.PostJson($"/api/jobs/{job.Str("id")}/cancel", new { })).Expect(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await (await provider.GetAsync("/api/jobs", Ct)).Expect(HttpStatusCode.OK)).EnumerateArray(), j => j.Str("id") == job.Str("id"));
        var manager = await app.ClientFor(Role.Manager);
        await (await manager.GetAsync($"/api/jobs/{job.Str("id")}", Ct)).Expect(HttpStatusCode.OK);

        await (await hub.PostJson($"/api/jobs/{job.Str("id")}/cancel", new { })).Expect(HttpStatusCode.OK);
        await Http.FollowJob(hub, job.Str("id"));
    }
}

/// <summary>A job under way when its instance stops runs again, to the end, on the next instance of the same database.</summary>
public sealed class JobRecoveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_build_running_when_its_instance_stops_is_finished_by_the_next_one()
    {
        string id;
        string connection;
        await using (var first = new JobTests.County { KeepDatabase = true })
        {
            connection = first.ConnectionString;
            var team = await first.Team(Ct);
            var hub = await first.ClientFor(Role.HubCoordinator);
            var job = await (await hub.PostJson("/api/rotas", new { serviceId = team.ToString(), date = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd") }))
                .Expect(HttpStatusCode.Accepted);
            id = job.Str("id");
            var until = DateTime.UtcNow.AddSeconds(30);
            while ((await (await hub.GetAsync($"/api/jobs/{id}", Ct)).Expect(HttpStatusCode.OK)).Str("status") != "Running")
            {
                Assert.True(DateTime.UtcNow < until, "the job never started");
                await Task.Delay(100, Ct);
            }
        }

        await using var second = new JobTests.County.Again(connection);
        var client = await second.ClientFor(Role.HubCoordinator);
        var ended = await Http.FollowJob(client, id);

        Assert.Equal("Done", ended.Str("status"));
        Assert.Equal(2, ended.GetProperty("attempts").GetInt32());
        await (await client.GetAsync(ended.Str("resultUrl"), Ct)).Expect(HttpStatusCode.OK);
    }
}
