using Homeward.Access;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Capacity;

/// <summary>
/// Bookings offered and not yet answered: for a provider, those at its own services, each with what a provider needs
/// to decide (the area, the care needed, the call times, the risks, how to get in), within the access rules: the key
/// safe's code waits until the offer is accepted.
/// </summary>
public sealed class Offers(HomewardDb db, AccessScope scope, TimeProvider clock)
{
    public sealed record Offer(BookingView Booking, string PersonName, string Organisation, People.PersonSummary? Person = null, OfferDetails? Details = null);

    /// <param name="Area">The locality and postcode district (the full address is in the person's contact details).</param>
    /// <param name="Need">The care asked for: the service and pathway, and the referral's reason.</param>
    /// <param name="CallTimes">The windows of the first day's visits (those laid out by a plan, or the usual ones for the visits a day); none for a bed.</param>
    /// <param name="Risks">Risks from the holistic assessment; null when none is recorded yet.</param>
    public sealed record OfferDetails(string Area, string Need, IReadOnlyList<string> CallTimes, string? Risks);

    public async Task<IReadOnlyList<Offer>> Handle(Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.RespondToOffer);
        var rows = await (from b in db.Bookings.AsNoTracking().Include(b => b.Days)
                          join s in db.CareServices.AsNoTracking() on b.ServiceId equals s.Id
                          join p in db.People.AsNoTracking() on b.PersonId equals p.Id
                          join o in db.Organisations.AsNoTracking() on s.OrganisationId equals o.Id
                          join e in db.Episodes.AsNoTracking() on b.EpisodeId equals e.Id
                          join r in db.Referrals.AsNoTracking() on e.ReferralId equals r.Id
                          join l in db.Localities.AsNoTracking() on p.LocalityId equals l.Id into places
                          from l in places.DefaultIfEmpty()
                          join a in db.Assessments.AsNoTracking() on b.EpisodeId equals a.EpisodeId into assessed
                          from a in assessed.DefaultIfEmpty()
                          where b.Status == BookingStatus.Offered
                          where actor.Role != Role.CareProvider || s.OrganisationId == actor.OrganisationId
                          orderby b.StartDate, b.CreatedAt
                          select new { b, s, p, o.Name, e.Service, e.Pathway, r.Reason, Locality = l.Name, Risks = a.Risks }).ToListAsync(ct);
        var episodes = rows.Select(r => r.b.EpisodeId).ToList();
        var laidOut = (await db.Visits.AsNoTracking().Where(v => episodes.Contains(v.EpisodeId) && v.Status == Visits.VisitStatus.Planned)
                .Select(v => new { v.EpisodeId, v.Date, v.WindowStart, v.WindowEnd }).ToListAsync(ct))
            .ToLookup(v => v.EpisodeId);
        // The offers name people with their contact details, needs and risks: one audit row listing them.
        await Audit.ListAudit.Record(db, actor, "booking.offers", [.. rows.Select(r => r.p.Id).Distinct()], null, clock.GetUtcNow(), ct);
        return [.. rows.Select(r =>
        {
            var first = laidOut[r.b.EpisodeId].Where(v => v.Date >= r.b.StartDate).OrderBy(v => v.Date).FirstOrDefault()?.Date;
            var windows = first is { } day
                ? laidOut[r.b.EpisodeId].Where(v => v.Date == day).Select(v => (v.WindowStart, v.WindowEnd))
                : r.b.Kind == BookingKind.VisitPattern
                    ? Visits.VisitPlanner.UsualWindows.Take(r.b.VisitsPerDayAtStart ?? 0).Select(w => (w.Start, w.End))
                    : [];
            var need = string.Join(", ", new[] { r.Service is { } service ? Common.Words.Of(service.ToString()) : null, r.Pathway is { } pathway ? $"pathway {(int)pathway}" : null }.OfType<string>());
            var details = new OfferDetails(
                string.Join(", ", new[] { r.Locality, r.p.PostcodeDistrict }.OfType<string>()),
                (need.Length > 0 ? need + ": " : "") + Clip(r.Reason, 300),
                [.. windows.OrderBy(w => w.Item1).Select(w => $"{w.Item1:HH:mm}–{w.Item2:HH:mm}")],
                r.Risks);
            var person = People.PersonSummary.From(r.p);
            return new Offer(BookingView.From(r.b, r.s), $"{r.p.GivenName} {r.p.FamilyName}", r.Name,
                person with { Contact = person.Contact?.WithoutKeySafeCode() }, details);
        })];
    }

    private static string Clip(string text, int most) => text.Length <= most ? text : text[..(most - 1)] + "…";

    /// <summary>Every booking of one episode, newest first.</summary>
    public async Task<IReadOnlyList<BookingView>> ForEpisode(Guid episodeId, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadRecords);
        var personId = await db.Episodes.Where(e => e.Id == episodeId).Select(e => (Guid?)e.PersonId).SingleOrDefaultAsync(ct);
        if (personId is { } pid)
            await scope.DemandEpisode(actor, pid, episodeId, "booking.search", "episode", episodeId, ct);
        var rows = await (from b in db.Bookings.AsNoTracking().Include(b => b.Days)
                          join s in db.CareServices.AsNoTracking() on b.ServiceId equals s.Id
                          where b.EpisodeId == episodeId
                          orderby b.CreatedAt descending
                          select new { b, s }).ToListAsync(ct);
        return [.. rows.Select(r => BookingView.From(r.b, r.s))];
    }
}
