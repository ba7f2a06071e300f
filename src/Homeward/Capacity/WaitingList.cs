using Homeward.Common;
using Homeward.Access;
using Homeward.Audit;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.Referrals;
using Homeward.Triage;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Capacity;

/// <summary>
/// Everyone accepted and waiting for capacity in the order <see cref="WaitingOrder"/> sets (crisis first, then the
/// longest overdue), with when their care should have started, days waiting, delay days, and the expected start: their
/// booking's start, or else the earliest day a fitting service could take them given current bookings. Per service, or
/// overall.
/// </summary>
public sealed class WaitingList(HomewardDb db, AccessScope scope, TimeProvider clock)
{
    public sealed record Entry(Guid EpisodeId, Guid PersonId, string Name, string NhsNumber, Urgency Urgency, Pathway? Pathway, Service? Service,
        DateOnly? DischargeReadyDate, int DaysWaiting, int? DelayDays, DateOnly? ExpectedStart, string? ExpectedAt, bool Booked,
        DateTimeOffset ReceivedAt, DateTimeOffset DueBy, string Due);

    public async Task<IReadOnlyList<Entry>> Handle(Guid? serviceId, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadRecords);
        var now = clock.GetUtcNow();
        var today = London.DateOf(now);
        var episodes = db.Episodes.AsNoTracking();
        if (scope.Episodes(actor) is { } visible)
            episodes = episodes.Where(e => visible.Contains(e.Id));
        var waiting = await (from e in episodes
                             join r in db.Referrals.AsNoTracking() on e.ReferralId equals r.Id
                             join p in db.People.AsNoTracking() on e.PersonId equals p.Id
                             where e.Status == EpisodeStatus.Accepted || e.Status == EpisodeStatus.Waiting
                             select new { e.Id, e.PersonId, p.GivenName, p.FamilyName, p.NhsNumber, p.LocalityId, r.Urgency, e.Pathway, e.Service,
                                 r.DischargeReadyDate, e.AcceptedAt, e.WaitingSince, r.ReceivedAt }).ToListAsync(ct);
        var ids = waiting.Select(w => w.Id).ToList();
        var bookings = await db.Bookings.AsNoTracking()
            .Where(b => ids.Contains(b.EpisodeId) && (b.Status == BookingStatus.Offered || b.Status == BookingStatus.Accepted))
            .ToListAsync(ct);
        var availability = await Availability.Load(db, today, Availability.Horizon * 2, ct);
        var needs = availability.Services.ToDictionary(s => s.Id, s => Availability.DefaultNeed(s));

        var entries = new List<Entry>();
        foreach (var w in waiting)
        {
            var booking = bookings.Where(b => b.EpisodeId == w.Id).OrderBy(b => b.StartDate).FirstOrDefault();
            var fitting = availability.Services.Where(s => s.Pathway == w.Pathway && s.AcceptingAdmissions
                && (w.LocalityId is not { } l || s.Localities.Any(x => x.LocalityId == l))).ToList();
            if (serviceId is { } only && booking?.ServiceId != only && (booking is not null || fitting.All(s => s.Id != only)))
                continue;
            var expected = booking?.StartDate;
            var where = booking is null ? null : availability.Services.FirstOrDefault(s => s.Id == booking.ServiceId)?.Name;
            if (booking is null)
            {
                foreach (var service in fitting.Where(s => serviceId is null || s.Id == serviceId))
                {
                    var start = availability.EarliestStart(service, needs[service.Id]);
                    if (start is not null && (expected is null || start < expected))
                        (expected, where) = (start, service.Name);
                }
            }
            var since = w.WaitingSince ?? w.AcceptedAt ?? now;
            int? delay = w.DischargeReadyDate is { } ready && ready <= today ? today.DayNumber - ready.DayNumber : null;
            var due = WaitingOrder.DueBy(w.Urgency, w.ReceivedAt, w.DischargeReadyDate);
            entries.Add(new Entry(w.Id, w.PersonId, $"{w.GivenName} {w.FamilyName}", People.Person.Show(w.NhsNumber), w.Urgency, w.Pathway, w.Service,
                w.DischargeReadyDate, today.DayNumber - London.DateOf(since).DayNumber, delay, expected, where, booking is not null,
                w.ReceivedAt, due, WaitingOrder.Describe(due, now)));
        }

        var ordered = WaitingOrder.Order(entries, e => e.Urgency, e => e.DueBy, e => e.ReceivedAt).ToList();
        await ListAudit.Record(db, actor, "waiting.view", [.. ordered.Select(e => e.PersonId).Distinct()], null, now, ct);
        return ordered;
    }
}
