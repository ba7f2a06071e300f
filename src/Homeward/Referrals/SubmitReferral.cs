using System.Globalization;
using System.Security.Cryptography;
using System.Text;
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
public sealed class SubmitReferral(HomewardDb db, TimeProvider clock, PostcodeDirectory postcodes, AccessScope scope)
{
    public sealed record Request
    {
        public PersonInput? Person { get; init; }
        /// <summary>
        /// The record of someone already held, for a person without an NHS number (who cannot be found by one): the
        /// referral is theirs. Only a record the caller may see.
        /// </summary>
        public Guid? PersonId { get; init; }
        public string? Route { get; init; }
        public string? Source { get; init; }
        public string? ReferrerName { get; init; }
        public string? ReferrerOrganisation { get; init; }
        public string? ReferrerContact { get; init; }
        public string? Urgency { get; init; }
        public string? Reason { get; init; }
        /// <summary>When the referral was received (ISO 8601 with offset); now if absent.</summary>
        public string? ReceivedAt { get; init; }
        public string? Hospital { get; init; }
        public string? Ward { get; init; }
        public string? AdmittedOn { get; init; }
        public string? DischargeReadyDate { get; init; }
        public bool? ExistingClient { get; init; }
        /// <summary>
        /// When the person is already held and what was sent differs (name, address, gender): <c>KeepHeld</c> refers with the
        /// record as held, <c>Update</c> changes the held record to what was sent. Without it, the differences are refused.
        /// <c>Hold</c> (for sending systems, which have nobody to ask): any difference, the date of birth too, holds the
        /// referral apart, touching nothing held, until the hub decides whether it is the same person.
        /// </summary>
        public string? PersonDetails { get; init; }
        /// <summary>The person already has an open referral by the same route: refer again all the same.</summary>
        public bool? DuplicateConfirmed { get; init; }
        /// <summary>The sending system's own reference for the referral (system|value).</summary>
        public string? SenderReference { get; init; }
        /// <summary>What the hub should check because the sender did not say it, in words.</summary>
        public string? ToCheck { get; init; }
        /// <summary>A system sent a hospital discharge without a discharge ready date: it may follow (said in <see cref="ToCheck"/>).</summary>
        public bool? ReadyDateToFollow { get; init; }
    }

    /// <summary>What to do with a held person's details that differ from those sent.</summary>
    public enum HeldDetails { KeepHeld, Update, Hold }

    /// <summary>The referral stored, or (asked to hold when details differ) the referral held for the hub's decision.</summary>
    /// <param name="PersonCreated">The person was recorded by this referral (not already held).</param>
    public sealed record Outcome(ReferralView? Referral, bool Replayed, HeldReferralView? Held = null, bool PersonCreated = false);

    private const int Attempts = 4;

    public async Task<Outcome> Handle(Request request, string? idempotencyKey, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.SubmitReferral);
        var key = CheckKey(idempotencyKey);
        var hash = Hash(request);

        for (var attempt = 1; ; attempt++)
        {
            if (key is not null && await Replay(key, hash, actor, ct) is { } replay)
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
                if (await Replay(key, hash, actor, ct) is { } late)
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
        (await Store(request, null, Hash(request), sender, ct, referralId)).Referral!;

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

        var route = problems.Enum<Route>("route", request.Route, "route");
        var source = problems.Enum<ReferralSource>("source", request.Source, "referral source");
        var referrerName = problems.Required("referrerName", request.ReferrerName, 200, "the referrer's name");
        var referrerOrganisation = problems.Optional("referrerOrganisation", request.ReferrerOrganisation, 200, "the referrer's organisation");
        var referrerContact = problems.Optional("referrerContact", request.ReferrerContact, 200, "the referrer's contact details");
        var urgency = problems.Enum<Urgency>("urgency", request.Urgency, "urgency", required: false);
        var reason = problems.Required("reason", request.Reason, 4000, "the reason for referral");
        var receivedAt = problems.Instant("receivedAt", request.ReceivedAt, "the time received", required: false) ?? now;
        if (receivedAt > now.AddMinutes(5))
            problems.Add("receivedAt", "The time received cannot be in the future.");
        var hospital = problems.Optional("hospital", request.Hospital, 200, "the hospital");
        var ward = problems.Optional("ward", request.Ward, 100, "the ward");
        var admittedOn = problems.Date("admittedOn", request.AdmittedOn, "the admission date", required: false);
        var readyDate = problems.Date("dischargeReadyDate", request.DischargeReadyDate, "the discharge ready date", required: false);
        if (route is { } r)
            ReferralRules.CheckHospitalDetails(problems, r, hospital, ward, admittedOn, readyDate, today, request.ReadyDateToFollow == true);

        Func<Task>? updateHeld = null;
        IReadOnlyList<PatientMatch.Difference>? toDecide = null;
        var heldDetails = problems.Enum<HeldDetails>("personDetails", request.PersonDetails, "what to do with details that differ", required: false);
        if (person is not null)
        {
            // Someone sent without an NHS number is recorded afresh, to be traced by the hub (never matched to another untraced record).
            var existing = request.PersonId is { } heldId
                ? await scope.MaySee(actor, heldId, ct, breakGlass: false) ? await db.People.SingleOrDefaultAsync(p => p.Id == heldId, ct) : null
                : person.NhsNumber is { } number ? await db.People.SingleOrDefaultAsync(p => p.NhsNumber == number, ct) : null;
            if (request.PersonId is not null && existing is null)
                problems.Add("personId", "No person with this record id that you can see.");
            else if (request.PersonId is not null && existing!.NhsNumber != person.NhsNumber)
                problems.Add("person.nhsNumber", "The NHS number sent is not the one held on this person's record.");
            var differences = existing is null ? [] : PatientMatch.Differences(existing, person);
            if (differences.Count > 0 && heldDetails == HeldDetails.Hold && decidedId is null)
                toDecide = differences;
            else if (differences.Any(d => d.Field == "dateOfBirth") && decidedId is null)
            {
                problems.Add("person.dateOfBirth", "This does not match the date of birth held for this NHS number: check both.");
                problems.Add("personDetails", "The date of birth differs from the record held for this NHS number: correct it, or hold the referral for the hub to decide (Hold).",
                    "The date of birth differs from the record held for this NHS number: correct it, or hold the referral for the hub to check.");
            }
            else if (existing is not null)
                updateHeld = await CheckAgainstHeld(existing, person, differences, heldDetails, route, request.DuplicateConfirmed == true, problems, actor, ct);
            (sentPerson, person) = (person, existing ?? person);
        }
        problems.ThrowIfAny();
        if (toDecide is not null)
            return await Hold(request, person!, toDecide, route!.Value, urgency ?? ReferralRules.DefaultUrgency(route.Value), receivedAt, key, hash, actor, now, ct);
        if (updateHeld is not null)
            await updateHeld();
        if (!ReferenceEquals(sentPerson, person) && person!.FillBlanksFrom(sentPerson!).Count > 0 && updateHeld is null)
        {
            // What the referral brings that the record lacked (a phone, the language, a verified NHS number status): kept.
            person.Version++;
            db.AuditEntries.Add(AuditEntry.For(actor, "person.update", person.Id, person.Id, now));
        }

        var isNewPerson = db.Entry(person!).State == EntityState.Detached;
        if (isNewPerson)
        {
            await postcodes.Place(person!, ct);
            db.People.Add(person!);
            db.AuditEntries.Add(AuditEntry.For(actor, "person.create", person!.Id, person.Id, now));
        }

        var referral = new Referral
        {
            Id = decidedId ?? Guid.CreateVersion7(),
            PersonId = person!.Id,
            Route = route!.Value,
            Source = source!.Value,
            ReferrerName = referrerName,
            ReferrerOrganisation = referrerOrganisation,
            ReferrerContact = referrerContact,
            Urgency = urgency ?? ReferralRules.DefaultUrgency(route.Value),
            Reason = reason,
            ReceivedAt = receivedAt,
            Hospital = hospital,
            Ward = ward,
            AdmittedOn = admittedOn,
            DischargeReadyDate = readyDate,
            ExistingClient = request.ExistingClient ?? false,
            SenderReference = Clip(request.SenderReference, 300),
            ToCheck = Clip(request.ToCheck, 1000),
            SubmittedBy = actor.UserId,
            SubmittedByOrganisationId = actor.OrganisationId,
        };
        var episode = Episode.Open(referral.Id, person.Id, receivedAt, actor, now);
        db.Referrals.Add(referral);
        db.Episodes.Add(episode);
        db.AuditEntries.Add(AuditEntry.For(actor, "referral.submit", person.Id, referral.Id, now));

        var view = ReferralView.From(referral, person, episode);
        if (key is not null)
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                UserId = actor.UserId,
                Key = key,
                RequestHash = hash,
                ReferralId = referral.Id,
                ResponseJson = JsonSerializer.Serialize(view, Json.Options),
                CreatedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
        return new Outcome(view, Replayed: false, PersonCreated: isNewPerson);
    }

    /// <summary>
    /// Holds a referral whose details differ from the person held for its NHS number: nothing is added to or changed in
    /// the held record; the hub decides (<see cref="DecideMatch"/>). Audited against the held person.
    /// </summary>
    private async Task<Outcome> Hold(Request request, Person held, IReadOnlyList<PatientMatch.Difference> differences, Route route, Urgency urgency,
        DateTimeOffset receivedAt, string? key, string hash, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var entry = new HeldReferral
        {
            HeldPersonId = held.Id,
            SentName = $"{request.Person!.GivenName?.Trim()} {request.Person.FamilyName?.Trim()}",
            Differing = string.Join(", ", differences.Select(d => d.Label)),
            RequestJson = JsonSerializer.Serialize(request with { ReceivedAt = receivedAt.ToString("O", CultureInfo.InvariantCulture), PersonDetails = null }, Json.Options),
            SenderReference = Clip(request.SenderReference, 300),
            Route = route,
            Urgency = urgency,
            ReceivedAt = receivedAt,
            SenderUserId = actor.UserId,
            SenderUserName = actor.UserName,
            SenderRole = actor.Role,
            SenderOrganisationId = actor.OrganisationId,
            Status = MatchStatus.Waiting,
        };
        db.HeldReferrals.Add(entry);
        db.AuditEntries.Add(AuditEntry.For(actor, "referral.hold", held.Id, entry.Id, now));
        if (key is not null)
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                UserId = actor.UserId, Key = key, RequestHash = hash, ReferralId = entry.Id, ResponseJson = HeldMarker, CreatedAt = now,
            });
        await db.SaveChangesAsync(ct);
        return new Outcome(null, Replayed: false, HeldReferralView.For(entry));
    }

    /// <summary>Text a system sent, kept to its column's length; null when empty.</summary>
    private static string? Clip(string? text, int length) => text is { Length: > 0 } t ? t[..Math.Min(t.Length, length)] : null;

    /// <summary>The response kept for a key whose request was held: the held referral is read again when replayed.</summary>
    private const string HeldMarker = "held";

    /// <summary>
    /// A referral for someone already held: details sent that differ from the held record are refused until the referrer
    /// says whether to keep the held ones or update them (never dropped without a word); an open referral by the same route
    /// is refused until confirmed, with a link to it. Held values and open referrals are named only to those who may see
    /// the person's record: to anyone else, only that something differs.
    /// </summary>
    /// <returns>The update of the held record to make once the referral is accepted, when the referrer chose to update it.</returns>
    private async Task<Func<Task>?> CheckAgainstHeld(Person held, Person sent, IReadOnlyList<PatientMatch.Difference> differences, HeldDetails? choice,
        Route? route, bool duplicateConfirmed, Problems problems, Actor actor, CancellationToken ct)
    {
        Func<Task>? update = null;
        var maySee = await scope.MaySee(actor, held.Id, ct, breakGlass: false);
        if (differences.Count > 0 && choice is null or HeldDetails.Hold)
        {
            foreach (var (field, label, heldValue, sentValue) in differences)
                problems.Add($"person.{field}", maySee
                    ? $"Homeward holds {label} {heldValue} for this NHS number, not {sentValue}."
                    : $"This {label} differs from the one held for this NHS number.");
            problems.Add("personDetails", "Some details differ from the record held for this NHS number: check them, then choose to keep the held details (KeepHeld) or update the record with these (Update).");
        }
        else if (differences.Count > 0 && choice == HeldDetails.Update)
            update = async () =>
        {
            (held.GivenName, held.FamilyName, held.AddressLine1, held.AddressLine2, held.Town) = (sent.GivenName, sent.FamilyName, sent.AddressLine1, sent.AddressLine2, sent.Town);
            held.DateOfBirth = sent.DateOfBirth; // differs only when the hub decided it is the same person (else refused above)
            if (sent.Gender != Gender.NotKnown)
                held.Gender = sent.Gender;
            if (held.Postcode != sent.Postcode)
            {
                held.Postcode = sent.Postcode;
                await postcodes.Place(held, ct);
            }
            held.Version++;
            db.AuditEntries.Add(AuditEntry.For(actor, "person.update", held.Id, held.Id, clock.GetUtcNow()));
        };

        if (route is not { } r || duplicateConfirmed || !maySee)
            return update;
        var open = await (from e in db.Episodes.AsNoTracking()
                          join x in db.Referrals.AsNoTracking() on e.ReferralId equals x.Id
                          where e.PersonId == held.Id && x.Route == r
                                && e.Status != EpisodeStatus.Ended && e.Status != EpisodeStatus.Cancelled && e.Status != EpisodeStatus.Declined
                          orderby x.ReceivedAt descending
                          select new { e.Id, e.Status, x.ReceivedAt }).FirstOrDefaultAsync(ct);
        if (open is not null)
            problems.Add("duplicateConfirmed", $"{held.GivenName} {held.FamilyName} already has an open referral by this route, received {London.DateOf(open.ReceivedAt):d MMMM yyyy} "
                + $"and now {open.Status.ToString().ToLowerInvariant()}: /episodes/{open.Id}. Check it first; to refer again all the same, confirm (duplicateConfirmed).");
        return update;
    }

    private async Task<Outcome?> Replay(string key, string hash, Actor actor, CancellationToken ct)
    {
        var record = await db.IdempotencyRecords.AsNoTracking()
            .SingleOrDefaultAsync(r => r.UserId == actor.UserId && r.Key == key, ct);
        if (record is null)
            return null;
        if (record.RequestHash != hash)
            throw new IdempotencyKeyReusedException { ReferralId = record.ReferralId };
        if (record.ResponseJson == HeldMarker)
        {
            var entry = await db.HeldReferrals.AsNoTracking().SingleAsync(h => h.Id == record.ReferralId, ct);
            db.AuditEntries.Add(AuditEntry.For(actor, "referral.submit.replay", entry.HeldPersonId, entry.Id, clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
            return new Outcome(null, Replayed: true, HeldReferralView.For(entry));
        }
        var view = JsonSerializer.Deserialize<ReferralView>(record.ResponseJson, Json.Options)!;
        db.AuditEntries.Add(AuditEntry.For(actor, "referral.submit.replay", view.Person.Id, view.Id, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return new Outcome(view, Replayed: true);
    }

    private static string? CheckKey(string? key)
    {
        if (key is null)
            return null;
        if (key.Length is 0 or > 200 || key.Any(char.IsControl))
            throw ValidationFailedException.For("Idempotency-Key", "The Idempotency-Key must be 1 to 200 printable characters.");
        return key;
    }

    /// <summary>A hash of the request as parsed, so the same request with other spacing or key order is the same.</summary>
    private static string Hash(Request request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, Json.Options))));
}
