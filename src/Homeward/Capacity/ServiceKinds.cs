using Homeward.Triage;

namespace Homeward.Capacity;

/// <summary>Which kinds of service can give the care a person was triaged to.</summary>
public static class ServiceKinds
{
    public static List<ServiceKind> For(Service service) => service switch
    {
        Service.BedBasedIntermediateCare => [ServiceKind.CommunityBedUnit],
        Service.CareHomePlacement => [ServiceKind.CareHome],
        Service.HomeBasedIntermediateCare => [ServiceKind.HomeBasedTherapy],
        Service.UrgentCommunityResponse => [ServiceKind.RapidResponseTeam],
        Service.NoNewSupport => [],
        _ => [ServiceKind.ReablementTeam, ServiceKind.HomeCareProvider],
    };

    /// <summary>
    /// The service that would take someone of this locality: of the kinds in their order of preference (a
    /// reablement team before a home care provider), one covering the locality, else any of the right kind.
    /// </summary>
    public static CareService? Fitting(IEnumerable<CareService> services, Service service, Guid? locality)
    {
        var kinds = For(service);
        var candidates = services.Where(s => kinds.Contains(s.Kind)).OrderBy(s => kinds.IndexOf(s.Kind)).ToList();
        return candidates.FirstOrDefault(s => s.Localities.Any(l => l.LocalityId == locality)) ?? candidates.FirstOrDefault();
    }
}
