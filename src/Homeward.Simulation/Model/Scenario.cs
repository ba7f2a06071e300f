namespace Homeward.Simulation.Model;

/// <summary>
/// Everything one simulation run needs: the network of nodes (pathways, services, units), the patient groups, the
/// arrivals, the costs and the state at the start. Time is in days; day 0 is <see cref="Start"/> minus
/// <see cref="WarmUpDays"/>, and only the <see cref="Days"/> from <see cref="Start"/> on are reported.
/// Scenario files describe it (<see cref="ScenarioFile"/>); <c>docs/simulation.md</c> documents the format.
/// </summary>
public sealed record Scenario
{
    public string Name { get; init; } = "scenario";

    /// <summary>Where the figures came from and what was assumed (kept with the scenario, not used by the model).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
    public DateOnly Start { get; init; }
    public int Days { get; init; }
    public int WarmUpDays { get; init; }

    /// <summary>Multiplies every arrival rate: 1.2 asks "what if demand grows 20%?".</summary>
    public double Growth { get; init; } = 1;

    /// <summary>The cost of a day waiting in an acute bed when ready to leave (the default waiting cost of a node).</summary>
    public double DelayedBedDayCost { get; init; }

    public IReadOnlyList<string> Groups { get; init; } = ["all"];
    public IReadOnlyList<NodeSpec> Nodes { get; init; } = [];
    public IReadOnlyList<ArrivalSpec> Arrivals { get; init; } = [];
    public IReadOnlyList<InitialSpec> Initial { get; init; } = [];

    public int TotalDays => WarmUpDays + Days;
}

public enum NodeKind
{
    /// <summary>Places (beds, or people a home-based team can hold at once): one person takes one place.</summary>
    Places,

    /// <summary>Visit slots a day: each person's visits a day fall from an initial to a final rate over their stay.</summary>
    Visits,
}

/// <summary>A capacity from a date on (until the next step).</summary>
public sealed record CapacityStep(DateOnly From, int Value);

public sealed record NodeSpec
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public NodeKind Kind { get; init; } = NodeKind.Places;

    /// <summary>Places, or visit slots a day for a visit node; steps by date, the first applying from the start.</summary>
    public required IReadOnlyList<CapacityStep> Capacity { get; init; }

    /// <summary>Most people who may wait for this node from outside; null: no limit; 0: no waiting room.</summary>
    public int? QueueLimit { get; init; }

    /// <summary>The cost of one occupied place for a day.</summary>
    public double CostPerDay { get; init; }

    /// <summary>The cost of a day someone waits for this node; null: the scenario's delayed bed-day cost.</summary>
    public double? WaitingCostPerDay { get; init; }

    /// <summary>For a visit node: visits a day at the start and at the end of a stay.</summary>
    public VisitPattern? Visits { get; init; }

    /// <summary>Stay and routing for every group without its own.</summary>
    public required Pathway Default { get; init; }

    /// <summary>Stay and routing of particular groups.</summary>
    public IReadOnlyDictionary<string, Pathway> ByGroup { get; init; } = new Dictionary<string, Pathway>();

    public Pathway For(string group) => ByGroup.TryGetValue(group, out var own) ? own : Default;
}

public sealed record VisitPattern(int Initial, int Final)
{
    /// <summary>Visits on day <paramref name="day"/> (0-based) of a stay of <paramref name="length"/> days: a straight taper.</summary>
    public int On(int day, int length) =>
        length <= 1 ? Initial : (int)Math.Round(Initial + (Final - Initial) * (double)day / (length - 1), MidpointRounding.AwayFromZero);
}

/// <summary>How long a group stays at a node and where it goes next.</summary>
public sealed record Pathway(Distribution Stay, IReadOnlyList<Route> Routes);

/// <summary>
/// One way out of a node, chosen on arrival with its probability. <see cref="To"/> null leaves the network (home,
/// or anywhere not modelled). A route may set its own length of stay (people going on to a care home stay longer)
/// and a transfer delay: after the stay, the person keeps their place while onward care is arranged.
/// </summary>
public sealed record Route(string? To, double Probability, Distribution? Stay = null, Distribution? TransferDelay = null);

/// <summary>
/// People arriving at a node from outside. The daily rate is <see cref="PerDay"/> (or the <see cref="Daily"/> rate
/// for that date) × <see cref="Growth"/> × the scenario's growth × the month's factor in <see cref="Monthly"/>.
/// Arrivals are Poisson within each day.
/// </summary>
public sealed record ArrivalSpec
{
    public required string Node { get; init; }
    public string Group { get; init; } = "all";
    public double PerDay { get; init; }
    public double Growth { get; init; } = 1;

    /// <summary>Twelve factors, January first (a winter profile); null: flat.</summary>
    public IReadOnlyList<double>? Monthly { get; init; }

    /// <summary>Rates for particular dates, overriding <see cref="PerDay"/>.</summary>
    public IReadOnlyDictionary<DateOnly, double> Daily { get; init; } = new Dictionary<DateOnly, double>();
}

/// <summary>People at a node when the run starts: occupants with the days they have left, and people waiting.</summary>
public sealed record InitialSpec
{
    public required string Node { get; init; }
    public string Group { get; init; } = "all";

    /// <summary>Days each occupant has left.</summary>
    public IReadOnlyList<double> RemainingStays { get; init; } = [];

    /// <summary>Days each waiting person has already waited (the order they are served in).</summary>
    public IReadOnlyList<double> Waiting { get; init; } = [];
}
