using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Retention.Disposal;

/// <summary>
/// The privacy officer's decision on a record due for review: keep it until a day, saying why, or destroy it, saying
/// on what authority and confirming the checks (no complaint, inquiry, safeguarding concern or legal hold). Destroying
/// erases the person's record (<see cref="EraseRecord"/>) in one transaction and writes the register row and the audit
/// row; a record that is no longer due (new care since the list was read) or is held (a restriction in force, a subject
/// access request being answered) is refused with the reason.
/// </summary>
public sealed class ReviewRecord(HomewardDb db, TimeProvider clock)
{
    /// <summary>Longest time a review may keep a record before it comes up again.</summary>
    public const int MaxKeepYears = 25;

    public sealed record Input(string? Decision, string? Reason, string? KeepUntil, bool? Checked);

    /// <summary>The decision as the register keeps it, and whose record it was (for the one who decided; never kept).</summary>
    public sealed record Decided(ReadDisposalReviews.DisposalView Decision, string Name);

    public async Task<Decided> Handle(Guid personId, Input input, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.AnswerSubjectAccess);
        var now = clock.GetUtcNow();
        var today = London.DateOf(now);
        var problems = new Problems();
        var decision = problems.Enum<DisposalDecision>("decision", input.Decision, "whether the record is kept or destroyed");
        var reason = problems.Required("reason", input.Reason, 2000, decision == DisposalDecision.Keep
            ? "why the record is kept (a complaint, an inquiry, a safeguarding concern, a legal hold)"
            : "the authority for destroying it (the retention schedule's rule and the checks made)");
        var keepUntil = problems.Date("keepUntil", input.KeepUntil, "the day the record comes up for review again", required: decision == DisposalDecision.Keep);
        if (decision == DisposalDecision.Keep && keepUntil is { } until && (until <= today || until > today.AddYears(MaxKeepYears)))
            problems.Add("keepUntil", $"The record comes up again on a day after today and within {MaxKeepYears} years.");
        if (decision == DisposalDecision.Dispose && keepUntil is not null)
            problems.Add("keepUntil", "Only a record kept has a day to come up again: leave it blank to destroy the record.");
        if (decision == DisposalDecision.Dispose && input.Checked != true)
            problems.Add("checked", "Confirm that you have checked for a complaint, an inquiry, a safeguarding concern or a legal hold before destroying the record.");
        if (problems.Any || decision is not { } chosen)
            throw problems.Failure();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var name = await db.People.Where(p => p.Id == personId).Select(p => p.GivenName + " " + p.FamilyName).SingleOrDefaultAsync(ct)
                   ?? throw new NotFoundException("person", personId);
        var due = await ApplyRetention.Due(db, now).Where(d => d.PersonId == personId).SingleOrDefaultAsync(ct)
                  ?? throw new InvalidTransitionException("This record is not due for review: care is open, ended less than 8 years ago, or a review keeps it until a day still to come.");
        var holds = await ReadDisposalReviews.Holds(db, [personId], ct);
        if (chosen == DisposalDecision.Dispose && holds.TryGetValue(personId, out var held))
            throw new InvalidTransitionException(string.Join(" ", held));

        string? erased = null;
        if (chosen == DisposalDecision.Dispose)
            erased = string.Join(", ", (await EraseRecord.Run(db, personId, ct)).Where(e => e.Count > 0).Select(e => $"{e.What}: {e.Count}"));
        var review = new DisposalReview
        {
            PersonId = personId, Decision = chosen, Reason = reason, KeepUntil = chosen == DisposalDecision.Keep ? keepUntil : null, Erased = erased,
            CareEndedOn = London.DateOf(due.CareEndedAt), DecidedAt = now, DecidedById = actor.UserId, DecidedBy = actor.UserName,
        };
        db.DisposalReviews.Add(review);
        db.AuditEntries.Add(AuditEntry.For(actor, chosen == DisposalDecision.Keep ? "retention.keep" : "retention.dispose", personId, review.Id, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Decided(ReadDisposalReviews.DisposalView.From(review), name);
    }
}
