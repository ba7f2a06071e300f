using System.Net;
using System.Reflection;
using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Demo;
using Homeward.Attention;
using Homeward.Carers;
using Homeward.Episodes;
using Homeward.FollowUps;
using Homeward.Messages;
using Homeward.Retention.Disposal;
using Homeward.Tests.Support;
using Homeward.YourCare;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Tests.Retention;

/// <summary>
/// The disposal review, nine years after a small demo county's care: the records due listed for the privacy officer;
/// a record kept until a day leaves the list and comes back after it; a record held by a restriction is refused
/// destruction; a record destroyed leaves nothing that points at the person in any table of the model (found from the
/// model, so a table added later is checked too), only the register row and the audit trail, whose chain still holds.
/// </summary>
public sealed class DisposalReviewTests(ClockedApiFactory app) : IClassFixture<ClockedApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly Type[] Kept = [typeof(AuditEntry), typeof(AuditPerson), typeof(DisposalReview)];

    [Fact]
    public async Task Records_due_are_kept_or_destroyed_by_the_privacy_officer_and_destruction_leaves_nothing_but_the_register_and_the_trail()
    {
        var demoDay = London.DateOf(app.Clock.GetUtcNow());
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoCounty>().GenerateAsync(new DemoCounty.Options(DemoSize.Small, Seed: 3, Today: demoDay), ct: Ct);
        // The person destroyed below: the one in care with the most visits, their care ended that day (so their record
        // has every kind of row the demo writes); another still in care stays open.
        Guid openPerson, goneId;
        string goneName;
        await using (var db = app.Db())
        {
            var inCare = db.Episodes.Where(e => e.Status == EpisodeStatus.Active).Select(e => e.PersonId);
            goneId = await db.People.Where(p => inCare.Contains(p.Id)).OrderByDescending(p => db.Visits.Count(v => v.PersonId == p.Id)).ThenBy(p => p.Id)
                .Select(p => p.Id).FirstAsync(Ct);
            goneName = await db.People.Where(p => p.Id == goneId).Select(p => p.GivenName + " " + p.FamilyName).SingleAsync(Ct);
            await db.Episodes.Where(e => e.PersonId == goneId).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EpisodeStatus.Ended)
                .SetProperty(e => e.EndedAt, app.Clock.GetUtcNow()), Ct);
            openPerson = await inCare.Where(id => id != goneId).FirstAsync(Ct);
            // Rows the demo does not write, in tables with no foreign key to the person: the erasure must find them too.
            var episode = await db.Episodes.Where(e => e.PersonId == goneId).Select(e => e.Id).FirstAsync(Ct);
            var at = app.Clock.GetUtcNow();
            var family = new FamilyAccess { PersonId = goneId, Name = "Sam Testkin", Relationship = "Son", ConsentNotes = "Asked in person", GrantedBy = "hub" };
            db.FamilyAccesses.Add(family);
            db.PublicViews.Add(new PublicView { PersonId = goneId, At = at, Viewer = "Sam Testkin (son)", FamilyAccessId = family.Id, Via = "code", CorrelationId = "t" });
            db.CarerInvolvements.Add(new CarerInvolvement { EpisodeId = episode, PersonId = goneId, Name = "Sam Testkin", Relationship = "Son", IdentifiedBy = "hub" });
            db.ExperienceResponses.Add(new ExperienceResponse { EpisodeId = episode, PersonId = goneId, RecordedBy = "hub" });
            db.OutboundMessages.Add(new OutboundMessage { PersonId = goneId, To = "sam@example.org", Body = "Your visit is at 09:00", CreatedAt = at });
            db.HomeContacts.Add(HomeContact.For(episode, goneId, WentHome.FromHospital, at));
            db.AttentionClaims.Add(new AttentionClaim { Kind = AttentionKind.PatientMatch, SubjectId = episode, OwnerUserId = "u", OwnerName = "u" });
            await db.SaveChangesAsync(Ct);
        }

        app.SetLondon(demoDay.AddYears(9), new TimeOnly(9, 0));
        var officer = await app.ClientFor(Role.PrivacyOfficer);
        var due = await (await officer.GetAsync("/api/retention/reviews", Ct)).Expect(HttpStatusCode.OK);
        var shown = due.GetProperty("shown").EnumerateArray().ToList();
        Assert.True(due.GetProperty("count").GetInt32() >= shown.Count && shown.Count >= 3, $"{shown.Count} due");
        Assert.DoesNotContain(shown, d => d.Str("personId") == openPerson.ToString());
        var ended = shown.Select(d => d.Str("careEndedOn")).ToList();
        Assert.Equal(ended.Order(StringComparer.Ordinal), ended);

        // Two others due: one kept, one held by a restriction.
        var ids = shown.Select(d => Guid.Parse(d.Str("personId"))).Where(id => id != goneId).ToList();
        var (keepId, heldId) = (ids[0], ids[^1]);

        // Bad input: every problem at once; a record still open is not due; an unknown record is not found.
        var bad = await (await officer.PostJson($"/api/retention/reviews/{keepId}", new { decision = "Shred", keepUntil = "1/2/2036" })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["decision", "reason", "keepUntil"], bad.ErrorFields());
        var unchecked_ = await (await officer.PostJson($"/api/retention/reviews/{keepId}", new { decision = "Dispose", reason = "Schedule: 8 years", keepUntil = "2040-01-01" }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["keepUntil", "checked"], unchecked_.ErrorFields());
        var past = await (await officer.PostJson($"/api/retention/reviews/{keepId}", new { decision = "Keep", reason = "A complaint is open" , keepUntil = demoDay.AddYears(8).ToString("yyyy-MM-dd") }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["keepUntil"], past.ErrorFields());
        var dispose = new { decision = "Dispose", reason = "Retention schedule: 8 years after care ended; no complaint, inquiry or hold found", @checked = true };
        await (await officer.PostJson($"/api/retention/reviews/{openPerson}", dispose)).Expect(HttpStatusCode.Conflict);
        await (await officer.PostJson($"/api/retention/reviews/{Guid.NewGuid()}", dispose)).Expect(HttpStatusCode.NotFound);
        await (await (await app.ClientFor(Role.ReablementWorker)).PostJson($"/api/retention/reviews/{keepId}", dispose)).Expect(HttpStatusCode.Forbidden);

        // Kept for a year: off the list until then, back after it with the decision beside it.
        var kept = await (await officer.PostJson($"/api/retention/reviews/{keepId}",
            new { decision = "Keep", reason = "A complaint about the service is still open", keepUntil = demoDay.AddYears(10).ToString("yyyy-MM-dd") })).Expect(HttpStatusCode.OK);
        Assert.Equal("Keep", kept.Str("decision"));
        due = await (await officer.GetAsync("/api/retention/reviews", Ct)).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(due.GetProperty("shown").EnumerateArray(), d => d.Str("personId") == keepId.ToString());

        // A restriction in force holds the record: shown as a hold and destruction refused with the reason.
        string heldNhs;
        await using (var db = app.Db())
            heldNhs = (await db.People.Where(p => p.Id == heldId).Select(p => p.NhsNumber).SingleAsync(Ct))!.Value.Value;
        await (await officer.PostJson("/api/rights-requests", new
        {
            kind = "Restriction", nhsNumber = heldNhs, requester = "Their solicitor", ground = "NeededForLegalClaims", statement = "Keep it for my claim",
        })).Expect(HttpStatusCode.Created);
        var held = await (await officer.PostJson($"/api/retention/reviews/{heldId}", dispose)).Expect(HttpStatusCode.Conflict);
        Assert.Contains("restriction", held.Str("detail"));
        due = await (await officer.GetAsync("/api/retention/reviews", Ct)).Expect(HttpStatusCode.OK);
        Assert.NotEmpty(due.GetProperty("shown").EnumerateArray().Single(d => d.Str("personId") == heldId.ToString()).GetProperty("holds").EnumerateArray());

        // Destroyed: everything that reaches the person goes, nothing else.
        HashSet<Guid> theirs;
        int people, episodes, theirEpisodes, trail;
        await using (var db = app.Db())
        {
            theirs = await Reach(db, goneId);
            (people, episodes) = (await db.People.CountAsync(Ct), await db.Episodes.CountAsync(Ct));
            theirEpisodes = await db.Episodes.CountAsync(e => e.PersonId == goneId, Ct);
            trail = await db.AuditEntries.CountAsync(a => a.PersonId == goneId, Ct);
        }
        Assert.True(theirs.Count > 20, $"{theirs.Count} records reach the person");
        var destroyed = await (await officer.PostJson($"/api/retention/reviews/{goneId}", dispose)).Expect(HttpStatusCode.OK);
        Assert.Equal("Dispose", destroyed.Str("decision"));
        Assert.Contains($"episodes: {theirEpisodes}", destroyed.Str("erased"));
        Assert.Contains("person: 1", destroyed.Str("erased"));
        await using (var db = app.Db())
        {
            Assert.Empty(await Remaining(db, theirs));
            Assert.Equal(people - 1, await db.People.CountAsync(Ct));
            Assert.Equal(episodes - theirEpisodes, await db.Episodes.CountAsync(Ct));
            Assert.Equal(trail + 1, await db.AuditEntries.CountAsync(a => a.PersonId == goneId, Ct));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.PersonId == goneId && a.Action == "retention.dispose", Ct));
            Assert.True((await new AuditChain(db).Verify(Ct)).Intact);
        }
        await (await officer.PostJson($"/api/retention/reviews/{goneId}", dispose)).Expect(HttpStatusCode.NotFound);
        var register = await (await officer.GetAsync("/api/retention/register", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal([goneId.ToString(), keepId.ToString()], register.EnumerateArray().Select(r => r.Str("personId")));
        Assert.DoesNotContain(goneName, register.GetRawText());

        // A year and a day on, the record kept is due again, with the decision that kept it.
        app.SetLondon(demoDay.AddYears(10).AddDays(1), new TimeOnly(9, 0));
        officer = await app.ClientFor(Role.PrivacyOfficer);
        due = await (await officer.GetAsync("/api/retention/reviews", Ct)).Expect(HttpStatusCode.OK);
        var back = due.GetProperty("shown").EnumerateArray().Single(d => d.Str("personId") == keepId.ToString());
        Assert.Equal("A complaint about the service is still open", back.GetProperty("lastKept").Str("reason"));
    }

    /// <summary>Every key of every record that points at the person, and at what points at them, to a fixed point, found from the model.</summary>
    private static async Task<HashSet<Guid>> Reach(HomewardDb db, Guid personId)
    {
        var ids = new HashSet<Guid> { personId };
        for (var before = 0; before != ids.Count;)
        {
            before = ids.Count;
            foreach (var (type, property) in GuidColumns(db))
                if (type.FindPrimaryKey()?.Properties is [{ } key] && key.ClrType == typeof(Guid) && key != property)
                    ids.UnionWith(await Call<List<Guid>>(nameof(Keys), type, db, property, key.Name, ids));
        }
        return ids;
    }

    /// <summary>Each column, outside the audit trail and the register, that still holds one of the ids.</summary>
    private static async Task<List<string>> Remaining(HomewardDb db, HashSet<Guid> ids)
    {
        var left = new List<string>();
        foreach (var (type, property) in GuidColumns(db))
            if (await Call<int>(nameof(Count), type, db, property, ids) is > 0 and var n)
                left.Add($"{type.GetTableName()}.{property.Name}: {n}");
        return left;
    }

    private static IEnumerable<(IEntityType, IProperty)> GuidColumns(HomewardDb db) =>
        from type in db.Model.GetEntityTypes()
        where !type.IsOwned() && !type.HasSharedClrType && !Kept.Contains(type.ClrType)
        from property in type.GetProperties()
        where property.ClrType == typeof(Guid) || property.ClrType == typeof(Guid?)
        select (type, property);

    private static Task<T> Call<T>(string method, IEntityType type, params object[] args) =>
        (Task<T>)typeof(DisposalReviewTests).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type.ClrType).Invoke(null, args)!;

    private static Task<int> Count<T>(HomewardDb db, IProperty property, HashSet<Guid> ids) where T : class
    {
        List<Guid?> among = [.. ids.Select(id => (Guid?)id)];
        return db.Set<T>().CountAsync(e => among.Contains(EF.Property<Guid?>(e, property.Name)), Ct);
    }

    private static Task<List<Guid>> Keys<T>(HomewardDb db, IProperty property, string key, HashSet<Guid> ids) where T : class
    {
        List<Guid?> among = [.. ids.Select(id => (Guid?)id)];
        return db.Set<T>().Where(e => among.Contains(EF.Property<Guid?>(e, property.Name))).Select(e => EF.Property<Guid>(e, key)).ToListAsync(Ct);
    }
}
