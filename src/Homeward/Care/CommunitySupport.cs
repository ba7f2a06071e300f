namespace Homeward.Care;

public enum SupportNeed { Food, Medicines, Company, MoneyAdvice, Transport, Housing, CarerSupport, Other }

public enum SupportAction
{
    /// <summary>The person was told about the organisation and how to reach it.</summary>
    Signposted,
    /// <summary>The service referred the person to the organisation.</summary>
    Referred,
}

/// <summary>A signpost or referral to a local voluntary or community organisation.</summary>
public sealed class CommunitySupport
{
    public long Id { get; init; }
    public Guid EpisodeId { get; init; }
    public SupportNeed Need { get; init; }
    public SupportAction Action { get; init; }
    public required string Organisation { get; init; }
    public string? Notes { get; init; }
    public DateTimeOffset At { get; init; }
    public required string By { get; init; }
}
