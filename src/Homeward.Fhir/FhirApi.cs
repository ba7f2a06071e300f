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

    public static readonly string[] Types =
        ["Patient", "ServiceRequest", "EpisodeOfCare", "CarePlan", "Goal", "Observation", "Task", "Encounter", "HealthcareService", "Schedule", "Slot"];

    private Homeward.Care.GetCareRecord CareRecords => services.GetRequiredService<Homeward.Care.GetCareRecord>();
    private Homeward.Capacity.CapacityView Capacity => services.GetRequiredService<Homeward.Capacity.CapacityView>();

    public async Task<Resource> Read(string type, string id, Actor actor, CancellationToken ct)
    {
        var isGuid = Guid.TryParse(id, out var guid);
        // What a sender sent with a referral, exactly as received (under Homeward's id for it), for those who may read the referral.
        if (isGuid && await Guard(() => SentWith.Read(guid, actor, ct)) is { } sent && sent.Document.ResourceType == type)
        {
            var resource = FhirFormat.Read(sent.Document.Content, FhirFormatKind.Json);
            resource.Id = sent.Document.Id.ToString();
            return resource;
        }
        if (!Types.Contains(type))
            throw Unsupported(type);
        var found = await Guard(async () => type switch
        {
            "Observation" => await ObservationById(id, actor, ct),
            "Slot" => await SlotById(id, actor, ct),
            _ when !isGuid => null,
            "Patient" => PatientMap.ToFhir(await People.Handle(guid, actor, ct)),
            "ServiceRequest" => await db.Referrals.AnyAsync(r => r.Id == guid, ct)
                ? await WithSentDocuments(ReferralMap.ToFhir(await Referrals.Handle(guid, actor, ct)), guid, ct)
                : await HeldRequest(guid, actor, ct),
            "EpisodeOfCare" => EpisodeMap.ToFhir(await Episodes.Handle(guid, actor, ct)),
            "CarePlan" => CareMap.Plan(await CareRecords.Handle(guid, actor, ct)),
            "Encounter" => CareMap.Ending(await Episodes.Handle(guid, actor, ct)),
            "Goal" => await EpisodeOf(db.Goals.Where(g => g.Id == guid).Select(g => (Guid?)g.EpisodeId), ct) is { } episode
                ? CareMap.Goals(await CareRecords.Handle(episode, actor, ct)).FirstOrDefault(g => g.Id == id)
                : null,
            "Task" => await EpisodeOf(db.FollowUps.Where(f => f.Id == guid).Select(f => (Guid?)f.EpisodeId), ct) is { } episode2
                && await CareRecords.Handle(episode2, actor, ct) is { FollowUp: { } followUp } record
                ? CareMap.FollowUpTask(followUp, record.PersonId)
                : null,
            "HealthcareService" => (await Capacity.Handle(actor, ct)).Services.Where(x => x.Id == guid).Select(CareMap.Service).FirstOrDefault(),
            "Schedule" => (await Capacity.Handle(actor, ct)).Services.Where(x => x.Id == guid).Select(CareMap.Schedule).FirstOrDefault(),
            _ => (Resource?)null,
        });
        return found ?? throw new FhirException(404, [new FhirProblem("", $"No {type} with id {id}.", OperationOutcome.IssueType.NotFound)]);
    }

    /// <summary>A referral held for a patient-matching decision, as its sender sent it, with its state (on hold, or revoked).</summary>
    private async Task<ServiceRequest> HeldRequest(Guid id, Actor actor, CancellationToken ct)
    {
        var (view, sent) = await services.GetRequiredService<GetHeldReferral>().WithSent(id, actor, ct);
        var asSent = sent.FirstOrDefault(s => s.Type == "ServiceRequest") is { } item ? FhirFormat.Read(item.Content, FhirFormatKind.Json) as ServiceRequest : null;
        return ReferralMap.Held(view, asSent);
    }

    private Homeward.Referrals.SentWith.SentWithReferral SentWith => services.GetRequiredService<Homeward.Referrals.SentWith.SentWithReferral>();

    /// <summary>A referral's ServiceRequest points at what was sent with it (supportingInfo), each readable as received.</summary>
    private async Task<ServiceRequest> WithSentDocuments(ServiceRequest sr, Guid referralId, CancellationToken ct)
    {
        var sent = await db.SentDocuments.AsNoTracking().Where(d => d.ReferralId == referralId).OrderBy(d => d.Position)
            .Select(d => new { d.Id, d.ResourceType, d.Summary }).ToListAsync(ct);
        sr.SupportingInfo.AddRange(sent.Select(d => new ResourceReference($"{d.ResourceType}/{d.Id}", d.Summary)));
        return sr;
    }

    private static async Task<Guid?> EpisodeOf(IQueryable<Guid?> query, CancellationToken ct) => await query.FirstOrDefaultAsync(ct);

    private async Task<Resource?> ObservationById(string id, Actor actor, CancellationToken ct)
    {
        Guid? episode = null;
        if (id.StartsWith('m') && long.TryParse(id[1..], CultureInfo.InvariantCulture, out var measure))
            episode = await EpisodeOf(db.MeasureResults.Where(m => m.Id == measure).Select(m => (Guid?)m.EpisodeId), ct);
        else if (id.Length > 37 && Guid.TryParse(id[..36], out var goal))
            episode = await EpisodeOf(db.Goals.Where(g => g.Id == goal).Select(g => (Guid?)g.EpisodeId), ct);
        return episode is { } e ? CareMap.Observations(await CareRecords.Handle(e, actor, ct)).FirstOrDefault(o => o.Id == id) : null;
    }

    private async Task<Resource?> SlotById(string id, Actor actor, CancellationToken ct)
    {
        if (id.Length != 45 || !Guid.TryParse(id[..36], out var service) ||
            !DateOnly.TryParseExact(id[37..], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return null;
        var s = (await Capacity.Handle(actor, ct)).Services.FirstOrDefault(x => x.Id == service);
        return s?.Days.Where(d => d.Date == day).Select(d => CareMap.DaySlot(s, d)).FirstOrDefault();
    }

    private static readonly string[] CommonParameters = ["_id", "_count", "_page", "_format"];

    /// <summary><c>_id</c>: the one resource with that id (as a read gives it, with the same access rule), or none.</summary>
    private async Task<Bundle> SearchById(string type, string id, string baseUrl, Actor actor, CancellationToken ct)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Total = 0 };
        try
        {
            var found = await Read(type, id, actor, ct);
            Add(bundle, found, baseUrl);
            bundle.Total = 1;
        }
        catch (FhirException e) when (e.Status == 404)
        {
            // Nothing with that id: an empty searchset, as FHIR search answers.
        }
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = $"{baseUrl}/{type}?_id={Uri.EscapeDataString(id)}" });
        return bundle;
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
            "CarePlan" or "Goal" or "Observation" or "Encounter" => ["patient.identifier"],
            "Task" => ["patient.identifier", "status"],
            "HealthcareService" or "Schedule" => [],
            "Slot" => ["schedule", "status", "start"],
            _ => throw Unsupported(type),
        };
        foreach (var name in query.Keys.Where(k => !k.StartsWith('_') && !allowed.Contains(k)))
            problems.Add(new FhirProblem(name, $"{type} cannot be searched by \"{name}\" here: use {string.Join(", ", allowed)}.", OperationOutcome.IssueType.NotSupported));
        // The common parameters Homeward supports; any other (_lastUpdated, _sort, _summary, …) is refused, never ignored.
        foreach (var name in query.Keys.Where(k => k.StartsWith('_') && !CommonParameters.Contains(k)))
            problems.Add(new FhirProblem(name, $"\"{name}\" is not supported here: use {string.Join(", ", CommonParameters)}.", OperationOutcome.IssueType.NotSupported));
        var byId = One("_id");
        if (byId is not null && query.Keys.Any(k => !k.StartsWith('_')))
            problems.Add(new FhirProblem("_id", "Search by _id alone (with _count, _page or _format at most)."));
        var count = int.TryParse(One("_count"), CultureInfo.InvariantCulture, out var c) ? c : 25;
        var page = int.TryParse(One("_page"), CultureInfo.InvariantCulture, out var pg) ? pg : 1;
        if (count is < 1 or > Page<object>.MaxPageSize || page < 1)
            problems.Add(new FhirProblem("_count", $"_count is 1 to {Page<object>.MaxPageSize} and _page from 1."));
        var nhs = Identifier(One("identifier") ?? One("patient.identifier") ?? One("subject:Patient.identifier"), problems);
        if (problems.Count > 0)
            throw new FhirException(400, problems);

        if (byId is not null)
            return await SearchById(type, byId, baseUrl, actor, ct);

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
                    var statuses = Statuses<RequestStatus>(One("status"), ReferralMap.StatusesOf, "ServiceRequest");
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
                case "CarePlan" or "Goal" or "Observation" or "Encounter" or "Task":
                    await CareSearch(bundle, type, nhs, One("status"), baseUrl, actor, ct);
                    bundle.Total = bundle.Entry.Count;
                    break;
                case "HealthcareService" or "Schedule" or "Slot":
                    await CapacitySearch(bundle, type, One("schedule"), One("status"), query.TryGetValue("start", out var st2) ? st2 : [], baseUrl, actor, ct);
                    bundle.Total = bundle.Entry.Count;
                    break;
                default:
                {
                    var statuses = Statuses<EpisodeOfCare.EpisodeOfCareStatus>(One("status"), EpisodeMap.StatusesOf, "EpisodeOfCare");
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

    /// <summary>The care record's resources of one person's episodes (the person's NHS number is required).</summary>
    private async Task CareSearch(Bundle bundle, string type, string? nhs, string? status, string baseUrl, Actor actor, CancellationToken ct)
    {
        Hl7.Fhir.Model.Task.TaskStatus? wanted = null;
        if (type == "Task" && status is not null)
            wanted = status switch
            {
                "requested" => Hl7.Fhir.Model.Task.TaskStatus.Requested,
                "completed" => Hl7.Fhir.Model.Task.TaskStatus.Completed,
                _ => throw new FhirException(400, [new FhirProblem("status", $"\"{status}\" is not a Task status Homeward uses: requested or completed.", OperationOutcome.IssueType.CodeInvalid)]),
            };
        if (nhs is null)
            throw new FhirException(400, [new FhirProblem("patient.identifier", $"Search {type} by the person's NHS number: patient.identifier={FhirSystems.NhsNumber}|9990000018.", OperationOutcome.IssueType.Required)]);
        var episodes = await services.GetRequiredService<SearchEpisodes>().Handle(new SearchEpisodes.Query(nhs, PageSize: Page<object>.MaxPageSize), actor, ct);
        foreach (var e in episodes.Items)
        {
            if (type == "Encounter")
            {
                if (CareMap.Ending(e) is { } encounter)
                    Add(bundle, encounter, baseUrl);
                continue;
            }
            if (e.Status is EpisodeStatus.Referred or EpisodeStatus.Triaged or EpisodeStatus.Declined)
                continue;
            var record = await CareRecords.Handle(e.Id, actor, ct);
            IEnumerable<Resource> found = type switch
            {
                "CarePlan" => CareMap.Plan(record) is { } plan ? [plan] : [],
                "Goal" => CareMap.Goals(record),
                "Observation" => CareMap.Observations(record),
                _ => record.FollowUp is { } f && (wanted is null || CareMap.FollowUpTask(f, record.PersonId).Status == wanted) ? [CareMap.FollowUpTask(f, record.PersonId)] : [],
            };
            foreach (var resource in found)
                Add(bundle, resource, baseUrl);
        }
    }

    /// <summary>Services, their schedules, and a slot for each of the next 14 days (figures about services, not people).</summary>
    private async Task CapacitySearch(Bundle bundle, string type, string? schedule, string? status, string[] start, string baseUrl, Actor actor, CancellationToken ct)
    {
        Guid? only = null;
        if (schedule is not null)
            only = Guid.TryParse(schedule.Replace("Schedule/", "", StringComparison.Ordinal), out var g) ? g
                : throw new FhirException(400, [new FhirProblem("schedule", "schedule is Schedule/{id} of a service's schedule.")]);
        Slot.SlotStatus? wanted = status switch
        {
            null => null,
            "free" => Slot.SlotStatus.Free,
            "busy" => Slot.SlotStatus.Busy,
            "busy-unavailable" => Slot.SlotStatus.BusyUnavailable,
            _ => throw new FhirException(400, [new FhirProblem("status", $"\"{status}\" is not a slot status: free, busy or busy-unavailable.", OperationOutcome.IssueType.CodeInvalid)]),
        };
        var (from, to) = Authored(start);
        var view = await Capacity.Handle(actor, ct);
        foreach (var s in view.Services.Where(x => only is null || x.Id == only))
        {
            if (type == "HealthcareService")
                Add(bundle, CareMap.Service(s), baseUrl);
            else if (type == "Schedule")
                Add(bundle, CareMap.Schedule(s), baseUrl);
            else
                foreach (var d in s.Days.Where(d => (from is null || d.Date >= DateOnly.Parse(from, CultureInfo.InvariantCulture)) && (to is null || d.Date <= DateOnly.Parse(to, CultureInfo.InvariantCulture))))
                {
                    var slot = CareMap.DaySlot(s, d);
                    if (wanted is null || slot.Status == wanted)
                        Add(bundle, slot, baseUrl);
                }
        }
    }

    /// <summary>A FHIR status (or several, comma-separated) as the episode statuses behind it.</summary>
    private static string? Statuses<T>(string? value, Func<T, IReadOnlyList<EpisodeStatus>> map, string type) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var all = new List<EpisodeStatus>();
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            // FHIR's own code literals ("entered-in-error"), as the Firely SDK reads them.
            all.AddRange(Hl7.Fhir.Utility.EnumUtility.ParseLiteral<T>(part) is { } status ? map(status)
                : throw new FhirException(400, [new FhirProblem("status", $"\"{part}\" is not a {type} status.", OperationOutcome.IssueType.CodeInvalid)]));
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
                throw new FhirException(400, [new FhirProblem("date", $"\"{v}\" is not a date search (ge2026-01-01, le2026-01-31, or a date).")]);
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
    /// <param name="idempotencyKey">
    /// When given, each referral is submitted under this key (a Bundle's with its entry number), so that sending the
    /// same content again (an import rerun after a crash) replays what was stored instead of storing it twice.
    /// </param>
    public async Task<(Resource Response, string? Location)> Create(Resource posted, string baseUrl, Actor actor, CancellationToken ct,
        string? idempotencyKey = null) =>
        posted switch
        {
            Bundle { Type: Bundle.BundleType.Transaction } bundle => (await Transaction(bundle, baseUrl, actor, ct, idempotencyKey), null),
            Bundle b => throw FhirException.Invalid("Bundle.type", $"Send a transaction Bundle (this one is a {b.Type?.ToString().ToLowerInvariant() ?? "Bundle without a type"})."),
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
        var outcome = await Submit(request with { Person = person }, "ServiceRequest", "", actor, ct, idempotencyKey);
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
            return (await HeldRequest(held, actor, ct), $"ServiceRequest/{held}");
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
    private static OperationOutcome Outcome(SubmitReferral.Request request, Resource? patient, ServiceRequest sr, int keptWith)
    {
        var outcome = new OperationOutcome();
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
                resolved.Add((request with { Person = known }, "", at, null, sent, index, -1));
        }
        if (problems.Count > 0)
            throw new FhirException(problems.Any(p => p.Type == OperationOutcome.IssueType.NotFound) ? 422 : 400, problems);

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
                    Outcome = outcome.Held is { } heldView ? HeldOutcome(heldView, $"{at}.subject") : Outcome(request, patient, sent, sentWith.Count),
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

    /// <summary>
    /// Changes a person's details from a Patient (PUT with If-Match). What FHIR does not carry (consent, the carer's own
    /// needs) is kept as held.
    /// </summary>
    public async Task<Patient> UpdatePatient(string id, Resource posted, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        if (posted is not Patient patient)
            throw FhirException.Invalid(posted.TypeName, $"The body is a {posted.TypeName}: PUT a Patient to /fhir/Patient/{id}.");
        if (patient.Id is { } bodyId && bodyId != id)
            throw FhirException.Invalid("Patient.id", $"The Patient's id ({bodyId}) is not the one in the address ({id}).");
        if (!Guid.TryParse(id, out var guid))
            throw new FhirException(404, [new FhirProblem("", $"No Patient with id {id}.", OperationOutcome.IssueType.NotFound)]);
        return await Guard(async () =>
        {
            // Whether the caller may see the record comes first: outside their relationship it is "not found", whatever was sent.
            var held = await People.Handle(guid, actor, ct);
            var problems = new List<FhirProblem>();
            var input = PatientMap.FromFhir(patient, "Patient", problems);
            if (problems.Count > 0)
                throw new FhirException(400, problems);
            if (new string((input.NhsNumber ?? "").Where(char.IsDigit).ToArray()) != held.NhsNumber)
                throw new FhirException(422, [new FhirProblem("Patient.identifier",
                    $"A record's NHS number cannot be changed (this record holds {held.NhsNumberDisplay}); if it is wrong, contact the hub.", OperationOutcome.IssueType.BusinessRule)]);
            input = input with
            {
                Consent = held.Consent.ToString(),
                UnpaidCarer = input.UnpaidCarer is null ? null : input.UnpaidCarer with { HasOwnNeeds = held.UnpaidCarer?.HasOwnNeeds },
            };
            try
            {
                return PatientMap.ToFhir(await services.GetRequiredService<UpdatePerson>().Handle(guid, input, expectedVersion, actor, ct));
            }
            catch (ValidationFailedException e)
            {
                throw new FhirException(422, [.. e.Errors.SelectMany(x => x.Value.Select(m =>
                    new FhirProblem(PatientMap.Expression(x.Key) is { Length: > 0 } f ? $"Patient.{f}" : "Patient", m, OperationOutcome.IssueType.Invariant)))]);
            }
            catch (StaleVersionException e)
            {
                throw new FhirException(412, [new FhirProblem("", e.Message, OperationOutcome.IssueType.Conflict)]);
            }
            catch (VersionRequiredException e)
            {
                throw new FhirException(428, [new FhirProblem("", e.Message, OperationOutcome.IssueType.Required)]);
            }
        });
    }

    /// <summary>Everything Homeward holds about one person, as a collection Bundle: the Patient, referrals and episodes.</summary>
    public async Task<Bundle> Export(string nhsNumber, string baseUrl, Actor actor, CancellationToken ct) =>
        await Guard(async () =>
        {
            var bundle = new Bundle { Type = Bundle.BundleType.Collection, Timestamp = services.GetRequiredService<TimeProvider>().GetUtcNow() };
            var person = await People.ByNhsNumber(nhsNumber, actor, ct);
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"{baseUrl}/Patient/{person.Id}", Resource = PatientMap.ToFhir(person) });
            var referrals = await services.GetRequiredService<SearchReferrals>().Handle(new SearchReferrals.Query(person.NhsNumber, PageSize: 100), actor, ct);
            foreach (var r in referrals.Items)
                bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"{baseUrl}/ServiceRequest/{r.Id}", Resource = ReferralMap.ToFhir(r) });
            var episodes = await services.GetRequiredService<SearchEpisodes>().Handle(new SearchEpisodes.Query(person.NhsNumber, PageSize: 100), actor, ct);
            foreach (var e in episodes.Items)
                bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"{baseUrl}/EpisodeOfCare/{e.Id}", Resource = EpisodeMap.ToFhir(e) });
            foreach (var type in new[] { "Encounter", "CarePlan", "Goal", "Observation", "Task" })
            {
                var part = new Bundle();
                await CareSearch(part, type, person.NhsNumber, null, baseUrl, actor, ct);
                foreach (var entry in part.Entry)
                    bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = entry.FullUrl, Resource = entry.Resource });
            }
            return bundle;
        });

    /// <summary>The domain's refusals as FHIR answers.</summary>
    /// <remarks>Through <see cref="FhirRefusals"/>; a read's or search's own field problems are its parameters: 400, not 422.</remarks>
    private static async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (ValidationFailedException e)
        {
            throw new FhirException(400, [.. e.Errors.SelectMany(x => x.Value.Select(m => new FhirProblem(x.Key, m)))]);
        }
        catch (Exception e) when (e is not FhirException && FhirRefusals.From(e) is { } refusal)
        {
            throw refusal;
        }
    }

    private static FhirException Unsupported(string type) =>
        new(404, [new FhirProblem("", $"Homeward does not serve {type}: it serves {string.Join(", ", Types)}.", OperationOutcome.IssueType.NotSupported)]);

    /// <summary>What this server does, for <c>/fhir/metadata</c>.</summary>
    public static CapabilityStatement Capability(string baseUrl)
    {
        CapabilityStatement.ResourceComponent Resource(string type, string? profile, bool create, params (string Name, SearchParamType Type)[] search) =>
            Declared(type, profile, create, update: false, search);

        CapabilityStatement.ResourceComponent Declared(string type, string? profile, bool create, bool update, params (string Name, SearchParamType Type)[] search)
        {
            var r = new CapabilityStatement.ResourceComponent
            {
                Type = type,
                Profile = profile,
                Interaction = [new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read },
                               new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Vread },
                               new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType }],
                Versioning = CapabilityStatement.ResourceVersionPolicy.Versioned,
            };
            if (create)
                r.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Create });
            if (update)
                r.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Update });
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
                        Declared("Patient", FhirSystems.UkCorePatient, false, update: true, ("identifier", SearchParamType.Token)),
                        Declared("ServiceRequest", FhirSystems.UkCoreServiceRequest, true, update: true, ("patient.identifier", SearchParamType.Token), ("status", SearchParamType.Token), ("authored", SearchParamType.Date)),
                        Resource("EpisodeOfCare", FhirSystems.UkCoreEpisodeOfCare, false, ("patient.identifier", SearchParamType.Token), ("status", SearchParamType.Token)),
                        Resource("CarePlan", null, false, ("patient.identifier", SearchParamType.Token)),
                        Resource("Goal", null, false, ("patient.identifier", SearchParamType.Token)),
                        Resource("Observation", null, false, ("patient.identifier", SearchParamType.Token)),
                        Resource("Encounter", null, false, ("patient.identifier", SearchParamType.Token)),
                        Resource("Task", null, false, ("patient.identifier", SearchParamType.Token), ("status", SearchParamType.Token)),
                        Resource("HealthcareService", null, false),
                        Resource("Schedule", null, false),
                        Resource("Slot", null, false, ("schedule", SearchParamType.Reference), ("status", SearchParamType.Token), ("start", SearchParamType.Date)),
                    ],
                    Interaction = [new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Transaction }],
                    // BaRS referral messages: servicerequest-request, new or update (a revoked ServiceRequest withdraws it).
                    Operation = [new CapabilityStatement.OperationComponent { Name = "process-message", Definition = "http://hl7.org/fhir/OperationDefinition/MessageHeader-process-message" }],
                },
            ],
        };
    }
}
