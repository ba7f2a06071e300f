using System.Text.Json;
using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.Matching;
using Homeward.People;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Referrals;

/// <summary>
/// Receives a referral: finds the person by NHS number or records them, stores the referral and opens
/// its episode, all in one transaction with the audit rows. With an Idempotency-Key, a retry of the
/// same request replays the first answer and a different request under the same key is refused.
/// </summary>
public sealed partial class SubmitReferral(HomewardDb db, TimeProvider clock, PostcodeDirectory postcodes, ReferralPersonCheck held)
{
    private const int Attempts = 4;

    public async Task<Outcome> Handle(Request request, string? idempotencyKey, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.SubmitReferral);
        var key = ReferralRetries.CheckKey(idempotencyKey);
        var hash = ReferralRetries.Hash(request);

        for (var attempt = 1; ; attempt++)
        {
            if (key is not null && await ReferralRetries.Replay(db, key, hash, actor, clock.GetUtcNow(), ct) is { } replay)
                return replay;
            try
            {
                return await Store(request, key, hash, actor, ct);
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // A concurrent request won a unique key (the same Idempotency-Key, or the first record of
                // the same person). Forget what we tried and look again: the replay or the person is there now.
                db.ChangeTracker.Clear();
            }
            catch (ValidationFailedException) when (key is not null)
            {
                // A concurrent request with the same key may have stored this very referral between our look for a
                // replay and our checks (which then see "an open referral by this route"): that one is the answer.
                db.ChangeTracker.Clear();
                if (await ReferralRetries.Replay(db, key, hash, actor, clock.GetUtcNow(), ct) is { } late)
                    return late;
                throw;
            }
        }
    }

    /// <summary>
    /// Stores a referral that was held for a patient-matching decision, now decided to be the held person's: under the
    /// held referral's id, as its sender's (<paramref name="sender"/>), in the caller's transaction. A date of birth that
    /// differs no longer refuses it (the hub checked); <c>Update</c> then changes the held date of birth too.
    /// </summary>
    internal async Task<ReferralView> StoreDecided(Request request, Guid referralId, Actor sender, CancellationToken ct) =>
        (await Store(request, null, ReferralRetries.Hash(request), sender, ct, referralId)).Referral!;

    private async Task<Outcome> Store(Request request, string? key, string hash, Actor actor, CancellationToken ct, Guid? decidedId = null)
    {
        var now = clock.GetUtcNow();
        var today = London.DateOf(now);
        var problems = new Problems();

        Person? person = null, sentPerson = null;
        if (request.Person is null)
            problems.Add("person", "Give the person's details.");
        else
            person = request.Person.Validate(problems, "person.", today, now);

        var fields = Fields.Check(request, problems, today, now, out var route, out var heldDetails);
        var (updateHeld, toDecide) = (default(Func<Task>), default(IReadOnlyList<PatientMatch.Difference>));
        if (person is not null)
        {
            var existing = await held.Find(request.PersonId, person, problems, actor, ct);
            (updateHeld, toDecide) = await held.Compare(existing, person, heldDetails, route, request.DuplicateConfirmed == true, decided: decidedId is not null,
                problems, actor, ct);
            (sentPerson, person) = (person, existing ?? person);
        }
        if (problems.Any || fields is null || person is null || sentPerson is null)
            throw problems.Failure();
        if (toDecide is not null)
            return await HoldReferral.Handle(db, request, person, toDecide, fields.Route, fields.Urgency, fields.ReceivedAt, key, hash, actor, now, ct);
        if (updateHeld is not null)
            await updateHeld();
        if (!ReferenceEquals(sentPerson, person) && person.FillBlanksFrom(sentPerson).Count > 0 && updateHeld is null)
        {
            // What the referral brings that the record lacked (a phone, the language, a verified NHS number status): kept.
            person.Version++;
            db.AuditEntries.Add(AuditEntry.For(actor, "person.update", person.Id, person.Id, now));
        }

        var isNewPerson = db.Entry(person).State == EntityState.Detached;
        if (isNewPerson)
        {
            await postcodes.Place(person, ct);
            db.People.Add(person);
            db.AuditEntries.Add(AuditEntry.For(actor, "person.create", person.Id, person.Id, now));
        }

        var referral = fields.ToReferral(decidedId ?? Guid.CreateVersion7(), person.Id, request, actor);
        var episode = Episode.Open(referral.Id, person.Id, fields.ReceivedAt, actor, now);
        db.Referrals.Add(referral);
        db.Episodes.Add(episode);
        db.AuditEntries.Add(AuditEntry.For(actor, "referral.submit", person.Id, referral.Id, now));

        var view = ReferralView.From(referral, person, episode);
        if (key is not null)
            ReferralRetries.Keep(db, actor, key, hash, referral.Id, JsonSerializer.Serialize(view, Json.Options), now);
        await db.SaveChangesAsync(ct);
        return new Outcome(view, Replayed: false, PersonCreated: isNewPerson);
    }
}
