using System.Linq.Expressions;

namespace Homeward.Access;

/// <summary>What a privacy officer concluded about one break-glass access.</summary>
public enum BreakGlassVerdict
{
    /// <summary>The stated reason stands: the access was needed.</summary>
    Justified,
    /// <summary>The access was not justified, or needs following up with the user and their organisation.</summary>
    Concern,
}

/// <summary>
/// Access to one person's record outside the user's relationship with them, taken in an emergency with a stated reason,
/// for a limited time. While it lasts the user may open that person's record (not find them in lists), every read is
/// audited as <c>Emergency</c>, and it waits in the privacy officer's review list until reviewed.
/// </summary>
public sealed class BreakGlassAccess
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string UserId { get; init; }
    public required string UserName { get; init; }
    public Role Role { get; init; }
    public Guid OrganisationId { get; init; }
    public Guid PersonId { get; init; }
    public required string Reason { get; init; }
    /// <summary>Why the record must be changed, not only read; without one the access reads only.</summary>
    public string? ChangeReason { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    /// <summary>When the user closed it before it expired.</summary>
    public DateTimeOffset? EndedAt { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewedBy { get; set; }
    public BreakGlassVerdict? Verdict { get; set; }
    public string? ReviewNote { get; set; }

    /// <summary>When access under it stops: the user's own end, or the time limit.</summary>
    public DateTimeOffset Until => EndedAt is { } e && e < ExpiresAt ? e : ExpiresAt;

    public bool IsActive(DateTimeOffset now) => StartedAt <= now && now < Until;

    /// <summary>The same test as <see cref="IsActive"/>, for a database query.</summary>
    public static Expression<Func<BreakGlassAccess, bool>> OpenAt(DateTimeOffset now) =>
        b => b.StartedAt <= now && b.ExpiresAt > now && (b.EndedAt == null || b.EndedAt > now);
}
