namespace Homeward.Access;

public enum OrganisationKind
{
    Council,
    CommunityTrust,
    AcuteTrust,
    CareProvider,
    Voluntary,
    GpPractice,
    /// <summary>The integrated care board (commissioner).</summary>
    IntegratedCareBoard,
}

/// <summary>A member organisation of the partnership, identified nationally by its ODS code.</summary>
public sealed class Organisation
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>The Organisation Data Service code (upper case); the organisation's identity, never changed.</summary>
    public required string OdsCode { get; init; }
    public required string Name { get; set; }
    public OrganisationKind Kind { get; set; }
    /// <summary>Still a member: a member that has left keeps its history but takes no new users, services or sites.</summary>
    public bool Active { get; set; } = true;
    /// <summary>Rises by one on every change; the record's ETag.</summary>
    public int Version { get; set; } = 1;
}

/// <summary>
/// A locality of the partnership (a place-based area the hub and services are organised by), and the postcode areas,
/// districts and sectors that make it up: a home is in the locality whose postcode rule matches it most closely.
/// </summary>
public sealed class Locality
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    /// <summary>Residents of the locality (for rates per head of population).</summary>
    public int Population { get; set; }
    /// <summary>Postcode areas (<c>NV</c>), districts (<c>NV1</c>) or sectors (<c>NV1 2</c>) in the locality, in normal form.</summary>
    public List<string> Postcodes { get; set; } = [];
    public int Version { get; set; } = 1;
}
