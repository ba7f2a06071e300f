using System.Net;
using Homeward.Access;
using Homeward.Audit;
using Homeward.Data;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.Audit;

/// <summary>
/// A list view is one audit row naming the people it showed: the board refreshing itself writes one row a refresh,
/// not one a person; who looked at a record still finds it; the export names each person; the chain covers the list.
/// </summary>
public sealed class ListAuditTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_board_view_is_one_row_listing_its_people_and_a_refresh_showing_the_same_people_is_a_repeat()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var referral = await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
        var personId = Guid.Parse(referral.GetProperty("person").Str("id"));
        var nhsNumber = referral.GetProperty("person").Str("nhsNumber");

        await using var db = app.Db();
        var before = await db.AuditEntries.MaxAsync(a => (long?)a.Id, Ct) ?? 0;
        var board = await (await hub.GetAsync("/api/board?pageSize=100", Ct)).Expect(HttpStatusCode.OK);
        var shown = board.GetProperty("rows").EnumerateArray().Select(r => Guid.Parse(r.Str("personId"))).ToHashSet();
        Assert.Contains(personId, shown);
        await (await hub.GetAsync("/api/board?pageSize=100", Ct)).Expect(HttpStatusCode.OK);

        var rows = await db.AuditEntries.AsNoTracking().Where(a => a.Id > before && a.Action.StartsWith("board.")).OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal(["board.view", "board.view.again"], rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Null(r.PersonId));
        Assert.Equal(rows[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), rows[1].EntityId);
        var listed = await db.AuditPeople.AsNoTracking().Where(p => p.AuditEntryId == rows[0].Id).Select(p => p.PersonId).ToListAsync(Ct);
        Assert.True(shown.SetEquals(listed));
        Assert.Empty(await db.AuditPeople.AsNoTracking().Where(p => p.AuditEntryId == rows[1].Id).ToListAsync(Ct));

        // A new person on the board: the next view lists everyone again.
        await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
        await (await hub.GetAsync("/api/board?pageSize=100", Ct)).Expect(HttpStatusCode.OK);
        var third = await db.AuditEntries.AsNoTracking().Where(a => a.Id > rows[1].Id && a.Action.StartsWith("board.")).SingleAsync(Ct);
        Assert.Equal("board.view", third.Action);
        Assert.Equal(shown.Count + 1, await db.AuditPeople.CountAsync(p => p.AuditEntryId == third.Id, Ct));

        // Who has looked at this record: the board views, in words, naming the person among those shown.
        var privacy = await app.ClientFor(Role.PrivacyOfficer);
        var looked = await (await privacy.GetAsync($"/api/audit?nhsNumber={nhsNumber}&action=board", Ct)).Expect(HttpStatusCode.OK);
        var items = looked.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, i =>
        {
            Assert.Equal("Viewed the hub board", i.Str("words"));
            Assert.Equal(nhsNumber, i.Str("nhsNumber"));
            Assert.True(i.GetProperty("peopleShown").GetInt32() >= shown.Count);
        });

        // The export for an investigation: the view's line, then a line for each person it showed.
        var response = await privacy.GetAsync($"/api/audit/export?action=board.view&from={DateTime.UtcNow:yyyy-MM-dd}", Ct);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("audit_id,at_utc,user", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains(personId.ToString(), StringComparison.Ordinal) && l.Contains(nhsNumber, StringComparison.Ordinal)
                                    && l.Contains("Viewed the hub board", StringComparison.Ordinal));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "audit.export", Ct));
        var bad = await (await privacy.GetAsync("/api/audit/export?from=someday&outcome=Maybe", Ct)).Expect(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("from", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("outcome", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await hub.GetAsync("/api/audit/export", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_people_a_row_lists_cannot_be_changed_and_the_chain_finds_it_if_the_guard_is_lifted()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
        await (await hub.GetAsync("/api/board", Ct)).Expect(HttpStatusCode.OK);
        var chain = AuditChainTests.Chain(app);
        await chain.Seal(Ct);
        Assert.True((await chain.Verify(Ct)).Intact);

        await using var db = app.Db();
        var listed = await db.AuditPeople.AsNoTracking().OrderByDescending(p => p.AuditEntryId).FirstAsync(Ct);
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditPeople\" WHERE \"AuditEntryId\" = {listed.AuditEntryId}", Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync(
            $"UPDATE \"AuditPeople\" SET \"PersonId\" = {Guid.NewGuid()} WHERE \"AuditEntryId\" = {listed.AuditEntryId}", Ct));
        Assert.True((await chain.Verify(Ct)).Intact);

        // Someone with the owner's power lifts the guard and removes a person from a view: the chain breaks at that row.
        if (db.Provider == DatabaseProvider.Postgres)
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditPeople\" DISABLE TRIGGER USER", Ct);
        else
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER homeward_audit_people_no_delete", Ct);
        await db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditPeople\" WHERE \"AuditEntryId\" = {listed.AuditEntryId} AND \"PersonId\" = {listed.PersonId}", Ct);
        var broken = await chain.Verify(Ct);
        Assert.False(broken.Intact);
        Assert.Contains("people it lists", broken.Why, StringComparison.Ordinal);
        Assert.Equal(listed.AuditEntryId, await db.AuditEntries.Where(a => a.Sequence == broken.BrokenAt).Select(a => a.Id).SingleAsync(Ct));
    }
}
