using Homeward.Rotas;
using Homeward.Rotas.Availability;

namespace Homeward.Tests.Rotas;

/// <summary>A carer's hours on a day from their usual week and the changes recorded: each rule, one at a time.</summary>
public sealed class CarerDayTests
{
    // Monday 7 December 2026; works Monday to Friday 07:00–14:30, a 30-minute break taken 10:30–12:30.
    private static readonly DateOnly Monday = new(2026, 12, 7);
    private static readonly DateTimeOffset Recorded = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static CareWorker Worker() => new()
    {
        Name = "Sam Carer", ShiftStart = new(7, 0), ShiftEnd = new(14, 30), BreakMinutes = 30, BreakFrom = new(10, 30), BreakTo = new(12, 30),
    };

    private static AvailabilityChange Change(CareWorker w, AvailabilityKind kind, DateOnly from, DateOnly to, TimeOnly? fromTime = null,
        TimeOnly? start = null, TimeOnly? end = null, int minutesLater = 0) => new()
    {
        WorkerId = w.Id, ServiceId = w.ServiceId, Kind = kind, From = from, To = to, FromTime = fromTime, ShiftStart = start, ShiftEnd = end,
        RecordedBy = "hub@test", RecordedAt = Recorded.AddMinutes(minutesLater),
    };

    [Fact]
    public void A_usual_day_has_the_usual_hours_and_break_and_nothing_to_say()
    {
        var day = CarerDay.Of(Worker(), Monday, []);
        Assert.Equal((new TimeOnly(7, 0), new TimeOnly(14, 30), new TimeOnly(10, 30), new TimeOnly(12, 30), 30, (string?)null),
            (day.Start, day.End, day.BreakFrom, day.BreakTo, day.BreakMinutes, day.Why));
        Assert.True(day.Works);
    }

    [Fact]
    public void A_day_not_usually_worked_is_off()
    {
        var day = CarerDay.Of(Worker(), Monday.AddDays(5), []);
        Assert.False(day.Works);
        Assert.Equal("Not a working day", day.Why);
    }

    [Fact]
    public void Leave_takes_every_day_it_covers_and_no_other()
    {
        var w = Worker();
        var leave = Change(w, AvailabilityKind.Leave, Monday, Monday.AddDays(1));
        Assert.Equal((false, "On leave"), (CarerDay.Of(w, Monday, [leave]).Works, CarerDay.Of(w, Monday, [leave]).Why));
        Assert.False(CarerDay.Of(w, Monday.AddDays(1), [leave]).Works);
        Assert.True(CarerDay.Of(w, Monday.AddDays(2), [leave]).Works);
        Assert.True(CarerDay.Of(w, Monday.AddDays(7), [leave]).Works);
    }

    [Fact]
    public void Sent_home_sick_during_the_shift_ends_that_day_there_and_takes_the_next_whole()
    {
        var w = Worker();
        var sick = Change(w, AvailabilityKind.Sickness, Monday, Monday.AddDays(1), fromTime: new TimeOnly(11, 0));
        var first = CarerDay.Of(w, Monday, [sick]);
        Assert.Equal((new TimeOnly(7, 0), new TimeOnly(11, 0), "Off sick from 11:00"), (first.Start, first.End, first.Why));
        // The break window (10:30–12:30) is cut to 10:30–11:00: 30 minutes still fit.
        Assert.Equal((new TimeOnly(10, 30), new TimeOnly(11, 0)), (first.BreakFrom, first.BreakTo));
        Assert.False(CarerDay.Of(w, Monday.AddDays(1), [sick]).Works);
    }

    [Fact]
    public void A_break_that_no_longer_fits_the_day_is_dropped()
    {
        var w = Worker();
        var sick = Change(w, AvailabilityKind.Sickness, Monday, Monday, fromTime: new TimeOnly(10, 45));
        var day = CarerDay.Of(w, Monday, [sick]);
        Assert.Equal(new TimeOnly(10, 45), day.End);
        Assert.Null(day.BreakFrom);
        Assert.Equal(0, day.BreakMinutes);
    }

    [Fact]
    public void Away_from_before_the_shift_starts_is_the_whole_day()
    {
        var w = Worker();
        var day = CarerDay.Of(w, Monday, [Change(w, AvailabilityKind.Training, Monday, Monday, fromTime: new TimeOnly(6, 0))]);
        Assert.False(day.Works);
    }

    [Fact]
    public void Changed_hours_replace_the_usual_ones_even_on_a_day_not_usually_worked_and_the_latest_recorded_wins()
    {
        var w = Worker();
        var saturday = Monday.AddDays(5);
        var first = Change(w, AvailabilityKind.ChangedHours, saturday, saturday, start: new TimeOnly(9, 0), end: new TimeOnly(13, 0));
        var later = Change(w, AvailabilityKind.ChangedHours, saturday, saturday, start: new TimeOnly(12, 0), end: new TimeOnly(18, 0), minutesLater: 5);
        var day = CarerDay.Of(w, saturday, [later, first]);
        Assert.Equal((new TimeOnly(12, 0), new TimeOnly(18, 0), "Hours changed to 12:00–18:00"), (day.Start, day.End, day.Why));
        // The break window cut to 12:00–12:30 still holds 30 minutes.
        Assert.Equal((new TimeOnly(12, 0), new TimeOnly(12, 30)), (day.BreakFrom, day.BreakTo));
    }

    [Fact]
    public void An_absence_overrides_changed_hours()
    {
        var w = Worker();
        var hours = Change(w, AvailabilityKind.ChangedHours, Monday, Monday, start: new TimeOnly(12, 0), end: new TimeOnly(18, 0));
        var sick = Change(w, AvailabilityKind.Sickness, Monday, Monday, fromTime: new TimeOnly(15, 0));
        var day = CarerDay.Of(w, Monday, [hours, sick]);
        Assert.Equal((new TimeOnly(12, 0), new TimeOnly(15, 0), "Off sick from 15:00"), (day.Start, day.End, day.Why));
    }

    [Fact]
    public void A_withdrawn_change_counts_for_nothing_and_one_for_another_carer_neither()
    {
        var w = Worker();
        var leave = Change(w, AvailabilityKind.Leave, Monday, Monday);
        leave.Withdraw("hub@test", Recorded.AddHours(1));
        var other = Change(Worker(), AvailabilityKind.Leave, Monday, Monday);
        Assert.Equal((true, (string?)null), (CarerDay.Of(w, Monday, [leave, other]).Works, CarerDay.Of(w, Monday, [leave, other]).Why));
        Assert.Throws<Homeward.Common.InvalidTransitionException>(() => leave.Withdraw("hub@test", Recorded.AddHours(2)));
    }

    [Fact]
    public void A_carer_who_has_left_works_no_day()
    {
        var w = Worker();
        w.Active = false;
        var hours = Change(w, AvailabilityKind.ChangedHours, Monday, Monday, start: new TimeOnly(9, 0), end: new TimeOnly(12, 0));
        Assert.Equal((false, "Has left the team"), (CarerDay.Of(w, Monday, [hours]).Works, CarerDay.Of(w, Monday, [hours]).Why));
    }
}
