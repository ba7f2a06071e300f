namespace Homeward.Care;

/// <summary>
/// The plan agreed with the person (NICE QS173): what the service will and will not do, the dates, the home
/// visit pattern (none for bed-based care), how often progress is reviewed, and the transition plan for when
/// support ends. Saving a plan lays out its visits and reviews; changing it lays out the future again.
/// </summary>
public sealed class CarePlan
{
    public const int LongestDays = 84;

    public Guid EpisodeId { get; init; }
    public required string WillDo { get; set; }
    public required string WillNotDo { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    /// <summary>Home visits a day on the first day, tapering in a straight line to <see cref="VisitsAtEnd"/>; 0 for none.</summary>
    public int VisitsAtStart { get; set; }
    public int VisitsAtEnd { get; set; }
    public int MinutesPerVisit { get; set; }
    public bool DoubleHanded { get; set; }
    /// <summary>A skill every visit needs (one of <see cref="Rotas.CareSkills.All"/>), or null for none.</summary>
    public string? Skill { get; set; }
    public int ReviewEveryDays { get; set; }
    public required string TransitionPlan { get; set; }
    /// <summary>What carers do at visits, a line each, optionally led by the times of day (<see cref="PlanTasks"/>).</summary>
    public string? Tasks { get; set; }
    /// <summary>Medicines carers prompt, a line each, optionally led by the times of day (<see cref="PlanTasks"/>).</summary>
    public string? Medicines { get; set; }
    public bool AgreedWithPerson { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public int Version { get; set; } = 1;

    public int Days => EndsOn.DayNumber - StartsOn.DayNumber + 1;

    public Capacity.VisitPattern? Pattern =>
        VisitsAtStart == 0 && VisitsAtEnd == 0 ? null : new(Days, VisitsAtStart, VisitsAtEnd, MinutesPerVisit, DoubleHanded);

    /// <summary>The review dates: every <see cref="ReviewEveryDays"/> days from the start, before the last day.</summary>
    public IEnumerable<DateOnly> ReviewDates()
    {
        for (var d = StartsOn.AddDays(ReviewEveryDays); d < EndsOn; d = d.AddDays(ReviewEveryDays))
            yield return d;
    }
}

/// <summary>A review of progress with the person, due on a date; held when recorded.</summary>
public sealed class Review
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EpisodeId { get; init; }
    public DateOnly DueOn { get; init; }
    public DateTimeOffset? HeldAt { get; set; }
    public string? Notes { get; set; }
    public string? HeldBy { get; set; }
}
