namespace Homeward.Capacity;

/// <summary>
/// A reablement visit pattern that tapers: from <paramref name="VisitsAtStart"/> visits a day on the first
/// day to <paramref name="VisitsAtEnd"/> on the last, in a straight line, each visit
/// <paramref name="MinutesPerVisit"/> long, with two carers when double-handed.
/// </summary>
public sealed record VisitPattern(int Days, int VisitsAtStart, int VisitsAtEnd, int MinutesPerVisit, bool DoubleHanded)
{
    public int VisitsOn(int day)
    {
        if (Days == 1)
            return VisitsAtStart;
        var exact = VisitsAtStart + (VisitsAtEnd - VisitsAtStart) * (double)day / (Days - 1);
        return (int)Math.Round(exact, MidpointRounding.AwayFromZero);
    }

    /// <summary>Carer minutes needed on each day of the pattern, first day first.</summary>
    public IEnumerable<int> CarerMinutesPerDay() =>
        Enumerable.Range(0, Days).Select(d => VisitsOn(d) * MinutesPerVisit * (DoubleHanded ? 2 : 1));
}
