using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Access;

/// <summary>
/// Break glass: a hospital or provider user who needs the record of someone outside their relationship (a person in
/// front of them in an emergency) opens it with a stated reason for a limited time, to read only unless a reason to
/// change it is given too. Starting, reading under it and ending it are audited as <see cref="AuditOutcome.Emergency"/>;
/// a privacy officer reviews every one (<see cref="ReviewBreakGlass"/>).
/// </summary>
public sealed class OpenBreakGlass(HomewardDb db, AccessScope scope, BreakGlassViews views, TimeProvider clock)
{
    /// <summary>The longest a break-glass access may last: one shift.</summary>
    public const int MaxMinutes = 12 * 60;
    public const int DefaultMinutes = 60;
    public const int MinReasonLength = 20;

    /// <param name="NhsNumber">The person's NHS number: break glass is for someone known, never a browse.</param>
    /// <param name="Reason">Why the record is needed now, in words a privacy officer can check (20 characters at least).</param>
    /// <param name="Minutes">How long access lasts, 15 minutes to 12 hours; an hour when not given.</param>
    /// <param name="ChangeReason">Only to change the record, not just read it: why (20 characters at least). Without one the access reads only.</param>
    public sealed record Input(string? NhsNumber, string? Reason, int? Minutes, string? ChangeReason = null);

    public async Task<BreakGlassViews.View> Handle(Input input, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.BreakGlass);
        var problems = new Problems();
        var nhsNumber = problems.NhsNumber("nhsNumber", input.NhsNumber);
        var reason = problems.Required("reason", input.Reason, 1000, "the reason you need this record now");
        if (reason.Length is > 0 and < MinReasonLength)
            problems.Add("reason", $"Say why you need this record now in at least {MinReasonLength} characters: a privacy officer will review it.");
        var changeReason = problems.Optional("changeReason", input.ChangeReason, 1000, "the reason you need to change this record");
        if (changeReason is { Length: < MinReasonLength })
            problems.Add("changeReason", $"Say why you must change this record, not only read it, in at least {MinReasonLength} characters.");
        var minutes = input.Minutes ?? DefaultMinutes;
        if (minutes is < 15 or > MaxMinutes)
            problems.Add("minutes", $"Access lasts from 15 minutes to {MaxMinutes / 60} hours.");
        if (problems.Any || nhsNumber is not { } checkedNumber)
            throw problems.Failure();

        var person = await db.People.AsNoTracking().Where(p => p.NhsNumber == checkedNumber).Select(p => new { p.Id })
            .SingleOrDefaultAsync(ct);
        if (person is null)
        {
            problems.Add("nhsNumber", "No one with this NHS number is known to Homeward.");
            throw problems.Failure();
        }
        if (await scope.MaySee(actor, person.Id, ct, breakGlass: false))
            problems.Add("nhsNumber", "You can already see this person's record: open it from your lists, no need to break the glass.");
        problems.ThrowIfAny();

        var now = clock.GetUtcNow();
        var access = new BreakGlassAccess
        {
            UserId = actor.UserId, UserName = actor.UserName, Role = actor.Role, OrganisationId = actor.OrganisationId, PersonId = person.Id,
            Reason = reason, ChangeReason = changeReason, StartedAt = now, ExpiresAt = now.AddMinutes(minutes),
        };
        db.BreakGlassAccesses.Add(access);
        db.AuditEntries.Add(AuditEntry.For(actor, "breakglass.start", person.Id, access.Id, now, AuditOutcome.Emergency));
        await db.SaveChangesAsync(ct);
        return await views.Get(access.Id, ct);
    }
}
