using System.Net;
using Homeward.Access;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.Api;

public sealed class ReferralApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_answers_without_sign_in_but_the_api_needs_one()
    {
        var client = app.CreateClient();
        await (await client.GetAsync("/health", Ct)).Expect(HttpStatusCode.OK);
        await (await client.GetAsync("/api/referrals", Ct)).Expect(HttpStatusCode.Unauthorized);
        client.DefaultRequestHeaders.Authorization = new("Bearer", "hw_not-a-real-token");
        await (await client.GetAsync("/api/referrals", Ct)).Expect(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Wrong_password_gets_401_and_no_token()
    {
        var response = await app.CreateClient().PostJson("/api/auth/tokens", new { userName = "hub@demo.homeward", password = "wrong-password-1" });
        var body = await response.Expect(HttpStatusCode.Unauthorized);
        Assert.False(body.TryGetProperty("token", out _));
    }

    [Fact]
    public async Task A_referral_is_stored_with_its_person_episode_and_audit_row()
    {
        var client = await app.ClientFor(Role.HospitalDischargeTeam);
        var body = Bodies.HospitalDischarge();
        var response = await client.PostJson("/api/referrals", body);
        var referral = await response.Expect(HttpStatusCode.Created);

        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal($"/api/referrals/{referral.Str("id")}", response.Headers.Location?.OriginalString);
        Assert.Equal("NV1 2AB", (await (await client.GetAsync($"/api/people/{referral.GetProperty("person").Str("id")}", Ct)).Expect(HttpStatusCode.OK)).Str("postcode"));
        Assert.Equal("Referred", referral.GetProperty("episode").Str("status"));
        Assert.Equal("Planned", referral.Str("urgency"));

        await using var db = app.Db();
        var personId = Guid.Parse(referral.GetProperty("person").Str("id"));
        var audit = await db.AuditEntries.Where(a => a.PersonId == personId).OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal(["person.create", "referral.submit", "person.read"], audit.Select(a => a.Action));
        Assert.All(audit, a =>
        {
            Assert.Equal("discharge@demo.homeward", a.UserName);
            Assert.Equal(Role.HospitalDischargeTeam, a.Role);
            Assert.False(string.IsNullOrEmpty(a.CorrelationId));
            Assert.NotEqual(Guid.Empty, a.OrganisationId);
        });
    }

    [Fact]
    public async Task A_second_referral_for_the_same_NHS_number_finds_the_person()
    {
        var client = await app.ClientFor(Role.HubCoordinator);
        var nhs = Bodies.NewNhsNumber();
        var first = await (await client.PostJson("/api/referrals", Bodies.UrgentCommunityResponse(nhs))).Expect(HttpStatusCode.Created);
        var second = await (await client.PostJson("/api/referrals", Bodies.HospitalDischarge(nhs))).Expect(HttpStatusCode.Created);
        Assert.Equal(first.GetProperty("person").Str("id"), second.GetProperty("person").Str("id"));
        Assert.NotEqual(first.Str("id"), second.Str("id"));

        var mismatch = Bodies.HospitalDischarge(nhs);
        ((Dictionary<string, object?>)mismatch["person"]!)["dateOfBirth"] = "1950-01-01";
        var problem = await (await client.PostJson("/api/referrals", mismatch)).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("person.dateOfBirth", problem.ErrorFields());
    }

    [Fact]
    public async Task Every_bad_field_is_reported_at_once_and_nothing_is_written()
    {
        var client = await app.ClientFor(Role.HubCoordinator);
        await using var db = app.Db();
        var (people, referrals) = (await db.People.CountAsync(Ct), await db.Referrals.CountAsync(Ct));

        var body = Bodies.HospitalDischarge("9434765918");
        var person = (Dictionary<string, object?>)body["person"]!;
        person["dateOfBirth"] = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd");
        person["postcode"] = "NOT A POSTCODE";
        person["givenName"] = new string('x', 101);
        body["admittedOn"] = DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd");
        body["dischargeReadyDate"] = DateTime.UtcNow.AddDays(-5).ToString("yyyy-MM-dd");
        body["reason"] = new string('r', 4001);
        body["urgency"] = "Whenever";

        var problem = await (await client.PostJson("/api/referrals", body)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(
            ["person.nhsNumber", "person.givenName", "person.dateOfBirth", "person.postcode", "urgency", "reason", "dischargeReadyDate"],
            problem.ErrorFields());
        Assert.Contains("check digit", problem.GetProperty("errors").GetProperty("person.nhsNumber")[0].GetString());
        Assert.Contains("before the admission date", problem.GetProperty("errors").GetProperty("dischargeReadyDate")[0].GetString());

        Assert.Equal(people, await db.People.CountAsync(Ct));
        Assert.Equal(referrals, await db.Referrals.CountAsync(Ct));
    }

    [Theory]
    [InlineData("0000000000", "No NHS number is issued")]
    [InlineData("0101501234", "Scotland's CHI")]
    [InlineData("3300000009", "Northern Ireland")]
    public async Task A_number_with_a_good_check_digit_outside_the_issued_ranges_is_refused_and_nobody_recorded(string nhsNumber, string reason)
    {
        Assert.True(Homeward.People.NhsNumber.TryParse(nhsNumber, out _));
        var client = await app.ClientFor(Role.HospitalDischargeTeam);
        await using var db = app.Db();
        var people = await db.People.CountAsync(Ct);
        var problem = await (await client.PostJson("/api/referrals", Bodies.HospitalDischarge(nhsNumber))).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["person.nhsNumber"], problem.ErrorFields());
        Assert.Contains(reason, problem.GetProperty("errors").GetProperty("person.nhsNumber")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(people, await db.People.CountAsync(Ct));
    }

    [Theory]
    [InlineData("{\"person\": {\"nhsNumber\": ", "person.nhsNumber")]
    [InlineData("{\"person\": {\"nhsNumber\": 9990000018}}", "person.nhsNumber")]
    [InlineData("{\"existingClient\": \"perhaps\"}", "existingClient")]
    [InlineData("[1, 2, 3]", "body")]
    [InlineData("not json at all", "body")]
    public async Task Malformed_json_is_a_400_naming_where(string json, string field)
    {
        var client = await app.ClientFor(Role.HubCoordinator);
        var response = await client.PostAsync("/api/referrals", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);
        var problem = await response.Expect(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.ErrorFields());
        Assert.DoesNotContain("   at ", problem.ToString());
    }

    [Fact]
    public async Task Hospital_details_belong_to_hospital_referrals_only()
    {
        var client = await app.ClientFor(Role.HubCoordinator);
        var body = Bodies.UrgentCommunityResponse();
        body["ward"] = "Elm";
        body["dischargeReadyDate"] = "2026-01-01";
        var problem = await (await client.PostJson("/api/referrals", body)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["ward", "dischargeReadyDate"], problem.ErrorFields());

        var hospital = Bodies.HospitalDischarge();
        hospital.Remove("dischargeReadyDate");
        hospital.Remove("ward");
        problem = await (await client.PostJson("/api/referrals", hospital)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["ward", "dischargeReadyDate"], problem.ErrorFields());
    }

    [Fact]
    public async Task Searching_finds_by_NHS_number_and_rejects_bad_filters()
    {
        var client = await app.ClientFor(Role.HubCoordinator);
        var nhs = Bodies.NewNhsNumber();
        await (await client.PostJson("/api/referrals", Bodies.UrgentCommunityResponse(nhs))).Expect(HttpStatusCode.Created);

        var page = await (await client.GetAsync($"/api/referrals?nhsNumber={nhs}", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        Assert.Equal(nhs, page.GetProperty("items")[0].GetProperty("person").Str("nhsNumber"));

        var problem = await (await client.GetAsync("/api/referrals?nhsNumber=123&route=Bus&pageSize=1000", Ct)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["nhsNumber", "route", "pageSize"], problem.ErrorFields());
    }

    [Fact]
    public async Task A_role_without_the_right_is_refused_and_the_refusal_audited()
    {
        var client = await app.ClientFor(Role.CareProvider);
        await (await client.PostJson("/api/referrals", Bodies.UrgentCommunityResponse())).Expect(HttpStatusCode.Forbidden);
        await using var db = app.Db();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Role == Role.CareProvider && a.Outcome == Homeward.Audit.AuditOutcome.Denied, Ct));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_API()
    {
        var doc = await (await app.CreateClient().GetAsync("/openapi/v1.json", Ct)).Expect(HttpStatusCode.OK);
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/referrals", out _));
        Assert.True(paths.TryGetProperty("/api/episodes/{id}/triage", out _));
    }
}
