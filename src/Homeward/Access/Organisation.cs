namespace Homeward.Access;

public enum OrganisationKind
{
    Council,
    CommunityTrust,
    AcuteTrust,
    CareProvider,
    Voluntary,
}

/// <summary>A member organisation of the partnership, identified nationally by its ODS code.</summary>
public sealed class Organisation
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string OdsCode { get; init; }
    public required string Name { get; set; }
    public OrganisationKind Kind { get; set; }
}

/// <summary>A locality of the partnership (a place-based area the hub and services are organised by).</summary>
public sealed class Locality
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    /// <summary>Residents of the locality (for rates per head of population).</summary>
    public int Population { get; set; }
}
