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

/// <summary>Everything about one person as a collection Bundle: the Patient, referrals, episodes and care record.</summary>
public sealed class FhirExport(IServiceProvider services, FhirSearch search)
{
    private GetPerson People => services.GetRequiredService<GetPerson>();

    /// <summary>Everything Homeward holds about one person, as a collection Bundle: the Patient, referrals and episodes.</summary>
    public async Task<Bundle> Export(string nhsNumber, string baseUrl, Actor actor, CancellationToken ct) =>
        await FhirCommon.Guard(async () =>
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
            var care = new Bundle();
            await search.CareSearch(care, ["Encounter", "CarePlan", "Goal", "Observation", "Task"], person.NhsNumber, null, baseUrl, actor, ct);
            foreach (var entry in care.Entry)
                bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = entry.FullUrl, Resource = entry.Resource });
            return bundle;
        });
}
