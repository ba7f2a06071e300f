using System.Text.Json;
using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Referrals;
using Homeward.Referrals.SentWith;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Matching;

/// <summary>
/// Someone at the hub decides a held referral: the same person (keeping the held details, or updating the held record
/// with those sent), and the referral is stored as its sender's under the held id with everything sent with it; or not
/// the same person, and it goes back to the referrer with a note of what they were told, nothing added to the record.
/// Decided once: a second decision, or one on a stale version, is refused.
/// </summary>
public sealed class DecideMatch(HomewardDb db, AccessScope scope, SubmitReferral submit, TimeProvider clock)
{
    public enum Decision
    {
        /// <summary>The same person; the details held are right.</summary>
        KeepHeld,
        /// <summary>The same person; the held record is updated with the details sent.</summary>
        UpdateHeld,
        /// <summary>Not the person held for this NHS number: back to the referrer.</summary>
        NotThisPerson,
    }

    public sealed record Request
    {
        public string? Decision { get; init; }
        public string? Note { get; init; }
    }

    /// <summary>The held referral as decided, and the episode opened for it when it was the same person.</summary>
    public sealed record Decided(HeldReferralView Referral, Guid? EpisodeId);

    public async Task<Decided> Handle(Guid id, Request request, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.Triage);
        var held = await db.HeldReferrals.SingleOrDefaultAsync(h => h.Id == id, ct) ?? throw new NotFoundException("held referral", id);
        await scope.DemandToChange(actor, held.HeldPersonId, "referral.match.decide", "held referral", id, ct);
        var problems = new Problems();
        var decision = problems.Enum<Decision>("decision", request.Decision, "whether this is the person held");
        var note = problems.Optional("note", request.Note, 2000, "the note");
        if (decision == Decision.NotThisPerson && note is null)
            problems.Add("note", "Say what you found and what the referrer was told: the referral goes back to them.");
        problems.ThrowIfAny();
        if (held.Status != MatchStatus.Waiting)
            throw new InvalidTransitionException($"This was decided already by {held.DecidedBy} at {London.TimeOf(held.DecidedAt!.Value):d MMM HH:mm}.");
        Versions.Demand("held referral", held.Version, expectedVersion);

        var now = clock.GetUtcNow();
        Guid? episodeId = null;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            if (decision != Decision.NotThisPerson)
            {
                var sent = JsonSerializer.Deserialize<SubmitReferral.Request>(held.RequestJson, Json.Options)! with
                {
                    PersonDetails = decision == Decision.KeepHeld ? nameof(SubmitReferral.HeldDetails.KeepHeld) : nameof(SubmitReferral.HeldDetails.Update),
                    DuplicateConfirmed = true, // the hub sees both
                };
                episodeId = (await submit.StoreDecided(sent, held.Id, held.Sender(actor.CorrelationId), ct)).Episode.Id;
                SentWithReferral.Attach(db, held.Id, held.Sent().Select(s => (s.Type, s.SenderId, s.Summary, s.Content)), held.ReceivedAt);
            }
            held.Status = decision switch
            {
                Decision.KeepHeld => MatchStatus.SamePersonKeptHeld,
                Decision.UpdateHeld => MatchStatus.SamePersonUpdated,
                _ => MatchStatus.NotThisPerson,
            };
            (held.DecidedBy, held.DecidedAt, held.Note) = (actor.UserName, now, note);
            held.Version++;
            db.AuditEntries.Add(AuditEntry.For(actor, $"referral.match.{decision.ToString()!.ToLowerInvariant()}", held.HeldPersonId, id, now));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (ValidationFailedException e)
        {
            // The referral as sent no longer passes (a date now out of range): say so, in the sender's words for each field.
            var messages = e.Errors.SelectMany(x => x.Value).Distinct().ToList();
            throw ValidationFailedException.For("decision", "The referral as sent cannot be stored now: " + string.Join(" ", messages)
                + " Ask the referrer to send it again, and record this one as not taken with a note saying so.");
        }
        catch (DbUpdateException)
        {
            throw new InvalidTransitionException("Someone else decided this at the same moment: look again.");
        }
        return new Decided(HeldReferralView.For(held), episodeId);
    }
}
