namespace Homeward.Simulation.Model;

/// <summary>
/// Closed-form results of queueing theory that the simulator must agree with (its tests), and that give a quick
/// first answer for a single pool of places with Poisson arrivals.
/// </summary>
public static class Queueing
{
    /// <summary>Erlang B: the chance an arrival finds all <paramref name="servers"/> busy and is lost, for offered load a = λ/μ.</summary>
    public static double ErlangB(int servers, double load)
    {
        var b = 1.0;
        for (var k = 1; k <= servers; k++)
            b = load * b / (k + load * b);
        return b;
    }

    /// <summary>Erlang C: the chance an arrival waits in an M/M/c queue (load a = λ/μ below c).</summary>
    public static double ErlangC(int servers, double load)
    {
        if (load >= servers)
            return 1;
        var b = ErlangB(servers, load);
        return servers * b / (servers - load * (1 - b));
    }

    /// <summary>Mean wait before service in an M/M/c queue, in the time unit of the rates.</summary>
    public static double MeanWait(int servers, double arrivalRate, double serviceRate) =>
        ErlangC(servers, arrivalRate / serviceRate) / (servers * serviceRate - arrivalRate);
}
