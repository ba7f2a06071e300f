using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Access;

/// <summary>
/// Break glass: a hospital or provider user who needs the record of someone outside their relationship (a person in
/// front of them in an emergency) opens it with a stated reason for a limited time. Starting, reading under it and
/// ending it are audited as <see cref="AuditOutcome.Emergency"/>; a privacy officer reviews every one.
/// </summary>
public sealed class BreakGlass(HomewardDb db, AccessScope scope, TimeProvider clock)
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

    public sealed record Review(string? Verdict, string? Note);

    public sealed record View(Guid Id, string UserName, Role Role, string? Organisation, Guid PersonId, string PersonName, string NhsNumber,
        string Reason, DateTimeOffset StartedAt, DateTimeOffset ExpiresAt, DateTimeOffset? EndedAt, bool Active, int Reads,
        DateTimeOffset? ReviewedAt, string? ReviewedBy, BreakGlassVerdict? Verdict, string? ReviewNote, string? ChangeReason = null);

    /// <param name="Show">waiting (for review; the default), reviewed, or all.</param>
    public sealed record Query(string? Show = null, int? Page = null, int? PageSize = null);

    public enum Shown { Waiting, Reviewed, All }

    public async Task<View> Start(Input input, Actor actor, CancellationToken ct)
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
        problems.ThrowIfAny();

        var person = await db.People.AsNoTracking().Where(p => p.NhsNumber == nhsNumber!.Value).Select(p => new { p.Id })
            .SingleOrDefaultAsync(ct);
        if (person is null)
        {
            problems.Add("nhsNumber", "No one with this NHS number is known to Homeward.");
            problems.ThrowIfAny();
        }
        if (await scope.MaySee(actor, person!.Id, ct, breakGlass: false))
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
        return await Get(access.Id, ct);
    }

    /// <summary>The user's own accesses that are still open, newest first.</summary>
    public async Task<IReadOnlyList<View>> Mine(Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var ids = await db.BreakGlassAccesses.AsNoTracking()
            .Where(BreakGlassAccess.OpenAt(now)).Where(b => b.UserId == actor.UserId)
            .OrderByDescending(b => b.StartedAt).Select(b => b.Id).ToListAsync(ct);
        return await Views(db.BreakGlassAccesses.Where(b => ids.Contains(b.Id)), ct);
    }

    /// <summary>Closes the user's own access before its time limit.</summary>
    public async Task<View> End(Guid id, Actor actor, CancellationToken ct)
    {
        var access = await db.BreakGlassAccesses.SingleOrDefaultAsync(b => b.Id == id && b.UserId == actor.UserId, ct)
                     ?? throw new NotFoundException("break-glass access", id);
        var now = clock.GetUtcNow();
        if (access.IsActive(now))
        {
            access.EndedAt = now;
            db.AuditEntries.Add(AuditEntry.For(actor, "breakglass.end", access.PersonId, access.Id, now, AuditOutcome.Emergency));
            await db.SaveChangesAsync(ct);
        }
        return await Get(id, ct);
    }

    /// <summary>The privacy officer's review list: waiting for review first by default, oldest first, with how many reads each allowed.</summary>
    public async Task<Page<View>> ForReview(Query query, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadAudit);
        var problems = new Problems();
        var (page, size) = Page<View>.Check(problems, query.Page, query.PageSize);
        var shown = problems.Enum<Shown>("show", query.Show, "list", required: false) ?? Shown.Waiting;
        problems.ThrowIfAny();
        var rows = db.BreakGlassAccesses.AsNoTracking();
        if (shown == Shown.Waiting)
            rows = rows.Where(b => b.ReviewedAt == null);
        else if (shown == Shown.Reviewed)
            rows = rows.Where(b => b.ReviewedAt != null);
        var total = await rows.CountAsync(ct);
        var ids = await rows.OrderBy(b => b.StartedAt).Skip((page - 1) * size).Take(size).Select(b => b.Id).ToListAsync(ct);
        var items = await Views(db.BreakGlassAccesses.Where(b => ids.Contains(b.Id)), ct);
        db.AuditEntries.Add(AuditEntry.For(actor, "breakglass.list", null, null, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return new Page<View>([.. items.OrderBy(v => v.StartedAt)], total, page, size);
    }

    /// <summary>Records the privacy officer's verdict; a concern needs a note saying what follows.</summary>
    public async Task<View> Reviewed(Guid id, Review review, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadAudit);
        var access = await db.BreakGlassAccesses.SingleOrDefaultAsync(b => b.Id == id, ct) ?? throw new NotFoundException("break-glass access", id);
        var problems = new Problems();
        var verdict = problems.Enum<BreakGlassVerdict>("verdict", review.Verdict, "verdict");
        var note = problems.Optional("note", review.Note, 2000, "the note");
        if (verdict == BreakGlassVerdict.Concern && note is null)
            problems.Add("note", "Say what the concern is and what happens next.");
        if (access.ReviewedAt is not null)
            problems.Add("verdict", $"This access was reviewed already by {access.ReviewedBy}.");
        problems.ThrowIfAny();
        var now = clock.GetUtcNow();
        (access.ReviewedAt, access.ReviewedBy, access.Verdict, access.ReviewNote) = (now, actor.UserName, verdict, note);
        // A concern ends the access at once, if it is still open: the review is not a formality.
        if (verdict == BreakGlassVerdict.Concern && access.IsActive(now))
        {
            access.EndedAt = now;
            db.AuditEntries.Add(AuditEntry.For(actor, "breakglass.end", access.PersonId, access.Id, now));
        }
        db.AuditEntries.Add(AuditEntry.For(actor, "breakglass.review", access.PersonId, access.Id, now));
        await db.SaveChangesAsync(ct);
        return await Get(id, ct);
    }

    private async Task<View> Get(Guid id, CancellationToken ct) =>
        (await Views(db.BreakGlassAccesses.Where(b => b.Id == id), ct)).Single();

    private async Task<IReadOnlyList<View>> Views(IQueryable<BreakGlassAccess> accesses, CancellationToken ct)
    {
        var rows = await (from b in accesses.AsNoTracking()
                          join p in db.People.AsNoTracking() on b.PersonId equals p.Id
                          join o in db.Organisations.AsNoTracking() on b.OrganisationId equals o.Id into orgs
                          from o in orgs.DefaultIfEmpty()
                          select new { b, p.GivenName, p.FamilyName, p.NhsNumber, Organisation = o.Name }).ToListAsync(ct);
        var userIds = rows.Select(r => r.b.UserId).Distinct().ToList();
        var personIds = rows.Select(r => r.b.PersonId).Distinct().ToList();
        var emergencyReads = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Outcome == AuditOutcome.Emergency && userIds.Contains(a.UserId) && a.PersonId != null && personIds.Contains(a.PersonId.Value)
                        && !a.Action.StartsWith("breakglass."))
            .Select(a => new { a.UserId, PersonId = a.PersonId!.Value, a.At }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return [.. rows.OrderByDescending(r => r.b.StartedAt).Select(r => new View(r.b.Id, r.b.UserName, r.b.Role, r.Organisation, r.b.PersonId,
            $"{r.GivenName} {r.FamilyName}", r.NhsNumber.Value, r.b.Reason, r.b.StartedAt, r.b.ExpiresAt, r.b.EndedAt, r.b.IsActive(now),
            emergencyReads.Count(a => a.UserId == r.b.UserId && a.PersonId == r.b.PersonId && a.At >= r.b.StartedAt && a.At < r.b.Until),
            r.b.ReviewedAt, r.b.ReviewedBy, r.b.Verdict, r.b.ReviewNote, r.b.ChangeReason))];
    }
}
