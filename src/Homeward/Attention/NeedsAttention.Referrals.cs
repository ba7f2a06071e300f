using Homeward.Common;
using Homeward.Episodes;
using Homeward.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Attention;

/// <summary>What needs the hub about referrals: 2-hour referrals not yet seen, matching decisions, details to check, NHS numbers to trace.</summary>
public sealed partial class NeedsAttention
{
    /// <summary>New 2-hour referrals, due within two hours of arriving.</summary>
    private async Task TwoHourReferrals(Query q, List<Found> found, CancellationToken ct)
    {
        foreach (var x in await q.Episodes.Where(x => x.Episode.Status == EpisodeStatus.Referred && x.Referral.Urgency == Urgency.TwoHour)
                     .Select(x => new { x.Episode.Id, x.Episode.PersonId, x.Name, x.Episode.ReferredAt, x.Referral.Reason }).ToListAsync(ct))
            found.Add(new(AttentionKind.TwoHourReferral, x.Id, x.Id, x.PersonId, x.Name,
                $"First visit due by {London.TimeOf(x.ReferredAt + TimeSpan.FromHours(2)):HH:mm}: {Short(x.Reason)}", x.ReferredAt));
    }

    /// <summary>Referrals held because the NHS number is known under different details.</summary>
    private async Task PatientMatches(Query q, List<Found> found, CancellationToken ct)
    {
        var held = from h in db.HeldReferrals.AsNoTracking()
                   join p in q.People on h.HeldPersonId equals p.Id
                   join o in db.Organisations.AsNoTracking() on h.SenderOrganisationId equals o.Id
                   where h.Status == Matching.MatchStatus.Waiting
                   select new { h.Id, h.HeldPersonId, h.SentName, h.Differing, h.ReceivedAt, h.Urgency, Sender = o.Name, Held = p.GivenName + " " + p.FamilyName };
        foreach (var x in await held.ToListAsync(ct))
            found.Add(new(AttentionKind.PatientMatch, x.Id, null, x.HeldPersonId, x.SentName,
                $"{(x.Urgency == Urgency.TwoHour ? "2-hour referral " : "")}from {x.Sender}: the NHS number is held for {x.Held}, but {x.Differing} differ; held until someone decides",
                x.ReceivedAt));
    }

    /// <summary>Referrals accepted with something to check.</summary>
    private async Task ReferralsToCheck(Query q, List<Found> found, CancellationToken ct)
    {
        foreach (var x in await q.Episodes.Where(x => x.Referral.ToCheck != null && (x.Episode.Status == EpisodeStatus.Referred || x.Episode.Status == EpisodeStatus.Triaged))
                     .Select(x => new { x.Episode.Id, x.Episode.PersonId, x.Name, x.Episode.ReferredAt, x.Referral.ToCheck }).ToListAsync(ct))
            found.Add(new(AttentionKind.ReferralToCheck, x.Id, x.Id, x.PersonId, x.Name, x.ToCheck!, x.ReferredAt));
    }

    /// <summary>People referred without an NHS number.</summary>
    private async Task NhsNumbersToTrace(Query q, List<Found> found, CancellationToken ct)
    {
        // One item a person (their latest open episode), from when they were first referred without it.
        var untraced = from e in db.Episodes.AsNoTracking()
                       join p in q.People on e.PersonId equals p.Id
                       where p.NhsNumber == null && e.Status != EpisodeStatus.Ended && e.Status != EpisodeStatus.Cancelled && e.Status != EpisodeStatus.Declined
                       select new { e.Id, e.PersonId, Name = p.GivenName + " " + p.FamilyName, p.DateOfBirth, p.Postcode, e.ReferredAt };
        foreach (var person in (await untraced.ToListAsync(ct)).GroupBy(x => x.PersonId))
        {
            var latest = person.MaxBy(x => x.ReferredAt)!;
            found.Add(new(AttentionKind.NhsNumberTrace, person.Key, latest.Id, person.Key, latest.Name,
                $"Referred without an NHS number: trace it on PDS (born {latest.DateOfBirth.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}, {latest.Postcode.Value})", person.Min(x => x.ReferredAt)));
        }
    }
}
