using Homeward.Common;

namespace Homeward.Care;

public enum TaskKind
{
    /// <summary>Something the carer does or helps with (a wash, breakfast, practising the stairs).</summary>
    Task,
    /// <summary>A medicine the carer prompts the person to take (reablement prompts; it does not administer).</summary>
    Medicine,
}

/// <summary>The part of the day a visit falls in, by the start of its window.</summary>
public enum TaskTime { Morning, Midday, Teatime, Evening }

/// <summary>One line of the plan's tasks or medicines: what, and at which visits (every visit when no time is given).</summary>
public sealed record PlanTask(TaskKind Kind, string Text, IReadOnlySet<TaskTime> Times)
{
    public bool At(TimeOnly windowStart) => Times.Count == 0 || Times.Contains(PlanTasks.TimeOf(windowStart));
}

/// <summary>
/// The care plan's tasks and medicine prompts, written a line each, optionally led by the times of day they belong to:
/// "Help to wash and dress" (every visit), "morning, evening: Paracetamol 1 g" (the morning and evening visits). Read
/// into <see cref="PlanTask"/>s with every problem said by line; the carer sees those of each visit on their round and
/// records each done or not (with why), or a medicine given, declined or not available. Pure.
/// </summary>
public static class PlanTasks
{
    public const int MostLines = 30;
    public const int LongestLine = 200;

    public static TaskTime TimeOf(TimeOnly windowStart) => windowStart < new TimeOnly(11, 0) ? TaskTime.Morning
        : windowStart < new TimeOnly(14, 0) ? TaskTime.Midday
        : windowStart < new TimeOnly(17, 30) ? TaskTime.Teatime
        : TaskTime.Evening;

    /// <summary>The lines as tasks, adding every problem to <paramref name="problems"/> under <paramref name="field"/>.</summary>
    public static IReadOnlyList<PlanTask> Read(TaskKind kind, string? text, Problems problems, string field)
    {
        var lines = (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count > MostLines)
            problems.Add(field, $"Give at most {MostLines} lines.");
        var tasks = new List<PlanTask>();
        foreach (var (line, i) in lines.Select((l, i) => (l, i + 1)))
        {
            var (times, what) = Split(line);
            if (what.Length == 0)
                problems.Add(field, $"Line {i}: say what is to be done after the times.");
            else if (what.Length > LongestLine)
                problems.Add(field, $"Line {i}: keep each line to {LongestLine} characters.");
            else
                tasks.Add(new PlanTask(kind, what, times));
        }
        return tasks;
    }

    /// <summary>The plan's stored lines (already checked) for a visit starting at <paramref name="windowStart"/>.</summary>
    public static IReadOnlyList<PlanTask> For(string? tasks, string? medicines, TimeOnly windowStart) =>
        [.. Read(TaskKind.Task, tasks, new Problems(), "tasks").Concat(Read(TaskKind.Medicine, medicines, new Problems(), "medicines")).Where(t => t.At(windowStart))];

    /// <summary>The lines as they are kept: trimmed, one a line, blank lines dropped.</summary>
    public static string? Normalise(string? text) =>
        string.Join('\n', (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)) is { Length: > 0 } kept ? kept : null;

    /// <summary>"morning, evening: X" → ({Morning, Evening}, "X"); a line whose lead is not all times is all text.</summary>
    private static (IReadOnlySet<TaskTime> Times, string What) Split(string line)
    {
        var colon = line.IndexOf(':');
        if (colon > 0)
        {
            var words = line[..colon].Split([',', '&', '/'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .SelectMany(w => w.Split(" and ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
            var times = words.Select(w => Enum.TryParse<TaskTime>(w, ignoreCase: true, out var t) ? t : (TaskTime?)null).ToList();
            if (words.Count > 0 && times.All(t => t is not null))
                return (times.Select(t => t!.Value).ToHashSet(), line[(colon + 1)..].Trim());
        }
        return (new HashSet<TaskTime>(), line);
    }
}
