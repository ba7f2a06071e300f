using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Matching;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Referrals;

/// <summary>
/// A referral sent again under the same Idempotency-Key: the first answer replayed (a referral, or the referral held
/// for a patient-matching decision), a different request under the same key refused, and the answer kept for the next
/// retry.
/// </summary>
internal static class ReferralRetries
{
    /// <summary>The response kept for a key whose request was held: the held referral is read again when replayed.</summary>
    public const string HeldMarker = "held";

    /// <summary>Keeps the answer under the key, in the caller's save.</summary>
    public static void Keep(HomewardDb db, Actor actor, string key, string hash, Guid referralId, string responseJson, DateTimeOffset now) =>
        db.IdempotencyRecords.Add(new IdempotencyRecord
        {
            UserId = actor.UserId, Key = key, RequestHash = hash, ReferralId = referralId, ResponseJson = responseJson, CreatedAt = now,
        });

    public static async Task<SubmitReferral.Outcome?> Replay(HomewardDb db, string key, string hash, Actor actor, DateTimeOffset now, CancellationToken ct)
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
            db.AuditEntries.Add(AuditEntry.For(actor, "referral.submit.replay", entry.HeldPersonId, entry.Id, now));
            await db.SaveChangesAsync(ct);
            return new SubmitReferral.Outcome(null, Replayed: true, HeldReferralView.For(entry));
        }
        var view = JsonSerializer.Deserialize<ReferralView>(record.ResponseJson, Json.Options)!;
        db.AuditEntries.Add(AuditEntry.For(actor, "referral.submit.replay", view.Person.Id, view.Id, now));
        await db.SaveChangesAsync(ct);
        return new SubmitReferral.Outcome(view, Replayed: true);
    }

    public static string? CheckKey(string? key)
    {
        if (key is null)
            return null;
        if (key.Length is 0 or > 200 || key.Any(char.IsControl))
            throw ValidationFailedException.For("Idempotency-Key", "The Idempotency-Key must be 1 to 200 printable characters.");
        return key;
    }

    /// <summary>A hash of the request as parsed, so the same request with other spacing or key order is the same.</summary>
    public static string Hash(SubmitReferral.Request request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, Json.Options))));
}
