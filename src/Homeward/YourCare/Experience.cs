using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.YourCare;

/// <summary>How far the person agrees with an "I" statement about their support.</summary>
public enum Agreement { StronglyAgree, Agree, Neither, Disagree, StronglyDisagree, DoesNotApply }

/// <summary>The NHS Friends and Family Test's answer to "Overall, how was your experience of our service?".</summary>
public enum Overall { VeryGood, Good, NeitherGoodNorPoor, Poor, VeryPoor, DontKnow }

/// <summary>Who answered.</summary>
public enum AnsweredBy { ThePerson, FamilyOrCarer, StaffOnTheirBehalf }

/// <summary>
/// The person's view of the service at the end of an episode: the NHS Friends and Family Test question, and five
/// person-centred "I" statements in Homeward's own words (about decisions, what matters, who to contact, being able to
/// do what matters, and the family being listened to), with what could have been better. One per episode; answered on
/// "Your care" by the person or a family member, or recorded by staff from a paper or phone answer.
/// </summary>
public sealed class ExperienceResponse
{
    /// <summary>The statements, in order, as asked.</summary>
    public static readonly IReadOnlyList<(string Field, string Statement)> Statements =
    [
        ("involved", "I was involved in decisions about my support"),
        ("knewWhatMatters", "The people supporting me knew what matters to me"),
        ("knewWhoToContact", "I knew who to contact if I needed help"),
        ("moreAble", "I feel more able to do the things that matter to me"),
        ("familyListened", "My family or carer was listened to"),
    ];

    public const string OverallQuestion = "Overall, how was your experience of our service?";

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EpisodeId { get; init; }
    public Guid PersonId { get; init; }
    public DateTimeOffset At { get; init; }
    public AnsweredBy AnsweredBy { get; init; }
    /// <summary>Who recorded it: the staff user, or how the public signed in.</summary>
    public required string RecordedBy { get; init; }
    public Overall Overall { get; init; }
    public Agreement Involved { get; init; }
    public Agreement KnewWhatMatters { get; init; }
    public Agreement KnewWhoToContact { get; init; }
    public Agreement MoreAble { get; init; }
    public Agreement FamilyListened { get; init; }
    public string? Better { get; init; }

    /// <summary>A positive answer to the Friends and Family Test: very good or good.</summary>
    public static bool Positive(Overall overall) => overall is Overall.VeryGood or Overall.Good;
}

public sealed class ExperienceResponseConfiguration : IEntityTypeConfiguration<ExperienceResponse>
{
    public void Configure(EntityTypeBuilder<ExperienceResponse> e)
    {
        e.ToTable("ExperienceResponses");
        e.HasKey(r => r.Id);
        e.HasIndex(r => r.EpisodeId).IsUnique();
        e.HasIndex(r => r.At);
        foreach (var p in new[] { nameof(ExperienceResponse.AnsweredBy), nameof(ExperienceResponse.Overall), nameof(ExperienceResponse.Involved),
                     nameof(ExperienceResponse.KnewWhatMatters), nameof(ExperienceResponse.KnewWhoToContact), nameof(ExperienceResponse.MoreAble),
                     nameof(ExperienceResponse.FamilyListened) })
            e.Property(p).HasConversion<string>().HasMaxLength(30);
        e.Property(r => r.RecordedBy).HasMaxLength(320);
        e.Property(r => r.Better).HasMaxLength(2000);
    }
}
