using Homeward.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Carers;

/// <summary>Whether the unpaid carer is willing to go on caring, in their own words summarised.</summary>
public enum CarerWillingness { Willing, WillingWithSupport, NotWilling }

/// <summary>Whether the unpaid carer is able to care, as they see it (their health, work, other caring).</summary>
public enum CarerAbility { Able, AbleWithSupport, NotAble }

/// <summary>What the carer said when offered a carer's assessment (Care Act 2014 s10).</summary>
public enum AssessmentOffer
{
    /// <summary>They want one: a referral goes to the council (its carers' team or commissioned carers' centre).</summary>
    Accepted,
    Declined,
    /// <summary>They already have one, or one under way.</summary>
    AlreadyHasOne,
}

/// <summary>The steps of involving an unpaid carer, each recorded with when and by whom.</summary>
public enum InvolvementStep { Identified, Asked, Informed, AssessmentOffered }

/// <summary>
/// How the unpaid carer of a person in an episode was involved, as the hospital discharge guidance (Health and Care Act
/// 2022, and the statutory guidance on discharge) asks: identified; asked whether they are willing and able to care, and
/// the answer recorded; given information; offered a carer's assessment (a referral to the council when they want one);
/// and how they would like to be contacted. One per episode; each step dated and signed.
/// </summary>
public sealed class CarerInvolvement
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EpisodeId { get; init; }
    public Guid PersonId { get; init; }

    public required string Name { get; set; }
    public required string Relationship { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public ContactPreference ContactPreference { get; set; }
    public DateTimeOffset IdentifiedAt { get; set; }
    public required string IdentifiedBy { get; set; }

    public CarerWillingness? Willingness { get; set; }
    public CarerAbility? Ability { get; set; }
    public string? AskedNotes { get; set; }
    public DateTimeOffset? AskedAt { get; set; }
    public string? AskedBy { get; set; }

    /// <summary>What they were given: leaflets, the plan, who to call.</summary>
    public string? InformationGiven { get; set; }
    public DateTimeOffset? InformedAt { get; set; }
    public string? InformedBy { get; set; }

    public AssessmentOffer? AssessmentOffer { get; set; }
    /// <summary>Where the referral for a carer's assessment went (the council's carers' team, a carers' centre).</summary>
    public string? AssessmentReferredTo { get; set; }
    public DateTimeOffset? OfferedAt { get; set; }
    public string? OfferedBy { get; set; }

    public int Version { get; set; } = 1;

    /// <summary>Involved, in the sense the figure counts: asked about willingness and ability, and given information.</summary>
    public bool Involved => AskedAt is not null && InformedAt is not null;

    /// <summary>A different carer named: what was recorded of the earlier one no longer applies.</summary>
    public void Reidentify(string name, string relationship, string? phone, string? email, ContactPreference preference, DateTimeOffset at, string by)
    {
        if (!string.Equals(Name, name, StringComparison.OrdinalIgnoreCase))
        {
            (Willingness, Ability, AskedNotes, AskedAt, AskedBy) = (null, null, null, null, null);
            (InformationGiven, InformedAt, InformedBy) = (null, null, null);
            (AssessmentOffer, AssessmentReferredTo, OfferedAt, OfferedBy) = (null, null, null, null);
            (IdentifiedAt, IdentifiedBy) = (at, by);
        }
        (Name, Relationship, Phone, Email, ContactPreference) = (name, relationship, phone, email, preference);
    }
}

public sealed class CarerInvolvementConfiguration : IEntityTypeConfiguration<CarerInvolvement>
{
    public void Configure(EntityTypeBuilder<CarerInvolvement> e)
    {
        e.ToTable("CarerInvolvements");
        e.HasKey(c => c.Id);
        e.HasIndex(c => c.EpisodeId).IsUnique();
        e.HasIndex(c => c.PersonId);
        e.Property(c => c.Name).HasMaxLength(200);
        e.Property(c => c.Relationship).HasMaxLength(100);
        e.Property(c => c.Phone).HasMaxLength(40);
        e.Property(c => c.Email).HasMaxLength(254);
        e.Property(c => c.ContactPreference).HasConversion<string>().HasMaxLength(30);
        e.Property(c => c.Willingness).HasConversion<string>().HasMaxLength(30);
        e.Property(c => c.Ability).HasConversion<string>().HasMaxLength(30);
        e.Property(c => c.AssessmentOffer).HasConversion<string>().HasMaxLength(30);
        e.Property(c => c.AskedNotes).HasMaxLength(1000);
        e.Property(c => c.InformationGiven).HasMaxLength(1000);
        e.Property(c => c.AssessmentReferredTo).HasMaxLength(200);
        e.Property(c => c.IdentifiedBy).HasMaxLength(256);
        e.Property(c => c.AskedBy).HasMaxLength(256);
        e.Property(c => c.InformedBy).HasMaxLength(256);
        e.Property(c => c.OfferedBy).HasMaxLength(256);
        e.Property(c => c.Version).IsConcurrencyToken();
    }
}

/// <summary>The carer involvement as the care record shows it.</summary>
public sealed record CarerInvolvementView(string Name, string Relationship, string? Phone, string? Email, ContactPreference ContactPreference,
    DateTimeOffset IdentifiedAt, string IdentifiedBy, CarerWillingness? Willingness, CarerAbility? Ability, string? AskedNotes, DateTimeOffset? AskedAt,
    string? AskedBy, string? InformationGiven, DateTimeOffset? InformedAt, string? InformedBy, AssessmentOffer? AssessmentOffer,
    string? AssessmentReferredTo, DateTimeOffset? OfferedAt, string? OfferedBy, bool Involved, int Version)
{
    public static CarerInvolvementView From(CarerInvolvement c) => new(c.Name, c.Relationship, c.Phone, c.Email, c.ContactPreference, c.IdentifiedAt,
        c.IdentifiedBy, c.Willingness, c.Ability, c.AskedNotes, c.AskedAt, c.AskedBy, c.InformationGiven, c.InformedAt, c.InformedBy, c.AssessmentOffer,
        c.AssessmentReferredTo, c.OfferedAt, c.OfferedBy, c.Involved, c.Version);
}
