namespace Homeward.Triage;

/// <summary>Discharge to assess pathways (DHSC hospital discharge guidance).</summary>
public enum Pathway
{
    /// <summary>Home or usual residence with no new support.</summary>
    P0,
    /// <summary>Home with new, more or restarted support.</summary>
    P1,
    /// <summary>A community bed for rehabilitation or assessment, then home.</summary>
    P2,
    /// <summary>A new placement in a care home, likely long term.</summary>
    P3,
}

/// <summary>The service a person is triaged to (NICE NG74 models, plus the two ends of the range).</summary>
public enum Service
{
    /// <summary>Home with no new support (P0).</summary>
    NoNewSupport,
    /// <summary>2-hour urgent community response (crisis response).</summary>
    UrgentCommunityResponse,
    Reablement,
    HomeBasedIntermediateCare,
    BedBasedIntermediateCare,
    /// <summary>A new care home placement (P3).</summary>
    CareHomePlacement,
}

public static class HomeFirst
{
    /// <summary>Home First: any pathway or service that is not home needs a recorded reason.</summary>
    public static bool NeedsReason(Service service, Pathway? pathway) =>
        pathway is Pathway.P2 or Pathway.P3 || service is Service.BedBasedIntermediateCare or Service.CareHomePlacement;

    /// <summary>Why a service and pathway do not go together, or null when they do.</summary>
    public static string? Mismatch(Service service, Pathway pathway)
    {
        var fits = service switch
        {
            Service.NoNewSupport => pathway == Pathway.P0,
            Service.UrgentCommunityResponse or Service.Reablement or Service.HomeBasedIntermediateCare => pathway == Pathway.P1,
            Service.BedBasedIntermediateCare => pathway == Pathway.P2,
            Service.CareHomePlacement => pathway == Pathway.P3,
            _ => false,
        };
        if (fits)
            return null;
        var expected = service switch
        {
            Service.NoNewSupport => "P0",
            Service.BedBasedIntermediateCare => "P2",
            Service.CareHomePlacement => "P3",
            _ => "P1",
        };
        return $"{service} is pathway {expected}, not {pathway}.";
    }
}
