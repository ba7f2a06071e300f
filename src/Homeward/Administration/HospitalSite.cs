namespace Homeward.Administration;

/// <summary>
/// A hospital site of an acute or community trust, with its wards: where discharges come from. Referrals name the site
/// and ward; the referral form offers these.
/// </summary>
public sealed class HospitalSite
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    /// <summary>The site's ODS code (<c>RXX01</c>), upper case; its identity.</summary>
    public required string SiteCode { get; init; }
    public required string Name { get; set; }
    public List<string> Wards { get; set; } = [];
    public bool Active { get; set; } = true;
    public int Version { get; set; } = 1;
}

/// <summary>The partnership this Homeward serves: its name, shown on every page and in the returns. One row.</summary>
public sealed class Partnership
{
    public static readonly Guid TheId = new("00000000-0000-0000-0000-000000000001");
    public Guid Id { get; init; } = TheId;
    public required string Name { get; set; }
    /// <summary>The council with adult social care responsibility, whose returns these are (ODS code).</summary>
    public string? CouncilOdsCode { get; set; }
    /// <summary>The single point of access: the number people and families call when their team cannot be reached.</summary>
    public string? Phone { get; set; }
    public int Version { get; set; } = 1;
}
