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
/// FHIR search by the parameters each type supports (and <c>_id</c>, <c>_count</c>, <c>_page</c>); any other parameter is
/// refused with an OperationOutcome, never silently ignored.
/// </summary>
public sealed class FhirSearch(IServiceProvider services, FhirReads reads)
{
    private GetPerson People => services.GetRequiredService<GetPerson>();
    private Homeward.Care.GetCareRecord CareRecords => services.GetRequiredService<Homeward.Care.GetCareRecord>();
    private Homeward.Capacity.CapacityView Capacity => services.GetRequiredService<Homeward.Capacity.CapacityView>();

    private static readonly string[] CommonParameters = ["_id", "_count", "_page", "_format", "_sort"];

    /// <summary><c>_id</c>: the one resource with that id (as a read gives it, with the same access rule), or none.</summary>
    private async Task<Bundle> SearchById(string type, string id, string baseUrl, Actor actor, CancellationToken ct)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Total = 0 };
        try
        {
            var found = await reads.Read(type, id, actor, ct);
            FhirCommon.Add(bundle, found, baseUrl);
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
            "ServiceRequest" => ["patient.identifier", "subject:Patient.identifier", "patient", "subject", "status", "authored"],
            "EpisodeOfCare" => ["patient.identifier", "patient", "status"],
            "CarePlan" or "Goal" or "Observation" or "Encounter" => ["patient.identifier", "patient"],
            "Task" => ["patient.identifier", "patient", "status"],
            "HealthcareService" or "Schedule" => [],
            "Slot" => ["schedule", "status", "start"],
            _ => throw FhirCommon.Unsupported(type),
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
        // The person by their record (Patient/{id}): the only way to find someone whose NHS number is still to be traced.
        Guid? personId = null;
        if ((One("patient") ?? One("subject")) is { } reference)
        {
            personId = FhirCommon.PatientId(reference) ?? (Guid.TryParse(reference, out var bare) ? bare : null);
            if (personId is null)
                problems.Add(new FhirProblem(query.ContainsKey("patient") ? "patient" : "subject", "Name the patient as Patient/{id} (Homeward's id for the Patient).", OperationOutcome.IssueType.Value));
        }
        // _sort where it means something: referrals by when they were received (authored), newest first by default.
        string? sort = null;
        if (One("_sort") is { } sortBy)
        {
            if (type != "ServiceRequest")
                problems.Add(new FhirProblem("_sort", $"{type} is listed in one order only: _sort is for ServiceRequest (authored or -authored).", OperationOutcome.IssueType.NotSupported));
            else if (sortBy is "authored" or "-authored")
                sort = sortBy == "authored" ? "received" : "-received";
            else
                problems.Add(new FhirProblem("_sort", "ServiceRequest sorts by authored (oldest first) or -authored (newest first, the default).", OperationOutcome.IssueType.NotSupported));
        }
        if (problems.Count > 0)
            throw new FhirException(400, problems);

        if (byId is not null)
            return await SearchById(type, byId, baseUrl, actor, ct);

        return await FhirCommon.Guard(async () =>
        {
            var bundle = new Bundle { Type = Bundle.BundleType.Searchset };
            switch (type)
            {
                case "Patient":
                    if (nhs is null)
                        throw new FhirException(400, [new FhirProblem("identifier", $"Search patients by NHS number: identifier={FhirSystems.NhsNumber}|9990000018.", OperationOutcome.IssueType.Required)]);
                    try
                    {
                        FhirCommon.Add(bundle, PatientMap.ToFhir(await People.ByNhsNumber(nhs, actor, ct)), baseUrl);
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
                        new SearchReferrals.Query(nhs, Status: statuses, ReceivedFrom: from, ReceivedTo: to, Page: page, PageSize: count, PersonId: personId, Sort: sort), actor, ct);
                    foreach (var r in found.Items)
                        FhirCommon.Add(bundle, ReferralMap.ToFhir(r), baseUrl);
                    bundle.Total = found.Total;
                    FhirCommon.Link(bundle, baseUrl, type, query, page, count, found.Total);
                    break;
                }
                case "CarePlan" or "Goal" or "Observation" or "Encounter" or "Task":
                    await CareSearch(bundle, [type], nhs, One("status"), baseUrl, actor, ct, personId);
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
                        new SearchEpisodes.Query(nhs, Status: statuses, Page: page, PageSize: count, PersonId: personId), actor, ct);
                    foreach (var e in found.Items)
                        FhirCommon.Add(bundle, EpisodeMap.ToFhir(e), baseUrl);
                    bundle.Total = found.Total;
                    FhirCommon.Link(bundle, baseUrl, type, query, page, count, found.Total);
                    break;
                }
            }
            return bundle;
        });
    }

    /// <summary>
    /// The care record's resources of one person's episodes (the person's NHS number or record is required), of each
    /// type asked for in turn; the records are read once, whatever the types.
    /// </summary>
    internal async Task CareSearch(Bundle bundle, IReadOnlyList<string> types, string? nhs, string? status, string baseUrl, Actor actor, CancellationToken ct, Guid? personId = null)
    {
        var type = types[0];
        Hl7.Fhir.Model.Task.TaskStatus? wanted = null;
        if (types is ["Task"] && status is not null)
            wanted = status switch
            {
                "requested" => Hl7.Fhir.Model.Task.TaskStatus.Requested,
                "completed" => Hl7.Fhir.Model.Task.TaskStatus.Completed,
                _ => throw new FhirException(400, [new FhirProblem("status", $"\"{status}\" is not a Task status Homeward uses: requested or completed.", OperationOutcome.IssueType.CodeInvalid)]),
            };
        if (nhs is null && personId is null)
            throw new FhirException(400, [new FhirProblem("patient.identifier",
                $"Search {type} by the person's NHS number (patient.identifier={FhirSystems.NhsNumber}|9990000018) or their record (patient=Patient/{{id}}).", OperationOutcome.IssueType.Required)]);
        var episodes = await services.GetRequiredService<SearchEpisodes>().Handle(new SearchEpisodes.Query(nhs, PageSize: Page<object>.MaxPageSize, PersonId: personId), actor, ct);
        // The care records of the person's episodes, read together (not a set of queries an episode).
        var withRecords = episodes.Items.Where(e => e.Status is not (EpisodeStatus.Referred or EpisodeStatus.Triaged or EpisodeStatus.Declined)).ToList();
        var records = new List<Homeward.Care.CareRecordView>();
        if (types.Any(t => t != "Encounter"))
            foreach (var person in withRecords.GroupBy(e => e.Person.Id))
                records.AddRange(await CareRecords.HandleAll(person.Key, [.. person.Select(e => e.Id)], actor, ct));
        foreach (var each in types)
        {
            var found = each == "Encounter"
                ? episodes.Items.Select(CareMap.Ending).OfType<Resource>()
                : records.SelectMany(record => each switch
                {
                    "CarePlan" => CareMap.Plan(record) is { } plan ? [plan] : [],
                    "Goal" => CareMap.Goals(record),
                    "Observation" => CareMap.Observations(record),
                    _ => record.FollowUp is { } f && (wanted is null || CareMap.FollowUpTask(f, record.PersonId).Status == wanted)
                        ? [CareMap.FollowUpTask(f, record.PersonId)] : (IEnumerable<Resource>)[],
                });
            foreach (var resource in found)
                FhirCommon.Add(bundle, resource, baseUrl);
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
                FhirCommon.Add(bundle, CareMap.Service(s), baseUrl);
            else if (type == "Schedule")
                FhirCommon.Add(bundle, CareMap.Schedule(s), baseUrl);
            else
                foreach (var d in s.Days.Where(d => (from is null || d.Date >= DateOnly.Parse(from, CultureInfo.InvariantCulture)) && (to is null || d.Date <= DateOnly.Parse(to, CultureInfo.InvariantCulture))))
                {
                    var slot = CareMap.DaySlot(s, d);
                    if (wanted is null || slot.Status == wanted)
                        FhirCommon.Add(bundle, slot, baseUrl);
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
}
