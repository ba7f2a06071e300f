using Homeward.Access;
using Homeward.Referrals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Matching;

/// <summary>What the hub decided about a referral held for a patient-matching decision.</summary>
public enum MatchStatus
{
    /// <summary>Waiting for someone at the hub to decide.</summary>
    Waiting,
    /// <summary>The same person: referred with the details held.</summary>
    SamePersonKeptHeld,
    /// <summary>The same person: referred, and the held record updated with the details sent.</summary>
    SamePersonUpdated,
    /// <summary>Not the person held for this NHS number: sent back to the referrer, nothing added to the record.</summary>
    NotThisPerson,
    /// <summary>The sender withdrew it before anyone decided.</summary>
    Withdrawn,
}

/// <summary>
/// A referral a sending system made for an NHS number Homeward holds, whose other details (date of birth, name, gender,
/// address) differ from the record held. It is kept apart, touching nothing in the held record, until someone at the
/// hub decides whether it is the same person: attaching it to the wrong person's record is a patient-safety risk, and
/// refusing it outright would leave the person without a referral. When decided "same person" the referral is stored
/// with this id, so the sender's link keeps working.
/// </summary>
public sealed class HeldReferral
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>The person held for the NHS number sent.</summary>
    public Guid HeldPersonId { get; init; }
    /// <summary>The name as sent, for the hub's queue and the sender's view.</summary>
    public required string SentName { get; init; }
    /// <summary>Which details differed when it came, in words ("the date of birth, the family name"): never the held values.</summary>
    public required string Differing { get; init; }
    /// <summary>The referral as sent (<see cref="SubmitReferral.Request"/> as JSON), with the time it was received.</summary>
    public required string RequestJson { get; init; }
    /// <summary>What else was sent with it (kept as received; attached to the referral when decided), as JSON.</summary>
    public string? SentWithJson { get; set; }
    /// <summary>The sending system's own reference, so a resend finds this and not a second hold.</summary>
    public string? SenderReference { get; init; }
    public Route Route { get; init; }
    public Urgency Urgency { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    /// <summary>Who sent it: the referral is stored as theirs when decided.</summary>
    public required string SenderUserId { get; init; }
    public required string SenderUserName { get; init; }
    public Role SenderRole { get; init; }
    public Guid SenderOrganisationId { get; init; }
    public MatchStatus Status { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    /// <summary>What the hub found and did (required when it is not the same person: what the referrer was told).</summary>
    public string? Note { get; set; }
    public int Version { get; set; } = 1;

    public Actor Sender(string correlationId) => new(SenderUserId, SenderUserName, SenderRole, SenderOrganisationId, correlationId);

    /// <summary>Keeps what was sent with it (the Patient and ServiceRequest as sent, supporting resources), as received.</summary>
    public void Keep(IEnumerable<SentItem> sent) => SentWithJson = System.Text.Json.JsonSerializer.Serialize(sent.ToList(), Common.Json.Options);

    public IReadOnlyList<SentItem> Sent() =>
        SentWithJson is null ? [] : System.Text.Json.JsonSerializer.Deserialize<List<SentItem>>(SentWithJson, Common.Json.Options)!;
}

/// <summary>One thing sent with a held referral: its type, the sender's id for it, a line in words, and the content as received.</summary>
public sealed record SentItem(string Type, string? SenderId, string Summary, string Content);

internal sealed class HeldReferralConfiguration : IEntityTypeConfiguration<HeldReferral>
{
    public void Configure(EntityTypeBuilder<HeldReferral> e)
    {
        e.ToTable("HeldReferrals");
        e.HasKey(h => h.Id);
        e.HasIndex(h => h.Status);
        e.HasIndex(h => h.SenderReference);
        e.HasIndex(h => h.HeldPersonId);
        e.HasOne<People.Person>().WithMany().HasForeignKey(h => h.HeldPersonId).OnDelete(DeleteBehavior.Restrict);
        e.Property(h => h.SentName).HasMaxLength(210);
        e.Property(h => h.SenderReference).HasMaxLength(300);
        e.Property(h => h.Differing).HasMaxLength(300);
        e.Property(h => h.SenderUserId).HasMaxLength(450);
        e.Property(h => h.SenderUserName).HasMaxLength(256);
        e.Property(h => h.DecidedBy).HasMaxLength(256);
        e.Property(h => h.Note).HasMaxLength(2000);
        e.Property(h => h.Version).IsConcurrencyToken();
    }
}
