using System.Net;
using System.Text.Json;
using Homeward.Access;
using Homeward.Tests.Support;

namespace Homeward.Tests.Audit;

/// <summary>The privacy officer's view of the audit trail: who looked at a person's record, by user, day, action and outcome.</summary>
public sealed class AuditViewerTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_privacy_officer_sees_who_looked_at_a_record_and_the_refusals_but_no_records()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var referral = await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
        var personId = referral.GetProperty("person").Str("id");
        var nhsNumber = referral.GetProperty("person").Str("nhsNumber");
        await (await hub.GetAsync($"/api/people/{personId}", Ct)).Expect(HttpStatusCode.OK);
        var provider = await app.ClientFor(Role.CareProvider);
        Assert.Equal(HttpStatusCode.Forbidden, (await provider.PostJson("/api/referrals", Bodies.HospitalDischarge())).StatusCode);

        var privacy = await app.ClientFor(Role.PrivacyOfficer);
        var looked = await (await privacy.GetAsync($"/api/audit?nhsNumber={nhsNumber}", Ct)).Expect(HttpStatusCode.OK);
        var items = looked.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.Str("userName") == "hub@demo.homeward" && i.Str("action") == "person.read");
        Assert.Contains(items, i => i.Str("action") == "referral.submit");
        Assert.All(items, i => Assert.Equal(nhsNumber, i.Str("nhsNumber")));

        var denied = await (await privacy.GetAsync($"/api/audit?outcome=Denied&user=provider@demo.homeward&from={DateTime.UtcNow.AddDays(-1):yyyy-MM-dd}", Ct))
            .Expect(HttpStatusCode.OK);
        Assert.NotEmpty(denied.GetProperty("items").EnumerateArray());
        Assert.All(denied.GetProperty("items").EnumerateArray(), i => Assert.Equal("Denied", i.Str("outcome")));

        var byAction = await (await privacy.GetAsync("/api/audit?action=person", Ct)).Expect(HttpStatusCode.OK);
        Assert.All(byAction.GetProperty("items").EnumerateArray(), i => Assert.StartsWith("person.", i.Str("action")));

        // Every problem at once; a privacy officer reads the trail, not the records.
        var bad = await (await privacy.GetAsync("/api/audit?nhsNumber=123&from=2026-13-01&to=yesterday&outcome=Maybe", Ct)).Expect(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "nhsNumber", "from", "to", "outcome" })
            Assert.True(bad.GetProperty("errors").TryGetProperty(field, out _), field);
        Assert.Equal(HttpStatusCode.Forbidden, (await privacy.GetAsync($"/api/people/{personId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hub.GetAsync("/api/audit", Ct)).StatusCode);
    }
}
