using Homeward.Capacity;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.People;
using Homeward.Visits;
using Homeward.YourCare;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Messages;

/// <summary>
/// Tells the person (by the contact they prefer: e-mail or text) and each family member who asked to be told (their
/// <see cref="FamilyAccess.Messages"/>) when something changes: a visit's time moves by <see cref="MovedMinutes"/> or
/// more, a visit did not happen, their support ended. The messages join the outbox in the same transaction as the
/// change, and name the person by first name only (a message is read on a locked phone). The same change is never told
/// twice to one address.
/// </summary>
public sealed class TellFamily(HomewardDb db, TimeProvider clock)
{
    public const int MovedMinutes = 30;

    private sealed record Recipient(MessageChannel Channel, string To);

    public async Task VisitMissed(Visit visit, CancellationToken ct)
    {
        var (first, phone, team) = await About(visit.PersonId, visit.EpisodeId, ct);
        await Tell(visit.PersonId, MessageReason.VisitMissed, visit.Id.ToString(), "A visit did not happen",
            $"{team}: the visit to {first} on {visit.Date:dddd d MMMM} between {visit.WindowStart:HH:mm} and {visit.WindowEnd:HH:mm} did not happen. "
            + $"The team is following it up.{Call(phone)}", ct);
    }

    /// <summary>Visits whose expected time moved (minutes after midnight, before and after a rota was published again).</summary>
    public async Task VisitsMoved(IReadOnlyList<(Guid VisitId, int From, int To)> moved, CancellationToken ct)
    {
        foreach (var (visitId, from, to) in moved.Where(m => Math.Abs(m.To - m.From) >= MovedMinutes))
        {
            var visit = await db.Visits.AsNoTracking().SingleAsync(v => v.Id == visitId, ct);
            var (first, phone, team) = await About(visit.PersonId, visit.EpisodeId, ct);
            await Tell(visit.PersonId, MessageReason.VisitTimeChanged, $"{visitId:N}@{to}", "A visit's time has changed",
                $"{team}: the visit to {first} on {visit.Date:dddd d MMMM} is now expected at about {TimeOnly.MinValue.AddMinutes(to):HH:mm} "
                + $"(it was {TimeOnly.MinValue.AddMinutes(from):HH:mm}).{Call(phone)}", ct);
        }
    }

    public async Task SupportEnded(Episode episode, DateOnly endedOn, CancellationToken ct)
    {
        var (first, phone, team) = await About(episode.PersonId, episode.Id, ct);
        await Tell(episode.PersonId, MessageReason.SupportEnded, episode.Id.ToString(), "Support from the team has ended",
            $"{team}: {first}'s support from the team ended on {endedOn:dddd d MMMM}. If things get harder, call us or your GP.{Call(phone)}", ct);
    }

    private static string Call(string? phone) => phone is null ? "" : $" Call {phone}.";

    private async Task<(string First, string? Phone, string Team)> About(Guid personId, Guid episodeId, CancellationToken ct)
    {
        var first = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => p.GivenName).SingleAsync(ct);
        var service = await (from b in db.Bookings.AsNoTracking()
                             join s in db.CareServices.AsNoTracking() on b.ServiceId equals s.Id
                             where b.EpisodeId == episodeId && (b.Status == BookingStatus.Accepted || b.Status == BookingStatus.Ended)
                             orderby b.StartDate descending
                             select new { s.Name, s.Phone }).FirstOrDefaultAsync(ct);
        var partnership = await db.Partnerships.AsNoTracking().Select(p => new { p.Name, p.Phone }).FirstOrDefaultAsync(ct);
        return (first, service?.Phone ?? partnership?.Phone, service?.Name ?? partnership?.Name ?? "Your care team");
    }

    private async Task Tell(Guid personId, MessageReason reason, string about, string subject, string body, CancellationToken ct)
    {
        var recipients = new List<Recipient>();
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new { p.ContactPreference, p.Email, p.MobilePhone }).SingleAsync(ct);
        if (person.ContactPreference == ContactPreference.Email && person.Email is { } email)
            recipients.Add(new Recipient(MessageChannel.Email, PublicIdentity.NormaliseEmail(email)));
        else if (person.ContactPreference is ContactPreference.Text or ContactPreference.Mobile && PublicIdentity.NormaliseMobile(person.MobilePhone) is { } mobile)
            recipients.Add(new Recipient(MessageChannel.Text, mobile));
        foreach (var family in await db.FamilyAccesses.AsNoTracking().Where(f => f.PersonId == personId && f.WithdrawnAt == null && f.Messages).ToListAsync(ct))
            recipients.Add(family.Email is { } e ? new Recipient(MessageChannel.Email, e) : new Recipient(MessageChannel.Text, family.MobilePhone!));
        var now = clock.GetUtcNow();
        foreach (var r in recipients.Distinct())
        {
            if (await db.OutboundMessages.AnyAsync(m => m.Reason == reason && m.About == about && m.To == r.To, ct)
                || db.OutboundMessages.Local.Any(m => m.Reason == reason && m.About == about && m.To == r.To))
                continue;
            db.OutboundMessages.Add(new OutboundMessage
            {
                PersonId = personId, Channel = r.Channel, To = r.To, Reason = reason, About = about, CreatedAt = now, Subject = subject, Body = body,
            });
        }
    }
}
