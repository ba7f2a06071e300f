using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Homeward.Access;
using Homeward.Capacity;
using Homeward.Tests.Support;
using Homeward.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Tests.Fhir;

/// <summary>The care record, the ending, the 91-day follow-up, capacity and a Patient update through FHIR.</summary>
public sealed class FhirCareTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> Get(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static IEnumerable<JsonElement> Resources(JsonElement bundle) =>
        bundle.TryGetProperty("entry", out var entries) ? entries.EnumerateArray().Select(e => e.GetProperty("resource")) : [];

    [Fact]
    public async Task The_rapid_response_record_reads_as_a_UK_Core_Observation_with_its_presenting_problem()
    {
        var ucr = await app.ClientFor(Role.RapidResponseClinician);
        var nhs = Bodies.NewNhsNumber();
        var referral = await (await ucr.PostJson("/api/referrals", Bodies.UrgentCommunityResponse(nhs))).Expect(HttpStatusCode.Created);
        var id = referral.GetProperty("episode").Str("id");
        var url = $"/api/episodes/{id}";
        await (await ucr.PostJson($"{url}/triage", new { service = "UrgentCommunityResponse" }, "\"1\"")).Expect(HttpStatusCode.OK);
        await (await ucr.PostJson($"{url}/accept", new { }, "\"2\"")).Expect(HttpStatusCode.OK);
        await (await ucr.PostJson($"{url}/start", new { at = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:00Z") }, "\"3\"")).Expect(HttpStatusCode.OK);
        await (await ucr.PutJson($"{url}/urgent-assessment", new
        {
            presentingProblem = "Falls", presenting = "Fell in the garden, could not get up", clinicalNotes = "No head injury; helped up.",
        })).Expect(HttpStatusCode.OK);

        var observation = await Get(ucr, $"/fhir/Observation/ucr-{id}");
        var value = observation.GetProperty("valueCodeableConcept");
        Assert.Equal(("Falls", "Falls"), (value.GetProperty("coding")[0].Str("code"), value.GetProperty("coding")[0].Str("display")));
        Assert.Equal("Fell in the garden, could not get up", value.Str("text"));
        Assert.Equal($"EpisodeOfCare/{id}", observation.GetProperty("focus")[0].Str("reference"));
        Assert.Contains(Resources(await Get(ucr, $"/fhir/Observation?patient.identifier={nhs}")), o => o.Str("id") == $"ucr-{id}");
        var parsed = (Observation)Homeward.Fhir.FhirFormat.Read(observation.GetRawText(), Homeward.Fhir.FhirFormatKind.Json);
        Assert.Empty(UkCore.Errors(parsed, "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Observation"));
        // An episode without the record has no such Observation, and says so as any missing one does.
        await (await ucr.GetAsync($"/fhir/Observation/ucr-{Guid.NewGuid()}", Ct)).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_whole_reablement_episode_reads_as_FHIR()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var nhs = Bodies.NewNhsNumber();
        var referral = await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge(nhs))).Expect(HttpStatusCode.Created);
        var id = referral.GetProperty("episode").Str("id");
        var url = $"/api/episodes/{id}";
        await (await hub.PostJson($"{url}/triage", new { service = "Reablement", pathway = "P1" }, "\"1\"")).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"{url}/accept", new { }, "\"2\"")).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"{url}/start", new { }, "\"3\"")).Expect(HttpStatusCode.OK);
        await CareRecords.Complete(hub, id, visitsAtStart: 2);
        var visit = (await CareRecords.Read(hub, id)).GetProperty("visits")[0].Str("id");
        await (await hub.PostJson($"/api/visits/{visit}/record", new { outcome = "Missed", missedReason = "PersonDeclined" })).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"{url}/end", new { sequel = "NoIdentifiedNeeds", destination = "UsualResidence" }, "\"4\"")).Expect(HttpStatusCode.OK);

        var plan = await Get(hub, $"/fhir/CarePlan/{id}");
        Assert.Equal("completed", plan.Str("status"));
        Assert.Contains("Help with washing and dressing", plan.Str("description"), StringComparison.Ordinal);

        var goals = Resources(await Get(hub, $"/fhir/Goal?patient.identifier={nhs}")).ToList();
        var goal = Assert.Single(goals);
        Assert.Equal("To make my own breakfast", goal.GetProperty("description").Str("text"));
        Assert.Equal("achieved", goal.GetProperty("achievementStatus").GetProperty("coding")[0].Str("code"));
        Assert.Equal(goal.Str("id"), (await Get(hub, $"/fhir/Goal/{goal.Str("id")}")).Str("id"));
        // Goal Attainment Scaling: the target is the expected outcome (0), and each level in the person's words is a note.
        var target = goal.GetProperty("target")[0];
        Assert.Equal(("score", 0), (target.GetProperty("measure").GetProperty("coding")[0].Str("code"), target.GetProperty("detailInteger").GetInt32()));
        Assert.Equal(["−2: Breakfast made for me (much less than expected)", "−1: Makes a cup of tea with someone there (less than expected)",
            "0: Makes tea and toast on my own every morning (the expected outcome)", "+1: Makes a cooked breakfast on my own (more than expected)",
            "+2: Makes breakfast and a light lunch on my own (much more than expected)"],
            goal.GetProperty("note").EnumerateArray().Select(n => n.Str("text")));
        // Someone who may not see the record (a provider the person is not booked to) hears exactly what a missing Goal gets:
        // nothing about the episode it belongs to, or that it exists.
        var provider = await app.ClientFor(Role.CareProvider);
        var missingId = Guid.NewGuid().ToString();
        foreach (var (type, hidden) in new[] { ("Goal", goal.Str("id")!), ("CarePlan", id!), ("EpisodeOfCare", id!) })
        {
            var refused = await provider.GetAsync($"/fhir/{type}/{hidden}", Ct);
            var missing = await provider.GetAsync($"/fhir/{type}/{missingId}", Ct);
            Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (refused.StatusCode, missing.StatusCode));
            Assert.Equal((await missing.Content.ReadAsStringAsync(Ct)).Replace(missingId, "ID", StringComparison.Ordinal),
                (await refused.Content.ReadAsStringAsync(Ct)).Replace(hidden, "ID", StringComparison.Ordinal));
        }

        var observations = Resources(await Get(hub, $"/fhir/Observation?patient.identifier={nhs}")).ToList();
        var barthel = observations.Where(o => o.GetProperty("code").GetProperty("coding")[0].Str("code") == "barthel").ToList();
        Assert.Equal(2, barthel.Count);
        Assert.Equal(10, barthel[0].GetProperty("component").GetArrayLength());
        Assert.Equal(10m, barthel[0].GetProperty("valueQuantity").GetProperty("value").GetDecimal());
        Assert.Equal(2, observations.Count(o => o.GetProperty("code").GetProperty("coding")[0].Str("code") == "score"));   // the goal's start and end
        Assert.All(observations.Where(o => o.GetProperty("code").GetProperty("coding")[0].Str("code") == "score"),
            o => Assert.Matches(@"^At the (start|end): [−+]?\d: ", o.GetProperty("note")[0].Str("text")));
        Assert.Equal(barthel[0].Str("id"), (await Get(hub, $"/fhir/Observation/{barthel[0].Str("id")}")).Str("id"));

        var encounter = await Get(hub, $"/fhir/Encounter/{id}");
        Assert.Equal("finished", encounter.Str("status"));
        // Where the person went: the national discharge destination (UK Core) and Homeward's finer code beside it.
        var went = encounter.GetProperty("hospitalization").GetProperty("dischargeDisposition").GetProperty("coding");
        Assert.Equal(("https://fhir.hl7.org.uk/CodeSystem/UKCore-DischargeDestinationEngland", "19"), (went[0].Str("system"), went[0].Str("code")));
        Assert.Equal("UsualResidence", went[1].Str("code"));

        // Discharged from hospital into reablement at 65+: the 91-day follow-up, open.
        var tasks = Resources(await Get(hub, $"/fhir/Task?patient.identifier={nhs}&status=requested")).ToList();
        var task = Assert.Single(tasks);
        Assert.Equal($"EpisodeOfCare/{id}", task.GetProperty("focus").Str("reference"));
        Assert.Equal(task.Str("id"), (await Get(hub, $"/fhir/Task/{task.Str("id")}")).Str("id"));
        Assert.Empty(Resources(await Get(hub, $"/fhir/Task?patient.identifier={nhs}&status=completed")));

        // The export holds all of it.
        var kinds = new[] { "Patient", "ServiceRequest", "EpisodeOfCare", "Encounter", "CarePlan", "Goal", "Observation", "Task" };
        await using var scope = app.Services.CreateAsyncScope();
        var api = scope.ServiceProvider.GetRequiredService<Homeward.Fhir.FhirExport>();
        var actor = new Actor("system", "test", Role.Manager, Guid.Empty, "test");
        var export = await api.Export(nhs, "urn:test", actor, Ct);
        Assert.Equal(kinds.Order(), export.Entry.Select(e => e.Resource!.TypeName).Distinct().Order());

        // Each resource UK Core profiles declares its profile and conforms to it (Goal has none: base R4).
        var problems = new List<string>();
        foreach (var resource in export.Entry.Select(e => e.Resource!).Where(r => r.TypeName != "Goal"))
        {
            var profile = $"https://fhir.hl7.org.uk/StructureDefinition/UKCore-{resource.TypeName}";
            if (resource.Meta?.Profile.Contains(profile) != true)
                problems.Add($"{resource.TypeName}/{resource.Id} does not declare {profile}");
            problems.AddRange(UkCore.Errors(resource, profile).Select(e => $"{resource.TypeName}/{resource.Id}: {e}"));
        }
        // Every literal reference resolves within the export (nothing points at what is not in it).
        var held = export.Entry.Select(e => $"{e.Resource!.TypeName}/{e.Resource.Id}").ToHashSet();
        static IEnumerable<ResourceReference> References(Base node) =>
            (node is ResourceReference r ? [r] : Enumerable.Empty<ResourceReference>()).Concat(node.EnumerateElements().SelectMany(e => e.Value switch
            {
                Base one => References(one),
                IEnumerable<Base> many => many.SelectMany(References),
                _ => [],
            }));
        foreach (var entry in export.Entry)
            foreach (var reference in References(entry.Resource!).Select(r => r.Reference).OfType<string>())
                if (!held.Contains(reference))
                    problems.Add($"{entry.Resource!.TypeName}/{entry.Resource.Id} points at {reference}, which is not in the export");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // No staff sign-in names: staff are named as people see them, not by their account.
        Assert.DoesNotContain("@demo.homeward", Homeward.Fhir.FhirFormat.Write(export, Homeward.Fhir.FhirFormatKind.Json));
    }

    [Fact]
    public async Task Capacity_reads_as_services_schedules_and_slots()
    {
        await using (var db = app.Db())
        {
            db.CareServices.Add(new CareService
            {
                Name = "FHIR test beds", Kind = ServiceKind.CommunityBedUnit, Pathway = Pathway.P2, DefaultDailyCapacity = 7,
                OrganisationId = await db.Organisations.Select(o => o.Id).FirstAsync(Ct),
            });
            await db.SaveChangesAsync(Ct);
        }
        var hub = await app.ClientFor(Role.HubCoordinator);
        var service = Resources(await Get(hub, "/fhir/HealthcareService")).Single(s => s.Str("name") == "FHIR test beds");
        var id = service.Str("id");
        Assert.Equal(id, (await Get(hub, $"/fhir/Schedule/{id}")).Str("id"));
        var slots = Resources(await Get(hub, $"/fhir/Slot?schedule=Schedule/{id}&status=free")).ToList();
        Assert.Equal(14, slots.Count);
        Assert.Contains("7 of 7 beds free", slots[0].Str("comment"), StringComparison.Ordinal);
        Assert.Equal(slots[3].Str("id"), (await Get(hub, $"/fhir/Slot/{slots[3].Str("id")}")).Str("id"));
        var first = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd");
        Assert.Equal(3, Resources(await Get(hub, $"/fhir/Slot?schedule=Schedule/{id}&start=ge{first}&start=le{DateTime.UtcNow.AddDays(4):yyyy-MM-dd}")).Count());

        // Each declares and conforms to its UK Core profile.
        foreach (var (path, type) in new[] { ($"HealthcareService/{id}", "HealthcareService"), ($"Schedule/{id}", "Schedule"), ($"Slot/{slots[3].Str("id")}", "Slot") })
        {
            var resource = Homeward.Fhir.FhirFormat.Read((await Get(hub, $"/fhir/{path}")).GetRawText(), Homeward.Fhir.FhirFormatKind.Json);
            var profile = $"https://fhir.hl7.org.uk/StructureDefinition/UKCore-{type}";
            Assert.Contains(profile, resource.Meta!.Profile);
            Assert.Empty(UkCore.Errors(resource, profile));
        }
    }

    [Fact]
    public async Task A_patient_is_changed_with_If_Match_and_a_stale_version_is_refused()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var nhs = Bodies.NewNhsNumber();
        await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge(nhs))).Expect(HttpStatusCode.Created);
        var patient = Resources(await Get(hub, $"/fhir/Patient?identifier={nhs}")).Single();
        var id = patient.Str("id");
        var moved = patient.GetRawText().Replace("1 Mill Lane", "7 Brook Row", StringComparison.Ordinal);

        async Task<HttpResponseMessage> Put(string body, string? ifMatch)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, $"/fhir/Patient/{id}") { Content = new StringContent(body, Encoding.UTF8, "application/fhir+json") };
            if (ifMatch is not null)
                request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
            return await hub.SendAsync(request, Ct);
        }

        Assert.Equal((HttpStatusCode)428, (await Put(moved, null)).StatusCode);
        var changed = await Put(moved, "W/\"1\"");
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("W/\"2\"", changed.Headers.ETag?.ToString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Put(moved, "W/\"1\"")).StatusCode);
        var person = await (await hub.GetAsync($"/api/people/{id}", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal("7 Brook Row", person.Str("addressLine1"));
        Assert.Equal("Given", person.Str("consent"));   // not carried by FHIR: kept

        var wrongNhs = patient.GetRawText().Replace(nhs, "9990000010", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Put(wrongNhs, "W/\"2\"")).StatusCode);
        var episode = new HttpRequestMessage(HttpMethod.Put, $"/fhir/EpisodeOfCare/{id}") { Content = new StringContent("{}", Encoding.UTF8, "application/fhir+json") };
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await hub.SendAsync(episode, Ct)).StatusCode);
    }
}
