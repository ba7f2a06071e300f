using Homeward.Access;
using Homeward.Capacity;
using Homeward.Common;
using Homeward.Data;
using Homeward.Rotas.Availability;
using Homeward.Visits;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Rotas;

/// <summary>A team's day as the optimiser plans it: the carers, the hours each works that day, and the problem.</summary>
public sealed record TeamDay(IReadOnlyList<CareWorker> Workers, IReadOnlyDictionary<Guid, CarerDay> Days, RotaPlanning.Day Plan);

/// <summary>
/// What the rota use cases share: a rota the actor may plan, a team's day read as the optimiser's problem (carers'
/// leave, sickness and changed hours applied), and the words that replace ids in a refusal.
/// </summary>
public sealed class RotaDays(HomewardDb db, RotaSettings settings, Roads.RoadNetwork roads)
{
    /// <summary>A rota the actor may plan, with its rounds, gaps and carers; anything else is not found.</summary>
    public async Task<Rota> Find(Guid id, Actor actor, CancellationToken ct, bool tracked = false)
    {
        var rotas = tracked ? db.Rotas : db.Rotas.AsNoTracking();
        // Three collections: one query each, not their product (a mid-sized team's rota joined is ~180,000 rows).
        var rota = await rotas.Include(r => r.Assignments).Include(r => r.Gaps).Include(r => r.Workers).AsSplitQuery().SingleOrDefaultAsync(r => r.Id == id, ct);
        var service = rota is null ? null : await db.CareServices.AsNoTracking().SingleOrDefaultAsync(s => s.Id == rota.ServiceId, ct);
        if (rota is null || service is null || !actor.ActsFor(service.OrganisationId))
            throw new NotFoundException("rota", id); // a provider does not learn of other teams' rotas
        return rota;
    }

    /// <summary>Each of the team's carers' hours on the day (all of them, working or not).</summary>
    public async Task<IReadOnlyDictionary<Guid, CarerDay>> Hours(Guid serviceId, DateOnly date, IEnumerable<CareWorker> workers, CancellationToken ct)
    {
        var changes = await db.Set<AvailabilityChange>().AsNoTracking()
            .Where(c => c.ServiceId == serviceId && c.WithdrawnAt == null && c.From <= date && c.To >= date).ToListAsync(ct);
        return workers.ToDictionary(w => w.Id, w => CarerDay.Of(w, date, changes));
    }

    /// <summary>
    /// The team's carers working that day (or those of an existing rota) and the day's visits as the optimiser's problem,
    /// with road travel when a network is loaded.
    /// </summary>
    /// <param name="withTravel">False when only the visits and who knows whom are wanted (no road network read).</param>
    public async Task<TeamDay> Load(CareService service, DateOnly date, CancellationToken ct, IReadOnlySet<Guid>? onlyWorkers = null, bool withTravel = true)
    {
        var team = await db.CareWorkers.AsNoTracking().Where(w => w.ServiceId == service.Id).OrderBy(w => w.Name).ToListAsync(ct);
        var days = await Hours(service.Id, date, team, ct);
        var workers = team.Where(w => onlyWorkers?.Contains(w.Id) ?? days[w.Id].Works).ToList();
        var episodes = db.Bookings.AsNoTracking()
            .Where(b => b.ServiceId == service.Id && b.Kind == BookingKind.VisitPattern && b.Status == BookingStatus.Accepted && b.StartDate <= date && b.EndDate >= date)
            .Select(b => b.EpisodeId);
        var visits = await (from v in db.Visits.AsNoTracking()
                            join p in db.People.AsNoTracking() on v.PersonId equals p.Id
                            where v.Date == date && v.Status != VisitStatus.Cancelled && episodes.Contains(v.EpisodeId)
                            orderby v.WindowStart, p.FamilyName
                            select new { v, p.GivenName, p.FamilyName, p.Latitude, p.Longitude }).ToListAsync(ct);
        var people = visits.Select(x => x.v.PersonId).Distinct().ToList();
        var since = date.AddDays(-settings.KnownCarerDays);
        var history = await (from a in db.RotaAssignments.AsNoTracking()
                             join r in db.Rotas.AsNoTracking() on a.RotaId equals r.Id
                             join v in db.Visits.AsNoTracking() on a.VisitId equals v.Id
                             where r.Status != RotaStatus.Draft && r.Date >= since && r.Date < date && people.Contains(v.PersonId)
                             select new { v.PersonId, a.WorkerId }).Distinct().ToListAsync(ct);
        var known = history.GroupBy(h => h.PersonId).ToDictionary(g => g.Key, g => (IReadOnlySet<Guid>)g.Select(h => h.WorkerId).ToHashSet());
        var plan = RotaPlanning.Problem($"{service.Name} {date:yyyy-MM-dd}",
            [.. visits.Select(x => new VisitToPlan(x.v, $"{x.GivenName} {x.FamilyName}", x.Latitude, x.Longitude))], workers, days, known, settings);
        // Driving times on the roads when the partnership's network is loaded; else as the crow flies.
        if (withTravel)
            plan = await roads.Apply(service.Id, date, plan, ct);
        return new TeamDay(workers, days, plan);
    }

    /// <summary>People's and carers' names for the ids in a refusal (longest keys first, so that "id/2" goes before "id").</summary>
    public async Task<Dictionary<string, string>> Names(Rota rota, IEnumerable<CareWorker> workers, CancellationToken ct)
    {
        var ids = rota.Assignments.Select(a => a.VisitId).Concat(rota.Gaps.Select(g => g.VisitId)).Distinct().ToList();
        var people = await (from v in db.Visits.AsNoTracking()
                            join p in db.People.AsNoTracking() on v.PersonId equals p.Id
                            where ids.Contains(v.Id)
                            select new { v.Id, v.WindowStart, p.GivenName, p.FamilyName }).ToListAsync(ct);
        var names = workers.ToDictionary(w => w.Id.ToString(), w => w.Name);
        foreach (var p in people)
        {
            names[RotaPlanning.Key(p.Id, true)] = $"the {p.WindowStart:HH:mm} visit to {p.GivenName} {p.FamilyName} (second carer)";
            names[RotaPlanning.Key(p.Id, false)] = $"the {p.WindowStart:HH:mm} visit to {p.GivenName} {p.FamilyName}";
        }
        return names.OrderByDescending(n => n.Key.Length).ToDictionary(n => n.Key, n => n.Value);
    }

    /// <summary>A text with the ids in it replaced by names.</summary>
    public static string Named(string text, IReadOnlyDictionary<string, string> names) =>
        names.Aggregate(text, (t, n) => t.Replace(n.Key, n.Value, StringComparison.Ordinal));
}
