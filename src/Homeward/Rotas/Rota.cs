using Homeward.Common;

namespace Homeward.Rotas;

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
    public RotaStatus Status { get; private set; } = RotaStatus.Draft;
    public DateTimeOffset BuiltAt { get; init; }
    public required string BuiltBy { get; init; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public string? PublishedBy { get; private set; }
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

    /// <summary>Carers see their rounds from it; only a draft is published.</summary>
    public void Publish(string by, DateTimeOffset now)
    {
        if (Status != RotaStatus.Draft)
            throw new InvalidTransitionException("This rota is already published.");
        (Status, PublishedAt, PublishedBy) = (RotaStatus.Published, now, by);
        Version++;
    }

    /// <summary>A later rota for the same team and day was published in its place.</summary>
    public void Supersede()
    {
        if (Status != RotaStatus.Published)
            throw new InvalidTransitionException($"Only a published rota is superseded; this one is {Status}.");
        Status = RotaStatus.Superseded;
    }
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
