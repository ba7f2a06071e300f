using Homeward.Access;
using Homeward.Audit;
using Homeward.Care;
using Homeward.Common;
using Homeward.Data;
using Homeward.People;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Visits;

/// <summary>The team's visits for a day, or every missed visit still flagged; the list is audited as a search.</summary>
public sealed class VisitList(HomewardDb db, AccessScope scope, TimeProvider clock)
{
    public sealed record Query
    {
        /// <summary>yyyy-MM-dd; today (London) when absent.</summary>
        public string? Date { get; init; }
        /// <summary>Planned, Done, Missed or Cancelled.</summary>
        public string? Status { get; init; }
        /// <summary>True: only missed visits not yet followed up, on any day.</summary>
        public bool? Flagged { get; init; }
    }

    public sealed record Row(VisitView Visit, PersonSummary Person, Triage.Service? Service);

    public sealed record Result(DateOnly? Date, int Flagged, IReadOnlyList<Row> Rows);

    public const int Limit = 1000;

    public async Task<Result> Handle(Query query, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadRecords);
        var now = clock.GetUtcNow();
        var problems = new Problems();
        var date = problems.Date("date", query.Date, "the date", required: false) ?? London.DateOf(now);
        var status = problems.Enum<VisitStatus>("status", query.Status, "status", required: false);
        problems.ThrowIfAny();

        var visits = db.Visits.AsNoTracking();
        var all = db.Visits.AsNoTracking();
        if (scope.Episodes(actor) is { } visible)
            (visits, all) = (visits.Where(v => visible.Contains(v.EpisodeId)), all.Where(v => visible.Contains(v.EpisodeId)));
        visits = query.Flagged == true
            ? visits.Where(v => v.Status == VisitStatus.Missed && v.FollowedUpAt == null)
            : visits.Where(v => v.Date == date);
        if (status is { } s)
            visits = visits.Where(v => v.Status == s);
        var rows = await (from v in visits
                          join p in db.People.AsNoTracking() on v.PersonId equals p.Id
                          join e in db.Episodes.AsNoTracking() on v.EpisodeId equals e.Id
                          orderby v.Date, v.WindowStart, p.FamilyName
                          select new { v, p, e.Service }).Take(Limit).ToListAsync(ct);
        var flagged = await all.CountAsync(v => v.Status == VisitStatus.Missed && v.FollowedUpAt == null, ct);
        await ListAudit.Record(db, actor, "visit.search", [.. rows.Select(r => r.p.Id).Distinct()],
            query.Flagged == true ? "flagged" : date.ToString("yyyy-MM-dd"), now, ct);
        return new Result(query.Flagged == true ? null : date, flagged,
            [.. rows.Select(r => new Row(VisitView.From(r.v), PersonSummary.From(r.p), r.Service))]);
    }
}
