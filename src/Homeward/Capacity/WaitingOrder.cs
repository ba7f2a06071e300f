using Homeward.Common;
using Homeward.Referrals;

namespace Homeward.Capacity;

/// <summary>
/// The order of the waiting list, one rule for every route in: crisis referrals first (2-hour, then same-day, each
/// oldest first); then everyone else by when their care should have started, the longest overdue first: a community
/// referral within 2 days of being received (NICE QS173), a hospital discharge on its discharge ready date (or within
/// 2 days of referral while that date is not known). So a community referral waiting a week comes before a planned
/// discharge whose ready date is next week, and a discharge 10 days past its ready date before a referral made today.
/// Pure.
/// </summary>
public static class WaitingOrder
{
    public const string Rule =
        "Crisis referrals first (within 2 hours, then same day), oldest first; then everyone else by when their care should have " +
        "started, the longest overdue first: a community referral within 2 days of being received, a hospital discharge on its " +
        "discharge ready date (within 2 days of referral until that date is known).";

    /// <summary>2-hour referrals, then same-day, then everyone else.</summary>
    public static int Tier(Urgency urgency) => urgency switch
    {
        Urgency.TwoHour => 0,
        Urgency.SameDay => 1,
        _ => 2,
    };

    /// <summary>When care should have started by.</summary>
    public static DateTimeOffset DueBy(Urgency urgency, DateTimeOffset receivedAt, DateOnly? dischargeReadyDate) => urgency switch
    {
        Urgency.TwoHour => receivedAt.AddHours(2),
        Urgency.SameDay => London.StartOf(London.DateOf(receivedAt).AddDays(1)),
        Urgency.Planned when dischargeReadyDate is { } ready => London.StartOf(ready),
        _ => receivedAt.AddDays(2),
    };

    public static IOrderedEnumerable<T> Order<T>(IEnumerable<T> entries, Func<T, Urgency> urgency, Func<T, DateTimeOffset> dueBy, Func<T, DateTimeOffset> receivedAt) =>
        entries.OrderBy(e => Tier(urgency(e))).ThenBy(e => Tier(urgency(e)) < 2 ? receivedAt(e) : dueBy(e)).ThenBy(receivedAt);

    /// <summary>How far past (or before) its start-by time an entry is, to the nearest unit, in words: "3 days overdue", "due in 2 hours".</summary>
    public static string Describe(DateTimeOffset dueBy, DateTimeOffset now)
    {
        var gap = now - dueBy;
        var span = gap.Duration();
        var amount = span.TotalMinutes < 59.5 ? Plural(Math.Max(1, Round(span.TotalMinutes)), "minute")
            : span.TotalHours < 23.5 ? Plural(Round(span.TotalHours), "hour")
            : Plural(Round(span.TotalDays), "day");
        return gap > TimeSpan.Zero ? $"{amount} overdue" : $"due in {amount}";
    }

    private static int Round(double value) => (int)Math.Round(value, MidpointRounding.AwayFromZero);

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
}
