namespace Homeward.Simulation.Model;

/// <summary>What a replication records for each node and day. Means over the day are time-weighted.</summary>
public enum Metric
{
    /// <summary>People occupying the node (in care, in a transfer delay, or ready and blocked), mean over the day.</summary>
    Occupancy,

    /// <summary>People waiting from outside the network to start (in an acute bed, at home), mean over the day.</summary>
    Queue,

    /// <summary>People at the node who are ready to leave but have not (transfer delay or blocked), mean over the day.</summary>
    Held,

    /// <summary>Delay days: queue plus held, person-days.</summary>
    DelayDays,

    /// <summary>People arriving at the node (from outside or from another node).</summary>
    Arrivals,

    /// <summary>People who started at the node.</summary>
    Admissions,

    /// <summary>People turned away because the node was full and its waiting room too.</summary>
    TurnedAway,

    /// <summary>Arrivals who could not start at once.</summary>
    Waited,

    /// <summary>Days waited by the people who started that day, summed.</summary>
    WaitDays,

    /// <summary>People who left the node.</summary>
    Departures,

    /// <summary>Days spent at the node by the people who left that day, summed.</summary>
    DaysInNode,

    /// <summary>Places, or visit slots for a visit node.</summary>
    Capacity,

    /// <summary>Visits booked that day (visit nodes).</summary>
    Visits,

    /// <summary>Occupied places × cost a day + waiting × waiting cost a day.</summary>
    Cost,
}

public static class Metrics
{
    public static readonly int Count = Enum.GetValues<Metric>().Length;
}
