using Homeward.Scheduling;

namespace Homeward.Routing;

/// <summary>
/// A routing problem with time windows: visits at places, each with a duration and a window for its start, served by
/// carers (vehicles) who leave a start place and return to an end place within their shift. Times and durations are
/// in minutes from the start of the day (any consistent unit works); travel comes from <see cref="Travel"/>.
/// </summary>
public sealed record Problem
{
    public required string Name { get; init; }
    /// <summary>Places: index 0 is usually the office (depot); visits and carers refer to places by index.</summary>
    public required IReadOnlyList<Place> Places { get; init; }
    public required IReadOnlyList<Visit> Visits { get; init; }
    public required IReadOnlyList<Carer> Carers { get; init; }
    public required ITravel Travel { get; init; }
}

/// <summary>What the solver is asked to minimise.</summary>
public enum Objective
{
    /// <summary>Total distance only.</summary>
    Distance,
    /// <summary>Fewest vehicles first, then distance (the classic Solomon ranking).</summary>
    VehiclesThenDistance,
}

/// <summary>A rota: each carer's visits in order with their start times, what could not be planned and why, and the cost.</summary>
public sealed record Solution(string Problem, IReadOnlyList<Route> Routes, IReadOnlyList<Unplanned> Unplanned, Cost Cost);

public sealed record Route(string Carer, IReadOnlyList<Stop> Stops);

public sealed record Stop(string Visit, double Start);

public sealed record Unplanned(string Visit, string Reason);

/// <summary>The parts of the objective, computed from the routes (not taken from the solver).</summary>
public sealed record Cost(double Distance, int RoutesUsed, double Lateness);
