using Homeward.Attention;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Alerts;

/// <summary>
/// That an item needing attention has been alerted to the team mailbox: one row an item, written before the mail goes
/// (its unique key is the claim, so of several instances only one sends), kept when it went, dropped when it failed so
/// the next round tries again.
/// </summary>
public sealed class AlertSent
{
    public long Id { get; init; }
    public AttentionKind Kind { get; init; }
    public Guid SubjectId { get; init; }
    public DateTimeOffset ClaimedAt { get; init; }
    public DateTimeOffset? SentAt { get; set; }
}

internal sealed class AlertSentConfiguration : IEntityTypeConfiguration<AlertSent>
{
    public void Configure(EntityTypeBuilder<AlertSent> e)
    {
        e.ToTable("AlertsSent");
        e.HasIndex(a => new { a.Kind, a.SubjectId }).IsUnique();
    }
}
