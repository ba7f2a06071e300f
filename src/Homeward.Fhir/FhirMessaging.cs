using System.Globalization;
using Hl7.Fhir.Model;
using Homeward.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Fhir;

/// <summary>
/// NHS England's Booking and Referral Standard (BaRS) referral messages through <c>$process-message</c>: a message
/// Bundle whose MessageHeader says <c>servicerequest-request</c> (message-events-bars), with reason <c>new</c> (a
/// referral: taken as a transaction of its resources would be, held for the hub when the patient differs) or
/// <c>update</c> (the referral named by its identifier amended, or withdrawn when the ServiceRequest is revoked, BaRS's
/// cancellation). The answer is a <c>servicerequest-response</c> message Bundle: a MessageHeader answering the request
/// Bundle's id with <c>ok</c> and pointing at Homeward's ServiceRequest, the ServiceRequest, and, for a referral taken,
/// a planned Encounter whose identifier is Homeward's reference for it (BaRS's "receiver's reference"), with what was not
/// used said in an OperationOutcome. Refusals are OperationOutcomes with their HTTP status, like every FHIR answer here.
/// </summary>
public sealed class FhirMessaging(IServiceProvider services)
{
    public const string Events = "https://fhir.nhs.uk/CodeSystem/message-events-bars";
    public const string Reasons = "https://fhir.nhs.uk/CodeSystem/message-reason-bars";

    public async Task<Bundle> Process(Resource posted, string baseUrl, Actor actor, CancellationToken ct)
    {
        if (posted is not Bundle { Type: Bundle.BundleType.Message } message)
            throw FhirException.Invalid(posted.TypeName, "Send a message Bundle (Bundle.type message) whose first entry is its MessageHeader.");
        if (message.Entry.FirstOrDefault()?.Resource is not MessageHeader header)
            throw FhirException.Invalid("Bundle.entry[0].resource", "A message's first entry is its MessageHeader.");
        var problems = new List<FhirProblem>();
        var @event = header.Event as Coding;
        if (@event is not { System: Events, Code: "servicerequest-request" })
            problems.Add(new FhirProblem("Bundle.entry[0].resource.event",
                $"Homeward takes the BaRS referral event ({Events}|servicerequest-request); this message is {@event?.System}|{@event?.Code}.", OperationOutcome.IssueType.NotSupported));
        var reason = header.Reason?.Coding.FirstOrDefault(c => c.System == Reasons)?.Code;
        if (reason is not ("new" or "update"))
            problems.Add(new FhirProblem("Bundle.entry[0].resource.reason", $"Say whether the message is new or an update ({Reasons}: new, update).", OperationOutcome.IssueType.Required));
        var focus = header.Focus.Select(f => f.Reference).FirstOrDefault();
        var focusIndex = message.Entry.FindIndex(e => e.Resource is ServiceRequest && (focus is null || e.FullUrl == focus || $"ServiceRequest/{e.Resource.Id}" == focus));
        if (focusIndex < 0)
            problems.Add(new FhirProblem("Bundle.entry[0].resource.focus", "The MessageHeader's focus names the ServiceRequest entry of the message.", OperationOutcome.IssueType.Required));
        if (problems.Count > 0)
            throw new FhirException(400, problems);

        var sr = (ServiceRequest)message.Entry[focusIndex].Resource!;
        var at = $"Bundle.entry[{focusIndex}].resource";
        ServiceRequest answer;
        OperationOutcome? outcome = null;
        Guid? episode = null;
        if (reason == "new")
        {
            // The message's resources as a transaction of creates: the same rules, the same keeping of everything sent.
            var transaction = new Bundle { Type = Bundle.BundleType.Transaction };
            foreach (var entry in message.Entry.Skip(1))
                transaction.Entry.Add(new Bundle.EntryComponent { FullUrl = entry.FullUrl, Resource = entry.Resource });
            var (response, _) = await services.GetRequiredService<FhirCreate>().Create(transaction, baseUrl, actor, ct,
                idempotencyKey: message.Id is { Length: > 0 } id ? $"bars/{id}" : null);
            var taken = ((Bundle)response).Entry.Single(e => e.Resource is ServiceRequest);
            answer = (ServiceRequest)taken.Resource!;
            outcome = taken.Response?.Outcome as OperationOutcome;
            if (answer.Status != RequestStatus.OnHold && Guid.TryParse(answer.Id, out var referral))
                episode = await services.GetRequiredService<Homeward.Data.HomewardDb>().Episodes.Where(e => e.ReferralId == referral)
                    .Select(e => (Guid?)e.Id).FirstOrDefaultAsync(ct);
        }
        else
            answer = (await services.GetRequiredService<FhirReferralChanges>().BySenderIdentifier(sr, at, actor, ct)).Result;
        return Response(message, header, answer, outcome, episode, baseUrl, services.GetRequiredService<TimeProvider>().GetUtcNow());
    }

    private static Bundle Response(Bundle request, MessageHeader header, ServiceRequest answer, OperationOutcome? outcome, Guid? episode, string baseUrl, DateTimeOffset now)
    {
        var reply = new MessageHeader
        {
            Id = Guid.NewGuid().ToString(),
            Event = new Coding(Events, "servicerequest-response", "Service Request - Response"),
            Source = new MessageHeader.MessageSourceComponent { Name = "Homeward", Endpoint = baseUrl },
            Destination = header.Source?.Endpoint is { } back ? [new MessageHeader.MessageDestinationComponent { Endpoint = back }] : [],
            Reason = header.Reason,
            Response = new MessageHeader.ResponseComponent
            {
                Identifier = request.Id ?? header.Id ?? "",
                Code = MessageHeader.ResponseType.Ok,
            },
            Focus = [new ResourceReference($"{baseUrl}/ServiceRequest/{answer.Id}")],
        };
        var bundle = new Bundle
        {
            Id = Guid.NewGuid().ToString(),
            Type = Bundle.BundleType.Message,
            Timestamp = now,
            Entry = [new Bundle.EntryComponent { FullUrl = $"urn:uuid:{reply.Id}", Resource = reply }],
        };
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"{baseUrl}/ServiceRequest/{answer.Id}", Resource = answer });
        if (episode is { } e)
            // BaRS's "receiver's reference": a planned Encounter whose identifier staff on both sides can quote.
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"urn:uuid:{e}",
                Resource = new Encounter
                {
                    Id = e.ToString(),
                    Meta = new Meta { Profile = [FhirSystems.UkCoreEncounter] },
                    Status = Encounter.EncounterStatus.Planned,
                    Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "HH", "home health"),
                    Identifier = [new Identifier(FhirSystems.ReferralId, answer.Id)],
                    Subject = answer.Subject,
                    BasedOn = [new ResourceReference($"ServiceRequest/{answer.Id}")],
                },
            });
        if (outcome is not null)
        {
            var id = Guid.NewGuid().ToString();
            outcome.Id = id;
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"urn:uuid:{id}", Resource = outcome });
            reply.Response.Details = new ResourceReference($"urn:uuid:{id}");
        }
        return bundle;
    }
}
