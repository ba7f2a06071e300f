using System.Net;
using Homeward.Access;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.Returns;

/// <summary>Returns made on the job engine: the same return as asked directly, kept to read and download, for the organisation only.</summary>
public sealed class MadeReturnTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static string Today => Homeward.Common.London.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_return_made_as_a_job_is_the_return_asked_for_directly_and_downloads_the_same()
    {
        var manager = await app.ClientFor(Role.Manager);
        // A request the council decided today (cancelled): a row in today's Client Level Data.
        var referral = await (await manager.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
        await (await manager.PostJson($"/api/episodes/{referral.GetProperty("episode").Str("id")}/cancel", new { reason = "Stayed in hospital" }, "\"1\""))
            .Expect(HttpStatusCode.OK);
        var today = $"from={Today}&to={Today}";

        var made = await (await manager.PostAsync("/api/returns/ascof-2a/jobs", null, Ct)).ExpectJobDone(manager);
        var direct = await (await manager.GetAsync("/api/returns/ascof-2a", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(direct.GetProperty("rows").ToString(), made.GetProperty("rows").ToString());
        Assert.Equal(direct.GetProperty("period").ToString(), made.GetProperty("period").ToString());

        var job = await (await manager.PostAsync($"/api/returns/cld/jobs?{today}", null, Ct)).Expect(HttpStatusCode.Accepted);
        job = await Http.FollowJob(manager, job.Str("id"));
        Assert.Equal("Done", job.Str("status"));
        Assert.Contains("rows.", job.Str("message"), StringComparison.Ordinal);
        var url = job.Str("resultUrl");
        var madeCld = await (await manager.GetAsync(url, Ct)).Expect(HttpStatusCode.OK);
        var directCld = await (await manager.GetAsync($"/api/returns/cld?{today}", Ct)).Expect(HttpStatusCode.OK);
        Assert.Contains("\"Request\"", madeCld.GetProperty("rows").ToString(), StringComparison.Ordinal);
        Assert.Equal(directCld.GetProperty("rows").ToString(), madeCld.GetProperty("rows").ToString());
        Assert.Equal(directCld.GetProperty("problems").ToString(), madeCld.GetProperty("problems").ToString());
        // A file that fails its validation is refused from the kept return as from a direct one.
        Assert.Equal((await manager.GetAsync($"/api/returns/cld?{today}&format=csv", Ct)).StatusCode, (await manager.GetAsync($"{url}?format=csv", Ct)).StatusCode);

        // A return with no validation downloads, the same file as asked directly.
        var ascofUrl = (await Http.FollowJob(manager, (await (await manager.PostAsync("/api/returns/ascof-2a/jobs", null, Ct)).Expect(HttpStatusCode.Accepted)).Str("id"))).Str("resultUrl");
        var csv = await (await manager.GetAsync($"{ascofUrl}?format=csv", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("Measure,Group,Numerator,Denominator", csv, StringComparison.Ordinal);
        Assert.Equal(await (await manager.GetAsync("/api/returns/ascof-2a?format=csv", Ct)).Content.ReadAsStringAsync(Ct), csv);
        Assert.Equal("PK"u8.ToArray(), (await (await manager.GetAsync($"{ascofUrl}?format=xlsx", Ct)).Content.ReadAsByteArrayAsync(Ct))[..2]);

        // The people in the file went into the audit trail when it was made; each look at it is recorded.
        var id = Guid.Parse(url.Split('/')[^1]);
        var db = app.Db();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "returns.cld" && a.People.Any(), Ct));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "returns.cld.read" && a.EntityId == id.ToString(), Ct));
        Assert.True(await db.MadeReturns.AnyAsync(m => m.Id == id && m.Rows > 0, Ct));
    }

    [Fact]
    public async Task Only_the_organisation_that_made_a_return_sees_it_and_Client_Level_Data_only_with_the_right_to_make_it()
    {
        var manager = await app.ClientFor(Role.Manager);
        var cld = await (await manager.PostAsync("/api/returns/cld/jobs", null, Ct)).Expect(HttpStatusCode.Accepted);
        var url = (await Http.FollowJob(manager, cld.Str("id"))).Str("resultUrl");

        // The hub (same council) may make Client Level Data, so may read it.
        await (await (await app.ClientFor(Role.HubCoordinator)).GetAsync(url, Ct)).Expect(HttpStatusCode.OK);
        // The hospital's discharge team and the community trust's clinicians: not theirs, so not found (nor their jobs).
        await (await (await app.ClientFor(Role.HospitalDischargeTeam)).GetAsync(url, Ct)).Expect(HttpStatusCode.NotFound);
        var ucr = await app.ClientFor(Role.RapidResponseClinician);
        await (await ucr.GetAsync(url, Ct)).Expect(HttpStatusCode.NotFound);
        await (await ucr.GetAsync($"/api/jobs/{cld.Str("id")}", Ct)).Expect(HttpStatusCode.NotFound);
        await (await ucr.GetAsync($"/api/returns/made/{Guid.NewGuid()}", Ct)).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_requests_are_refused_at_once_with_every_problem_and_no_job()
    {
        var manager = await app.ClientFor(Role.Manager);
        var before = await app.Db().Jobs.CountAsync(Ct);
        var problem = await (await manager.PostAsync("/api/returns/salt99/jobs?from=2026-02-30", null, Ct)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["code", "from", "to"], problem.ErrorFields());
        // Client Level Data names everyone: not for the community trust's clinicians.
        await (await (await app.ClientFor(Role.RapidResponseClinician)).PostAsync("/api/returns/cld/jobs", null, Ct)).Expect(HttpStatusCode.Forbidden);
        await (await (await app.ClientFor(Role.ReablementWorker)).PostAsync("/api/returns/ascof-2a/jobs", null, Ct)).Expect(HttpStatusCode.Forbidden);
        await (await manager.GetAsync($"/api/returns/made/{Guid.NewGuid()}?format=pdf", Ct)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(before, await app.Db().Jobs.CountAsync(Ct));
    }
}
