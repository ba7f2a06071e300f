using System.Net;
using System.Text.Json;
using Homeward.Access;
using Homeward.Tests.Support;
using UglyToad.PdfPig;

namespace Homeward.Tests.People;

/// <summary>
/// A subject access request answered in steps: opened with who asked, read as a document with organisations and staff
/// by name, lines about other people withheld with a reason by the privacy officer, then released as HTML and PDF.
/// </summary>
public sealed class SubjectAccessRequestTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IEnumerable<JsonElement> Lines(JsonElement request) =>
        request.GetProperty("document").GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("lines").EnumerateArray());

    [Fact]
    public async Task The_privacy_officer_reviews_withholds_what_is_about_others_and_releases_a_readable_document()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var nhs = Bodies.NewNhsNumber();
        var body = Bodies.HospitalDischarge(nhs);
        var person = (Dictionary<string, object?>)body["person"]!;
        person["unpaidCarer"] = new { name = "Bill Testperson", relationship = "Son", phone = "07700 900123" };
        body["referrerContact"] = "Ward Elm, 01632 960001";
        var referral = await (await hub.PostJson("/api/referrals", body)).Expect(HttpStatusCode.Created);
        var episode = referral.GetProperty("episode").Str("id");
        await (await hub.PostJson($"/api/episodes/{episode}/triage", new { service = "Reablement", pathway = "P1" }, "\"1\"")).Expect(HttpStatusCode.OK);

        var officer = await app.ClientFor(Role.PrivacyOfficer);
        var bad = await (await officer.PostJson("/api/subject-access-requests", new { nhsNumber = "12345", receivedOn = "2099-01-01" })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["nhsNumber", "requester", "receivedOn"], bad.ErrorFields());
        await (await hub.PostJson("/api/subject-access-requests", new { nhsNumber = nhs, requester = "Herself" })).Expect(HttpStatusCode.Forbidden);

        var opened = await (await officer.PostJson("/api/subject-access-requests", new { nhsNumber = nhs, requester = "Ada Testperson, by letter" })).Expect(HttpStatusCode.Created);
        var id = opened.Str("id");
        Assert.Equal("InReview", opened.Str("status"));
        Assert.Equal(DateOnly.Parse(opened.Str("receivedOn")).AddMonths(1), DateOnly.Parse(opened.Str("dueOn")));
        var sections = opened.GetProperty("document").GetProperty("sections").EnumerateArray().Select(s => s.Str("heading")).ToList();
        Assert.Equal(["About you", "Referral 1", "Episode of care 1", "Who has looked at your record"], sections);
        var lines = Lines(opened).ToList();
        // Staff and organisations by name, never by id.
        var triaged = lines.Single(l => l.Str("key").StartsWith($"episode.{episode}.event.", StringComparison.Ordinal) && l.Str("text").StartsWith("Triaged", StringComparison.Ordinal));
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(triaged.Str("text"), @"^Triaged, by [^@,]+\(hub coordinator\), [^@]{4,}$"), triaged.Str("text"));
        Assert.DoesNotContain(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l.Str("text"), @"[0-9a-f]{8}-[0-9a-f]{4}-"));
        var thirdParty = lines.Where(l => l.GetProperty("thirdParty").GetBoolean()).Select(l => l.Str("key")).ToList();
        Assert.Contains("carer.name", thirdParty);
        Assert.Contains("carer.phone", thirdParty);
        Assert.Contains(thirdParty, k => k.EndsWith(".referrerContact", StringComparison.Ordinal));
        await (await officer.GetAsync($"/api/subject-access-requests/{id}/document.pdf", Ct)).Expect(HttpStatusCode.Conflict);

        // Only lines about someone else may be withheld, and with a reason: every problem at once.
        var refused = await (await officer.PutJson($"/api/subject-access-requests/{id}/withheld", new { keys = new[] { "person.name", "carer.phone" } }, "\"1\""))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["keys", "reason"], refused.ErrorFields());
        var withheld = await (await officer.PutJson($"/api/subject-access-requests/{id}/withheld",
            new { keys = new[] { "carer.phone" }, reason = "The carer has not agreed to their number being shared" }, "\"1\"")).Expect(HttpStatusCode.OK);
        Assert.Equal(["carer.phone"], withheld.GetProperty("withheld").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("07700 900123", Lines(withheld).Single(l => l.Str("key") == "carer.phone").Str("text")); // shown to the officer until released

        var released = await (await officer.PostJson($"/api/subject-access-requests/{id}/release", new { }, "\"2\"")).Expect(HttpStatusCode.OK);
        Assert.Equal("Released", released.Str("status"));
        Assert.Equal("[Withheld: information about someone else]", Lines(released).Single(l => l.Str("key") == "carer.phone").Str("text"));
        Assert.Equal("Bill Testperson (Son)", Lines(released).Single(l => l.Str("key") == "carer.name").Str("text"));
        await (await officer.PostJson($"/api/subject-access-requests/{id}/release", new { }, "\"3\"")).Expect(HttpStatusCode.Conflict);
        await (await officer.PutJson($"/api/subject-access-requests/{id}/withheld", new { keys = Array.Empty<string>() }, "\"3\"")).Expect(HttpStatusCode.Conflict);

        var pdf = await officer.GetAsync($"/api/subject-access-requests/{id}/document.pdf", Ct);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        using var read = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync(Ct));
        var text = string.Join("\n", read.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains("Everything Homeward holds about Ada Testperson", text);
        Assert.Contains("[Withheld: information about someone else]", text);
        Assert.DoesNotContain("900123", text);
        Assert.Contains("Who has looked at your record", text);
    }
}
