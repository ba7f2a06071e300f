using Homeward.Care;

namespace Homeward.Visits;

/// <summary>
/// Lays out a plan's visits, day by day, in the usual home care windows: one visit a day is a morning call;
/// two add tea-time; three add lunch; four add bedtime. Pure: no clock, no database.
/// </summary>
public static class VisitPlanner
{
    /// <summary>The windows, in the order they are added as the visits a day rise.</summary>
    private static readonly (TimeOnly Start, TimeOnly End)[] Windows =
    [
        (new(7, 30), new(9, 30)),   // morning: getting up, breakfast, medicines
        (new(16, 30), new(18, 0)),  // tea-time
        (new(11, 45), new(13, 30)), // lunch
        (new(19, 30), new(21, 30)), // bedtime
        (new(14, 30), new(15, 30)), // afternoon, for a fifth visit
        (new(21, 30), new(22, 30)), // late, for a sixth
    ];

    public const int MostVisitsADay = 6;

    /// <summary>The usual windows, in the order they are added as the visits a day rise.</summary>
    public static IReadOnlyList<(TimeOnly Start, TimeOnly End)> UsualWindows => Windows;

    /// <summary>The visits of a plan from <paramref name="from"/> on (earlier days are history and left alone).</summary>
    public static IEnumerable<Visit> Lay(CarePlan plan, Guid personId, DateOnly from)
    {
        if (plan.Pattern is not { } pattern)
            yield break;
        for (var day = 0; day < plan.Days; day++)
        {
            var date = plan.StartsOn.AddDays(day);
            if (date < from)
                continue;
            foreach (var (start, end) in Windows.Take(pattern.VisitsOn(day)).OrderBy(w => w.Start))
                yield return new Visit
                {
                    EpisodeId = plan.EpisodeId, PersonId = personId, Date = date, WindowStart = start, WindowEnd = end,
                    Minutes = plan.MinutesPerVisit, DoubleHanded = plan.DoubleHanded, Skill = plan.Skill, Status = VisitStatus.Planned,
                };
        }
    }
}
