using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Retention.Disposal;

/// <summary>What the privacy officer decided about a record due for review.</summary>
public enum DisposalDecision
{
    /// <summary>Kept until a day, for a reason (a complaint, an inquiry, a safeguarding concern, a legal hold).</summary>
    Keep,
    /// <summary>Destroyed: the person's record is erased; this row is the register of what was destroyed.</summary>
    Dispose,
}

/// <summary>
/// A privacy officer's decision on a person's record that the retention schedule brought up for review. A record kept
/// comes up again once its day has passed. A record disposed of is erased, and this row stays as the register of
/// destruction the Records Management Code of Practice asks for: which record (by its id, as the audit trail names it,
/// never by the person's name or NHS number), what was in it, when, by whom and on what authority.
/// </summary>
public sealed class DisposalReview
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PersonId { get; init; }
    public DisposalDecision Decision { get; init; }
    /// <summary>Why: for a record kept, what it is kept for; for one destroyed, the authority and the checks made.</summary>
    public required string Reason { get; init; }
    /// <summary>For a record kept: the day it comes up for review again.</summary>
    public DateOnly? KeepUntil { get; init; }
    /// <summary>For a record destroyed: what was erased, kind by kind ("2 referrals, 2 episodes, 31 visits").</summary>
    public string? Erased { get; init; }
    /// <summary>The day the last of the person's care ended (what made the record due).</summary>
    public DateOnly CareEndedOn { get; init; }
    public DateTimeOffset DecidedAt { get; init; }
    public required string DecidedById { get; init; }
    public required string DecidedBy { get; init; }
}

internal sealed class DisposalReviewConfiguration : IEntityTypeConfiguration<DisposalReview>
{
    public void Configure(EntityTypeBuilder<DisposalReview> e)
    {
        e.ToTable("DisposalReviews");
        e.HasKey(r => r.Id);
        e.Property(r => r.Reason).HasMaxLength(2000);
        e.Property(r => r.Erased).HasMaxLength(2000);
        e.Property(r => r.DecidedById).HasMaxLength(64);
        e.Property(r => r.DecidedBy).HasMaxLength(256);
        e.HasIndex(r => new { r.PersonId, r.DecidedAt });
    }
}
