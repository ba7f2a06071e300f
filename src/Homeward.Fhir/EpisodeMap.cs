using System.Globalization;
using Hl7.Fhir.Model;
using Homeward.Episodes;

namespace Homeward.Fhir;

/// <summary>An episode as a UK Core EpisodeOfCare (read only: episodes change through their own steps).</summary>
public static class EpisodeMap
{
    public static EpisodeOfCare ToFhir(EpisodeView e)
    {
        var eoc = new EpisodeOfCare
        {
            Id = e.Id.ToString(),
            Meta = new Meta { VersionId = e.Version.ToString(CultureInfo.InvariantCulture), Profile = [FhirSystems.UkCoreEpisodeOfCare] },
            Identifier = [new Identifier(FhirSystems.EpisodeId, e.Id.ToString())],
            Status = StatusOf(e.Status),
            Patient = new ResourceReference($"Patient/{e.Person.Id}", e.Person.Name)
            {
                Identifier = e.Person.NhsNumber is { } nhs ? new Identifier(FhirSystems.NhsNumber, nhs) : null,
            },
            ReferralRequest = [new ResourceReference($"ServiceRequest/{e.ReferralId}")],
            Period = new Period
            {
                Start = (e.StartedAt ?? e.ReferredAt).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
                End = (e.EndedAt ?? e.CancelledAt ?? e.DeclinedAt)?.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            },
        };
        var type = new CodeableConcept();
        if (e.Service is { } service)
            type.Coding.Add(new Coding(FhirSystems.Service, service.ToString()));
        if (e.Pathway is { } pathway)
            type.Coding.Add(new Coding(FhirSystems.Pathway, pathway.ToString()));
        if (type.Coding.Count > 0)
            eoc.Type.Add(type);
        if (e.Sequel is { } sequel)
            eoc.Extension.Add(new Extension(FhirSystems.Base + "/StructureDefinition/sequel", new Coding(FhirSystems.Sequel, sequel.ToString())));
        if (e.Destination is { } destination)
            eoc.Extension.Add(new Extension(FhirSystems.Base + "/StructureDefinition/destination", new Coding(FhirSystems.Destination, destination.ToString())));
        return eoc;
    }

    public static EpisodeOfCare.EpisodeOfCareStatus StatusOf(EpisodeStatus status) => status switch
    {
        EpisodeStatus.Waiting => EpisodeOfCare.EpisodeOfCareStatus.Waitlist,
        EpisodeStatus.Active => EpisodeOfCare.EpisodeOfCareStatus.Active,
        EpisodeStatus.Ended => EpisodeOfCare.EpisodeOfCareStatus.Finished,
        EpisodeStatus.Declined or EpisodeStatus.Cancelled => EpisodeOfCare.EpisodeOfCareStatus.Cancelled,
        _ => EpisodeOfCare.EpisodeOfCareStatus.Planned,
    };

    public static IReadOnlyList<EpisodeStatus> StatusesOf(EpisodeOfCare.EpisodeOfCareStatus status) =>
        [.. Enum.GetValues<EpisodeStatus>().Where(s => StatusOf(s) == status)];
}
