using Homeward.Care;
using Homeward.Common;

namespace Homeward.Tests.Care;

/// <summary>The care plan's tasks and medicine prompts, a line each, led by the times of day they are for.</summary>
public sealed class PlanTasksTests
{
    [Fact]
    public void A_line_led_by_times_of_day_is_for_those_visits_and_one_without_is_for_every_visit()
    {
        var problems = new Problems();
        var tasks = PlanTasks.Read(TaskKind.Task, "Help to wash and dress\r\n\n morning, evening: Check the pendant alarm is worn \nTeatime & evening: Practise the stairs with the frame\nNote: the cat must stay in", problems, "tasks");
        Assert.False(problems.Any);
        Assert.Equal(4, tasks.Count);
        Assert.Empty(tasks[0].Times);
        Assert.Equal("Check the pendant alarm is worn", tasks[1].Text);
        Assert.Equal([TaskTime.Morning, TaskTime.Evening], tasks[1].Times.Order());
        Assert.Equal([TaskTime.Teatime, TaskTime.Evening], tasks[2].Times.Order());
        // A lead that is not all times is part of the task.
        Assert.Equal(("Note: the cat must stay in", 0), (tasks[3].Text, tasks[3].Times.Count));

        Assert.True(tasks[1].At(new TimeOnly(8, 0)));
        Assert.False(tasks[1].At(new TimeOnly(12, 30)));
        Assert.True(tasks[1].At(new TimeOnly(19, 0)));
        Assert.True(tasks[0].At(new TimeOnly(12, 30)));
    }

    [Theory]
    [InlineData("10:59", TaskTime.Morning)]
    [InlineData("11:00", TaskTime.Midday)]
    [InlineData("13:59", TaskTime.Midday)]
    [InlineData("14:00", TaskTime.Teatime)]
    [InlineData("17:29", TaskTime.Teatime)]
    [InlineData("17:30", TaskTime.Evening)]
    public void A_visit_belongs_to_the_part_of_the_day_its_window_starts_in(string start, TaskTime expected) =>
        Assert.Equal(expected, PlanTasks.TimeOf(TimeOnly.Parse(start)));

    [Fact]
    public void Every_problem_is_said_by_line()
    {
        var problems = new Problems();
        PlanTasks.Read(TaskKind.Medicine, "morning:\n" + new string('x', PlanTasks.LongestLine + 1) + "\n" + string.Join('\n', Enumerable.Repeat("Paracetamol 1 g", PlanTasks.MostLines)), problems, "medicines");
        var said = problems.ToDictionary()["medicines"];
        Assert.Contains(said, m => m.StartsWith("Line 1:", StringComparison.Ordinal));
        Assert.Contains(said, m => m.StartsWith("Line 2:", StringComparison.Ordinal));
        Assert.Contains(said, m => m.Contains($"at most {PlanTasks.MostLines} lines", StringComparison.Ordinal));
    }

    [Fact]
    public void A_visit_gets_its_tasks_then_its_medicines_and_lines_are_kept_trimmed()
    {
        var forMorning = PlanTasks.For("Help to wash\nevening: Close the curtains", "morning: Paracetamol 1 g\nevening: Sertraline 50 mg", new TimeOnly(8, 0));
        Assert.Equal([(TaskKind.Task, "Help to wash"), (TaskKind.Medicine, "Paracetamol 1 g")], forMorning.Select(t => (t.Kind, t.Text)));
        Assert.Equal("a\nb", PlanTasks.Normalise("  a \r\n\n b\n"));
        Assert.Null(PlanTasks.Normalise(" \n "));
    }
}
