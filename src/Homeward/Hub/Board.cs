using Homeward.Access;
using Homeward.Audit;
using Homeward.Capacity;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.Referrals;
using Homeward.Triage;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Hub;

/// <summary>
/// The Transfer of Care Hub board: everyone in flight (referred, triaged, accepted, waiting or active),
/// with counts by pathway and status, how long each person has waited, their delay in hospital, the
/// next action and who owns it. Filters by locality, hospital, pathway, route and referring
/// organisation; sorts; pages. The page is audited as one view listing the people shown.
/// </summary>
public sealed partial class Board(HomewardDb db, AccessScope scope, TimeProvider clock, Delays.ReadDelays delays)
{
    /// <summary>From this many days past the discharge ready date, bed rest costs a frail person most: flag it.</summary>
    public const int DeconditioningDays = 10;

    public static readonly EpisodeStatus[] InFlight =
        [EpisodeStatus.Referred, EpisodeStatus.Triaged, EpisodeStatus.Accepted, EpisodeStatus.Waiting, EpisodeStatus.Active];

    public async Task<View> Handle(Query query, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadRecords);
        var problems = new Problems();
        var pathway = problems.Enum<Pathway>("pathway", query.Pathway, "pathway", required: false);
        var route = problems.Enum<Route>("route", query.Route, "route", required: false);
        var status = problems.Enum<EpisodeStatus>("status", query.Status, "status", required: false);
        var sort = problems.Enum<SortBy>("sort", query.Sort, "sort order", required: false) ?? SortBy.Group;
        var (page, size) = Page<Row>.Check(problems, query.Page, query.PageSize ?? 50);
        problems.ThrowIfAny();

        var rows = from e in db.Episodes.AsNoTracking()
                   join r in db.Referrals.AsNoTracking() on e.ReferralId equals r.Id
                   join p in db.People.AsNoTracking() on e.PersonId equals p.Id
                   where InFlight.Contains(e.Status)
                   select new { e, r, p };
        if (scope.Episodes(actor) is { } visible)
            rows = rows.Where(x => visible.Contains(x.e.Id));
        if (query.Locality is { } locality)
            rows = rows.Where(x => x.p.LocalityId == locality);
        if (!string.IsNullOrWhiteSpace(query.Hospital))
            rows = rows.Where(x => x.r.Hospital == query.Hospital);
        if (pathway is { } pw)
            rows = rows.Where(x => x.e.Pathway == pw);
        if (route is { } ro)
            rows = rows.Where(x => x.r.Route == ro);
        if (query.Organisation is { } organisation)
            rows = rows.Where(x => x.r.SubmittedByOrganisationId == organisation);

        var found = await rows.Select(x => new
        {
            x.e.Id, x.e.PersonId, x.p.GivenName, x.p.FamilyName, x.p.NhsNumber, x.r.Route, x.e.Status, x.e.Service,
            x.e.Pathway, x.r.Hospital, x.p.LocalityId, x.e.ReferredAt, x.r.DischargeReadyDate, x.e.DischargedOn,
            x.e.WaitingFor, x.e.Version, x.r.Urgency, x.r.ToCheck,
        }).ToListAsync(ct);

        var waitingIds = found.Where(x => x.Status is EpisodeStatus.Accepted or EpisodeStatus.Waiting).Select(x => x.Id).ToList();
        var bookings = (await (from b in db.Bookings.AsNoTracking()
                               join sv in db.CareServices.AsNoTracking() on b.ServiceId equals sv.Id
                               where waitingIds.Contains(b.EpisodeId) && (b.Status == BookingStatus.Offered || b.Status == BookingStatus.Accepted)
                               select new { b.EpisodeId, b.Status, b.StartDate, sv.Name }).ToListAsync(ct))
            .GroupBy(b => b.EpisodeId).ToDictionary(g => g.Key, g => g.OrderBy(b => b.StartDate).First());
        var localities = await db.Localities.AsNoTracking().OrderBy(l => l.Name).ToListAsync(ct);
        var localityNames = localities.ToDictionary(l => l.Id, l => l.Name);
        var today = London.Today(clock);

        var all = found.Select(x =>
        {
            var referred = London.DateOf(x.ReferredAt);
            var inHospital = x.Route == Route.HospitalDischarge && x.DischargedOn is null;
            int? delay = x.DischargeReadyDate is { } ready ? Math.Max(0, (x.DischargedOn ?? today).DayNumber - ready.DayNumber) : null;
            var (next, owner) = bookings.TryGetValue(x.Id, out var booking)
                ? booking.Status == BookingStatus.Offered
                    ? ($"Accept the offer for {Day(booking.StartDate)}", booking.Name)
                    : ($"Start on {Day(booking.StartDate)} (booked)", booking.Name)
                : NextSteps.For(x.Status, x.Route, x.Service, x.WaitingFor);
            return new Row(x.Id, x.PersonId, $"{x.GivenName} {x.FamilyName}", People.Person.Show(x.NhsNumber), x.Route, x.Status, x.Service,
                x.Pathway, x.Hospital, x.LocalityId is { } l ? localityNames.GetValueOrDefault(l) : null,
                today.DayNumber - referred.DayNumber, delay, inHospital, next, owner, x.Version,
                x.Urgency == Urgency.TwoHour && x.Status != EpisodeStatus.Active ? x.ReferredAt + TwoHours : null, x.ToCheck);
        }).ToList();

        var counts = all.GroupBy(r => (r.Pathway, r.Status)).Select(g => new Count(g.Key.Pathway, g.Key.Status, g.Count()))
            .OrderBy(c => c.Pathway ?? (Pathway)(-1)).ThenBy(c => c.Status).ToList();
        var shown = status is { } s ? all.Where(r => r.Status == s).ToList() : all;
        var ordered = Order(shown, sort, query.Descending).ToList();
        var pageRows = ordered.Skip((page - 1) * size).Take(size).ToList();
        // The current reason from the delay ledger, for those still in hospital on this page.
        var reasons = await delays.Current([.. pageRows.Where(r => r.StillInHospital).Select(r => r.EpisodeId)], ct);
        pageRows = [.. pageRows.Select(r => reasons.TryGetValue(r.EpisodeId, out var why) ? r with { DelayReason = why } : r)];

        var now = clock.GetUtcNow();
        await ListAudit.Record(db, actor, "board.view", [.. pageRows.Select(r => r.PersonId)], null, now, ct);

        // The hospitals to filter by: the partnership's sites, and any other a referral on the board names (not every
        // referral ever made: at a region's size that is a scan of a million rows on each look).
        var sites = await db.HospitalSites.AsNoTracking().Where(h => h.Active).Select(h => h.Name).ToListAsync(ct);
        var hospitals = sites.Concat(found.Select(x => x.Hospital).OfType<string>()).Append(query.Hospital).OfType<string>()
            .Where(h => !string.IsNullOrWhiteSpace(h)).Distinct().Order(StringComparer.Ordinal).ToList();
        var organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(ct);
        return new View(pageRows, shown.Count, page, size, counts, all.Count(r => r.Deconditioning),
            [.. localities.Select(l => new Option(l.Id.ToString(), l.Name))],
            [.. hospitals.Select(h => new Option(h, h))],
            [.. organisations.Select(o => new Option(o.Id.ToString(), o.Name))], now);
    }

    private static IEnumerable<Row> Order(List<Row> rows, SortBy sort, bool descending)
    {
        var ordered = sort switch
        {
            SortBy.Delay => descending ? rows.OrderByDescending(r => r.DelayDays ?? -1) : rows.OrderBy(r => r.DelayDays ?? int.MaxValue),
            SortBy.DaysSinceReferral => descending ? rows.OrderByDescending(r => r.DaysSinceReferral) : rows.OrderBy(r => r.DaysSinceReferral),
            SortBy.Name => descending ? rows.OrderByDescending(r => r.Name, StringComparer.OrdinalIgnoreCase) : rows.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase),
            SortBy.Status => descending ? rows.OrderByDescending(r => r.Status) : rows.OrderBy(r => r.Status),
            // Grouped by pathway then status; within a group running 2-hour clocks first, then the longest delays and waits.
            _ => rows.OrderBy(r => r.Pathway ?? (Pathway)(-1)).ThenBy(r => r.Status).ThenBy(r => r.TwoHourDeadline ?? DateTimeOffset.MaxValue)
                .ThenByDescending(r => r.DelayDays ?? -1).ThenByDescending(r => r.DaysSinceReferral),
        };
        return ordered.ThenBy(r => r.EpisodeId);
    }

    private static string Day(DateOnly date) => date.ToString("d MMM", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}
