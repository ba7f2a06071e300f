using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Attention;

/// <summary>
/// Takes an item that needs attention (it is then the taker's), hands it back, or marks it done. The item must be in
/// the user's queue now; an item someone else has taken is refused with their name, so two people do not work one
/// thing unknowingly. Every change is audited against the person.
/// </summary>
public sealed class ClaimAttention(HomewardDb db, NeedsAttention queue, TimeProvider clock)
{
    public enum Action { Take, Release, Done }

    public async Task<NeedsAttention.Item> Handle(string? kind, Guid subjectId, string? action, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.AcceptOrDecline);
        var problems = new Problems();
        var which = problems.Enum<AttentionKind>("kind", kind, "kind of item");
        var what = problems.Enum<Action>("action", action, "action");
        if (problems.Any || which is not { } checkedKind)
            throw problems.Failure();
        var item = (await queue.Work(actor, ct, checkedKind)).Items.SingleOrDefault(i => i.Kind == checkedKind && i.SubjectId == subjectId)
                   ?? throw new NotFoundException("item needing attention", $"{which}/{subjectId}");
        var now = clock.GetUtcNow();
        var claim = await db.AttentionClaims.SingleOrDefaultAsync(c => c.Kind == which && c.SubjectId == subjectId, ct);
        if (claim is { State: AttentionState.Taken } && claim.OwnerUserId != actor.UserId && what == Action.Take)
            throw new InvalidTransitionException($"{claim.OwnerName} has taken this already (at {London.TimeOf(claim.ChangedAt):HH:mm}).");
        if (claim is null)
        {
            claim = new AttentionClaim { Kind = checkedKind, SubjectId = subjectId };
            db.AttentionClaims.Add(claim);
        }
        else
            claim.Version++;
        claim.State = what switch { Action.Take => AttentionState.Taken, Action.Done => AttentionState.Done, _ => AttentionState.Open };
        (claim.OwnerUserId, claim.OwnerName, claim.ChangedAt) = (actor.UserId, actor.UserName, now);
        db.AuditEntries.Add(AuditEntry.For(actor, $"attention.{what.ToString()!.ToLowerInvariant()}", item.PersonId, $"{which}/{subjectId}", now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone took or finished it in the same moment: their claim stands.
            throw new InvalidTransitionException("Someone else changed this item at the same moment: look again before you act.");
        }
        return item with
        {
            State = claim.State, Owner = claim.State == AttentionState.Taken ? claim.OwnerName : null, ClaimVersion = claim.Version,
            Overdue = item.Overdue && claim.State != AttentionState.Done,
        };
    }
}
