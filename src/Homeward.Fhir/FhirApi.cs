using System.Globalization;
using Hl7.Fhir.Model;
using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.People;
using Homeward.Referrals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Fhir;

/// <summary>
/// The FHIR interactions, on the same use cases as the REST API (so the same rights and the same audit rows):
/// read and search Patient, ServiceRequest and EpisodeOfCare; create referrals from a transaction Bundle or a
/// ServiceRequest for a known Patient; export everything about one person. Problems come back as
/// <see cref="FhirException"/> with an OperationOutcome and the HTTP status.
/// </summary>
public sealed class FhirApi(IServiceProvider services, HomewardDb db)
{
    private GetPerson People => services.GetRequiredService<GetPerson>();
    private GetReferral Referrals => services.GetRequiredService<GetReferral>();
    private GetEpisode Episodes => services.GetRequiredService<GetEpisode>();

    public static readonly string[] Types = ["Patient", "ServiceRequest", "EpisodeOfCare"];

    public async Task<Resource> Read(string type, string id, Actor actor, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var guid))
            throw new FhirException(404, [new FhirProblem("", $"No {type} with id {id}.", OperationOutcome.IssueType.NotFound)]);
        return await Guard(async () => type switch
        {
            "Patient" => (Resource)PatientMap.ToFhir(await People.Handle(guid, actor, ct)),
            "ServiceRequest" => ReferralMap.ToFhir(await Referrals.Handle(guid, actor, ct)),
            "EpisodeOfCare" => EpisodeMap.ToFhir(await Episodes.Handle(guid, actor, ct)),
            _ => throw Unsupported(type),
        });
    }

    /// <summary>Search by the parameters each type supports; any other parameter is refused (never silently ignored).</summary>
    public async Task<Bundle> Search(string type, IReadOnlyDictionary<string, string[]> query, string baseUrl, Actor actor, CancellationToken ct)
    {
        var problems = new List<FhirProblem>();
        string? One(string name) => query.TryGetValue(name, out var v) ? v.LastOrDefault() : null;
        var allowed = type switch
        {
            "Patient" => new[] { "identifier" },
            "ServiceRequest" => ["patient.identifier", "subject:Patient.identifier", "status", "authored"],
            "EpisodeOfCare" => ["patient.identifier", "status"],
            _ => throw Unsupported(type),
        };
        foreach (var name in query.Keys.Where(k => !k.StartsWith('_') && !allowed.Contains(k)))
            problems.Add(new FhirProblem(name, $"{type} cannot be searched by \"{name}\" here: use {string.Join(", ", allowed)}.", OperationOutcome.IssueType.NotSupported));
        var count = int.TryParse(One("_count"), CultureInfo.InvariantCulture, out var c) ? c : 25;
        var page = int.TryParse(One("_page"), CultureInfo.InvariantCulture, out var pg) ? pg : 1;
        if (count is < 1 or > Page<object>.MaxPageSize || page < 1)
            problems.Add(new FhirProblem("_count", $"_count is 1 to {Page<object>.MaxPageSize} and _page from 1."));
        var nhs = Identifier(One("identifier") ?? One("patient.identifier") ?? One("subject:Patient.identifier"), problems);
        if (problems.Count > 0)
            throw new FhirException(400, problems);

        return await Guard(async () =>
        {
            var bundle = new Bundle { Type = Bundle.BundleType.Searchset };
            switch (type)
            {
                case "Patient":
                    if (nhs is null)
                        throw new FhirException(400, [new FhirProblem("identifier", $"Search patients by NHS number: identifier={FhirSystems.NhsNumber}|9990000018.", OperationOutcome.IssueType.Required)]);
                    try
                    {
                        Add(bundle, PatientMap.ToFhir(await People.ByNhsNumber(nhs, actor, ct)), baseUrl);
                    }
                    catch (NotFoundException)
                    {
                    }
                    bundle.Total = bundle.Entry.Count;
                    break;
                case "ServiceRequest":
                {
                    var statuses = Statuses(One("status"), s => Enum.TryParse<RequestStatus>(s, true, out var r) ? ReferralMap.StatusesOf(r) : null, "ServiceRequest");
                    var (from, to) = Authored(query.TryGetValue("authored", out var a) ? a : []);
                    if (statuses == NoStatus)
                        return Empty(bundle);
                    var found = await services.GetRequiredService<SearchReferrals>().Handle(
                        new SearchReferrals.Query(nhs, Status: statuses, ReceivedFrom: from, ReceivedTo: to, Page: page, PageSize: count), actor, ct);
                    foreach (var r in found.Items)
                        Add(bundle, ReferralMap.ToFhir(r), baseUrl);
                    bundle.Total = found.Total;
                    Link(bundle, baseUrl, type, query, page, count, found.Total);
                    break;
                }
                default:
                {
                    var statuses = Statuses(One("status"), s => EnumParse(s) is { } st ? EpisodeMap.StatusesOf(st) : null, "EpisodeOfCare");
                    if (statuses == NoStatus)
                        return Empty(bundle);
                    var found = await services.GetRequiredService<SearchEpisodes>().Handle(
                        new SearchEpisodes.Query(nhs, Status: statuses, Page: page, PageSize: count), actor, ct);
                    foreach (var e in found.Items)
                        Add(bundle, EpisodeMap.ToFhir(e), baseUrl);
                    bundle.Total = found.Total;
                    Link(bundle, baseUrl, type, query, page, count, found.Total);
                    break;
                }
            }
            return bundle;
        });
    }

    private static EpisodeOfCare.EpisodeOfCareStatus? EnumParse(string s) =>
        s switch
        {
            "planned" => EpisodeOfCare.EpisodeOfCareStatus.Planned,
            "waitlist" => EpisodeOfCare.EpisodeOfCareStatus.Waitlist,
            "active" => EpisodeOfCare.EpisodeOfCareStatus.Active,
            "onhold" => EpisodeOfCare.EpisodeOfCareStatus.Onhold,
            "finished" => EpisodeOfCare.EpisodeOfCareStatus.Finished,
            "cancelled" => EpisodeOfCare.EpisodeOfCareStatus.Cancelled,
            "entered-in-error" => EpisodeOfCare.EpisodeOfCareStatus.EnteredInError,
            _ => null,
        };

    /// <summary>A FHIR status (or several, comma-separated) as the episode statuses behind it.</summary>
    private static string? Statuses(string? value, Func<string, IReadOnlyList<EpisodeStatus>?> map, string type)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var all = new List<EpisodeStatus>();
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            all.AddRange(map(part.Replace("-", "", StringComparison.Ordinal)) ?? map(part)
                         ?? throw new FhirException(400, [new FhirProblem("status", $"\"{part}\" is not a {type} status.", OperationOutcome.IssueType.CodeInvalid)]));
        // A status no episode can have finds nothing.
        return all.Count == 0 ? NoStatus : string.Join(",", all.Distinct());
    }

    private const string NoStatus = "(none)";

    private static Bundle Empty(Bundle bundle)
    {
        bundle.Total = 0;
        return bundle;
    }

    private static (string? From, string? To) Authored(string[] values)
    {
        string? from = null, to = null;
        foreach (var v in values)
        {
            var (prefix, date) = v.Length > 2 && char.IsLetter(v[0]) ? (v[..2], v[2..]) : ("eq", v);
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                throw new FhirException(400, [new FhirProblem("authored", $"\"{v}\" is not a date search (ge2026-01-01, le2026-01-31, or a date).")]);
            switch (prefix)
            {
                case "ge" or "gt":
                    from = date;
                    break;
                case "le" or "lt":
                    to = date;
                    break;
                case "eq":
                    (from, to) = (date, date);
                    break;
                default:
                    throw new FhirException(400, [new FhirProblem("authored", $"The prefix \"{prefix}\" is not supported: use ge, le or none.", OperationOutcome.IssueType.NotSupported)]);
            }
        }
        return (from, to);
    }

    /// <summary>An NHS number from <c>system|value</c> or a bare value; another system is refused.</summary>
    private static string? Identifier(string? token, List<FhirProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(token))
            return null;
        var bar = token.IndexOf('|', StringComparison.Ordinal);
        if (bar >= 0 && token[..bar] != FhirSystems.NhsNumber)
        {
            problems.Add(new FhirProblem("identifier", $"Search by NHS number: the system must be {FhirSystems.NhsNumber}.", OperationOutcome.IssueType.NotSupported));
            return null;
        }
        return bar >= 0 ? token[(bar + 1)..] : token;
    }

    private static void Add(Bundle bundle, Resource resource, string baseUrl) =>
        bundle.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = $"{baseUrl}/{resource.TypeName}/{resource.Id}",
            Resource = resource,
            Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
        });

    private static void Link(Bundle bundle, string baseUrl, string type, IReadOnlyDictionary<string, string[]> query, int page, int count, int total)
    {
        string Url(int p) => $"{baseUrl}/{type}?" + string.Join("&", query.Where(q => q.Key != "_page")
            .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v)}")).Append($"_page={p}"));
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = Url(page) });
        if (page * count < total)
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = Url(page + 1) });
    }

    /// <summary>
    /// Creates referrals: a transaction Bundle of Patients and ServiceRequests (each request's subject a Patient entry
    /// or a known Patient), or one ServiceRequest for a known Patient. All or nothing: one bad entry and nothing is kept.
    /// </summary>
    public async Task<(Resource Response, string? Location)> Create(Resource posted, string baseUrl, Actor actor, CancellationToken ct) =>
        posted switch
        {
            Bundle { Type: Bundle.BundleType.Transaction } bundle => (await Transaction(bundle, baseUrl, actor, ct), null),
            Bundle b => throw FhirException.Invalid("Bundle.type", $"Send a transaction Bundle (this one is a {b.Type?.ToString().ToLowerInvariant() ?? "Bundle without a type"})."),
            ServiceRequest sr => await CreateOne(sr, actor, ct),
            _ => throw new FhirException(400, [new FhirProblem(posted.TypeName,
                $"A {posted.TypeName} cannot be created here: post a transaction Bundle (Patient + ServiceRequest) or a ServiceRequest.", OperationOutcome.IssueType.NotSupported)]),
        };

    private async Task<(Resource, string?)> CreateOne(ServiceRequest sr, Actor actor, CancellationToken ct)
    {
        var problems = new List<FhirProblem>();
        var request = ReferralMap.FromFhir(sr, "ServiceRequest", problems);
        var person = await KnownPatient(sr.Subject?.Reference, "ServiceRequest.subject", actor, problems, ct);
        if (problems.Count > 0)
            throw new FhirException(problems.Any(p => p.Type == OperationOutcome.IssueType.NotFound) ? 422 : 400, problems);
        var view = await Submit(request with { Person = person }, "ServiceRequest", "", actor, ct);
        return (ReferralMap.ToFhir(view), $"ServiceRequest/{view.Id}/_history/{view.Version}");
    }

    private async Task<PersonInput?> KnownPatient(string? reference, string at, Actor actor, List<FhirProblem> problems, CancellationToken ct)
    {
        if (reference is null || !reference.StartsWith("Patient/", StringComparison.Ordinal) || !Guid.TryParse(reference["Patient/".Length..], out var id))
        {
            problems.Add(new FhirProblem(at, "The subject must reference a Patient: Patient/{id} of a patient Homeward holds, or a Patient entry of the Bundle.", OperationOutcome.IssueType.Required));
            return null;
        }
        try
        {
            var p = await People.Handle(id, actor, ct);
            return new PersonInput
            {
                NhsNumber = p.NhsNumber, GivenName = p.GivenName, FamilyName = p.FamilyName, DateOfBirth = p.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
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

    private async Task<Bundle> Transaction(Bundle bundle, string baseUrl, Actor actor, CancellationToken ct)
    {
        var problems = new List<FhirProblem>();
        var patients = new Dictionary<string, (PersonInput Input, string At)>(StringComparer.Ordinal);
        var requests = new List<(SubmitReferral.Request Request, string PatientKey, string At)>();
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
                    patients[key] = (PatientMap.FromFhir(patient, $"{at}.resource", problems), $"{at}.resource");
                    break;
                case ServiceRequest sr:
                    requests.Add((ReferralMap.FromFhir(sr, $"{at}.resource", problems), sr.Subject?.Reference ?? "", $"{at}.resource"));
                    break;
                case null:
                    problems.Add(new FhirProblem($"{at}.resource", "Each entry carries a resource.", OperationOutcome.IssueType.Required));
                    break;
                default:
                    problems.Add(new FhirProblem($"{at}.resource", $"A {entry.Resource.TypeName} cannot be created here: a transaction carries Patients and ServiceRequests.", OperationOutcome.IssueType.NotSupported));
                    break;
            }
        }
        if (requests.Count == 0)
            problems.Add(new FhirProblem("Bundle.entry", "The Bundle has no ServiceRequest: nothing to refer.", OperationOutcome.IssueType.Required));
        var resolved = new List<(SubmitReferral.Request Request, string PatientAt, string At)>();
        foreach (var (request, key, at) in requests)
        {
            if (patients.TryGetValue(key, out var patient))
                resolved.Add((request with { Person = patient.Input }, patient.At, at));
            else if (await KnownPatient(key, $"{at}.subject", actor, problems, ct) is { } known)
                resolved.Add((request with { Person = known }, "", at));
        }
        if (problems.Count > 0)
            throw new FhirException(problems.Any(p => p.Type == OperationOutcome.IssueType.NotFound) ? 422 : 400, problems);

        // One database transaction for every referral: one refused and none is kept.
        var response = new Bundle { Type = Bundle.BundleType.TransactionResponse };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var (request, patientAt, at) in resolved)
        {
            var view = await Submit(request, at, patientAt, actor, ct);
            response.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{baseUrl}/ServiceRequest/{view.Id}",
                Resource = ReferralMap.ToFhir(view),
                Response = new Bundle.ResponseComponent { Status = "201 Created", Location = $"ServiceRequest/{view.Id}/_history/{view.Version}" },
            });
        }
        await transaction.CommitAsync(ct);
        return response;
    }

    /// <summary>Submits through the REST API's use case; its field problems come back at their places in the FHIR input.</summary>
    private async Task<ReferralView> Submit(SubmitReferral.Request request, string at, string patientAt, Actor actor, CancellationToken ct)
    {
        try
        {
            return (await services.GetRequiredService<SubmitReferral>().Handle(request, null, actor, ct)).Referral;
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

    /// <summary>Everything Homeward holds about one person, as a collection Bundle: the Patient, referrals and episodes.</summary>
    public async Task<Bundle> Export(string nhsNumber, string baseUrl, Actor actor, CancellationToken ct) =>
        await Guard(async () =>
        {
            var bundle = new Bundle { Type = Bundle.BundleType.Collection, Timestamp = DateTimeOffset.UtcNow };
            var person = await People.ByNhsNumber(nhsNumber, actor, ct);
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"{baseUrl}/Patient/{person.Id}", Resource = PatientMap.ToFhir(person) });
            var referrals = await services.GetRequiredService<SearchReferrals>().Handle(new SearchReferrals.Query(person.NhsNumber, PageSize: 100), actor, ct);
            foreach (var r in referrals.Items)
                bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"{baseUrl}/ServiceRequest/{r.Id}", Resource = ReferralMap.ToFhir(r) });
            var episodes = await services.GetRequiredService<SearchEpisodes>().Handle(new SearchEpisodes.Query(person.NhsNumber, PageSize: 100), actor, ct);
            foreach (var e in episodes.Items)
                bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"{baseUrl}/EpisodeOfCare/{e.Id}", Resource = EpisodeMap.ToFhir(e) });
            return bundle;
        });

    /// <summary>The domain's refusals as FHIR answers.</summary>
    private static async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (NotFoundException e)
        {
            throw new FhirException(404, [new FhirProblem("", e.Message, OperationOutcome.IssueType.NotFound)]);
        }
        catch (ForbiddenException e)
        {
            throw new FhirException(403, [new FhirProblem("", e.Message, OperationOutcome.IssueType.Forbidden)]);
        }
        catch (ValidationFailedException e)
        {
            throw new FhirException(400, [.. e.Errors.SelectMany(x => x.Value.Select(m => new FhirProblem(x.Key, m)))]);
        }
    }

    private static FhirException Unsupported(string type) =>
        new(404, [new FhirProblem("", $"Homeward does not serve {type}: it serves {string.Join(", ", Types)}.", OperationOutcome.IssueType.NotSupported)]);

    /// <summary>What this server does, for <c>/fhir/metadata</c>.</summary>
    public static CapabilityStatement Capability(string baseUrl)
    {
        CapabilityStatement.ResourceComponent Resource(string type, string profile, bool create, params (string Name, SearchParamType Type)[] search)
        {
            var r = new CapabilityStatement.ResourceComponent
            {
                Type = type,
                Profile = profile,
                Interaction = [new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read },
                               new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType }],
                Versioning = CapabilityStatement.ResourceVersionPolicy.Versioned,
            };
            if (create)
                r.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Create });
            foreach (var (name, t) in search)
                r.SearchParam.Add(new CapabilityStatement.SearchParamComponent { Name = name, Type = t });
            return r;
        }
        return new CapabilityStatement
        {
            Status = PublicationStatus.Active,
            Date = "2026-11-23",
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "Homeward" },
            Implementation = new CapabilityStatement.ImplementationComponent { Description = "Homeward intermediate care", Url = baseUrl },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = ["json", "xml", FhirFormat.JsonType, FhirFormat.XmlType],
            Rest =
            [
                new CapabilityStatement.RestComponent
                {
                    Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                    Security = new CapabilityStatement.SecurityComponent { Description = "Sign in (cookie) or a personal access token (Authorization: Bearer); the same rights and audit as the REST API." },
                    Resource =
                    [
                        Resource("Patient", FhirSystems.UkCorePatient, false, ("identifier", SearchParamType.Token)),
                        Resource("ServiceRequest", FhirSystems.UkCoreServiceRequest, true, ("patient.identifier", SearchParamType.Token), ("status", SearchParamType.Token), ("authored", SearchParamType.Date)),
                        Resource("EpisodeOfCare", FhirSystems.UkCoreEpisodeOfCare, false, ("patient.identifier", SearchParamType.Token), ("status", SearchParamType.Token)),
                    ],
                    Interaction = [new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Transaction }],
                },
            ],
        };
    }
}
