using System.Net;
using Homeward.Access;
using Homeward.Tests.Support;

namespace Homeward.Tests.Api;

/// <summary>
/// SQL, script and header-injection strings in every free-text field of a referral: stored exactly as typed, shown
/// encoded on the pages, and never a 500 or a stack trace.
/// </summary>
public sealed class HostileInputTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Hostile() =>
    [
        "Robert'); DROP TABLE \"People\";--",
        "' OR '1'='1",
        "<script>alert('x')</script>",
        "\"><img src=x onerror=alert(1)>",
        "line one\r\nSet-Cookie: evil=1",
        "=HYPERLINK(\"http://example.invalid\")",
        "{{7*7}} ${7*7} <%= 7*7 %>",
        "../../etc/passwd",
        "Ωμέγα – 名前 – 🙂",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Stored_as_typed_shown_encoded_never_a_500(string hostile)
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var body = Bodies.HospitalDischarge();
        var person = (Dictionary<string, object?>)body["person"]!;
        person["givenName"] = hostile[..Math.Min(hostile.Length, 100)];
        person["familyName"] = "Testperson " + hostile[..Math.Min(hostile.Length, 80)];
        person["addressLine1"] = hostile;
        person["town"] = hostile[..Math.Min(hostile.Length, 100)];
        body["referrerName"] = hostile;
        body["reason"] = hostile;
        body["ward"] = hostile[..Math.Min(hostile.Length, 100)];

        var response = await hub.PostJson("/api/referrals", body);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);   // free text is free: stored, not refused

        var referral = System.Text.Json.JsonDocument.Parse(text).RootElement;
        var stored = await (await hub.GetAsync($"/api/referrals/{referral.Str("id")}", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(hostile, stored.Str("reason"));
        Assert.Equal(hostile, stored.Str("referrerName"));

        // The pages show it encoded: never the raw markup.
        var personId = referral.GetProperty("person").Str("id");
        foreach (var page in new[] { $"/people/{personId}", $"/episodes/{referral.GetProperty("episode").Str("id")}", "/board" })
        {
            var html = await hub.GetAsync(page, Ct);
            var markup = await html.Content.ReadAsStringAsync(Ct);
            Assert.True(html.StatusCode == HttpStatusCode.OK, $"{page}: {html.StatusCode}");
            Assert.DoesNotContain("<script>alert", markup, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", markup, StringComparison.Ordinal);
            Assert.False(html.Headers.Contains("Set-Cookie") && html.Headers.GetValues("Set-Cookie").Any(c => c.Contains("evil", StringComparison.Ordinal)));
        }
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_break_glass_reason_and_review_note_are_stored_as_typed_and_shown_encoded(string hostile)
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var nhs = Bodies.NewNhsNumber();
        await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge(nhs))).Expect(HttpStatusCode.Created);
        var reason = "Seen in A&E now: " + hostile;
        var hospital = await app.ClientFor(Role.HospitalDischargeTeam);
        var access = await (await hospital.PostJson("/api/break-glass", new { nhsNumber = nhs, reason })).Expect(HttpStatusCode.Created);
        Assert.Equal(reason, access.Str("reason"));

        var privacy = await app.ClientFor(Role.PrivacyOfficer);
        var html = await privacy.GetAsync("/audit/break-glass?show=all", Ct);
        var markup = await html.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.DoesNotContain("<script>alert", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", markup, StringComparison.Ordinal);
        var reviewed = await (await privacy.PostJson($"/api/break-glass/{access.Str("id")}/review", new { verdict = "Concern", note = hostile })).Expect(HttpStatusCode.OK);
        Assert.Equal(hostile, reviewed.Str("reviewNote"));
        markup = await (await privacy.GetAsync("/audit/break-glass?show=reviewed", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("<script>alert", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", markup, StringComparison.Ordinal);
    }
}
