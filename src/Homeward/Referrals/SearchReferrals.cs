using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.People;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Referrals;

/// <summary>Lists referrals, newest first, filtered; each person shown is audited as seen in a search.</summary>
public sealed class SearchReferrals(HomewardDb db, AccessScope scope, TimeProvider clock)
{
    public sealed record Query(
        string? NhsNumber = null, string? Route = null, string? Status = null, string? Hospital = null,
        string? ReceivedFrom = null, string? ReceivedTo = null, int? Page = null, int? PageSize = null,
        Guid? PersonId = null, string? Sort = null)
    {
        /// <summary>The orders a list can be asked for: newest received first (the default), or oldest first.</summary>
        public static readonly string[] Sorts = ["-received", "received"];
    }

    public async Task<Page<ReferralView>> Handle(Query query, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadRecords);
        var problems = new Problems();
        var nhs = problems.NhsNumber("nhsNumber", query.NhsNumber);
        var route = problems.Enum<Route>("route", query.Route, "route", required: false);
        var statuses = problems.Enums<EpisodeStatus>("status", query.Status, "status");
        var from = problems.Date("receivedFrom", query.ReceivedFrom, "the first date", required: false);
        var to = problems.Date("receivedTo", query.ReceivedTo, "the last date", required: false);
        if (from > to)
            problems.Add("receivedTo", "The last date cannot be before the first date.");
        var (page, size) = Page<ReferralView>.Check(problems, query.Page, query.PageSize);
        if (query.Sort is { } sort && !Query.Sorts.Contains(sort))
            problems.Add("sort", $"Sort by {string.Join(" or ", Query.Sorts)} (newest first).");
        problems.ThrowIfAny();

        var rows = from r in db.Referrals.AsNoTracking()
                   join p in db.People.AsNoTracking() on r.PersonId equals p.Id
                   join e in db.Episodes.AsNoTracking() on r.Id equals e.ReferralId
                   select new { r, p, e };
        if (scope.Episodes(actor) is { } visible)
            rows = rows.Where(x => visible.Contains(x.e.Id));
        if (nhs is { } n)
            rows = rows.Where(x => x.p.NhsNumber == n);
        if (query.PersonId is { } person)
            rows = rows.Where(x => x.p.Id == person);
        if (route is { } ro)
            rows = rows.Where(x => x.r.Route == ro);
        if (statuses is { Count: > 0 } wanted)
            rows = rows.Where(x => wanted.Contains(x.e.Status));
        if (query.Hospital is { Length: > 0 } hospital)
            rows = rows.Where(x => x.r.Hospital == hospital);
        if (from is { } f)
        {
            var start = new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            rows = rows.Where(x => x.r.ReceivedAt >= start);
        }
        if (to is { } t)
        {
            var end = new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            rows = rows.Where(x => x.r.ReceivedAt < end);
        }

        var total = await rows.CountAsync(ct);
        var ordered = query.Sort == "received" ? rows.OrderBy(x => x.r.ReceivedAt) : rows.OrderByDescending(x => x.r.ReceivedAt);
        var items = await ordered.ThenBy(x => x.r.Id)
            .Skip((page - 1) * size).Take(size).ToListAsync(ct);

        var now = clock.GetUtcNow();
        await ListAudit.Record(db, actor, "referral.search", [.. items.Select(x => x.p.Id).Distinct()], null, now, ct);
        return new Page<ReferralView>([.. items.Select(x => ReferralView.From(x.r, x.p, x.e))], total, page, size);
    }
}
