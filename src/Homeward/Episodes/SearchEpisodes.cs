using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.People;
using Homeward.Referrals;
using Homeward.Triage;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Episodes;

/// <summary>Lists episodes, most recently referred first; each person shown is audited as seen in a search.</summary>
public sealed class SearchEpisodes(HomewardDb db, AccessScope scope, TimeProvider clock)
{
    public sealed record Query(
        string? NhsNumber = null, string? Status = null, string? Pathway = null, string? Service = null,
        string? Route = null, int? Page = null, int? PageSize = null, Guid? PersonId = null);

    public async Task<Page<EpisodeView>> Handle(Query query, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadRecords);
        var problems = new Problems();
        var nhs = problems.NhsNumber("nhsNumber", query.NhsNumber);
        var statuses = problems.Enums<EpisodeStatus>("status", query.Status, "status");
        var pathway = problems.Enum<Pathway>("pathway", query.Pathway, "pathway", required: false);
        var service = problems.Enum<Service>("service", query.Service, "service", required: false);
        var route = problems.Enum<Route>("route", query.Route, "route", required: false);
        var (page, size) = Page<EpisodeView>.Check(problems, query.Page, query.PageSize);
        problems.ThrowIfAny();

        var rows = from e in db.Episodes.AsNoTracking()
                   join p in db.People.AsNoTracking() on e.PersonId equals p.Id
                   join r in db.Referrals.AsNoTracking() on e.ReferralId equals r.Id
                   select new { e, p, r.Route };
        if (scope.Episodes(actor) is { } visible)
            rows = rows.Where(x => visible.Contains(x.e.Id));
        if (nhs is { } n)
            rows = rows.Where(x => x.p.NhsNumber == n);
        if (query.PersonId is { } person)
            rows = rows.Where(x => x.p.Id == person);
        if (statuses is { Count: > 0 } wanted)
            rows = rows.Where(x => wanted.Contains(x.e.Status));
        if (pathway is { } pw)
            rows = rows.Where(x => x.e.Pathway == pw);
        if (service is { } sv)
            rows = rows.Where(x => x.e.Service == sv);
        if (route is { } ro)
            rows = rows.Where(x => x.Route == ro);

        var total = await rows.CountAsync(ct);
        var items = await rows.OrderByDescending(x => x.e.ReferredAt).ThenBy(x => x.e.Id)
            .Skip((page - 1) * size).Take(size).ToListAsync(ct);
        var now = clock.GetUtcNow();
        await ListAudit.Record(db, actor, "episode.search", [.. items.Select(x => x.p.Id).Distinct()], null, now, ct);
        return new Page<EpisodeView>([.. items.Select(x => EpisodeView.From(x.e, x.p, x.Route))], total, page, size);
    }
}
