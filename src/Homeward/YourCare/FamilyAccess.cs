using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.YourCare;

/// <summary>On what footing someone other than the person may see their care.</summary>
public enum ConsentBasis
{
    /// <summary>The person agreed, and said so to a member of staff.</summary>
    PersonAgreed,
    /// <summary>The family member holds a Lasting Power of Attorney for health and welfare.</summary>
    LastingPowerOfAttorney,
    /// <summary>The person lacks capacity to decide; a best-interest decision was made (Mental Capacity Act 2005).</summary>
    BestInterestDecision,
}

/// <summary>
/// A named family member or unpaid carer the person agreed may see their care in "Your care", and be told when something
/// changes: who they are, how they sign in (their e-mail address or mobile number, or NHS login with that e-mail), and
/// the consent, with who recorded it and when. Withdrawn consent ends the access at once; the record stays.
/// </summary>
public sealed class FamilyAccess
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PersonId { get; init; }
    public required string Name { get; set; }
    public required string Relationship { get; set; }
    public string? Email { get; set; }
    /// <summary>Digits only, in UK national form (07…).</summary>
    public string? MobilePhone { get; set; }
    /// <summary>They are told when a visit's time changes, a visit is missed, or support ends.</summary>
    public bool Messages { get; set; }
    public ConsentBasis Basis { get; set; }
    /// <summary>How and when the consent was given, in the recorder's words.</summary>
    public required string ConsentNotes { get; set; }
    public DateTimeOffset GrantedAt { get; init; }
    public required string GrantedBy { get; init; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public string? WithdrawnBy { get; set; }
    public string? WithdrawnReason { get; set; }

    public bool Active => WithdrawnAt is null;
}

public sealed class FamilyAccessConfiguration : IEntityTypeConfiguration<FamilyAccess>
{
    public void Configure(EntityTypeBuilder<FamilyAccess> e)
    {
        e.ToTable("FamilyAccesses");
        e.HasKey(f => f.Id);
        e.HasIndex(f => f.PersonId);
        e.HasIndex(f => f.Email);
        e.HasIndex(f => f.MobilePhone);
        e.Property(f => f.Name).HasMaxLength(200);
        e.Property(f => f.Relationship).HasMaxLength(100);
        e.Property(f => f.Email).HasMaxLength(254);
        e.Property(f => f.MobilePhone).HasMaxLength(20);
        e.Property(f => f.Basis).HasConversion<string>().HasMaxLength(30);
        e.Property(f => f.ConsentNotes).HasMaxLength(500);
        e.Property(f => f.GrantedBy).HasMaxLength(256);
        e.Property(f => f.WithdrawnBy).HasMaxLength(256);
        e.Property(f => f.WithdrawnReason).HasMaxLength(500);
    }
}

public sealed record FamilyAccessView(Guid Id, string Name, string Relationship, string? Email, string? MobilePhone, bool Messages, ConsentBasis Basis,
    string ConsentNotes, DateTimeOffset GrantedAt, string GrantedBy, DateTimeOffset? WithdrawnAt, string? WithdrawnBy, string? WithdrawnReason)
{
    public static FamilyAccessView From(FamilyAccess f) => new(f.Id, f.Name, f.Relationship, f.Email, f.MobilePhone, f.Messages, f.Basis, f.ConsentNotes,
        f.GrantedAt, f.GrantedBy, f.WithdrawnAt, f.WithdrawnBy, f.WithdrawnReason);
}

/// <summary>
/// One look at "Your care" by the person or someone they agreed may see it: kept for ever, shown to the person on the
/// page itself ("Who has looked at this page") and to staff on the person's record.
/// </summary>
public sealed class PublicView
{
    public long Id { get; init; }
    public Guid PersonId { get; init; }
    public DateTimeOffset At { get; init; }
    /// <summary>"You", or the family member's name and relationship.</summary>
    public required string Viewer { get; init; }
    public Guid? FamilyAccessId { get; init; }
    /// <summary>How they signed in: NHS login, a code by e-mail, a code by text.</summary>
    public required string Via { get; init; }
    public required string CorrelationId { get; init; }
}

public sealed class PublicViewConfiguration : IEntityTypeConfiguration<PublicView>
{
    public void Configure(EntityTypeBuilder<PublicView> e)
    {
        e.ToTable("PublicViews");
        e.HasKey(v => v.Id);
        e.HasIndex(v => new { v.PersonId, v.At });
        e.Property(v => v.Viewer).HasMaxLength(320);
        e.Property(v => v.Via).HasMaxLength(40);
        e.Property(v => v.CorrelationId).HasMaxLength(64);
    }
}
