using System.Globalization;
using System.Text.Json;
using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Matching;
using Homeward.People;

namespace Homeward.Referrals;

internal static class HoldReferral
{
    /// <summary>
    /// Holds a referral whose details differ from the person held for its NHS number: nothing is added to or changed in
    /// the held record; the hub decides (<see cref="DecideMatch"/>). Audited against the held person.
    /// </summary>
    public static async Task<SubmitReferral.Outcome> Handle(HomewardDb db, SubmitReferral.Request request, Person held, IReadOnlyList<PatientMatch.Difference> differences, Route route, Urgency urgency,
        DateTimeOffset receivedAt, string? key, string hash, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var entry = new HeldReferral
        {
            HeldPersonId = held.Id,
            SentName = $"{request.Person!.GivenName?.Trim()} {request.Person.FamilyName?.Trim()}",
            Differing = string.Join(", ", differences.Select(d => d.Label)),
            RequestJson = JsonSerializer.Serialize(request with { ReceivedAt = receivedAt.ToString("O", CultureInfo.InvariantCulture), PersonDetails = null }, Json.Options),
            SenderReference = ReferralText.Clip(request.SenderReference, 300),
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
            ReferralRetries.Keep(db, actor, key, hash, entry.Id, ReferralRetries.HeldMarker, now);
        await db.SaveChangesAsync(ct);
        return new SubmitReferral.Outcome(null, Replayed: false, HeldReferralView.For(entry));
    }
}
