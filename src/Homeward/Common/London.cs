namespace Homeward.Common;

/// <summary>
/// Instants are stored in UTC; days and clock times belong to Europe/London (domain §3). A London day can
/// have 23 or 25 hours, so "today", "the date of an instant" and "an instant on a date" all go through here:
/// the compiler refuses the other ways (BannedSymbols.txt).
/// </summary>
public static class London
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>The London calendar date of an instant.</summary>
#pragma warning disable RS0030 // the one place a date is taken from a DateTime: already converted to London time
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);
#pragma warning restore RS0030

    /// <summary>An instant as a London clock shows it (for times in words).</summary>
    public static DateTimeOffset TimeOf(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The time of day on London's clocks.</summary>
    public static TimeOnly ClockOf(DateTimeOffset instant) => TimeOnly.FromDateTime(TimeOf(instant).DateTime);

    /// <summary>Today in London, by the given clock.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow());

    /// <summary>The first instant of a London day (midnight, or 01:00 if the clocks went forward at midnight).</summary>
    public static DateTimeOffset StartOf(DateOnly date) => At(date, TimeOnly.MinValue);

    /// <summary>
    /// The instant of a London wall-clock time on a date. A time that never happens (in the spring gap) moves
    /// forward an hour; one that happens twice (the autumn overlap) is taken as the first.
    /// </summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
            local = local.AddHours(1);
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
