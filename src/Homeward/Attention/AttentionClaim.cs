using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Attention;

public enum AttentionState { Open, Taken, Done }

/// <summary>
/// Who has taken an item that needs attention, or that it is done: one row per item (its kind and what it is about),
/// changed as people take, hand back and finish it. Items themselves are worked out from the records each time; an
/// item with no claim is open.
/// </summary>
public sealed class AttentionClaim
{
    public long Id { get; init; }
    public AttentionKind Kind { get; init; }
    /// <summary>What the item is about: the episode, booking, visit or follow-up.</summary>
    public Guid SubjectId { get; init; }
    public AttentionState State { get; set; }
    public string OwnerUserId { get; set; } = "";
    public string OwnerName { get; set; } = "";
    public DateTimeOffset ChangedAt { get; set; }
    public int Version { get; set; } = 1;
}

internal sealed class AttentionClaimConfiguration : IEntityTypeConfiguration<AttentionClaim>
{
    public void Configure(EntityTypeBuilder<AttentionClaim> e)
    {
        e.ToTable("AttentionClaims");
        e.HasIndex(c => new { c.Kind, c.SubjectId }).IsUnique();
        e.Property(c => c.OwnerUserId).HasMaxLength(450);
        e.Property(c => c.OwnerName).HasMaxLength(200);
        e.Property(c => c.Version).IsConcurrencyToken();
    }
}
