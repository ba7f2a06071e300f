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
