using Homeward.Triage;

namespace Homeward.FollowUps;

/// <summary>Where the person was 91 days after leaving hospital (ASCOF 2B(1)).</summary>
public enum FollowUpResult
{
    /// <summary>At home: their own home, extra care housing or an adult placement.</summary>
    AtHome,
    InHospital,
    /// <summary>In a care home, other than a brief respite stay.</summary>
    InCareHome,
    Died,
    /// <summary>Could not be reached after repeated attempts; counts as not at home.</summary>
    NotContactable,
}

/// <summary>
/// The 91-day follow-up: for a person 65 or over discharged from hospital into reablement or rehabilitation,
/// a task falls due 91 days after discharge to find out whether they are still at home. Attempts to reach
/// them are recorded; "not contactable" needs at least <see cref="AttemptsBeforeNotContactable"/> failed ones.
/// </summary>
public sealed class FollowUp
{
    public const int Days = 91;
    public const int Age = 65;
    public const int AttemptsBeforeNotContactable = 2;

    private readonly List<FollowUpAttempt> _attempts = [];

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EpisodeId { get; init; }
    public Guid PersonId { get; init; }
    public DateOnly DischargedOn { get; init; }
    public DateOnly DueOn { get; init; }
    public FollowUpResult? Result { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedBy { get; set; }
    public string? Notes { get; set; }
    public int Version { get; set; } = 1;

    public IReadOnlyList<FollowUpAttempt> Attempts => _attempts;

    public void AddAttempt(FollowUpAttempt attempt) => _attempts.Add(attempt);

    /// <summary>Reablement or rehabilitation at home or in a bed, after a hospital stay, for someone 65 or over.</summary>
    public static bool Applies(Service? service, bool fromHospital, int ageAtDischarge) =>
        fromHospital && ageAtDischarge >= Age
        && service is Service.Reablement or Service.HomeBasedIntermediateCare or Service.BedBasedIntermediateCare;

    public static FollowUp For(Guid episodeId, Guid personId, DateOnly dischargedOn) =>
        new() { EpisodeId = episodeId, PersonId = personId, DischargedOn = dischargedOn, DueOn = dischargedOn.AddDays(Days) };
}

public sealed class FollowUpAttempt
{
    public long Id { get; init; }
    public Guid FollowUpId { get; init; }
    public DateTimeOffset At { get; init; }
    public bool Reached { get; init; }
    public string? Notes { get; init; }
    public required string By { get; init; }
}
