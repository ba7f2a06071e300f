using System.Net;
using Homeward.Access;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.Returns;

/// <summary>The returns through the API: formats, bad input, access and the audit of the one that names people.</summary>
public sealed class ReturnApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static string Today => Homeward.Common.London.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_return_comes_as_JSON_CSV_or_XLSX()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        // Other tests in this class refer people today too, in any order: the referral adds one to whatever was there.
        async Task<int> TotalToday()
        {
            var json = await (await hub.GetAsync($"/api/returns/sts001?from={Today}&to={Today}", Ct)).Expect(HttpStatusCode.OK);
            var total = json.GetProperty("rows").EnumerateArray().Single(r => r[0].GetString() == "Total");
            return int.Parse(total[total.GetArrayLength() - 1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        }
        var before = await TotalToday();
        await (await hub.PostJson("/api/referrals", Bodies.UrgentCommunityResponse())).Expect(HttpStatusCode.Created);
        Assert.Equal(before + 1, await TotalToday());

        var csv = await hub.GetAsync($"/api/returns/sts001?from={Today}&to={Today}&format=csv", Ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("What happened,Discharge from hospital", await csv.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("sts001-", csv.Content.Headers.ContentDisposition!.FileName, StringComparison.Ordinal);

        var xlsx = await hub.GetAsync($"/api/returns/weekly-intermediate-care?format=xlsx", Ct);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
    }

    [Fact]
    public async Task Bad_requests_name_each_problem()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var problem = await (await hub.GetAsync("/api/returns/salt99?from=2026-02-30", Ct)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["code", "from", "to"], problem.ErrorFields());
        problem = await (await hub.GetAsync("/api/returns/cld?format=pdf", Ct)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["format"], problem.ErrorFields());
        problem = await (await hub.GetAsync("/api/returns/cld?from=2026-05-02&to=2026-05-01", Ct)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["to"], problem.ErrorFields());
    }

    [Fact]
    public async Task Client_level_data_names_people_so_each_one_is_audited_and_providers_cannot_have_it()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        // Two requests decided today (declined): each is an event in today's file.
        List<Guid> declined = [];
        for (var i = 0; i < 2; i++)
        {
            var referral = await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
            var episode = referral.GetProperty("episode");
            await (await hub.PostJson($"/api/episodes/{episode.Str("id")}/decline", new { reason = "Needs met by the family" },
                $"\"{episode.GetProperty("version").GetInt32()}\"")).Expect(HttpStatusCode.OK);
            declined.Add(Guid.Parse(referral.GetProperty("person").Str("id")));
        }
        var cld = await (await hub.GetAsync($"/api/returns/cld?from={Today}&to={Today}", Ct)).Expect(HttpStatusCode.OK);
        var column = cld.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToList().IndexOf("LA_Person_Unique_Identifier");
        var people = cld.GetProperty("rows").EnumerateArray().Select(r => Guid.Parse(r[column].GetString()!)).Distinct().ToList();
        Assert.Subset(people.ToHashSet(), declined.ToHashSet());
        await using var db = app.Db();
        var audited = await db.AuditEntries.Where(a => a.Action == "returns.cld").SelectMany(a => a.People).Select(p => p.PersonId).ToListAsync(Ct);
        Assert.Subset(audited.ToHashSet(), people.ToHashSet());

        var provider = await app.ClientFor(Role.CareProvider);
        await (await provider.GetAsync("/api/returns/cld", Ct)).Expect(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_client_level_data_file_with_missing_details_is_refused_and_the_data_quality_report_names_who_to_complete()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        // Referred without ethnicity or accommodation status, then declined today: a request CLD cannot take yet.
        var referral = await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
        var episode = referral.GetProperty("episode");
        await (await hub.PostJson($"/api/episodes/{episode.Str("id")}/decline", new { reason = "Needs met by the family" },
            $"\"{episode.GetProperty("version").GetInt32()}\"")).Expect(HttpStatusCode.OK);
        var personId = referral.GetProperty("person").Str("id");

        var json = await (await hub.GetAsync($"/api/returns/cld?from={Today}&to={Today}", Ct)).Expect(HttpStatusCode.OK);
        Assert.False(json.GetProperty("submittable").GetBoolean());
        var fields = json.GetProperty("problems").EnumerateArray().Where(p => p.GetProperty("blocking").GetBoolean()).Select(p => p.Str("field")).ToHashSet();
        Assert.Superset(new HashSet<string> { "Ethnicity", "Accommodation_Status" }, fields);
        var refused = await hub.GetAsync($"/api/returns/cld?from={Today}&to={Today}&format=csv", Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Ethnicity", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var quality = await (await hub.GetAsync($"/api/returns/cld/data-quality?from={Today}&to={Today}", Ct)).Expect(HttpStatusCode.OK);
        var person = quality.GetProperty("toComplete").EnumerateArray().Single(p => p.Str("id") == personId);
        Assert.Equal(["Ethnicity", "Accommodation status"], person.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));

        // Recorded on the person (a partial change through the API keeps everything else), the file passes for them.
        var current = await (await hub.GetAsync($"/api/people/{personId}", Ct)).Expect(HttpStatusCode.OK);
        var body = new Dictionary<string, object?>
        {
            ["nhsNumber"] = current.Str("nhsNumber"), ["givenName"] = current.Str("givenName"), ["familyName"] = current.Str("familyName"),
            ["dateOfBirth"] = current.Str("dateOfBirth"), ["gender"] = current.Str("gender"), ["addressLine1"] = current.Str("addressLine1"),
            ["postcode"] = current.Str("postcode"),
            ["ethnicity"] = "WhiteIrish", ["accommodationStatus"] = "TenantSocial", ["primarySupportReason"] = "PhysicalPersonalCare",
        };
        var updated = await hub.PatchJson($"/api/people/{personId}", body, $"\"{current.GetProperty("version").GetInt32()}\"");
        Assert.True(updated.IsSuccessStatusCode, await updated.Content.ReadAsStringAsync(Ct));
        var after = await (await hub.GetAsync($"/api/returns/cld/data-quality?from={Today}&to={Today}", Ct)).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(after.GetProperty("toComplete").EnumerateArray(), p => p.Str("id") == personId);
    }
}
