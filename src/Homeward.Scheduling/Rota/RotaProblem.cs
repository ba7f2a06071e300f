namespace Homeward.Scheduling.Rota;

/// <summary>
/// A day of home visits to plan across carers: visits with time windows, durations and the skill they need; pairs of
/// visits that must start together on two carers (double-handed) or a set time apart (a second call 30–45 minutes after
/// the first); carers with skills, a shift, a start and end place and a break; the carers each person already knows.
/// Times are minutes from midnight; travel comes from <see cref="Travel"/> (time and distance).
/// </summary>
public sealed record RotaProblem
{
    public required string Name { get; init; }
    public required IReadOnlyList<RotaVisit> Visits { get; init; }
    public required IReadOnlyList<RotaCarer> Carers { get; init; }
    public IReadOnlyList<RotaLink> Links { get; init; } = [];
    public required ITravel Travel { get; init; }
    public RotaWeights Weights { get; init; } = new();
}

/// <param name="Place">Index of the place in <see cref="RotaProblem.Travel"/>.</param>
/// <param name="Earliest">The window to start in opens…</param>
/// <param name="Latest">…and closes; a later start is late (costed by <see cref="RotaWeights.Lateness"/>).</param>
public sealed record RotaVisit(string Id, int Place, double Duration, double Earliest, double Latest)
{
    /// <summary>The skill a carer needs for this visit (null: anyone).</summary>
    public string? Skill { get; init; }
    /// <summary>Carers the person already knows: another carer costs <see cref="RotaWeights.Continuity"/>.</summary>
    public IReadOnlySet<string> KnownCarers { get; init; } = new HashSet<string>();
    /// <summary>The latest start at all: past it the visit cannot be made (null: lateness is only costed).</summary>
    public double? LatestAtAll { get; init; }
}

/// <summary>
/// Two visits tied in time: <see cref="Second"/> starts between <see cref="MinGap"/> and <see cref="MaxGap"/> minutes after
/// <see cref="First"/>. A gap of 0–0 is a double-handed visit: two carers start together.
/// </summary>
public sealed record RotaLink(string First, string Second, double MinGap, double MaxGap)
{
    public bool Together => MinGap == 0 && MaxGap == 0;

    public static RotaLink DoubleHanded(string first, string second) => new(first, second, 0, 0);
}

/// <param name="Start">Where the day starts (place index)…</param>
/// <param name="End">…and ends.</param>
public sealed record RotaCarer(string Id, int Start, int End, double ShiftStart, double ShiftEnd)
{
    public IReadOnlySet<string> Skills { get; init; } = new HashSet<string>();
    public RotaBreak? Break { get; init; }
}

/// <summary>A break that must start between <see cref="Earliest"/> and <see cref="Latest"/>.</summary>
public sealed record RotaBreak(double Earliest, double Latest, double Duration);

/// <summary>What the optimiser minimises: the sum of each part times its weight.</summary>
public sealed record RotaWeights
{
    /// <summary>Per unit of distance travelled.</summary>
    public double Distance { get; init; } = 1;
    /// <summary>Per minute a visit starts after its window closes, summed over visits.</summary>
    public double Lateness { get; init; } = 1;
    /// <summary>Per minute of the latest visit's lateness (spreads lateness instead of piling it on one person).</summary>
    public double MaxLateness { get; init; }
    /// <summary>Per visit given by a carer the person does not know, when they know some.</summary>
    public double Continuity { get; init; }
    /// <summary>Per visit left unplanned.</summary>
    public double Unplanned { get; init; } = 100_000;
}

/// <summary>A rota: each carer's visits in order with start times and the break, what could not be planned and why, and the cost.</summary>
public sealed record RotaSolution(string Problem, IReadOnlyList<RotaRoute> Routes, IReadOnlyList<RotaUnplanned> Unplanned, RotaCost Cost);

public sealed record RotaRoute(string Carer, IReadOnlyList<RotaStop> Stops, double? BreakStart);

public sealed record RotaStop(string Visit, double Arrival, double Start);

public sealed record RotaUnplanned(string Visit, string Reason);

/// <summary>The parts of the objective, computed from the routes.</summary>
/// <param name="Continuity">Visits by a carer the person knows, of the visits whose person knows some carer.</param>
public sealed record RotaCost(double Distance, double TravelTime, double Lateness, double MaxLateness, int LateVisits,
    int KnownCarerVisits, int VisitsWithKnownCarers, int Unplanned, int CarersUsed)
{
    public double ContinuityRate => VisitsWithKnownCarers == 0 ? 1 : KnownCarerVisits / (double)VisitsWithKnownCarers;

    public double Objective(RotaWeights w) => w.Distance * Distance + w.Lateness * Lateness + w.MaxLateness * MaxLateness
        + w.Continuity * (VisitsWithKnownCarers - KnownCarerVisits) + w.Unplanned * Unplanned;
}
