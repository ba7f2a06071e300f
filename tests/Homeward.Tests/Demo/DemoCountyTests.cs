using Homeward.Demo;
using Homeward.Episodes;
using Homeward.Referrals;
using Homeward.Tests.Support;
using Homeward.Triage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Tests.Demo;

public sealed class DemoCountyTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_small_county_has_a_realistic_mix_and_only_test_range_NHS_numbers()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var county = scope.ServiceProvider.GetRequiredService<DemoCounty>();
        var today = new DateOnly(2026, 11, 20);
        var summary = await county.GenerateAsync(new DemoCounty.Options(DemoSize.Small, Seed: 11, Today: today), ct: Ct);

        Assert.False(summary.Skipped);
        Assert.InRange(summary.Referrals, 2_300, 3_500);
        var db = app.Db();
        Assert.Equal(summary.Referrals, await db.Referrals.CountAsync(Ct));
        var numbers = await db.People.Select(p => p.NhsNumber).ToListAsync(Ct);
        Assert.All(numbers, n => Assert.True(n is { IsTestRange: true }, n?.Value));
        Assert.Equal(numbers.Count, numbers.Distinct().Count());

        // Hospital discharges follow the planning shares: about half P0, 45% P1, few P2 and P3.
        var pathways = await (from e in db.Episodes
                              join r in db.Referrals on e.ReferralId equals r.Id
                              where r.Route == Route.HospitalDischarge && e.Pathway != null
                              group e by e.Pathway into g
                              select new { Pathway = g.Key!.Value, Count = g.Count() }).ToDictionaryAsync(x => x.Pathway, x => x.Count, Ct);
        var total = (double)pathways.Values.Sum();
        Assert.InRange(pathways[Pathway.P0] / total, 0.44, 0.56);
        Assert.InRange(pathways[Pathway.P1] / total, 0.39, 0.51);
        Assert.InRange(pathways.GetValueOrDefault(Pathway.P2) / total, 0.01, 0.08);

        // Winter is busier than summer.
        var winter = await db.Referrals.CountAsync(r => r.ReceivedAt >= new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) && r.ReceivedAt < new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), Ct);
        var summer = await db.Referrals.CountAsync(r => r.ReceivedAt >= new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero) && r.ReceivedAt < new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero), Ct);
        Assert.True(winter > summer * 1.15, $"January {winter} vs July {summer}");

        // Recent referrals are still in flight; old ones have ended.
        var statuses = await db.Episodes.GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, Ct);
        Assert.True(statuses[EpisodeStatus.Ended] > summary.Referrals / 2);
        Assert.True(statuses.GetValueOrDefault(EpisodeStatus.Active) > 10);

        // Every stored episode obeys the state machine's timeline: one event per step, in time order.
        var events = await db.EpisodeEvents.CountAsync(Ct);
        Assert.Equal(summary.Events, events);

        // Behind the episodes, care records: ended reablement has goals scored at the start and the end, Barthel at both;
        // people in care today have their visits; 91-day follow-ups are mostly done once due.
        var reablementEnded = await db.Episodes.Where(e => e.Service == Service.Reablement && e.Status == EpisodeStatus.Ended
                                                           && e.Sequel != Sequel.EarlyCessationOtherReason && e.Sequel != Sequel.EarlyCessationNhsFundedEndOfLifeOrDeath
                                                           && e.Sequel != Sequel.EarlyCessationLeadingToLongTermSupport).Select(e => e.Id).ToListAsync(Ct);
        Assert.NotEmpty(reablementEnded);
        var barthelEnds = await db.MeasureResults.Where(m => m.MeasureCode == "barthel" && m.Stage == Homeward.Care.Stage.End)
            .Select(m => m.EpisodeId).Distinct().CountAsync(Ct);
        Assert.True(barthelEnds >= reablementEnded.Count, $"{barthelEnds} Barthel end scores for {reablementEnded.Count} completed reablement episodes");
        Assert.True(await db.Goals.CountAsync(Ct) >= reablementEnded.Count);
        Assert.True(await db.Visits.CountAsync(v => v.Date == today, Ct) > 0);
        var followUps = await db.FollowUps.Where(f => f.DueOn < today.AddDays(-30)).ToListAsync(Ct);
        Assert.NotEmpty(followUps);
        Assert.All(followUps, f => Assert.NotNull(f.Result));
        Assert.Equal(0, await db.Episodes.CountAsync(e => e.Service == Service.UrgentCommunityResponse && e.Status == EpisodeStatus.Ended && e.UrgentOutcome == null, Ct));

        // Generating again changes nothing.
        var again = await county.GenerateAsync(new DemoCounty.Options(DemoSize.Small, Seed: 11, Today: today), ct: Ct);
        Assert.True(again.Skipped);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_county()
    {
        static async Task<string[]> Build(int seed)
        {
            await using var factory = new ApiFactory();
            await using var scope = factory.Services.CreateAsyncScope();
            var county = scope.ServiceProvider.GetRequiredService<DemoCounty>();
            await county.GenerateAsync(new DemoCounty.Options(DemoSize.Small, seed, new DateOnly(2026, 3, 1)), ct: Ct);
            var db = scope.ServiceProvider.GetRequiredService<Homeward.Data.HomewardDb>();
            return [.. (await db.People.Select(p => new { p.NhsNumber, p.FamilyName, p.DateOfBirth }).ToListAsync(Ct))
                .Select(p => $"{p.NhsNumber?.Value} {p.FamilyName} {p.DateOfBirth}").Order()];
        }

        var a = await Build(5);
        var b = await Build(5);
        var c = await Build(6);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }
}
