using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.People;
using Homeward.Matching;
using Homeward.Referrals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Task = System.Threading.Tasks.Task;

namespace Homeward.Fhir;

/// <summary>
/// Referrals in by FHIR: a transaction Bundle (a UK Core Patient, ServiceRequests and whatever supporting resources the
/// sender adds, kept as sent) or one ServiceRequest for a known Patient; all or nothing, one transaction-response entry
/// per request entry; a resend under the sender's identifier answers with the first.
/// </summary>
public sealed class FhirCreate(IServiceProvider services, HomewardDb db)
{
    private GetPerson People => services.GetRequiredService<GetPerson>();
    private GetReferral Referrals => services.GetRequiredService<GetReferral>();

    /// <summary>
    /// Creates referrals: a transaction Bundle of Patients and ServiceRequests (each request's subject a Patient entry
    /// or a known Patient), or one ServiceRequest for a known Patient. All or nothing: one bad entry and nothing is kept.
    /// </summary>
    /// <param name="idempotencyKey">
    /// When given, each referral is submitted under this key (a Bundle's with its entry number), so that sending the
    /// same content again (an import rerun after a crash) replays what was stored instead of storing it twice.
    /// </param>
    public async Task<(Resource Response, string? Location)> Create(Resource posted, string baseUrl, Actor actor, CancellationToken ct,
        string? idempotencyKey = null) =>
        posted switch
        {
            Bundle { Type: Bundle.BundleType.Transaction } bundle => (await Transaction(bundle, baseUrl, actor, ct, idempotencyKey), null),
            Bundle { Type: Bundle.BundleType.Document } document => await services.GetRequiredService<FhirDocuments>().Receive(document, actor, ct),
            Bundle b => throw FhirException.Invalid("Bundle.type",
                $"Send a transaction Bundle (a referral) or a document Bundle (a discharge summary); this one is {(b.Type is { } t ? $"a {Hl7.Fhir.Utility.EnumUtility.GetLiteral(t)}" : "without a type")}."),
            ServiceRequest sr => await CreateOne(sr, actor, ct, idempotencyKey),
            _ => throw new FhirException(400, [new FhirProblem(posted.TypeName,
                $"A {posted.TypeName} cannot be created here: post a transaction Bundle (Patient + ServiceRequest) or a ServiceRequest.", OperationOutcome.IssueType.NotSupported)]),
        };

    private async Task<(Resource, string?)> CreateOne(ServiceRequest sr, Actor actor, CancellationToken ct, string? idempotencyKey)
    {
        var problems = new List<FhirProblem>();
        var request = WorkOutRoute(ReferralMap.FromFhir(sr, "ServiceRequest", problems), []);
        var person = await KnownPatient(sr.Subject?.Reference, "ServiceRequest.subject", actor, problems, ct);
        if (problems.Count > 0)
            throw new FhirException(problems.Any(p => p.Type == OperationOutcome.IssueType.NotFound) ? 422 : 400, problems);
        if (await AlreadyReceived(request.SenderReference, actor, ct) is { } first)
            return (first.Resource, first.Location);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var outcome = await Submit(request with { Person = person, PersonId = FhirCommon.PatientId(sr.Subject?.Reference) }, "ServiceRequest", "", actor, ct, idempotencyKey);
        var (resource, location, _) = await Keep(outcome, [(sr, null)], ct);
        await transaction.CommitAsync(ct);
        return (resource, location);
    }

    /// <summary>
    /// A referral that came without Homeward's route code: the route worked out from what was sent with it (an inpatient
    /// Encounter: hospital discharge, with its hospital, ward and admission date; an emergency one: A&amp;E; else a
    /// community referral), and what the hub should check, said on the referral.
    /// </summary>
    public static SubmitReferral.Request WorkOutRoute(SubmitReferral.Request request, IReadOnlyList<Resource> sentWith)
    {
        if (request.Route is not null)
            return request;
        var encounter = sentWith.OfType<Encounter>().FirstOrDefault();
        var kind = encounter?.Class?.Code;
        if (kind is "IMP" or "ACUTE" or "NONAC" || request.Hospital is not null || request.DischargeReadyDate is not null)
            return request with
            {
                Route = nameof(Route.HospitalDischarge),
                Source = request.Source ?? nameof(ReferralSource.Ward),
                Hospital = request.Hospital ?? encounter?.ServiceProvider?.Display,
                Ward = request.Ward ?? encounter?.Location.Select(l => l.Location?.Display).FirstOrDefault(d => d is not null),
                AdmittedOn = request.AdmittedOn ?? (encounter?.Period?.Start is { Length: >= 10 } start ? start[..10] : null),
                ReadyDateToFollow = request.DischargeReadyDate is null,
                ToCheck = "The sender gave no route: taken as a hospital discharge from the inpatient stay sent with it."
                          + (request.DischargeReadyDate is null ? " No discharge ready date was sent: ask the ward for it." : ""),
            };
        if (kind is "EMER")
            return request with
            {
                Route = nameof(Route.EmergencyDepartment), Source = request.Source ?? nameof(ReferralSource.EmergencyDepartment),
                ToCheck = "The sender gave no route: taken as A&E from the emergency attendance sent with it.",
            };
        return request with
        {
            Route = nameof(Route.Community), Source = request.Source ?? nameof(ReferralSource.Other),
            ToCheck = "The sender gave no route and nothing sent with it says one: taken as a community referral.",
        };
    }

    /// <summary>
    /// The referral a sending system already sent under the same reference (a resend returns the first), or the one held
    /// for a matching decision under it; one the hub sent back as not the person held may be sent again, corrected.
    /// </summary>
    private async Task<(ServiceRequest Resource, string Location)?> AlreadyReceived(string? senderReference, Actor actor, CancellationToken ct)
    {
        if (senderReference is null)
            return null;
        // The sender's own reference names the sender's own referral: another organisation's is none of its business.
        if (await db.Referrals.Where(r => r.SenderReference == senderReference && r.SubmittedByOrganisationId == actor.OrganisationId)
                .Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct) is { } found)
        {
            var first = await Referrals.Handle(found, actor, ct);
            return (ReferralMap.ToFhir(first), $"ServiceRequest/{first.Id}/_history/{first.Version}");
        }
        if (await db.HeldReferrals.Where(h => h.SenderReference == senderReference && h.Status == MatchStatus.Waiting && h.SenderOrganisationId == actor.OrganisationId)
                .Select(h => (Guid?)h.Id)
                .FirstOrDefaultAsync(ct) is { } held)
            return (await services.GetRequiredService<FhirReads>().HeldRequest(held, actor, ct), $"ServiceRequest/{held}");
        return null;
    }

    private static readonly IReadOnlySet<string> HomewardExtensions = typeof(FhirSystems).GetFields()
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Keeps what was sent with a referral exactly as received, each with a line in words, in the referral's unit of work
    /// (or with the held referral, to be attached when the hub decides); returns the ServiceRequest to answer with.
    /// </summary>
    private async Task<(ServiceRequest Resource, string Location, IReadOnlyList<Guid> Kept)> Keep(SubmitReferral.Outcome outcome,
        IReadOnlyList<(Resource Resource, string? SenderId)> sent, CancellationToken ct)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var items = sent.Select(x => new SentItem(x.Resource.TypeName, x.SenderId ?? x.Resource.Id, SentResources.Summary(x.Resource), x.Resource.ToJson())).ToList();
        if (outcome.Held is { } held)
        {
            if (!outcome.Replayed)
                (await db.HeldReferrals.SingleAsync(h => h.Id == held.Id, ct)).Keep(items);
            await db.SaveChangesAsync(ct);
            return (ReferralMap.Held(held, sent.Select(x => x.Resource).OfType<ServiceRequest>().FirstOrDefault()), $"ServiceRequest/{held.Id}", []);
        }
        var referral = outcome.Referral!;
        var kept = outcome.Replayed ? []
            : Homeward.Referrals.SentWith.SentWithReferral.Attach(db, referral.Id, items.Select(x => (x.Type, x.SenderId, x.Summary, x.Content)), now);
        await db.SaveChangesAsync(ct);
        return (ReferralMap.ToFhir(referral), $"ServiceRequest/{referral.Id}/_history/{referral.Version}", kept);
    }

    /// <summary>What the sender should know about one referral: what was kept but not used, what to check, what was kept with it.</summary>
    private static OperationOutcome Outcome(SubmitReferral.Request request, Resource? patient, ServiceRequest sr, int keptWith,
        IEnumerable<OperationOutcome.IssueComponent> conformance)
    {
        var outcome = new OperationOutcome { Issue = [.. conformance] };
        foreach (var unused in (patient is null ? [] : SentResources.Unused(patient, HomewardExtensions)).Concat(SentResources.Unused(sr, HomewardExtensions)))
            outcome.Issue.Add(new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Warning, Code = OperationOutcome.IssueType.Informational,
                Diagnostics = $"{unused}: kept exactly as received and readable with the referral, but not used by Homeward.",
                Expression = [unused.Split(' ')[0]],
            });
        if (request.ToCheck is { } check)
            outcome.Issue.Add(new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Warning, Code = OperationOutcome.IssueType.Incomplete, Diagnostics = check, Expression = ["ServiceRequest.category"],
            });
        outcome.Issue.Add(new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Information, Code = OperationOutcome.IssueType.Informational,
            Diagnostics = $"Received. {keptWith} other resources sent with it are kept with the referral and shown to staff.",
        });
        return outcome;
    }

    private async Task<PersonInput?> KnownPatient(string? reference, string at, Actor actor, List<FhirProblem> problems, CancellationToken ct)
    {
        if (FhirCommon.PatientId(reference) is not { } id)
        {
            problems.Add(new FhirProblem(at, "The subject must reference a Patient: Patient/{id} of a patient Homeward holds, or a Patient entry of the Bundle.", OperationOutcome.IssueType.Required));
            return null;
        }
        try
        {
            var p = await People.Handle(id, actor, ct);
            return new PersonInput
            {
                NhsNumber = p.NhsNumber, NhsNumberVerification = p.NhsNumber is null ? p.NhsNumberVerification ?? "03" : null, GivenName = p.GivenName, FamilyName = p.FamilyName, DateOfBirth = p.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Gender = p.Gender.ToString(), AddressLine1 = p.AddressLine1, AddressLine2 = p.AddressLine2, Town = p.Town, Postcode = p.Postcode,
                GpPracticeCode = p.GpPracticeCode, UsualResidence = p.UsualResidence.ToString(),
            };
        }
        catch (NotFoundException)
        {
            problems.Add(new FhirProblem(at, $"{reference} is not a patient Homeward holds.", OperationOutcome.IssueType.NotFound));
            return null;
        }
    }

    private async Task<Bundle> Transaction(Bundle bundle, string baseUrl, Actor actor, CancellationToken ct, string? idempotencyKey)
    {
        var problems = new List<FhirProblem>();
        var patients = new Dictionary<string, (PersonInput Input, string At, Patient Resource, int Index)>(StringComparer.Ordinal);
        var requests = new List<(SubmitReferral.Request Request, string PatientKey, string At, ServiceRequest Resource, int Index)>();
        var sentWith = new List<(Resource Resource, string? SenderId)>();
        var sentAt = new List<int>();
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            var entry = bundle.Entry[i];
            var at = $"Bundle.entry[{i}]";
            if (entry.Request is { Method: not Bundle.HTTPVerb.POST })
                problems.Add(new FhirProblem($"{at}.request.method", "Only POST (create) is supported in a transaction.", OperationOutcome.IssueType.NotSupported));
            switch (entry.Resource)
            {
                case Patient patient:
                    var key = entry.FullUrl ?? $"#{i}";
                    patients[key] = (PatientMap.FromFhir(patient, $"{at}.resource", problems), $"{at}.resource", patient, i);
                    break;
                case ServiceRequest sr:
                    requests.Add((ReferralMap.FromFhir(sr, $"{at}.resource", problems), sr.Subject?.Reference ?? "", $"{at}.resource", sr, i));
                    break;
                case null:
                    problems.Add(new FhirProblem($"{at}.resource", "Each entry carries a resource.", OperationOutcome.IssueType.Required));
                    break;
                case Bundle:
                    problems.Add(new FhirProblem($"{at}.resource", "A Bundle inside a transaction is not taken: send its resources as entries.", OperationOutcome.IssueType.NotSupported));
                    break;
                default:
                    // Supporting information (Practitioner, Encounter, Condition, Observation, a discharge summary…): kept with
                    // the referral exactly as received, and shown to staff in words.
                    sentWith.Add((entry.Resource, entry.FullUrl ?? entry.Resource.Id));
                    sentAt.Add(i);
                    break;
            }
        }
        var supporting = sentWith.Select(s => s.Resource).ToList();
        for (var r = 0; r < requests.Count; r++)
            requests[r] = requests[r] with { Request = WorkOutRoute(requests[r].Request, supporting) };
        if (requests.Count == 0)
            problems.Add(new FhirProblem("Bundle.entry", "The Bundle has no ServiceRequest: nothing to refer.", OperationOutcome.IssueType.Required));
        var resolved = new List<(SubmitReferral.Request Request, string PatientAt, string At, Patient? Patient, ServiceRequest Sent, int Index, int PatientIndex)>();
        foreach (var (request, key, at, sent, index) in requests)
        {
            if (patients.TryGetValue(key, out var patient))
                resolved.Add((request with { Person = patient.Input }, patient.At, at, patient.Resource, sent, index, patient.Index));
            else if (await KnownPatient(key, $"{at}.subject", actor, problems, ct) is { } known)
                resolved.Add((request with { Person = known, PersonId = FhirCommon.PatientId(key) }, "", at, null, sent, index, -1));
        }
        if (problems.Count > 0)
            throw new FhirException(problems.Any(p => p.Type == OperationOutcome.IssueType.NotFound) ? 422 : 400, problems);
        // Checked against UK Core before anything is kept: said back as warnings, or refused whole when the partnership asks.
        var validator = services.GetRequiredService<UkCoreValidator>();
        var conformance = resolved.Select(r => Conformance.Check(validator,
            [.. (r.Patient is null ? [] : new[] { ((Resource)r.Patient, $"Bundle.entry[{r.PatientIndex}].resource") }), (r.Sent, $"Bundle.entry[{r.Index}].resource")])).ToList();

        // One database transaction for every referral: one refused and none is kept. One response entry per request
        // entry, in the same order (FHIR's rule for a transaction-response).
        var answers = new Bundle.EntryComponent?[bundle.Entry.Count];
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        for (var n = 0; n < resolved.Count; n++)
        {
            var (request, patientAt, at, patient, sent, index, patientIndex) = resolved[n];
            if (await AlreadyReceived(request.SenderReference, actor, ct) is { } first)
            {
                // A resend under the sender's own reference: the first referral (or the held one), not a second one.
                var held = first.Resource.Status == RequestStatus.OnHold;
                answers[index] = new Bundle.EntryComponent
                {
                    FullUrl = $"{baseUrl}/ServiceRequest/{first.Resource.Id}",
                    Resource = first.Resource,
                    Response = new Bundle.ResponseComponent { Status = held ? "202 Accepted" : "200 OK", Location = first.Location },
                };
                if (patientIndex >= 0)
                    answers[patientIndex] ??= Answer(held ? "202 Accepted" : "200 OK", held ? null : first.Resource.Subject?.Reference);
                foreach (var k in sentAt)
                    answers[k] ??= Answer(held ? "202 Accepted" : "200 OK", null);
                continue;
            }
            var outcome = await Submit(request, at, patientAt, actor, ct, idempotencyKey is null ? null : $"{idempotencyKey}/{n}");
            var (resource, location, kept) = await Keep(outcome, [.. (patient is null ? [] : new[] { ((Resource)patient, (string?)null) }), (sent, null), .. sentWith], ct);
            answers[index] = new Bundle.EntryComponent
            {
                FullUrl = $"{baseUrl}/ServiceRequest/{resource.Id}",
                Resource = resource,
                Response = new Bundle.ResponseComponent
                {
                    Status = outcome.Held is null ? "201 Created" : "202 Accepted", Location = location,
                    Outcome = outcome.Held is { } heldView ? HeldOutcome(heldView, $"{at}.subject") : Outcome(request, patient, sent, sentWith.Count, conformance[n]),
                },
            };
            // The Patient: recorded (201), or the person already held (200); held apart when it differs (202, nothing changed).
            if (patientIndex >= 0)
                answers[patientIndex] ??= outcome.Referral is { } made
                    ? Answer(outcome.PersonCreated ? "201 Created" : "200 OK", $"Patient/{made.Person.Id}")
                    : Answer("202 Accepted", null);
            // What was sent with it: each kept as received, readable at its own address (after the Patient and ServiceRequest).
            var offset = kept.Count - sentWith.Count;
            for (var k = 0; k < sentAt.Count; k++)
                answers[sentAt[k]] ??= outcome.Held is not null ? Answer("202 Accepted", null)
                    : kept.Count == 0 ? Answer("200 OK", null) // a replay: kept the first time
                    : Answer("201 Created", $"{sentWith[k].Resource.TypeName}/{kept[offset + k]}");
        }
        await transaction.CommitAsync(ct);
        var response = new Bundle { Type = Bundle.BundleType.TransactionResponse };
        // Entries no referral used (a Patient no ServiceRequest named) are said so, not dropped.
        response.Entry.AddRange(answers.Select(a => a ?? new Bundle.EntryComponent
        {
            Response = new Bundle.ResponseComponent
            {
                Status = "200 OK",
                Outcome = new OperationOutcome
                {
                    Issue = [new OperationOutcome.IssueComponent
                    {
                        Severity = OperationOutcome.IssueSeverity.Information, Code = OperationOutcome.IssueType.Informational,
                        Diagnostics = "Not used: no ServiceRequest in the Bundle refers to this entry, so nothing was stored for it.",
                    }],
                },
            },
        }));
        return response;
    }

    private static Bundle.EntryComponent Answer(string status, string? location) =>
        new() { Response = new Bundle.ResponseComponent { Status = status, Location = location } };

    /// <summary>Why a referral was held, for its sender: which details differ (never the values held), and what happens next.</summary>
    private static OperationOutcome HeldOutcome(HeldReferralView held, string subjectAt) => new()
    {
        Issue =
        [
            new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Warning, Code = OperationOutcome.IssueType.BusinessRule, Diagnostics = held.Explanation,
                Expression = [subjectAt],
            },
        ],
    };

    /// <summary>
    /// Submits through the REST API's use case; its field problems come back at their places in the FHIR input. A
    /// patient whose details differ from the person held for the NHS number is held for the hub (a system has nobody to
    /// ask), unless the sender said what to do.
    /// </summary>
    private async Task<SubmitReferral.Outcome> Submit(SubmitReferral.Request request, string at, string patientAt, Actor actor, CancellationToken ct,
        string? idempotencyKey = null)
    {
        try
        {
            // A sending system is not asked to confirm a second referral by the same route (it has no one to ask): the hub
            // sees both. Details that differ from the held record hold the referral for the hub to decide (a patient-safety check).
            return await services.GetRequiredService<SubmitReferral>().Handle(request with
            {
                DuplicateConfirmed = request.DuplicateConfirmed ?? true,
                PersonDetails = request.PersonDetails ?? nameof(SubmitReferral.HeldDetails.Hold),
            }, idempotencyKey, actor, ct);
        }
        catch (ValidationFailedException e)
        {
            var problems = e.Errors.SelectMany(x => x.Value.Select(message =>
            {
                var (where, field) = x.Key.StartsWith("person.", StringComparison.Ordinal)
                    ? (patientAt.Length > 0 ? patientAt : $"{at}.subject", PatientMap.Expression(x.Key["person.".Length..]))
                    : (at, ReferralMap.Expression(x.Key));
                return new FhirProblem(field.Length > 0 ? $"{where}.{field}" : where, message, OperationOutcome.IssueType.Invariant);
            })).ToList();
            throw new FhirException(422, problems);
        }
    }
}
