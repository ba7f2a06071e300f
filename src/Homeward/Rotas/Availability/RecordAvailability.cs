using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Rotas.Carers;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Rotas.Availability;

/// <summary>
/// Records a carer's leave, sickness, training or changed hours for a run of days: every problem at once; an absence
/// that overlaps one already recorded is refused (withdraw that first); audited.
/// </summary>
public sealed class RecordAvailability(HomewardDb db, CarerRules rules, TimeProvider clock)
{
    /// <summary>The longest run of days one change covers.</summary>
    public const int MostDays = 366;
    /// <summary>How far back a change may be recorded (sickness recorded after the event, for the record).</summary>
    public const int MostDaysBack = 90;

    /// <param name="Kind">Leave, Sickness, Training or ChangedHours.</param>
    /// <param name="To">The last day (the first when blank).</param>
    /// <param name="FromTime">For an absence: away from this time on the first day (sent home sick at 11:00).</param>
    /// <param name="ShiftStart">For changed hours: the hours worked on these days.</param>
    public sealed record Input(string? Kind, string? From, string? To, string? FromTime = null, string? ShiftStart = null, string? ShiftEnd = null,
        string? Note = null);

    public async Task<AvailabilityView> Handle(Guid workerId, Input input, Actor actor, CancellationToken ct)
    {
        var worker = await db.CareWorkers.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workerId, ct) ?? throw new NotFoundException("carer", workerId);
        await rules.Team(worker.ServiceId, actor, ct, workerId);
        var problems = new Problems();
        var kind = problems.Enum<AvailabilityKind>("kind", input.Kind, "kind of change");
        var from = problems.Date("from", input.From, "the first day", required: true);
        var to = problems.Date("to", input.To, "the last day", required: false) ?? from;
        var today = London.Today(clock);
        if (from is { } f && f < today.AddDays(-MostDaysBack))
            problems.Add("from", $"The first day can be at most {MostDaysBack} days ago.");
        if (from is { } f2 && to is { } t)
        {
            if (t < f2)
                problems.Add("to", "The last day must be the first day or after it.");
            else if (t.DayNumber - f2.DayNumber + 1 > MostDays)
                problems.Add("to", $"One change covers at most {MostDays} days: record a longer absence in parts.");
        }
        var fromTime = problems.Time("fromTime", input.FromTime, "the time they are away from", required: false);
        TimeOnly? start = null, end = null;
        if (kind == AvailabilityKind.ChangedHours)
        {
            start = problems.Time("shiftStart", input.ShiftStart, "when the changed hours start");
            end = problems.Time("shiftEnd", input.ShiftEnd, "when the changed hours end");
            if (start is { } s && end is { } e && e <= s)
                problems.Add("shiftEnd", "The changed hours must end after they start.");
            if (fromTime is not null)
                problems.Add("fromTime", "Leave the time away from empty for changed hours: give the hours worked instead.");
        }
        else if (kind is not null && (!string.IsNullOrWhiteSpace(input.ShiftStart) || !string.IsNullOrWhiteSpace(input.ShiftEnd)))
            problems.Add("shiftStart", "Hours are given only for changed hours: leave them empty for an absence.");
        var note = problems.Optional("note", input.Note, 500, "the note");
        if (problems.Any || kind is not { } checkedKind || from is not { } first || to is not { } last)
            throw problems.Failure();

        var change = new AvailabilityChange
        {
            WorkerId = worker.Id, ServiceId = worker.ServiceId, Kind = checkedKind, From = first, To = last, FromTime = fromTime,
            ShiftStart = start, ShiftEnd = end, Note = note, RecordedBy = actor.UserName, RecordedAt = clock.GetUtcNow(),
        };
        if (change.Away)
        {
            var overlap = await db.Set<AvailabilityChange>().AsNoTracking()
                .Where(c => c.WorkerId == worker.Id && c.WithdrawnAt == null && c.Kind != AvailabilityKind.ChangedHours && c.From <= change.To && c.To >= change.From)
                .OrderBy(c => c.From).FirstOrDefaultAsync(ct);
            if (overlap is not null)
                throw ValidationFailedException.For("from",
                    $"{worker.Name} is already recorded as {CarerDay.Name(overlap.Kind).ToLowerInvariant()} from {overlap.From:d MMMM yyyy} to {overlap.To:d MMMM yyyy}: withdraw that first, or choose other days.");
        }
        db.Set<AvailabilityChange>().Add(change);
        db.AuditEntries.Add(AuditEntry.For(actor, "carer.availability", null, change.Id, change.RecordedAt));
        await db.SaveChangesAsync(ct);
        return AvailabilityView.Of(change);
    }
}
