namespace Homeward.Rotas;

/// <summary>
/// A carer (or therapist, or nurse) in a team who makes home visits: their skills, where their day starts and ends,
/// their usual shift and break, and the days they work. <see cref="UserName"/> links their sign-in, so they see their
/// own day.
/// </summary>
public sealed class CareWorker
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>The team (a <see cref="Capacity.CareService"/> with carer hours).</summary>
    public Guid ServiceId { get; init; }
    public required string Name { get; set; }
    /// <summary>Skills, comma-separated (for example "medication, moving and handling").</summary>
    public string Skills { get; set; } = "";
    /// <summary>Where the day starts and ends (home or base): the postcode as given, and its place on the map.</summary>
    public string? Postcode { get; set; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    public TimeOnly ShiftStart { get; set; }
    public TimeOnly ShiftEnd { get; set; }
    /// <summary>Minutes of break, taken between <see cref="BreakFrom"/> and <see cref="BreakTo"/>; 0 for none.</summary>
    public int BreakMinutes { get; set; }
    public TimeOnly BreakFrom { get; set; }
    public TimeOnly BreakTo { get; set; }
    /// <summary>Days worked: bit 0 Monday … bit 6 Sunday.</summary>
    public int DaysWorked { get; set; } = 0b0011111;
    /// <summary>The sign-in (email) of this worker, if they have one.</summary>
    public string? UserName { get; set; }
    public bool Active { get; set; } = true;
    public int Version { get; set; } = 1;

    public IReadOnlySet<string> SkillSet => Skills.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    public bool WorksOn(DateOnly date) => Active && (DaysWorked & (1 << (((int)date.DayOfWeek + 6) % 7))) != 0;
}

/// <summary>How a rota's travel between visits was worked out.</summary>
public enum RotaTravel
{
    /// <summary>Straight-line distance times the road factor, at the average speed (no road network loaded).</summary>
    StraightLine,
    /// <summary>Shortest driving times on the partnership's road network (OpenStreetMap, pgRouting).</summary>
    Roads,
}

public enum RotaStatus
{
    /// <summary>Built, being reviewed and adjusted; carers do not see it.</summary>
    Draft,
    /// <summary>The team's rota for the day: carers see their rounds.</summary>
    Published,
    /// <summary>Was published; a later rota for the same team and day replaced it.</summary>
    Superseded,
}

/// <summary>
/// A team's rota for a day: who makes each visit, in what order and when, what could not be planned and why, and the
/// figures a scheduler reviews it by. Built by the optimiser as a draft, adjusted by hand, then published.
/// </summary>
public sealed class Rota
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ServiceId { get; init; }
    public DateOnly Date { get; init; }
    public RotaStatus Status { get; set; }
    public DateTimeOffset BuiltAt { get; init; }
    public required string BuiltBy { get; init; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    public double SearchSeconds { get; set; }
    public int Planned { get; set; }
    public int Unplanned { get; set; }
    public double TravelKm { get; set; }
    public double TravelMinutes { get; set; }
    public double LateMinutes { get; set; }
    public int LateVisits { get; set; }
    public int KnownCarerVisits { get; set; }
    public int VisitsWithKnownCarers { get; set; }
    public int CarersUsed { get; set; }
    /// <summary>How travel was worked out when it was last timed.</summary>
    public RotaTravel Travel { get; set; }
    /// <summary>Hand changes made since it was built.</summary>
    public int Adjustments { get; set; }
    public int Version { get; set; } = 1;
    public List<RotaAssignment> Assignments { get; init; } = [];
    public List<RotaGap> Gaps { get; init; } = [];
    public List<RotaWorkerDay> Workers { get; init; } = [];
}

/// <summary>One carer at one visit: a double-handed visit has two, started together.</summary>
public sealed class RotaAssignment
{
    public Guid RotaId { get; init; }
    public Guid VisitId { get; init; }
    public Guid WorkerId { get; set; }
    /// <summary>The second carer of a double-handed visit.</summary>
    public bool Second { get; init; }
    public int Order { get; set; }
    /// <summary>Minutes from midnight (London).</summary>
    public int Arrival { get; set; }
    public int Start { get; set; }
}

/// <summary>A visit the rota could not plan, and why.</summary>
public sealed class RotaGap
{
    public Guid RotaId { get; init; }
    public Guid VisitId { get; init; }
    public bool Second { get; init; }
    public required string Reason { get; set; }
}

/// <summary>A carer on shift that day, with their break.</summary>
public sealed class RotaWorkerDay
{
    public Guid RotaId { get; init; }
    public Guid WorkerId { get; init; }
    /// <summary>Minutes from midnight the break starts; null when none was needed.</summary>
    public int? BreakStart { get; set; }
}
