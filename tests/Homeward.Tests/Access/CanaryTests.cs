using System.Net;
using Homeward.Access;
using Homeward.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Tests.Access;

/// <summary>
/// A canary: a person referred by the hub, whom a hospital discharge team (of another organisation) and a care provider
/// (with no booking for them) may not see. Every GET endpoint and page in the app's own route table is called as those
/// users, with the canary's ids in every route parameter and the canary's NHS number and name in the usual search
/// parameters: the canary's name and NHS number appear in no answer, nothing answers 500, a direct read answers 404
/// (not 403: existence is not revealed), and the refusals are audited as denied.
/// </summary>
public sealed class CanaryTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_person_outside_a_users_relationships_appears_in_no_list_search_export_page_or_error()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var nhs = Bodies.NewNhsNumber();
        var body = Bodies.HospitalDischarge(nhs);
        ((Dictionary<string, object?>)body["person"]!)["familyName"] = "Canarywhistle";
        var referral = await (await hub.PostJson("/api/referrals", body)).Expect(HttpStatusCode.Created);
        var ids = new Dictionary<string, string>
        {
            ["person"] = referral.GetProperty("person").Str("id")!,
            ["referral"] = referral.Str("id")!,
            ["episode"] = referral.GetProperty("episode").Str("id")!,
        };
        // The hub sees the canary (so the name really is findable where the relationship allows).
        Assert.Contains("Canarywhistle", await (await hub.GetAsync($"/api/people/{ids["person"]}", Ct)).Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } m || m.HttpMethods.Contains("GET"))
            .Select(e => e.RoutePattern).Where(p => p.RawText is not null).DistinctBy(p => p.RawText).ToList();
        Assert.True(routes.Count > 40, $"only {routes.Count} routes found");
        var checkedUrls = 0;
        foreach (var role in new[] { Role.HospitalDischargeTeam, Role.CareProvider })
        {
            var client = await app.ClientFor(role);
            foreach (var route in routes)
            {
                foreach (var url in Urls(route, ids, nhs))
                {
                    var response = await client.GetAsync(url, Ct);
                    // A search box shows back what the user typed: their own words, not the canary's record.
                    var text = (await response.Content.ReadAsStringAsync(Ct)).Replace("value=\"Canarywhistle\"", "", StringComparison.Ordinal);
                    checkedUrls++;
                    Assert.True(response.StatusCode != HttpStatusCode.InternalServerError, $"{role} {url}: 500");
                    Assert.False(text.Contains("Canarywhistle", StringComparison.OrdinalIgnoreCase), $"{role} {url} shows the canary's name");
                    Assert.False(text.Contains(nhs, StringComparison.Ordinal) && !url.Contains(nhs, StringComparison.Ordinal), $"{role} {url} shows the canary's NHS number");
                }
            }
            // Direct reads answer 404, as for a record that does not exist.
            foreach (var url in new[] { $"/api/people/{ids["person"]}", $"/api/referrals/{ids["referral"]}", $"/api/episodes/{ids["episode"]}",
                         $"/api/episodes/{ids["episode"]}/care", $"/api/people/by-nhs-number/{nhs}", $"/fhir/Patient/{ids["person"]}" })
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url, Ct)).StatusCode);
        }
        Assert.True(checkedUrls > 100, $"only {checkedUrls} requests made");

        await using var db = app.Db();
        var personId = Guid.Parse(ids["person"]);
        var denied = await db.AuditEntries.Where(a => a.PersonId == personId && a.Outcome == Homeward.Audit.AuditOutcome.Denied)
            .Select(a => a.Role).Distinct().ToListAsync(Ct);
        Assert.Contains(Role.HospitalDischargeTeam, denied);
        Assert.Contains(Role.CareProvider, denied);
    }

    /// <summary>The route with each of the canary's ids in its parameters (FHIR types too), and the usual search parameters.</summary>
    private static IEnumerable<string> Urls(Microsoft.AspNetCore.Routing.Patterns.RoutePattern route, Dictionary<string, string> ids, string nhs)
    {
        var query = $"?nhsNumber={nhs}&identifier={nhs}&q=Canarywhistle&name=Canarywhistle&flagged=true&due=All";
        var raw = "/" + route.RawText!.TrimStart('/');
        if (route.Parameters.Count == 0)
        {
            yield return raw + query;
            yield break;
        }
        string[] types = ["Patient", "ServiceRequest", "EpisodeOfCare", "CarePlan", "Encounter", "Task", "Goal", "Observation"];
        foreach (var id in ids.Values)
            foreach (var type in route.Parameters.Any(p => p.Name == "type") ? types : [""])
            {
                var url = raw;
                foreach (var p in route.Parameters)
                {
                    var value = p.Name switch
                    {
                        "type" => type,
                        "nhsNumber" => nhs,
                        "code" => "HomeFromHospital",
                        _ => id,
                    };
                    url = System.Text.RegularExpressions.Regex.Replace(url, "\\{" + p.Name + "[^}]*\\}", value);
                }
                yield return url + query;
            }
    }
}
