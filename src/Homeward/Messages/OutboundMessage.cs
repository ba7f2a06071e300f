using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Messages;

public enum MessageChannel { Email, Text }

/// <summary>Why a message went to a person or their family.</summary>
public enum MessageReason
{
    /// <summary>A one-time code to sign in to "Your care".</summary>
    SignInCode,
    /// <summary>A visit's time changed by more than the window allows.</summary>
    VisitTimeChanged,
    /// <summary>A carer could not visit.</summary>
    VisitMissed,
    /// <summary>Support ends soon (the plan's last day is near).</summary>
    SupportEndingSoon,
    /// <summary>The episode ended.</summary>
    SupportEnded,
}

/// <summary>
/// A message to a person, or to someone they agreed may hear about their care, by e-mail (the partnership's SMTP relay)
/// or text (GOV.UK Notify). Written in the same transaction as the change it tells of, then sent by
/// <see cref="SendMessages"/>: a relay that is down delays a message, never loses it. A message that fails
/// <see cref="MaxAttempts"/> times is given up and says why.
/// </summary>
public sealed class OutboundMessage
{
    public const int MaxAttempts = 5;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid? PersonId { get; init; }
    public MessageChannel Channel { get; init; }
    public required string To { get; init; }
    public string? Subject { get; init; }
    public required string Body { get; init; }
    public MessageReason Reason { get; init; }
    /// <summary>What the message is about (a visit, an episode), so the same change is never told twice.</summary>
    public string? About { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>A sender working on it until then (several instances share the outbox).</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? GivenUpAt { get; set; }
    /// <summary>The provider's id for it (GOV.UK Notify's notification id).</summary>
    public string? ProviderReference { get; set; }
}

public sealed class OutboundMessageConfiguration : IEntityTypeConfiguration<OutboundMessage>
{
    public void Configure(EntityTypeBuilder<OutboundMessage> e)
    {
        e.ToTable("OutboundMessages");
        e.HasKey(m => m.Id);
        e.HasIndex(m => new { m.SentAt, m.GivenUpAt, m.CreatedAt });
        e.HasIndex(m => new { m.PersonId, m.CreatedAt });
        e.HasIndex(m => new { m.Reason, m.About, m.To });
        e.Property(m => m.Channel).HasConversion<string>().HasMaxLength(10);
        e.Property(m => m.Reason).HasConversion<string>().HasMaxLength(30);
        e.Property(m => m.To).HasMaxLength(254);
        e.Property(m => m.Subject).HasMaxLength(200);
        e.Property(m => m.Body).HasMaxLength(2000);
        e.Property(m => m.About).HasMaxLength(64);
        e.Property(m => m.LastError).HasMaxLength(500);
        e.Property(m => m.ProviderReference).HasMaxLength(64);
    }
}
