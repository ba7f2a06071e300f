namespace Homeward.Figures;

/// <summary>How the dashboard splits its figures into rows.</summary>
public enum Breakdown { Locality, Hospital, Route, Pathway, AgeBand }

/// <summary>The length of each point of a figure's trend.</summary>
public enum TrendBy { Week, Month }

/// <summary>How an episode falls into a breakdown's row or a trend's point.</summary>
public static class Breakdowns
{
    /// <summary>The age bands the figures are broken down by.</summary>
    public static string AgeBand(int age) => age switch { < 65 => "18–64", < 75 => "65–74", < 85 => "75–84", _ => "85+" };

    /// <summary>The row an episode falls in.</summary>
    public static string GroupOf(EpisodeFacts f, Breakdown by, Period period) => by switch
    {
        Breakdown.Locality => f.Locality ?? "Unknown",
        Breakdown.Hospital => f.Hospital ?? "Not from hospital",
        Breakdown.Route => f.Route.ToString(),
        Breakdown.Pathway => f.Pathway?.ToString() ?? "None",
        _ => AgeBand(f.AgeOn(f.DischargedOn ?? f.ReferredOn)),
    };

    /// <summary>Weeks (Monday to Sunday) or calendar months covering the period, clipped to it.</summary>
    public static IEnumerable<Period> Buckets(Period period, TrendBy trend)
    {
        var start = trend == TrendBy.Week
            ? period.From.AddDays(-(((int)period.From.DayOfWeek + 6) % 7))
            : new DateOnly(period.From.Year, period.From.Month, 1);
        while (start <= period.To)
        {
            var next = trend == TrendBy.Week ? start.AddDays(7) : start.AddMonths(1);
            yield return new Period(start < period.From ? period.From : start, next.AddDays(-1) > period.To ? period.To : next.AddDays(-1));
            start = next;
        }
    }
}
