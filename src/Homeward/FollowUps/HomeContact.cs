using Homeward.Care;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.FollowUps;

/// <summary>How the person was found at the contact after going home.</summary>
public enum HomeContactOutcome
{
    /// <summary>Reached; managing at home, knows who to call.</summary>
    WellAtHome,
    /// <summary>Reached; something was not right and the team acted (what they did is in the notes).</summary>
    ConcernsActedOn,
    /// <summary>Back in hospital.</summary>
    BackInHospital,
    /// <summary>Not reached after repeated attempts: the team goes round (said in the notes).</summary>
    NotReached,
}

/// <summary>Why the person went home, which started the 48-hour clock.</summary>
public enum WentHome
{
    /// <summary>Left hospital for home (pathway 0 or 1): the episode started.</summary>
    FromHospital,
    /// <summary>Left an intermediate care bed for their usual residence: the episode ended.</summary>
    FromABed,
}

/// <summary>
/// The safety net after going home: someone from the team contacts the person within <see cref="Hours"/> hours of
/// their getting home, whether or not a carer is visiting, to check they are managing and know who to call. Attempts
/// are kept; "not reached" needs at least <see cref="AttemptsBeforeNotReached"/> failed ones and says what the team
/// did instead. An open contact past its time is in Needs attention.
/// </summary>
public sealed class HomeContact
{
    public const int Hours = 48;
    public const int AttemptsBeforeNotReached = 2;

    private readonly List<HomeContactAttempt> _attempts = [];

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EpisodeId { get; init; }
    public Guid PersonId { get; init; }
    public WentHome WentHome { get; init; }
    public DateTimeOffset HomeAt { get; init; }
    public DateTimeOffset DueBy { get; init; }
    public HomeContactOutcome? Outcome { get; set; }
    public string? Notes { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedBy { get; set; }
    public int Version { get; set; } = 1;

    public IReadOnlyList<HomeContactAttempt> Attempts => _attempts;

    public void AddAttempt(HomeContactAttempt attempt) => _attempts.Add(attempt);

    public static HomeContact For(Guid episodeId, Guid personId, WentHome wentHome, DateTimeOffset homeAt) => new()
    {
        EpisodeId = episodeId, PersonId = personId, WentHome = wentHome, HomeAt = homeAt, DueBy = homeAt.AddHours(Hours),
    };
}

public sealed class HomeContactAttempt
{
    public long Id { get; init; }
    public Guid HomeContactId { get; init; }
    public DateTimeOffset At { get; init; }
    public bool Reached { get; init; }
    public string? Notes { get; init; }
    public required string By { get; init; }
}

public sealed class HomeContactConfiguration : IEntityTypeConfiguration<HomeContact>
{
    public void Configure(EntityTypeBuilder<HomeContact> e)
    {
        e.ToTable("HomeContacts");
        e.HasKey(c => c.Id);
        e.HasIndex(c => c.EpisodeId);
        e.HasIndex(c => new { c.CompletedAt, c.DueBy });
        e.Property(c => c.WentHome).HasConversion<string>().HasMaxLength(20);
        e.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(20);
        e.Property(c => c.Notes).HasMaxLength(2000);
        e.Property(c => c.CompletedBy).HasMaxLength(256);
        e.Property(c => c.Version).IsConcurrencyToken();
        e.HasMany(c => c.Attempts).WithOne().HasForeignKey(a => a.HomeContactId);
        e.Navigation(c => c.Attempts).HasField("_attempts").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class HomeContactAttemptConfiguration : IEntityTypeConfiguration<HomeContactAttempt>
{
    public void Configure(EntityTypeBuilder<HomeContactAttempt> e)
    {
        e.ToTable("HomeContactAttempts");
        e.HasKey(a => a.Id);
        e.Property(a => a.Notes).HasMaxLength(2000);
        e.Property(a => a.By).HasMaxLength(256);
    }
}

public sealed record HomeContactView(Guid Id, Guid EpisodeId, Guid PersonId, string? PersonName, WentHome WentHome, DateTimeOffset HomeAt,
    DateTimeOffset DueBy, bool Overdue, HomeContactOutcome? Outcome, string? Notes, DateTimeOffset? CompletedAt, string? CompletedBy,
    IReadOnlyList<AttemptView> Attempts, int Version)
{
    public static HomeContactView From(HomeContact c, string? name, DateTimeOffset now) => new(c.Id, c.EpisodeId, c.PersonId, name, c.WentHome, c.HomeAt,
        c.DueBy, c.Outcome is null && now > c.DueBy, c.Outcome, c.Notes, c.CompletedAt, c.CompletedBy,
        [.. c.Attempts.OrderBy(a => a.At).Select(a => new AttemptView(a.At, a.Reached, a.Notes, a.By))], c.Version);
}
