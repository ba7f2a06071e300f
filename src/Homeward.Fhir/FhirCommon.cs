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

/// <summary>What every FHIR interaction shares: the types served, the one translation of refusals, bundle entries and links.</summary>
public static class FhirCommon
{
    public static readonly string[] Types =
        ["Patient", "ServiceRequest", "EpisodeOfCare", "CarePlan", "Goal", "Observation", "Task", "Encounter", "HealthcareService", "Schedule", "Slot"];

    /// <summary>The domain's refusals as FHIR answers.</summary>
    /// <remarks>Through <see cref="FhirRefusals"/>; a read's or search's own field problems are its parameters: 400, not 422.</remarks>
    internal static async Task<T> Guard<T>(Func<Task<T>> action)
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

    /// <summary>The Homeward id a reference to a Patient names (<c>Patient/{id}</c>); null for anything else.</summary>
    internal static Guid? PatientId(string? reference) =>
        reference is not null && reference.StartsWith("Patient/", StringComparison.Ordinal) && Guid.TryParse(reference["Patient/".Length..], out var id) ? id : null;

    internal static FhirException Unsupported(string type) =>
        new(404, [new FhirProblem("", $"Homeward does not serve {type}: it serves {string.Join(", ", FhirCommon.Types)}.", OperationOutcome.IssueType.NotSupported)]);

    internal static void Add(Bundle bundle, Resource resource, string baseUrl) =>
        bundle.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = $"{baseUrl}/{resource.TypeName}/{resource.Id}",
            Resource = resource,
            Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
        });

    internal static void Link(Bundle bundle, string baseUrl, string type, IReadOnlyDictionary<string, string[]> query, int page, int count, int total)
    {
        string Url(int p) => $"{baseUrl}/{type}?" + string.Join("&", query.Where(q => q.Key != "_page")
            .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v)}")).Append($"_page={p}"));
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = Url(page) });
        if (page * count < total)
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = Url(page + 1) });
    }
}
