using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Access;

/// <summary>A privacy officer's verdict on a break-glass access: justified, or a concern (with a note) that ends it if still open.</summary>
public sealed class ReviewBreakGlass(HomewardDb db, BreakGlassViews views, TimeProvider clock)
{
    public sealed record Input(string? Verdict, string? Note);

    /// <summary>Records the privacy officer's verdict; a concern needs a note saying what follows.</summary>
    public async Task<BreakGlassViews.View> Handle(Guid id, Input review, Actor actor, CancellationToken ct)
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
        return await views.Get(id, ct);
    }
}
