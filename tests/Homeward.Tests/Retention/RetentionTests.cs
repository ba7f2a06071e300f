using System.Net;
using Homeward.Access;
using Homeward.Common;
using Homeward.Jobs;
using Homeward.Messages;
using Homeward.Retention;
using Homeward.Returns;
using Homeward.Tests.Support;
using Homeward.YourCare;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Homeward.Tests.Retention;

/// <summary>
/// The retention schedule applied as the clock moves on: working data goes when its period is up and not before, a
/// person's record comes up for the privacy officer's review 8 years after their care ended (and not while any is
/// open), backups past 35 days are removed, and each rule that did something is written to the audit trail.
/// </summary>
public sealed class RetentionTests(ClockedApiFactory app) : IClassFixture<ClockedApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> Referred(string key)
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var body = Bodies.HospitalDischarge();
        var now = London.DateOf(app.Clock.GetUtcNow());
        body["admittedOn"] = now.AddDays(-5).ToString("yyyy-MM-dd");
        body["dischargeReadyDate"] = now.AddDays(-1).ToString("yyyy-MM-dd");
        var referral = await (await hub.PostJson("/api/referrals", body, idempotencyKey: key)).Expect(HttpStatusCode.Created);
        return referral.GetProperty("episode").Str("id");
    }

    private async Task<IReadOnlyDictionary<string, int>> Apply(string? backups = null)
    {
        await using var db = app.Db();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Retention:BackupFolder"] = backups }).Build();
        return (await new ApplyRetention(db, app.Clock, config).Run(Ct)).ToDictionary(a => a.Rule, a => a.Count);
    }

    [Fact]
    public async Task Each_rule_waits_its_period_then_acts_and_the_audit_trail_says_what_it_did()
    {
        var start = app.Clock.GetUtcNow();
        // Person A: referred and declined at the start. Working data from the same moment.
        var declined = await Referred("retention-a");
        var hub = await app.ClientFor(Role.HubCoordinator);
        await (await hub.PostJson($"/api/episodes/{declined}/triage", new { service = "Reablement", pathway = "P1" }, "\"1\"")).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"/api/episodes/{declined}/decline", new { reason = "Needs are outside the service's criteria" }, "\"2\"")).Expect(HttpStatusCode.OK);
        await using (var db = app.Db())
        {
            db.OneTimeCodes.Add(new OneTimeCode { Destination = "someone@example.org", Hash = "x", CreatedAt = start, ExpiresAt = start.AddMinutes(10) });
            db.OutboundMessages.Add(new OutboundMessage { To = "someone@example.org", Body = "Your visit is at 09:00", CreatedAt = start, SentAt = start });
            db.OutboundMessages.Add(new OutboundMessage { To = "someone@example.org", Body = "Waiting to send", CreatedAt = start });
            db.Jobs.Add(new Job
            {
                Kind = JobKind.RotaBuild, Key = "retention-test", Input = "{}", Title = "A rota", Status = JobStatus.Done, UserId = "u", UserName = "u",
                CorrelationId = "c", CreatedAt = start, FinishedAt = start,
            });
            db.MadeReturns.Add(new MadeReturn { Code = "test", Title = "A return", MadeAt = start, UserId = "u", MadeBy = "u", Content = [1] });
            await db.SaveChangesAsync(Ct);
        }

        // Nothing is due on the day.
        Assert.All(await Apply(), rule => Assert.Equal(0, rule.Value));

        // Ten days on: retry keys, spent codes and made returns have gone; messages and jobs are kept; no record is due.
        app.SetLondon(London.DateOf(start).AddDays(10), new TimeOnly(9, 0));
        var applied = await Apply();
        Assert.Equal(1, applied[RetentionSchedule.IdempotencyKeys]);
        Assert.Equal(1, applied[RetentionSchedule.SignInCodes]);
        Assert.Equal(1, applied[RetentionSchedule.Returns]);
        Assert.Equal(0, applied[RetentionSchedule.Messages]);
        Assert.Equal(0, applied[RetentionSchedule.Jobs]);
        Assert.Equal(0, applied[RetentionSchedule.CareRecords]);
        await using (var db = app.Db())
        {
            Assert.Equal(0, await db.IdempotencyRecords.CountAsync(Ct));
            Assert.Equal(2, await db.OutboundMessages.CountAsync(Ct));
            var audited = await db.AuditEntries.Where(a => a.Action == "retention.apply").Select(a => a.EntityId).ToListAsync(Ct);
            Assert.Equal(["idempotency-keys: 1 deleted", "sign-in-codes: 1 deleted", "returns: 1 deleted"], audited);
        }
        // Person B: referred now, still open 8 years on.
        await Referred("retention-b");

        // Eight years and a month after the start: the message sent and the job go (the unsent message stays), and
        // person A, whose only episode was declined then, is due for review; person B, still referred, is not.
        app.SetLondon(London.DateOf(start).AddYears(8).AddMonths(1), new TimeOnly(9, 0));
        var folder = Directory.CreateTempSubdirectory("homeward-backups").FullName;
        var old = Path.Combine(folder, "old.backup");
        var recent = Path.Combine(folder, "recent.dump");
        var other = Path.Combine(folder, "notes.txt");
        foreach (var file in new[] { old, recent, other })
            await File.WriteAllTextAsync(file, "x", Ct);
        File.SetLastWriteTimeUtc(old, app.Clock.GetUtcNow().AddDays(-36).UtcDateTime);
        File.SetLastWriteTimeUtc(recent, app.Clock.GetUtcNow().AddDays(-34).UtcDateTime);
        File.SetLastWriteTimeUtc(other, app.Clock.GetUtcNow().AddDays(-400).UtcDateTime);
        applied = await Apply(folder);
        Assert.Equal(1, applied[RetentionSchedule.Messages]);
        Assert.Equal(1, applied[RetentionSchedule.Jobs]);
        Assert.Equal(1, applied[RetentionSchedule.IdempotencyKeys]); // person B's key
        Assert.Equal(1, applied[RetentionSchedule.Backups]);
        Assert.Equal(1, applied[RetentionSchedule.CareRecords]);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(recent));
        Assert.True(File.Exists(other));
        await using (var db = app.Db())
        {
            var due = await new ApplyRetention(db, app.Clock, new ConfigurationBuilder().Build()).DueForReview(Ct);
            var personA = await db.Episodes.Where(e => e.Id == Guid.Parse(declined)).Select(e => e.PersonId).SingleAsync(Ct);
            Assert.Equal([personA], due);
            Assert.Equal(["Waiting to send"], await db.OutboundMessages.Select(m => m.Body).ToListAsync(Ct));
            Assert.Contains("care-records: 1 due for review", await db.AuditEntries.Where(a => a.Action == "retention.apply").Select(a => a.EntityId).ToListAsync(Ct));
            Assert.True(await db.People.AnyAsync(p => p.Id == personA, Ct)); // reviewed, never deleted unseen
        }
        Directory.Delete(folder, true);

        var officer = await app.ClientFor(Role.PrivacyOfficer);
        var schedule = await (await officer.GetAsync("/api/retention", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(1, schedule.GetProperty("dueForReview").GetInt32());
        Assert.Equal(RetentionSchedule.Rules.Select(r => r.Code), schedule.GetProperty("rules").EnumerateArray().Select(r => r.Str("code")));
        await (await (await app.ClientFor(Role.ReablementWorker)).GetAsync("/api/retention", Ct)).Expect(HttpStatusCode.Forbidden);
    }
}
