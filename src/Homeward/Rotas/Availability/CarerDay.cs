namespace Homeward.Rotas.Availability;

/// <summary>
/// The hours a carer works on one day, from their usual week and the changes recorded for it. Pure.
/// </summary>
/// <param name="Start">Null when they do not work that day.</param>
/// <param name="Why">Why the day differs from the usual week ("On leave", "Off sick from 11:00", "Hours changed to 12:00–18:00"); null when it does not.</param>
/// <param name="BreakFrom">The break's window within the day's hours; null when the day has no room for it.</param>
public sealed record CarerDay(Guid WorkerId, TimeOnly? Start, TimeOnly? End, TimeOnly? BreakFrom, TimeOnly? BreakTo, int BreakMinutes, string? Why)
{
    public bool Works => Start is { } s && End is { } e && e > s;

    /// <summary>
    /// The day's hours: a change of hours covering the day sets them (even on a day not usually worked; the latest
    /// recorded wins); an absence covering the day takes it all, unless it began that day at a time, which ends the day
    /// there. A carer who has left works no day.
    /// </summary>
    public static CarerDay Of(CareWorker worker, DateOnly date, IEnumerable<AvailabilityChange> changes)
    {
        var covering = changes.Where(c => c.WorkerId == worker.Id && c.Covers(date)).OrderBy(c => c.RecordedAt).ToList();
        TimeOnly? start = null, end = null;
        string? why = null;
        if (covering.LastOrDefault(c => c.Kind == AvailabilityKind.ChangedHours) is { } hours)
            (start, end, why) = (hours.ShiftStart, hours.ShiftEnd, $"Hours changed to {hours.ShiftStart:HH:mm}–{hours.ShiftEnd:HH:mm}");
        else if (worker.WorksOn(date))
            (start, end) = (worker.ShiftStart, worker.ShiftEnd);
        if (!worker.Active)
            return new CarerDay(worker.Id, null, null, null, null, 0, "Has left the team");
        foreach (var away in covering.Where(c => c.Away))
        {
            var name = Name(away.Kind);
            if (away.FromTime is { } from && away.From == date)
            {
                if (end is { } e && from < e)
                    (end, why) = (from, $"{name} from {from:HH:mm}");
            }
            else
                (start, end, why) = (null, null, name);
        }
        if (start is not { } s || end is not { } en || en <= s)
            return new CarerDay(worker.Id, null, null, null, null, 0, why ?? "Not a working day");
        // The break within the day's hours, when it still fits.
        TimeOnly? breakFrom = null, breakTo = null;
        if (worker.BreakMinutes > 0)
        {
            var (bf, bt) = (worker.BreakFrom < s ? s : worker.BreakFrom, worker.BreakTo > en ? en : worker.BreakTo);
            if (bt > bf && (bt - bf).TotalMinutes >= worker.BreakMinutes)
                (breakFrom, breakTo) = (bf, bt);
        }
        return new CarerDay(worker.Id, s, en, breakFrom, breakTo, breakFrom is null ? 0 : worker.BreakMinutes, why);
    }

    public static string Name(AvailabilityKind kind) => kind switch
    {
        AvailabilityKind.Leave => "On leave",
        AvailabilityKind.Sickness => "Off sick",
        AvailabilityKind.Training => "Training",
        _ => "Hours changed",
    };
}
