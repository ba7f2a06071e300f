using Homeward.Access;
using Homeward.Audit;
using Homeward.Capacity;
using Homeward.Common;
using Homeward.Data;
using Homeward.Delays;
using Homeward.Episodes;
using Homeward.Referrals;
using Homeward.Visits;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Attention;

/// <summary>
/// The hub's "needs attention" queue, worked out from the records each time it is asked for, so nothing that needs
/// someone is missed because nobody raised it: new 2-hour referrals, referrals to check, offers declined or awaiting an
/// answer, delays past 48 hours and 21 days from the Discharge Ready Date, missed visits not followed up, and 91-day
/// follow-ups due. Each item has a time limit (overdue after it), and a state (open, taken by someone, done) kept in
/// <see cref="AttentionClaim"/>. Only people the user may see are listed, and each one shown is audited.
/// </summary>
public sealed class NeedsAttention(HomewardDb db, AccessScope scope, TimeProvider clock, ReadDelays delays)
{
    /// <param name="EpisodeId">The episode it is about; none for a referral held for a matching decision (not yet an episode).</param>
    /// <param name="Link">Where to deal with it: the episode, or the matching decision.</param>
    /// <summary>How long after its window closes a visit on a carer's round with no check-in needs the hub.</summary>
    public static readonly TimeSpan NotStartedAfter = TimeSpan.FromMinutes(30);

    public sealed record Item(AttentionKind Kind, string KindLabel, Guid SubjectId, Guid? EpisodeId, Guid PersonId, string PersonName, string Detail,
        DateTimeOffset Since, DateTimeOffset DueBy, bool Overdue, AttentionState State, string? Owner, int ClaimVersion, string Link);

    /// <param name="Shown">How many of the kind's items the view lists (all, or the first <see cref="ShownPerKind"/>).</param>
    public sealed record Count(AttentionKind Kind, string Label, int Open, int Taken, int Overdue, int Shown = 0);

    public sealed record View(IReadOnlyList<Item> Items, IReadOnlyList<Count> Counts, int DoneToday, DateTimeOffset Now);

    /// <summary>
    /// How many items of a kind the whole queue lists (overdue and soonest due first); the counts are always complete, and
    /// one kind asked for alone lists all of it. A county's every delay and follow-up on one page is more than anyone reads.
    /// </summary>
    public const int ShownPerKind = 50;

    /// <summary>The queue for a person to read: every kind capped at <see cref="ShownPerKind"/>, or one kind whole; those shown are audited.</summary>
    public async Task<View> Handle(Actor actor, CancellationToken ct, AttentionKind? only = null)
    {
        var view = await Work(actor, ct, only is { } kind ? [kind] : []);
        var shown = only is null ? [.. view.Items.GroupBy(i => i.Kind).SelectMany(g => g.Take(ShownPerKind))] : view.Items;
        var counts = view.Counts.Select(c => c with { Shown = shown.Count(i => i.Kind == c.Kind) }).ToList();
        view = view with
        {
            Items = [.. shown.OrderByDescending(i => i.Overdue).ThenBy(i => i.Kind).ThenBy(i => i.DueBy)],
            Counts = only is { } one ? [.. counts.Where(c => c.Kind == one)] : counts,
        };
        await ListAudit.Record(db, actor, "attention.view", [.. view.Items.Select(i => i.PersonId).Distinct()], null, view.Now, ct);
        return view;
    }

    /// <summary>
    /// The queue as it stands, without auditing (for a change to an item, or alerts, which are audited or anonymous
    /// themselves); only the kinds asked for are worked out (all when none are named).
    /// </summary>
    public async Task<View> Work(Actor actor, CancellationToken ct, params AttentionKind[] only)
    {
        bool Wants(params AttentionKind[] kinds) => only.Length == 0 || kinds.Any(only.Contains);
        actor.Demand(Right.AcceptOrDecline);
        var now = clock.GetUtcNow();
        var today = London.DateOf(now);
        var visible = scope.People(actor);
        var open = new[] { EpisodeStatus.Referred, EpisodeStatus.Triaged, EpisodeStatus.Accepted, EpisodeStatus.Waiting };
        var people = db.People.AsNoTracking();
        if (visible is not null)
            people = people.Where(p => visible.Contains(p.Id));
        var episodes = from e in db.Episodes.AsNoTracking()
                       join r in db.Referrals.AsNoTracking() on e.ReferralId equals r.Id
                       join p in people on e.PersonId equals p.Id
                       select new { e, r, Name = p.GivenName + " " + p.FamilyName };
        var found = new List<(AttentionKind Kind, Guid Subject, Guid? Episode, Guid Person, string Name, string Detail, DateTimeOffset Since)>();

        if (Wants(AttentionKind.TwoHourReferral))
        {
            foreach (var x in await episodes.Where(x => x.e.Status == EpisodeStatus.Referred && x.r.Urgency == Urgency.TwoHour)
                         .Select(x => new { x.e.Id, x.e.PersonId, x.Name, x.e.ReferredAt, x.r.Reason }).ToListAsync(ct))
                found.Add((AttentionKind.TwoHourReferral, x.Id, x.Id, x.PersonId, x.Name,
                    $"First visit due by {London.TimeOf(x.ReferredAt + TimeSpan.FromHours(2)):HH:mm}: {Short(x.Reason)}", x.ReferredAt));
        }

        if (Wants(AttentionKind.PatientMatch))
        {
            var held = from h in db.HeldReferrals.AsNoTracking()
                       join p in people on h.HeldPersonId equals p.Id
                       join o in db.Organisations.AsNoTracking() on h.SenderOrganisationId equals o.Id
                       where h.Status == Matching.MatchStatus.Waiting
                       select new { h.Id, h.HeldPersonId, h.SentName, h.Differing, h.ReceivedAt, h.Urgency, Sender = o.Name, Held = p.GivenName + " " + p.FamilyName };
            foreach (var x in await held.ToListAsync(ct))
                found.Add((AttentionKind.PatientMatch, x.Id, null, x.HeldPersonId, x.SentName,
                    $"{(x.Urgency == Urgency.TwoHour ? "2-hour referral " : "")}from {x.Sender}: the NHS number is held for {x.Held}, but {x.Differing} differ; held until someone decides",
                    x.ReceivedAt));
        }

        if (Wants(AttentionKind.ReferralToCheck))
        {
            foreach (var x in await episodes.Where(x => x.r.ToCheck != null && (x.e.Status == EpisodeStatus.Referred || x.e.Status == EpisodeStatus.Triaged))
                         .Select(x => new { x.e.Id, x.e.PersonId, x.Name, x.e.ReferredAt, x.r.ToCheck }).ToListAsync(ct))
                found.Add((AttentionKind.ReferralToCheck, x.Id, x.Id, x.PersonId, x.Name, x.ToCheck!, x.ReferredAt));
        }

        if (Wants(AttentionKind.NhsNumberTrace))
        {
            // One item a person (their latest open episode), from when they were first referred without it.
            var untraced = from e in db.Episodes.AsNoTracking()
                           join p in people on e.PersonId equals p.Id
                           where p.NhsNumber == null && e.Status != EpisodeStatus.Ended && e.Status != EpisodeStatus.Cancelled && e.Status != EpisodeStatus.Declined
                           select new { e.Id, e.PersonId, Name = p.GivenName + " " + p.FamilyName, p.DateOfBirth, p.Postcode, e.ReferredAt };
            foreach (var person in (await untraced.ToListAsync(ct)).GroupBy(x => x.PersonId))
            {
                var latest = person.MaxBy(x => x.ReferredAt)!;
                found.Add((AttentionKind.NhsNumberTrace, person.Key, latest.Id, person.Key, latest.Name,
                    $"Referred without an NHS number: trace it on PDS (born {latest.DateOfBirth.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}, {latest.Postcode.Value})", person.Min(x => x.ReferredAt)));
            }
        }

        if (Wants(AttentionKind.OfferUnanswered, AttentionKind.OfferDeclined))
        {
            var bookings = from b in db.Bookings.AsNoTracking()
                           join s in db.CareServices.AsNoTracking() on b.ServiceId equals s.Id
                           join x in episodes on b.EpisodeId equals x.e.Id
                           where x.e.Status == EpisodeStatus.Accepted || x.e.Status == EpisodeStatus.Waiting || x.e.Status == EpisodeStatus.Active
                           select new { b, Service = s.Name, x.Name, x.e.Status };
            foreach (var x in await bookings.Where(x => x.b.Status == BookingStatus.Offered).ToListAsync(ct))
                found.Add((AttentionKind.OfferUnanswered, x.b.Id, x.b.EpisodeId, x.b.PersonId, x.Name,
                    $"{x.Service}, from {x.b.StartDate:d MMM}: offered {London.TimeOf(x.b.CreatedAt):d MMM HH:mm}, no answer yet", x.b.CreatedAt));
            var declined = await bookings.Where(x => x.b.Status == BookingStatus.Declined && x.Status != EpisodeStatus.Active
                                                     && !db.Bookings.Any(o => o.EpisodeId == x.b.EpisodeId && (o.Status == BookingStatus.Offered || o.Status == BookingStatus.Accepted)))
                .ToListAsync(ct);
            // One item a person: the latest decline, while nothing else is offered.
            foreach (var x in declined.GroupBy(d => d.b.EpisodeId).Select(g => g.MaxBy(d => d.b.RespondedAt ?? d.b.CreatedAt)!))
                found.Add((AttentionKind.OfferDeclined, x.b.Id, x.b.EpisodeId, x.b.PersonId, x.Name,
                    $"{x.Service} declined{(x.b.DeclineReason is { } why ? $": {why}" : "")}; nothing else offered", x.b.RespondedAt ?? x.b.CreatedAt));
        }

        if (Wants(AttentionKind.DelayOver48Hours, AttentionKind.DelayOver21Days))
        {
            var stillIn = await episodes.Where(x => x.r.Route == Route.HospitalDischarge && x.e.DischargedOn == null && open.Contains(x.e.Status)
                                                   && x.r.DischargeReadyDate != null && x.r.DischargeReadyDate <= today.AddDays(-2))
                .Select(x => new { x.e.Id, x.e.PersonId, x.Name, Ready = x.r.DischargeReadyDate!.Value }).ToListAsync(ct);
            var reasons = await delays.Current([.. stillIn.Select(x => x.Id)], ct);
            foreach (var x in stillIn)
            {
                var days = today.DayNumber - x.Ready.DayNumber;
                var kind = days >= 21 ? AttentionKind.DelayOver21Days : AttentionKind.DelayOver48Hours;
                var why = reasons.TryGetValue(x.Id, out var reason) ? $"main reason: {reason.Label()}" : "no delay reason recorded";
                found.Add((kind, x.Id, x.Id, x.PersonId, x.Name, $"{days} days past the ready date ({x.Ready:d MMM}); {why}",
                    London.At(x.Ready.AddDays(days >= 21 ? 21 : 2), TimeOnly.MinValue)));
            }
        }

        if (Wants(AttentionKind.BeyondCapacity))
        {
            await BeyondCapacity(people, today, found, ct);
        }

        if (Wants(AttentionKind.UnplannedVisit))
        {
            // The current rota (the newest, draft or published) of each team for today and tomorrow: the visits it could not plan.
            var rotas = await db.Rotas.AsNoTracking()
                .Where(r => r.Date >= today && r.Date <= today.AddDays(1) && r.Status != Rotas.RotaStatus.Superseded)
                .Select(r => new { r.Id, r.ServiceId, r.Date, r.BuiltAt }).ToListAsync(ct);
            var currentRotas = rotas.GroupBy(r => (r.ServiceId, r.Date)).Select(g => g.MaxBy(r => r.BuiltAt)!.Id).ToList();
            var gaps = currentRotas.Count == 0 ? [] : await (
                from g in db.Set<Rotas.RotaGap>().AsNoTracking()
                join r in db.Rotas.AsNoTracking() on g.RotaId equals r.Id
                join s in db.CareServices.AsNoTracking() on r.ServiceId equals s.Id
                join v in db.Visits.AsNoTracking() on g.VisitId equals v.Id
                join x in episodes on v.EpisodeId equals x.e.Id
                where currentRotas.Contains(r.Id) && v.Status == VisitStatus.Planned
                select new { v.Id, v.EpisodeId, v.PersonId, x.Name, r.Date, r.BuiltAt, Service = s.Name, v.WindowStart, g.Reason }).ToListAsync(ct);
            foreach (var x in gaps.DistinctBy(g => g.Id))
                found.Add((AttentionKind.UnplannedVisit, x.Id, x.EpisodeId, x.PersonId, x.Name,
                    $"{x.Service} rota for {x.Date:d MMM}: the {x.WindowStart:HH:mm} visit is not planned ({x.Reason})", x.BuiltAt));
        }

        if (Wants(AttentionKind.MissedVisit))
        {
            var missed = from v in db.Visits.AsNoTracking()
                         join x in episodes on v.EpisodeId equals x.e.Id
                         where v.Status == VisitStatus.Missed && v.FollowedUpAt == null
                         select new { v.Id, v.EpisodeId, v.PersonId, x.Name, v.Date, v.WindowStart, v.MissedReason, v.RecordedAt };
            foreach (var x in await missed.ToListAsync(ct))
                found.Add((AttentionKind.MissedVisit, x.Id, x.EpisodeId, x.PersonId, x.Name,
                    $"Visit {x.Date:d MMM} {x.WindowStart:HH:mm} missed: {(x.MissedReason is { } m ? Words.Of(m).ToLowerInvariant() : "no reason given")}",
                    x.RecordedAt ?? London.At(x.Date, x.WindowStart)));
        }

        if (Wants(AttentionKind.Deterioration))
        {
            // Kept until someone marks it done (a call made, the rapid response team sent); only people still in care.
            var worrying = from o in db.Observations.AsNoTracking()
                           join x in episodes on o.EpisodeId equals x.e.Id
                           where o.StepUp && x.e.Status == EpisodeStatus.Active
                           select new { o.Id, o.EpisodeId, o.PersonId, x.Name, o.At, o.RecordedBy, o.SoftSigns, o.News2, o.Response, o.RecordedAt };
            foreach (var x in await worrying.ToListAsync(ct))
            {
                var signs = x.SoftSigns.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => Deterioration.SoftSigns.Words(Enum.Parse<Deterioration.SoftSign>(s)).ToLowerInvariant());
                var what = string.Join("; ", (x.News2 is { } n ? [$"NEWS2 {n} ({Words.Of(x.Response!.Value).ToLowerInvariant()} response)"] : Array.Empty<string>()).Concat(signs));
                found.Add((AttentionKind.Deterioration, x.Id, x.EpisodeId, x.PersonId, x.Name, $"{London.TimeOf(x.At):HH:mm}, {x.RecordedBy}: {what}", x.RecordedAt));
            }
        }

        if (Wants(AttentionKind.VisitNotStarted))
        {
            // Today's published rounds of carers who sign in (so check in on the phone): a visit still not started half
            // an hour after its window closed may be a visit that will not happen.
            var late = from a in db.RotaAssignments.AsNoTracking()
                       join r in db.Rotas.AsNoTracking() on a.RotaId equals r.Id
                       join w in db.CareWorkers.AsNoTracking() on a.WorkerId equals w.Id
                       join v in db.Visits.AsNoTracking() on a.VisitId equals v.Id
                       join x in episodes on v.EpisodeId equals x.e.Id
                       where r.Date == today && r.Status == Rotas.RotaStatus.Published && !a.Second && w.UserName != null
                             && v.Status == VisitStatus.Planned
                       select new { v.Id, v.EpisodeId, v.PersonId, x.Name, v.WindowStart, v.WindowEnd, Carer = w.Name };
            foreach (var x in await late.ToListAsync(ct))
                if (London.At(today, x.WindowEnd).Add(NotStartedAfter) is var due && due <= now)
                    found.Add((AttentionKind.VisitNotStarted, x.Id, x.EpisodeId, x.PersonId, x.Name,
                        $"The {x.WindowStart:HH:mm}–{x.WindowEnd:HH:mm} visit by {x.Carer} has no check-in: call the carer, then the person", due));
        }

        if (Wants(AttentionKind.PhoneConflict))
        {
            // Kept until the hub marks it done; a conflict on a visit since removed from the plan names no person's record.
            var conflicts = from a in db.VisitActions.AsNoTracking()
                            join x in episodes on a.EpisodeId equals x.e.Id
                            where a.Outcome == Rounds.VisitActionOutcome.Conflict
                            select new { a.Id, a.EpisodeId, a.PersonId, x.Name, a.Kind, a.DoneAt, a.UserName, a.Message, a.ReceivedAt };
            foreach (var x in await conflicts.ToListAsync(ct))
                found.Add((AttentionKind.PhoneConflict, x.Id, x.EpisodeId, x.PersonId!.Value, x.Name,
                    $"{Words.Of(x.Kind)} at {London.TimeOf(x.DoneAt):d MMM HH:mm} by {x.UserName}: {x.Message}", x.ReceivedAt));
        }

        if (Wants(AttentionKind.FollowUpDue))
        {
            var followUps = from f in db.FollowUps.AsNoTracking()
                            join p in people on f.PersonId equals p.Id
                            where f.CompletedAt == null && f.DueOn <= today
                            select new { f.Id, f.EpisodeId, f.PersonId, Name = p.GivenName + " " + p.FamilyName, f.DueOn, f.DischargedOn };
            foreach (var x in await followUps.ToListAsync(ct))
                found.Add((AttentionKind.FollowUpDue, x.Id, x.EpisodeId, x.PersonId, x.Name,
                    $"Due {x.DueOn:d MMM}: where is the person 91 days after leaving hospital on {x.DischargedOn:d MMM}?", London.At(x.DueOn, TimeOnly.MinValue)));
        }

        if (Wants(AttentionKind.HomeContactDue))
        {
            // In the queue from 24 hours after they got home (a day for the team to call on its own), until made.
            var soon = now.AddHours(24 - FollowUps.HomeContact.Hours);
            var contacts = from c in db.HomeContacts.AsNoTracking()
                           join p in people on c.PersonId equals p.Id
                           where c.CompletedAt == null && c.HomeAt <= soon
                           select new { c.Id, c.EpisodeId, c.PersonId, Name = p.GivenName + " " + p.FamilyName, c.HomeAt, c.WentHome, Attempts = c.Attempts.Count };
            foreach (var x in await contacts.ToListAsync(ct))
                found.Add((AttentionKind.HomeContactDue, x.Id, x.EpisodeId, x.PersonId, x.Name,
                    $"Home {(x.WentHome == FollowUps.WentHome.FromHospital ? "from hospital" : "from an intermediate care bed")} {London.TimeOf(x.HomeAt):d MMM HH:mm}: call to check they are managing"
                    + (x.Attempts > 0 ? $" ({x.Attempts} attempt{(x.Attempts == 1 ? "" : "s")} so far)." : "."), x.HomeAt));
        }

        var subjects = found.Select(f => f.Subject).ToList();
        var claims = (await db.AttentionClaims.AsNoTracking().Where(c => subjects.Contains(c.SubjectId)).ToListAsync(ct))
            .ToDictionary(c => (c.Kind, c.SubjectId));
        var items = found.Select(f =>
            {
                var claim = claims.GetValueOrDefault((f.Kind, f.Subject));
                var due = f.Since + f.Kind.Limit();
                return new Item(f.Kind, f.Kind.Label(), f.Subject, f.Episode, f.Person, f.Name, f.Detail, f.Since, due,
                    due <= now && claim?.State != AttentionState.Done, claim?.State ?? AttentionState.Open,
                    claim?.State == AttentionState.Taken ? claim.OwnerName : null, claim?.Version ?? 0,
                    f.Kind == AttentionKind.NhsNumberTrace ? $"/people/{f.Person}"
                    : f.Kind == AttentionKind.HomeContactDue ? "/follow-ups/home"
                    : f.Episode is { } episode ? $"/episodes/{episode}" : $"/matching/{f.Subject}");
            }).ToList();
        // Kinds are worked out in families (an offer declined or unanswered); only those asked for are answered.
        var shown = items.Where(i => i.State != AttentionState.Done && (only.Length == 0 || only.Contains(i.Kind)))
            .OrderByDescending(i => i.Overdue).ThenBy(i => i.Kind).ThenBy(i => i.DueBy).ToList();
        var counts = Enum.GetValues<AttentionKind>().Select(k => new Count(k, k.Label(),
            shown.Count(i => i.Kind == k && i.State == AttentionState.Open), shown.Count(i => i.Kind == k && i.State == AttentionState.Taken),
            shown.Count(i => i.Kind == k && i.Overdue))).ToList();
        var doneToday = claims.Values.Count(c => c.State == AttentionState.Done && London.DateOf(c.ChangedAt) == today);
        return new View(shown, counts, doneToday, now);
    }

    /// <summary>How far ahead a service's capacity is checked against what it has booked.</summary>
    public const int CapacityDaysAhead = 14;

    /// <summary>
    /// Where a service now reports less capacity than it has booked on a day in the next fortnight, the bookings beyond
    /// it, the latest made first to lose, each named with the first day and how many days.
    /// </summary>
    private async Task BeyondCapacity(IQueryable<People.Person> people, DateOnly today,
        List<(AttentionKind, Guid, Guid?, Guid, string, string, DateTimeOffset)> found, CancellationToken ct)
    {
        var horizon = today.AddDays(CapacityDaysAhead);
        var over = await (from c in db.CapacityDays.AsNoTracking()
                          join s in db.CareServices.AsNoTracking() on c.ServiceId equals s.Id
                          where c.Date >= today && c.Date <= horizon && c.Booked > c.Capacity
                          select new { c.ServiceId, c.Date, c.Capacity, s.Name }).ToListAsync(ct);
        if (over.Count == 0)
            return;
        var services = over.Select(o => o.ServiceId).Distinct().ToList();
        var held = await (from d in db.BookingDays.AsNoTracking()
                          join b in db.Bookings.AsNoTracking() on d.BookingId equals b.Id
                          join p in people on b.PersonId equals p.Id
                          where services.Contains(b.ServiceId) && d.Date >= today && d.Date <= horizon
                                && (b.Status == BookingStatus.Offered || b.Status == BookingStatus.Accepted)
                          select new { b.Id, b.EpisodeId, b.PersonId, Name = p.GivenName + " " + p.FamilyName, b.ServiceId, d.Date, d.Amount, b.CreatedAt })
            .ToListAsync(ct);
        var beyond = new List<(Guid Booking, DateOnly Date)>();
        foreach (var day in over)
        {
            var booked = 0;
            foreach (var h in held.Where(h => h.ServiceId == day.ServiceId && h.Date == day.Date).OrderBy(h => h.CreatedAt))
                if ((booked += h.Amount) > day.Capacity)
                    beyond.Add((h.Id, day.Date));
        }
        foreach (var booking in beyond.GroupBy(b => b.Booking))
        {
            var h = held.First(x => x.Id == booking.Key);
            var first = booking.Min(b => b.Date);
            var service = over.First(o => o.ServiceId == h.ServiceId).Name;
            found.Add((AttentionKind.BeyondCapacity, h.Id, h.EpisodeId, h.PersonId, h.Name,
                $"{service} reports less capacity than it has booked: this booking is beyond it on {booking.Count()} "
                + $"{(booking.Count() == 1 ? "day" : "days")} from {first:d MMM}; find the care elsewhere or ask the service",
                London.StartOf(first).AddDays(-1)));
        }
    }

    private static string Short(string text) => text.Length <= 120 ? text : text[..117] + "…";
}
