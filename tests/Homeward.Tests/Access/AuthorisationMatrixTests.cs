using System.Net;
using System.Text;
using Homeward.Access;
using Homeward.Capacity;
using Homeward.Tests.Support;
using Homeward.Triage;
using Homeward.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Tests.Access;

/// <summary>
/// The authorisation matrix, built from the app's own route table: every endpoint and page declares its rule (the rights
/// it needs, and whether it is about one person's record), and every one is called as every role and, where it is about a
/// person, for a person in each relationship: the user's own (referred by their organisation, or booked to it), referred
/// by the hub (not referred by them), and another organisation's (another hospital's referral, booked to another
/// provider). A role without the rights gets 403 whatever the person; with them, the hub's roles reach everyone, and a
/// hospital or provider reaches its own people and gets 404 for the rest. A new endpoint without a rule fails.
/// </summary>
public sealed class AuthorisationMatrixTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private enum Relationship { Own, NotReferred, OtherOrganisation }

    private sealed record Subject(string PersonId, string ReferralId, string EpisodeId, string NhsNumber, string DocumentId);

    private sealed record Target(RouteEndpoint Endpoint, AccessRule? Rule, bool IsPage, IReadOnlyList<string> Methods)
    {
        public string Name => $"{string.Join(",", Methods)} /{Endpoint.RoutePattern.RawText?.TrimStart('/')}";
    }

    private List<Target> Targets() =>
    [
        .. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is not null)
            .Select(e =>
            {
                var isPage = e.Metadata.GetMetadata<PageActionDescriptor>() is not null;
                var rule = e.Metadata.GetMetadata<AccessRule>() ?? e.Metadata.GetMetadata<NeedsAttribute>()?.Rule
                           ?? (e.Metadata.GetMetadata<IAllowAnonymous>() is not null ? AccessRule.Public : null);
                var methods = isPage ? ["GET"] : e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToList() ?? ["GET"];
                return new Target(e, rule, isPage, methods);
            })
            .DistinctBy(t => t.Name),
    ];

    [Fact]
    public void Every_endpoint_and_page_declares_who_may_use_it()
    {
        var targets = Targets();
        Assert.True(targets.Count > 80, $"only {targets.Count} endpoints found");
        var undeclared = targets.Where(t => t.Rule is null).Select(t => t.Name).ToList();
        Assert.True(undeclared.Count == 0, "Endpoints without an access rule: " + string.Join("; ", undeclared));
    }

    [Fact]
    public async Task Every_endpoint_and_page_answers_each_role_and_relationship_as_its_rule_says()
    {
        var subjects = new Dictionary<Relationship, Subject>
        {
            [Relationship.Own] = await Person(hospital: "ZVG", provider: "ZP1"),
            [Relationship.NotReferred] = await Person(hospital: null, provider: null),
            [Relationship.OtherOrganisation] = await Person(hospital: "ZKM", provider: "ZP2"),
        };
        var failures = new List<string>();
        var calls = 0;
        foreach (var role in Enum.GetValues<Role>())
        {
            var client = await app.ClientFor(role);
            var actor = new Actor("matrix", "matrix", role, Guid.Empty, "matrix");
            var scoped = role is Role.HospitalDischargeTeam or Role.CareProvider;
            foreach (var target in Targets().Where(t => t.Rule is { Anonymous: false }))
            {
                var rule = target.Rule!;
                var allowed = rule.Rights.All(actor.Has);
                foreach (var relationship in rule.PersonRecord ? Enum.GetValues<Relationship>() : [Relationship.Own])
                {
                    var url = Url(target.Endpoint.RoutePattern, subjects[relationship]);
                    foreach (var method in target.Methods)
                    {
                        var (status, body) = await Call(client, method, url, target.Endpoint.RoutePattern.RawText!.Contains("fhir", StringComparison.Ordinal));
                        calls++;
                        var expected = !allowed ? "403"
                            : rule.PersonRecord && scoped && relationship != Relationship.Own ? "404"
                            : "neither 403 nor 404";
                        var ok = expected switch
                        {
                            "403" => status == HttpStatusCode.Forbidden,
                            "404" => status == HttpStatusCode.NotFound,
                            _ => status is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound) || !rule.PersonRecord && status == HttpStatusCode.NotFound,
                        };
                        if (status == HttpStatusCode.InternalServerError || !ok)
                            failures.Add($"{role} {method} {url} ({relationship}): {(int)status}, expected {expected}: {body[..Math.Min(body.Length, 300)]}");
                    }
                }
            }
        }
        Assert.True(calls > 700, $"only {calls} calls");
        Assert.True(failures.Count == 0, $"{failures.Count} of {calls} calls broke their rule:\n" + string.Join("\n", failures));
    }

    /// <summary>A person referred (by the hub, then re-attributed to a hospital) and booked to a provider's service, as named.</summary>
    private async Task<Subject> Person(string? hospital, string? provider)
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var nhs = Bodies.NewNhsNumber();
        var referral = await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge(nhs))).Expect(HttpStatusCode.Created);
        await using var db = app.Db();
        // Something sent with the referral (as a hospital's system sends a Condition), for the pages that show one.
        var document = new Homeward.Referrals.SentWith.SentDocument
        {
            ReferralId = Guid.Parse(referral.Str("id")), ResourceType = "Condition", Summary = "Condition: Fall", ReceivedAt = DateTimeOffset.UtcNow,
            Content = """{ "resourceType": "Condition", "subject": { "display": "matrix" } }""",
        };
        db.SentDocuments.Add(document);
        await db.SaveChangesAsync(Ct);
        var subject = new Subject(referral.GetProperty("person").Str("id"), referral.Str("id"), referral.GetProperty("episode").Str("id"), nhs, document.Id.ToString());
        if (hospital is not null)
        {
            var organisation = await db.Organisations.Where(o => o.OdsCode == hospital).Select(o => o.Id).SingleAsync(Ct);
            await db.Referrals.Where(r => r.Id == Guid.Parse(subject.ReferralId)).ExecuteUpdateAsync(u => u.SetProperty(r => r.SubmittedByOrganisationId, organisation), Ct);
        }
        if (provider is not null)
        {
            var service = new CareService
            {
                Name = $"Matrix {provider} {Guid.NewGuid():N}"[..30], Kind = ServiceKind.ReablementTeam, Pathway = Pathway.P1, DefaultDailyCapacity = 100,
                OrganisationId = await db.Organisations.Where(o => o.OdsCode == provider).Select(o => o.Id).SingleAsync(Ct),
            };
            db.CareServices.Add(service);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            db.Bookings.Add(new Booking
            {
                EpisodeId = Guid.Parse(subject.EpisodeId), PersonId = Guid.Parse(subject.PersonId), ServiceId = service.Id, Kind = BookingKind.VisitPattern,
                StartDate = today, EndDate = today.AddDays(13), VisitsPerDayAtStart = 2, VisitsPerDayAtEnd = 1, MinutesPerVisit = 30,
                CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "matrix",
            });
            await db.SaveChangesAsync(Ct);
        }
        return subject;
    }

    /// <summary>The route with the subject's ids where a parameter names their record, a real code where one is needed, and a fresh id elsewhere.</summary>
    private static string Url(RoutePattern route, Subject subject)
    {
        var raw = "/" + route.RawText!.TrimStart('/');
        var text = raw;
        foreach (var parameter in route.Parameters)
        {
            var value = parameter.Name switch
            {
                "id" when raw.StartsWith("/fhir", StringComparison.Ordinal) => subject.PersonId,
                "id" when raw.Contains("people", StringComparison.Ordinal) => subject.PersonId,
                "id" when raw.Contains("referrals", StringComparison.Ordinal) => subject.ReferralId,
                "id" when raw.StartsWith("/api/episodes/{id", StringComparison.Ordinal) || raw.StartsWith("/episodes/{id", StringComparison.Ordinal) => subject.EpisodeId,
                "nhsNumber" => subject.NhsNumber,
                "documentId" => subject.DocumentId,
                "type" => "Patient",
                "version" => "1", // the current version of a record just made
                "code" when raw.Contains("returns", StringComparison.Ordinal) => "sts001",
                "code" => Enum.GetNames<Homeward.Figures.FigureCode>()[0],
                _ => Guid.NewGuid().ToString(),
            };
            var start = text.IndexOf("{" + parameter.Name, StringComparison.Ordinal);
            if (start < 0)
                start = text.IndexOf("{*" + parameter.Name, StringComparison.Ordinal);
            if (start < 0)
                start = text.IndexOf("{**" + parameter.Name, StringComparison.Ordinal);
            var end = text.IndexOf('}', start);
            text = text[..start] + value + text[(end + 1)..];
        }
        return text.Replace("//", "/", StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, string Body)> Call(HttpClient client, string method, string url, bool fhir)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is not ("GET" or "HEAD" or "DELETE"))
        {
            request.Content = new StringContent(fhir ? """{"resourceType":"Patient","active":true}""" : "{}", Encoding.UTF8, fhir ? "application/fhir+json" : "application/json");
            request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        }
        using var response = await client.SendAsync(request, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }
}
