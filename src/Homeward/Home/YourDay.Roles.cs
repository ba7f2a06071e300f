using Homeward.Access;
using Homeward.Attention;
using Homeward.Capacity;
using Homeward.Common;
using Homeward.Delays;
using Homeward.Episodes;
using Homeward.Matching;
using Homeward.Referrals;
using Homeward.Rotas;
using Homeward.Visits;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Home;

/// <summary>Each role's day: the hospital discharge team's, a provider's, and a carer's or the hub's.</summary>
public sealed partial class YourDay
{
    private async Task<View> Hospital(Actor actor, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var since = now.AddDays(-7);
        var held = await db.HeldReferrals.AsNoTracking()
            .Where(h => h.SenderOrganisationId == actor.OrganisationId && (h.Status == MatchStatus.Waiting || h.Status == MatchStatus.NotThisPerson && h.DecidedAt >= since))
            .OrderBy(h => h.ReceivedAt).ToListAsync(ct);
        var heldItems = held.Select(h => h.Status == MatchStatus.Waiting
            ? new Item(h.SentName, $"Sent {London.TimeOf(h.ReceivedAt):d MMM HH:mm}: {h.Differing} differ from the record held for this NHS number. The hub is checking; nothing to do unless they ring.", null, false, null)
            : new Item(h.SentName, $"Sent back {London.TimeOf(h.DecidedAt!.Value):d MMM HH:mm}: not the person held for this NHS number. {h.Note} Check the NHS number and send it again.", null, true, null)).ToList();

        var episodes = from e in MyEpisodes(actor)
                       join r in db.Referrals.AsNoTracking() on e.ReferralId equals r.Id
                       join p in db.People.AsNoTracking() on e.PersonId equals p.Id
                       where r.Route == Route.HospitalDischarge && e.DischargedOn == null && InFlight.Contains(e.Status)
                       select new { e.Id, e.PersonId, Name = p.GivenName + " " + p.FamilyName, r.DischargeReadyDate, e.ReferredAt, r.Ward };
        var rows = await episodes.ToListAsync(ct);
        var reasons = await delays.Current([.. rows.Where(x => x.DischargeReadyDate < today).Select(x => x.Id)], ct);
        var delayed = rows.Where(x => x.DischargeReadyDate < today).OrderBy(x => x.DischargeReadyDate).Select(x =>
        {
            var days = today.DayNumber - x.DischargeReadyDate!.Value.DayNumber;
            var why = reasons.TryGetValue(x.Id, out var reason) ? $"reason: {reason.Label()}" : "no delay reason recorded: record one";
            return new Item(x.Name, $"{days} {(days == 1 ? "day" : "days")} past the ready date ({x.DischargeReadyDate:d MMM}){(x.Ward is null ? "" : $", {x.Ward}")}; {why}",
                $"/episodes/{x.Id}", days >= 2 && !reasons.ContainsKey(x.Id) || days >= 21, x.PersonId);
        }).ToList();
        var noDate = rows.Where(x => x.DischargeReadyDate is null).OrderBy(x => x.ReferredAt).Select(x =>
            new Item(x.Name, $"Referred {London.TimeOf(x.ReferredAt):d MMM}{(x.Ward is null ? "" : $" from {x.Ward}")}: no discharge ready date yet. Add it on the referral or in the ready list.",
                $"/episodes/{x.Id}", now - x.ReferredAt > TimeSpan.FromDays(1), x.PersonId)).ToList();
        return new View("Your referrals", $"{rows.Count} of your hospital discharge referrals are in flight; what needs you first.",
        [
            new("held", "Held or sent back: the patient's details", "None: every referral you sent matched the record held.", heldItems),
            new("delayed", "Still in hospital past the discharge ready date", "Nobody you referred is past their ready date.", delayed,
                new("the board, longest delay first", "/board?route=HospitalDischarge&sort=Delay")),
            new("no-date", "Waiting for a discharge ready date", "Every referral has its ready date.", noDate,
                new("the board's hospital discharges", "/board?route=HospitalDischarge")),
        ], now);
    }

    private async Task<View> Provider(Actor actor, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var bookings = from b in db.Bookings.AsNoTracking()
                       join s in db.CareServices.AsNoTracking() on b.ServiceId equals s.Id
                       join p in db.People.AsNoTracking() on b.PersonId equals p.Id
                       join e in db.Episodes.AsNoTracking() on b.EpisodeId equals e.Id
                       where s.OrganisationId == actor.OrganisationId
                       select new { b.Id, b.EpisodeId, b.PersonId, b.Status, b.StartDate, b.EndDate, b.CreatedAt, Service = s.Name, Name = p.GivenName + " " + p.FamilyName,
                           p.PostcodeDistrict, Started = e.Status == EpisodeStatus.Active };
        var offered = (await bookings.Where(b => b.Status == BookingStatus.Offered).OrderBy(b => b.CreatedAt).ToListAsync(ct)).Select(b =>
            new Item(b.Name, $"{b.Service}, {b.PostcodeDistrict}, from {b.StartDate:d MMM}: offered {London.TimeOf(b.CreatedAt):d MMM HH:mm}"
                             + (now - b.CreatedAt > AttentionKinds.OfferAnswerLimit ? "; waiting longer than it should: answer it now" : ""),
                "/capacity", now - b.CreatedAt > AttentionKinds.OfferAnswerLimit, b.PersonId)).ToList();
        var soon = today.AddDays(StartingWithinDays);
        // Accepted and not yet started: the first visit is the provider's to arrange (due today: needs them now).
        var starting = (await bookings.Where(b => b.Status == BookingStatus.Accepted && !b.Started && b.StartDate <= soon && b.EndDate >= today).OrderBy(b => b.StartDate).ToListAsync(ct))
            .Select(b => new Item(b.Name, b.StartDate <= today ? $"{b.Service}: due to start today" : $"{b.Service} from {b.StartDate:dddd d MMM}",
                $"/episodes/{b.EpisodeId}", b.StartDate <= today, b.PersonId)).ToList();
        var inCare = (await bookings.Where(b => b.Status == BookingStatus.Accepted && b.Started && b.StartDate <= today && b.EndDate >= today).OrderBy(b => b.Name).ToListAsync(ct))
            .Select(b => new Item(b.Name, $"{b.Service}, booked until {b.EndDate:d MMM}", $"/episodes/{b.EpisodeId}", false, b.PersonId)).ToList();
        return new View("Your offers and people", "What the hub has asked of you, and who is with you.",
        [
            new("offers", "Offers waiting for your answer", "No offer is waiting for you.", offered, new("capacity and offers", "/capacity")),
            new("starting", $"Starting in the next {StartingWithinDays} days", "Nobody is due to start with you this week.", starting, new("the board", "/board")),
            new("in-care", "In your care today", "Nobody is booked with you today.", inCare, new("the board", "/board")),
        ], now);
    }

    private async Task<View> Worker(Actor actor, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var day = await round.Handle(null, actor, ct);
        var stops = day.Stops.Select(s => new Item(s.PersonName,
            $"{s.WindowStart:HH:mm}–{s.WindowEnd:HH:mm}, {s.Minutes} minutes, {s.Address}{(s.DoubleHanded ? $", with {s.Partner ?? "a second carer"}" : "")}",
            "/my-day", false, s.PersonId)).ToList();
        var mine = MyEpisodes(actor);
        var missed = await (from v in db.Visits.AsNoTracking()
                            join e in mine on v.EpisodeId equals e.Id
                            join p in db.People.AsNoTracking() on v.PersonId equals p.Id
                            where v.Status == VisitStatus.Missed && v.FollowedUpAt == null
                            orderby v.Date
                            select new { v.PersonId, Name = p.GivenName + " " + p.FamilyName, v.Date, v.WindowStart, v.MissedReason }).ToListAsync(ct);
        var reviews = await (from r in db.Reviews.AsNoTracking()
                             join e in mine on r.EpisodeId equals e.Id
                             join p in db.People.AsNoTracking() on e.PersonId equals p.Id
                             where r.HeldAt == null && r.DueOn <= today && e.Status == EpisodeStatus.Active
                             orderby r.DueOn
                             select new { e.Id, e.PersonId, Name = p.GivenName + " " + p.FamilyName, r.DueOn }).ToListAsync(ct);
        return new View("Today", !day.Published ? "You have no round on a published rota today." : $"Your round with {day.TeamName}, and what is waiting for the team.",
        [
            new("visits", "Your visits today", !day.Published ? "No published rota for your team today." : "No visits for you today.", stops, new("your day", "/my-day")),
            new("missed", "Missed visits to follow up", "No missed visit is waiting for a welfare check.", missed.Select(m =>
                new Item(m.Name, $"{m.Date:d MMM} {m.WindowStart:HH:mm}: {(m.MissedReason is { } reason ? Words.Of(reason).ToLowerInvariant() : "no reason given")}; check they are safe",
                    "/visits?flagged=true", true, m.PersonId)).ToList(), new("the flagged visits", "/visits?flagged=true")),
            new("reviews", "Reviews due", "No review is due.", reviews.Select(r =>
                new Item(r.Name, r.DueOn < today ? $"Due {r.DueOn:d MMM}: overdue" : "Due today", $"/episodes/{r.Id}/care", r.DueOn < today, r.PersonId)).ToList()),
        ], now);
    }
}
