namespace Homeward.Figures;

/// <summary>
/// A figure's value over a period: the value, what it is made of, and the contributions behind it; when there is no
/// value because a comparison would mislead, <paramref name="Note"/> says why.
/// </summary>
public sealed record FigureValue(decimal? Value, int Numerator, int Denominator, decimal Total, string? Note = null);

/// <summary>How many discharges had a delay in a band of days.</summary>
public sealed record DelayBand(string Band, int People);

public static class FigureMath
{
    /// <summary>
    /// The value of a figure over a period, from all its contributions. Rates are fractions (0.946), change ratios
    /// fractions (−0.81); a rate or mean with nothing to count, or a change against nothing, has no value (null).
    /// </summary>
    public static FigureValue Evaluate(FigureDefinition figure, IReadOnlyList<Contribution> all, Period period, DateOnly? recordsBegin = null)
    {
        var here = all.Where(c => period.Contains(c.Date)).ToList();
        var counts = here.Count(c => c.Counts);
        var total = here.Sum(c => c.Amount);
        if (figure.Aggregate is Aggregate.ChangeRatio or Aggregate.ChangeDifference && Uncomparable(figure, all, period, recordsBegin) is { } why)
            return new FigureValue(null, counts, here.Count, total, why);
        decimal? value = figure.Aggregate switch
        {
            Aggregate.Rate => here.Count == 0 ? null : (decimal)counts / here.Count,
            Aggregate.Count => counts,
            Aggregate.Sum => total,
            Aggregate.Mean => here.Count == 0 ? null : total / here.Count,
            Aggregate.ChangeRatio => (decimal)counts / Earlier(all, period) - 1,
            Aggregate.ChangeDifference => counts - Earlier(all, period),
            _ => throw new ArgumentOutOfRangeException(nameof(figure), figure.Aggregate, null),
        };
        return new FigureValue(value, counts, here.Count, total);
    }

    /// <summary>Fewer than this a year earlier, and a change ratio says more about chance than about the service.</summary>
    public const int FewestToCompare = 20;

    /// <summary>
    /// Why a change against the same period a year earlier would mislead, or null when it would not: the records begin
    /// after that period started (an almost empty year), or, for a ratio, it held too few to compare with.
    /// </summary>
    public static string? Uncomparable(FigureDefinition figure, IReadOnlyList<Contribution> all, Period period, DateOnly? recordsBegin)
    {
        if (NotCovered(period.YearBefore(), recordsBegin) is { } why)
            return why;
        var before = Earlier(all, period);
        return figure.Aggregate == Aggregate.ChangeRatio && before < FewestToCompare
            ? $"Only {before} a year earlier: too few for a fair percentage change (at least {FewestToCompare})."
            : null;
    }

    /// <summary>Why a period cannot be shown as a comparison: Homeward's records begin after it starts.</summary>
    public static string? NotCovered(Period earlier, DateOnly? recordsBegin) => recordsBegin is { } begin && begin > earlier.From
        ? string.Create(System.Globalization.CultureInfo.GetCultureInfo("en-GB"),
            $"Homeward's records begin on {begin:d MMMM yyyy}, after {earlier.From:d MMMM yyyy}: there is no full year earlier to compare with.")
        : null;

    private static int Earlier(IReadOnlyList<Contribution> all, Period period)
    {
        var earlier = period.YearBefore();
        return all.Count(c => c.Counts && earlier.Contains(c.Date));
    }

    /// <summary>Delays of discharges in a period, in the bands the dashboard shows.</summary>
    public static IReadOnlyList<DelayBand> DelayDistribution(IReadOnlyList<EpisodeFacts> facts, Period period)
    {
        (string Band, int Min, int Max)[] bands = [("0 days", 0, 0), ("1 day", 1, 1), ("2–3 days", 2, 3), ("4–6 days", 4, 6), ("7–13 days", 7, 13), ("14–20 days", 14, 20), ("21 days or more", 21, int.MaxValue)];
        var delays = FigureDefinitions.Get(FigureCode.DelayDays).Select(facts, DateTimeOffset.MaxValue)
            .Where(c => period.Contains(c.Date)).Select(c => (int)c.Amount).ToList();
        return [.. bands.Select(b => new DelayBand(b.Band, delays.Count(d => d >= b.Min && d <= b.Max)))];
    }
}
