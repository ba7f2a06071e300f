using System.Net;
using System.Text;
using Hl7.Fhir.Model;
using Homeward.Access;
using Homeward.Episodes;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Task = System.Threading.Tasks.Task;

namespace Homeward.Tests.Fhir;

/// <summary>
/// Booking and Referral Standard (BaRS) referral messages through $process-message, written to the BaRS message
/// definitions (servicerequest-request, reason new or update; a revoked ServiceRequest cancels), and a sender's changes
/// by PUT: the referral is taken, amended and withdrawn; answers are BaRS response messages; refusals OperationOutcomes.
/// </summary>
public sealed class BarsMessagingTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> Process(HttpClient client, string body) =>
        client.PostAsync("/fhir/$process-message", new StringContent(body, Encoding.UTF8, "application/fhir+json"), Ct);

    private static T Read<T>(string json) where T : Resource => (T)Homeward.Fhir.FhirFormat.Read(json, Homeward.Fhir.FhirFormatKind.Json);

    /// <summary>A BaRS referral message from a hospital: MessageHeader, ServiceRequest (focus), Patient, the two Organizations.</summary>
    private static string Message(string nhs, string reference, string reason = "new", string status = "active", string reasonText = "Fall at home; medically optimised; needs reablement.",
        string bundleId = "") => $$"""
        {
          "resourceType": "Bundle", "id": "{{(bundleId.Length > 0 ? bundleId : Guid.NewGuid().ToString())}}", "type": "message",
          "meta": { "lastUpdated": "{{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss}}+00:00" },
          "entry": [
            { "fullUrl": "urn:uuid:9a1e0000-0000-4000-8000-000000000001",
              "resource": { "resourceType": "MessageHeader", "id": "9a1e0000-0000-4000-8000-000000000001",
                "eventCoding": { "system": "https://fhir.nhs.uk/CodeSystem/message-events-bars", "code": "servicerequest-request" },
                "destination": [ { "endpoint": "https://homeward.example/fhir", "receiver": { "reference": "urn:uuid:9a1e0000-0000-4000-8000-000000000005" } } ],
                "sender": { "reference": "urn:uuid:9a1e0000-0000-4000-8000-000000000004" },
                "source": { "endpoint": "https://vale-general.example/bars" },
                "reason": { "coding": [ { "system": "https://fhir.nhs.uk/CodeSystem/message-reason-bars", "code": "{{reason}}" } ] },
                "focus": [ { "reference": "urn:uuid:9a1e0000-0000-4000-8000-000000000002" } ],
                "definition": "https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-request-referral" } },
            { "fullUrl": "urn:uuid:9a1e0000-0000-4000-8000-000000000002",
              "resource": { "resourceType": "ServiceRequest", "id": "9a1e0000-0000-4000-8000-000000000002",
                "identifier": [ { "system": "https://fhir.vale-general.example/Id/referral", "value": "{{reference}}" } ],
                "status": "{{status}}", "intent": "order", "priority": "routine",
                "category": [ { "coding": [ { "system": "http://snomed.info/sct", "code": "3457005", "display": "Patient referral" } ] } ],
                "subject": { "reference": "urn:uuid:9a1e0000-0000-4000-8000-000000000003" },
                "authoredOn": "{{DateTimeOffset.UtcNow.AddHours(-1):yyyy-MM-ddTHH:mm:ss}}+00:00",
                "requester": { "display": "Sam Discharge (Elm ward)" },
                "reasonCode": [ { "text": "{{reasonText}}" } ],
                "note": [ { "text": "{{(status == "revoked" ? "Patient has gone to stay with family out of area." : "Daughter has a key.")}}" } ] } },
            { "fullUrl": "urn:uuid:9a1e0000-0000-4000-8000-000000000003",
              "resource": { "resourceType": "Patient", "id": "9a1e0000-0000-4000-8000-000000000003",
                "identifier": [ { "system": "https://fhir.nhs.uk/Id/nhs-number", "value": "{{nhs}}" } ],
                "name": [ { "use": "official", "family": "Testcombe", "given": ["Ivy"] } ], "gender": "female", "birthDate": "1936-06-01",
                "address": [ { "use": "home", "line": ["2 Brook Lane"], "city": "Northvale", "postalCode": "NV1 2AB" } ] } },
            { "fullUrl": "urn:uuid:9a1e0000-0000-4000-8000-000000000004",
              "resource": { "resourceType": "Organization", "id": "9a1e0000-0000-4000-8000-000000000004",
                "identifier": [ { "system": "https://fhir.nhs.uk/Id/ods-organization-code", "value": "ZVG" } ], "name": "Vale General Hospital NHS Trust" } },
            { "fullUrl": "urn:uuid:9a1e0000-0000-4000-8000-000000000005",
              "resource": { "resourceType": "Organization", "id": "9a1e0000-0000-4000-8000-000000000005", "name": "Wessex Vale intermediate care hub" } }
          ]
        }
        """;

    [Fact]
    public async Task A_BaRS_referral_is_taken_answered_with_a_response_message_amended_and_withdrawn()
    {
        var hospital = await app.ClientFor(Role.HospitalDischargeTeam);
        var nhs = Bodies.NewNhsNumber();
        var reference = $"VG-{Guid.NewGuid():N}"[..18];
        var requestId = Guid.NewGuid().ToString();

        var response = await Process(hospital, Message(nhs, reference, bundleId: requestId));
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var reply = Read<Bundle>(text);
        Assert.Equal(Bundle.BundleType.Message, reply.Type);
        var header = (MessageHeader)reply.Entry[0].Resource!;
        Assert.NotNull(header.Response);
        Assert.Equal("servicerequest-response", ((Coding)header.Event).Code);
        Assert.Equal((requestId, MessageHeader.ResponseType.Ok), (header.Response!.Identifier, header.Response!.Code));
        Assert.Equal("https://vale-general.example/bars", header.Destination.Single().Endpoint);
        var sr = reply.Entry.Select(e => e.Resource).OfType<ServiceRequest>().Single();
        Assert.Equal(RequestStatus.Active, sr.Status);
        Assert.EndsWith($"/ServiceRequest/{sr.Id}", header.Focus.Single().Reference, StringComparison.Ordinal);
        // The receiver's reference, as BaRS asks: a planned Encounter whose identifier is Homeward's referral id.
        var planned = reply.Entry.Select(e => e.Resource).OfType<Encounter>().Single();
        Assert.Equal((Encounter.EncounterStatus.Planned, sr.Id), (planned.Status, planned.Identifier.Single().Value));
        // What was not used is said, not dropped.
        var outcome = reply.Entry.Select(e => e.Resource).OfType<OperationOutcome>().Single();
        Assert.Contains(outcome.Issue, i => i.Diagnostics?.StartsWith("ServiceRequest.note", StringComparison.Ordinal) == true);
        Assert.Equal($"urn:uuid:{outcome.Id}", header.Response!.Details!.Reference);

        var id = Guid.Parse(sr.Id!);
        await using (var db = app.Db())
        {
            var referral = await db.Referrals.SingleAsync(r => r.Id == id, Ct);
            Assert.Equal($"https://fhir.vale-general.example/Id/referral|{reference}", referral.SenderReference);
            // The header is the envelope, not something sent about the patient; the organisations are kept with the referral.
            Assert.False(await db.SentDocuments.AnyAsync(d => d.ReferralId == id && d.ResourceType == "MessageHeader", Ct));
            Assert.Equal(2, await db.SentDocuments.CountAsync(d => d.ReferralId == id && d.ResourceType == "Organization", Ct));
        }

        // The same message again (a retry): the same referral, not a second.
        var again = Read<Bundle>(await (await Process(hospital, Message(nhs, reference, bundleId: requestId))).Content.ReadAsStringAsync(Ct));
        Assert.Equal(sr.Id, again.Entry.Select(e => e.Resource).OfType<ServiceRequest>().Single().Id);

        // An update: the reason changes, found by the sender's own identifier.
        var amended = await Process(hospital, Message(nhs, reference, "update", reasonText: "Fall at home; now also needs help with medicines."));
        text = await amended.Content.ReadAsStringAsync(Ct);
        Assert.True(amended.StatusCode == HttpStatusCode.OK, text);
        await using (var db = app.Db())
            Assert.Equal("Fall at home; now also needs help with medicines.", (await db.Referrals.SingleAsync(r => r.Id == id, Ct)).Reason);

        // A cancellation: the ServiceRequest revoked; the episode is cancelled with the sender's note.
        var cancelled = Read<Bundle>(await (await Process(hospital, Message(nhs, reference, "update", status: "revoked"))).Content.ReadAsStringAsync(Ct));
        Assert.Equal(RequestStatus.Revoked, cancelled.Entry.Select(e => e.Resource).OfType<ServiceRequest>().Single().Status);
        await using (var db = app.Db())
        {
            var episode = await db.Episodes.SingleAsync(e => e.ReferralId == id, Ct);
            Assert.Equal(EpisodeStatus.Cancelled, episode.Status);
            Assert.Equal("Withdrawn by the referrer: Patient has gone to stay with family out of area.", episode.CancelReason);
        }
    }

    [Fact]
    public async Task What_is_not_a_BaRS_referral_message_is_refused_with_every_problem_and_an_unknown_update_is_not_found()
    {
        var hospital = await app.ClientFor(Role.HospitalDischargeTeam);
        var wrong = Message(Bodies.NewNhsNumber(), "VG-x").Replace("servicerequest-request", "booking-request", StringComparison.Ordinal)
            .Replace("\"code\": \"new\"", "\"code\": \"maybe\"", StringComparison.Ordinal);
        var refused = Read<OperationOutcome>(await (await Process(hospital, wrong)).Content.ReadAsStringAsync(Ct));
        Assert.Equal(["Bundle.entry[0].resource.event", "Bundle.entry[0].resource.reason"], refused.Issue.SelectMany(i => i.Expression).Order());

        var transaction = await Process(hospital, """{ "resourceType": "Bundle", "type": "transaction", "entry": [] }""");
        Assert.Equal(HttpStatusCode.BadRequest, transaction.StatusCode);
        Assert.Equal("OperationOutcome", Read<Resource>(await transaction.Content.ReadAsStringAsync(Ct)).TypeName);

        var unknown = await Process(hospital, Message(Bodies.NewNhsNumber(), $"VG-{Guid.NewGuid():N}", "update"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Bundle.entry[1].resource.identifier", Read<OperationOutcome>(await unknown.Content.ReadAsStringAsync(Ct)).Issue.Single().Expression);

        // A provider may not refer: 403 as an OperationOutcome.
        var provider = await app.ClientFor(Role.CareProvider);
        var forbidden = await Process(provider, Message(Bodies.NewNhsNumber(), "VG-y"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("OperationOutcome", Read<Resource>(await forbidden.Content.ReadAsStringAsync(Ct)).TypeName);
    }

    [Fact]
    public async Task The_sender_amends_and_withdraws_by_PUT_until_care_starts_and_refusals_stay_FHIR()
    {
        var hospital = await app.ClientFor(Role.HospitalDischargeTeam);
        var hub = await app.ClientFor(Role.HubCoordinator);
        var nhs = Bodies.NewNhsNumber();
        var reply = Read<Bundle>(await (await Process(hospital, Message(nhs, $"VG-{Guid.NewGuid():N}"[..18]))).Content.ReadAsStringAsync(Ct));
        var sr = reply.Entry.Select(e => e.Resource).OfType<ServiceRequest>().Single();

        Task<HttpResponseMessage> Put(HttpClient client, ServiceRequest body, string? ifMatch = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, $"/fhir/ServiceRequest/{sr.Id}")
            {
                Content = new StringContent(Homeward.Fhir.FhirFormat.Write(body, Homeward.Fhir.FhirFormatKind.Json), Encoding.UTF8, "application/fhir+json"),
            };
            if (ifMatch is not null)
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            return client.SendAsync(request, Ct);
        }

        // Amended by its sender without a version; by the hub only with one (else 428, as an OperationOutcome).
        var change = (ServiceRequest)sr.DeepCopy();
        change.Priority = RequestPriority.Urgent;
        var put = await Put(hospital, change);
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync(Ct));
        Assert.Equal(RequestPriority.Urgent, Read<ServiceRequest>(await put.Content.ReadAsStringAsync(Ct)).Priority);
        var unversioned = await Put(hub, change);
        Assert.Equal(HttpStatusCode.PreconditionRequired, unversioned.StatusCode);
        Assert.Equal("OperationOutcome", Read<Resource>(await unversioned.Content.ReadAsStringAsync(Ct)).TypeName);

        // An unknown status is refused at its place.
        change.Status = RequestStatus.Completed;
        var bad = Read<OperationOutcome>(await (await Put(hospital, change)).Content.ReadAsStringAsync(Ct));
        Assert.Contains("ServiceRequest.status", bad.Issue.Single().Expression);

        // Once care has started the referral cannot be withdrawn (409, as an OperationOutcome).
        var referralId = Guid.Parse(sr.Id!);
        await using (var db = app.Db())
            await db.Episodes.Where(e => e.ReferralId == referralId).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EpisodeStatus.Active), Ct);
        change.Status = RequestStatus.Revoked;
        var late = await Put(hospital, change);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("Care has already started", Read<OperationOutcome>(await late.Content.ReadAsStringAsync(Ct)).Issue.Single().Diagnostics, StringComparison.Ordinal);
    }
}
