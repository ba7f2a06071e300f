using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.People;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Referrals;

/// <summary>
/// Receives a referral: finds the person by NHS number or records them, stores the referral and opens
/// its episode, all in one transaction with the audit rows. With an Idempotency-Key, a retry of the
/// same request replays the first answer and a different request under the same key is refused.
/// </summary>
public sealed class SubmitReferral(HomewardDb db, TimeProvider clock, PostcodeDirectory postcodes)
{
    public sealed record Request
    {
        public PersonInput? Person { get; init; }
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
    }

    public sealed record Outcome(ReferralView Referral, bool Replayed);

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
                return new Outcome(await Store(request, key, hash, actor, ct), Replayed: false);
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // A concurrent request won a unique key (the same Idempotency-Key, or the first record of
                // the same person). Forget what we tried and look again: the replay or the person is there now.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<ReferralView> Store(Request request, string? key, string hash, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var problems = new Problems();

        Person? person = null;
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
            ReferralRules.CheckHospitalDetails(problems, r, hospital, ward, admittedOn, readyDate, today);

        if (person is not null)
        {
            var existing = await db.People.SingleOrDefaultAsync(p => p.NhsNumber == person.NhsNumber, ct);
            if (existing is not null && existing.DateOfBirth != person.DateOfBirth)
                problems.Add("person.dateOfBirth", "This does not match the date of birth held for this NHS number: check both.");
            person = existing ?? person;
        }
        problems.ThrowIfAny();

        var isNewPerson = db.Entry(person!).State == EntityState.Detached;
        if (isNewPerson)
        {
            await postcodes.Place(person!, ct);
            db.People.Add(person!);
            db.AuditEntries.Add(AuditEntry.For(actor, "person.create", person!.Id, person.Id, now));
        }

        var referral = new Referral
        {
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
        return view;
    }

    private async Task<Outcome?> Replay(string key, string hash, Actor actor, CancellationToken ct)
    {
        var record = await db.IdempotencyRecords.AsNoTracking()
            .SingleOrDefaultAsync(r => r.UserId == actor.UserId && r.Key == key, ct);
        if (record is null)
            return null;
        if (record.RequestHash != hash)
            throw new IdempotencyKeyReusedException();
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
