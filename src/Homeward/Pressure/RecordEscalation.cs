using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Pressure;

/// <summary>
/// Adds an escalation action to the log (at the level and score of the moment, with an owner and, if given, a time by
/// which it is due) and marks one done with its result. Either needs the right to accept or decline referrals: the
/// hub, rapid response and managers run escalation.
/// </summary>
public sealed class RecordEscalation(HomewardDb db, SystemPressure pressure, TimeProvider clock)
{
    public sealed record NewAction(string? Action, string? Owner, string? DueBy);
    public sealed record Done(string? Result);

    public async Task<SystemPressure.ActionView> Add(NewAction input, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.AcceptOrDecline);
        var now = clock.GetUtcNow();
        var problems = new Problems();
        var action = problems.Required("action", input.Action, 1000, "the action");
        var owner = problems.Required("owner", input.Owner, 200, "who owns the action");
        var due = problems.Instant("dueBy", input.DueBy, "the time it is due", required: false);
        if (due is { } d && d < now.AddMinutes(-5))
            problems.Add("dueBy", "The time it is due cannot be in the past.");
        problems.ThrowIfAny();
        // The level of the moment, without reading the log as the page does.
        var (_, score, level) = await pressure.Now(now, ct);
        var entry = new EscalationAction
        {
            Level = level, Score = score, Action = action!, Owner = owner!, DueBy = due, RaisedAt = now, RaisedBy = actor.UserName,
        };
        db.EscalationActions.Add(entry);
        db.AuditEntries.Add(AuditEntry.For(actor, "escalation.add", null, entry.Id, now));
        await db.SaveChangesAsync(ct);
        return SystemPressure.ViewOf(entry, now);
    }

    public async Task<SystemPressure.ActionView> Complete(Guid id, Done input, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.AcceptOrDecline);
        var entry = await db.EscalationActions.SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("escalation action", id);
        Versions.Demand("escalation action", entry.Version, expectedVersion);
        var problems = new Problems();
        var result = problems.Required("result", input.Result, 1000, "what was done");
        problems.ThrowIfAny();
        if (entry.DoneAt is not null)
            throw new InvalidTransitionException($"{entry.DoneBy} marked this action done already.");
        var now = clock.GetUtcNow();
        (entry.DoneAt, entry.DoneBy, entry.Result) = (now, actor.UserName, result);
        entry.Version++;
        db.AuditEntries.Add(AuditEntry.For(actor, "escalation.done", null, entry.Id, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new InvalidTransitionException("Someone else changed this action at the same moment: look again before you act.");
        }
        return SystemPressure.ViewOf(entry, now);
    }
}
