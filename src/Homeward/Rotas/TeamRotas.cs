using Homeward.Access;
using Homeward.Audit;
using Homeward.Capacity;
using Homeward.Common;
using Homeward.Data;
using Homeward.Scheduling.Rota;
using Homeward.Visits;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Rotas;

/// <summary>
/// A team's daily rota: built by the optimiser from the day's planned visits and the carers on shift, reviewed and
/// adjusted by the scheduler, published (each carer's own round is Rounds/GetMyRound). Rotas name people and
/// their addresses, so every read is audited.
/// </summary>
public sealed partial class TeamRotas(HomewardDb db, TimeProvider clock, RotaSettings settings, Messages.TellFamily tell)
{
    /// <summary>How far ahead a rota can be built.</summary>
    public const int DaysAhead = 14;

    public sealed record Team(Guid Id, string Name, int Carers);

    public sealed record Summary(Guid Id, Guid ServiceId, DateOnly Date, RotaStatus Status, DateTimeOffset BuiltAt, string BuiltBy,
        DateTimeOffset? PublishedAt, string? PublishedBy, int Planned, int Unplanned, double TravelKm, double TravelMinutes, double LateMinutes,
        int LateVisits, int KnownCarerVisits, int VisitsWithKnownCarers, int CarersUsed, int Adjustments, double SearchSeconds, int Version)
    {
        public double? ContinuityRate => VisitsWithKnownCarers == 0 ? null : KnownCarerVisits / (double)VisitsWithKnownCarers;

        public static Summary From(Rota r) => new(r.Id, r.ServiceId, r.Date, r.Status, r.BuiltAt, r.BuiltBy, r.PublishedAt, r.PublishedBy, r.Planned,
            r.Unplanned, r.TravelKm, r.TravelMinutes, r.LateMinutes, r.LateVisits, r.KnownCarerVisits, r.VisitsWithKnownCarers, r.CarersUsed,
            r.Adjustments, r.SearchSeconds, r.Version);
    }

    /// <summary>A visit in a round. Times are minutes from midnight (London).</summary>
    public sealed record Stop(Guid VisitId, Guid EpisodeId, Guid PersonId, string PersonName, string Address, TimeOnly WindowStart, TimeOnly WindowEnd,
        int Minutes, bool DoubleHanded, bool Second, string? WithCarer, int Arrival, int Start, bool KnownCarer, string? Skill)
    {
        public int LateBy => Math.Max(0, Start - RotaPlanning.Minutes(WindowEnd));
    }

    /// <param name="ConfirmedAt">When the carer confirmed on their phone that they had seen this day's round.</param>
    /// <param name="ChangedSinceConfirmed">The round is no longer as the carer confirmed it.</param>
    public sealed record Round(Guid WorkerId, string Name, string Skills, TimeOnly ShiftStart, TimeOnly ShiftEnd, int? BreakStart, int BreakMinutes,
        IReadOnlyList<Stop> Stops, DateTimeOffset? ConfirmedAt = null, bool ChangedSinceConfirmed = false);

    public sealed record Gap(Guid VisitId, Guid EpisodeId, string PersonName, TimeOnly WindowStart, TimeOnly WindowEnd, int Minutes, bool DoubleHanded,
        bool Second, string Reason, string? Skill);

    public sealed record Detail(Summary Rota, string TeamName, IReadOnlyList<Round> Rounds, IReadOnlyList<Gap> Gaps,
        IReadOnlyList<Awaiting>? AwaitingAcceptance = null);

    /// <summary>
    /// Someone booked with the team whose booking is still offered, not accepted: their visits that day are not in the
    /// rota, and the rota says so rather than leave them silently out.
    /// </summary>
    public sealed record Awaiting(Guid EpisodeId, Guid BookingId, string PersonName, int Visits);

    /// <summary>Teams with carer hours the actor may plan: the hub's all, a provider's own.</summary>
    public async Task<IReadOnlyList<Team>> Teams(Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.PlanRota);
        var services = await db.CareServices.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        var carers = await db.CareWorkers.AsNoTracking().Where(w => w.Active).GroupBy(w => w.ServiceId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return [.. services.Where(s => s.Unit == CapacityUnit.CarerMinutes && actor.ActsFor(s.OrganisationId))
            .Select(s => new Team(s.Id, s.Name, carers.GetValueOrDefault(s.Id)))];
    }

    public async Task<IReadOnlyList<Summary>> List(string? serviceId, string? date, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.PlanRota);
        var problems = new Problems();
        var day = problems.Date("date", date, "the day", required: false);
        Guid? team = null;
        if (!string.IsNullOrWhiteSpace(serviceId))
        {
            if (Guid.TryParse(serviceId, out var id))
                team = id;
            else
                problems.Add("serviceId", "Choose a team from the list.");
        }
        problems.ThrowIfAny();
        var allowed = (await Teams(actor, ct)).Select(t => t.Id).ToList();
        var rotas = db.Rotas.AsNoTracking().Where(r => allowed.Contains(r.ServiceId));
        if (team is { } t)
            rotas = rotas.Where(r => r.ServiceId == t);
        if (day is { } d)
            rotas = rotas.Where(r => r.Date == d);
        var rows = await rotas.OrderByDescending(r => r.Date).ThenByDescending(r => r.BuiltAt).Take(100).ToListAsync(ct);
        return [.. rows.Select(Summary.From)];
    }

    /// <summary>The team and day a rota is asked for, checked: every problem at once.</summary>
    public async Task<(CareService Service, DateOnly Day)> Check(string? serviceId, string? date, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.PlanRota);
        var problems = new Problems();
        var today = London.DateOf(clock.GetUtcNow());
        var day = problems.Date("date", date, "the day", required: true);
        if (day is { } d && (d < today || d > today.AddDays(DaysAhead)))
            problems.Add("date", $"A rota can be built for today or up to {DaysAhead} days ahead.");
        CareService? service = null;
        if (string.IsNullOrWhiteSpace(serviceId))
            problems.Add("serviceId", "Choose the team.");
        else if (!Guid.TryParse(serviceId, out var id)
                 || (service = await db.CareServices.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct)) is null
                 || !actor.ActsFor(service.OrganisationId) || service.Unit != CapacityUnit.CarerMinutes)
            problems.Add("serviceId", "Choose a team with carer hours from the list.");
        problems.ThrowIfAny();
        return (service!, day!.Value);
    }

    /// <summary>Builds a draft rota for a team's day with the optimiser (on the job engine: <see cref="BuildRotaWork"/>).</summary>
    /// <param name="search">How long the optimiser searches, when not the partnership's setting (the demo's own rota).</param>
    /// <param name="progress">Told the share of the search done, 0 to 100.</param>
    public async Task<Summary> Build(string? serviceId, string? date, Actor actor, CancellationToken ct, TimeSpan? search = null, IProgress<int>? progress = null)
    {
        var (service, day) = await Check(serviceId, date, actor, ct);
        var (workers, plan) = await Load(service, day, ct);
        if (workers.Count == 0)
            throw ValidationFailedException.For("serviceId", $"Nobody in {service.Name} is on shift on {day:dddd d MMMM}: add the team's carers first.");
        var rota = new Rota
        {
            ServiceId = service.Id, Date = day, Status = RotaStatus.Draft, BuiltAt = clock.GetUtcNow(), BuiltBy = actor.UserName,
        };
        rota.Workers.AddRange(workers.Select(w => new RotaWorkerDay { RotaId = rota.Id, WorkerId = w.Id }));
        var started = clock.GetTimestamp();
        var limit = search ?? TimeSpan.FromSeconds(settings.SearchSeconds);
        var solution = await Task.Run(() => RotaSolver.Solve(plan.Problem, new RotaOptions
        {
            TimeLimit = limit, Stop = ct,
            Progress = (_, used) => progress?.Report((int)(100 * used.TotalSeconds / limit.TotalSeconds)),
        }), ct);
        // Stopped early: nothing is kept.
        ct.ThrowIfCancellationRequested();
        rota.SearchSeconds = Math.Round(clock.GetElapsedTime(started).TotalSeconds, 2);
        RotaPlanning.Fill(rota, solution, plan.SetAside);
        // One draft per team and day: a new build replaces the last draft.
        var drafts = await db.Rotas.Where(r => r.ServiceId == rota.ServiceId && r.Date == rota.Date && r.Status == RotaStatus.Draft).ToListAsync(ct);
        db.Rotas.RemoveRange(drafts);
        db.Rotas.Add(rota);
        db.AuditEntries.Add(AuditEntry.For(actor, "rota.build", null, rota.Id, rota.BuiltAt));
        await db.SaveChangesAsync(ct);
        return Summary.From(rota);
    }

    public async Task<Detail> Get(Guid id, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.PlanRota);
        var rota = await Find(id, actor, ct);
        var detail = await Describe(rota, null, ct);
        // The rota names everyone on it, those it could not plan and those awaiting a provider's acceptance: one audit row listing them.
        var episodes = detail.Gaps.Select(g => g.EpisodeId).Concat((detail.AwaitingAcceptance ?? []).Select(a => a.EpisodeId)).Distinct().ToList();
        var named = await db.Episodes.AsNoTracking().Where(e => episodes.Contains(e.Id)).Select(e => e.PersonId).ToListAsync(ct);
        await ListAudit.Record(db, actor, "rota.read", [.. detail.Rounds.SelectMany(r => r.Stops).Select(x => x.PersonId).Concat(named).Distinct()],
            rota.Id.ToString(), clock.GetUtcNow(), ct);
        return detail;
    }

    /// <summary>
    /// Moves one visit (or the second carer of a double-handed one) to another carer on shift, in order of its window,
    /// and times the rota again. Refused, with the reasons, if the change breaks a rule (a shift overrun, a visit past
    /// its latest start, the same carer twice on a double-handed visit).
    /// </summary>
    public async Task<Summary> Move(Guid id, string? visitId, string? workerId, bool second, int? version, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.PlanRota);
        var rota = await Find(id, actor, ct, tracked: true);
        Versions.Demand("rota", rota.Version, version);
        if (rota.Status != RotaStatus.Draft)
            throw new InvalidTransitionException("Only a draft rota can be changed: build a new draft to change a published one.");
        var problems = new Problems();
        Guid visit = default, worker = default;
        if (!Guid.TryParse(visitId, out visit) || !rota.Assignments.Any(a => a.VisitId == visit && a.Second == second) && !rota.Gaps.Any(g => g.VisitId == visit && g.Second == second))
            problems.Add("visitId", "Choose a visit in this rota.");
        if (!Guid.TryParse(workerId, out worker) || rota.Workers.All(w => w.WorkerId != worker))
            problems.Add("workerId", "Choose a carer on shift in this rota.");
        problems.ThrowIfAny();

        var service = await db.CareServices.AsNoTracking().SingleAsync(s => s.Id == rota.ServiceId, ct);
        var (workers, plan) = await Load(service, rota.Date, ct, rota.Workers.Select(w => w.WorkerId).ToHashSet());
        var key = RotaPlanning.Key(visit, second);
        if (plan.Problem.Visits.All(v => v.Id != key))
            throw ValidationFailedException.For("visitId", plan.SetAside.GetValueOrDefault(key) ?? "That visit is no longer planned for this day.");
        var routes = workers.ToDictionary(w => w.Id.ToString(), w => rota.Assignments.Where(a => a.WorkerId == w.Id && !(a.VisitId == visit && a.Second == second))
            .OrderBy(a => a.Order).Select(a => RotaPlanning.Key(a.VisitId, a.Second)).Where(k => plan.Problem.Visits.Any(v => v.Id == k)).ToList());
        var target = routes[worker.ToString()];
        var moved = plan.Problem.Visits.Single(v => v.Id == key);
        var starts = rota.Assignments.ToDictionary(a => RotaPlanning.Key(a.VisitId, a.Second), a => a.Start);
        var at = target.FindIndex(k => starts.GetValueOrDefault(k) > moved.Earliest);
        target.Insert(at < 0 ? target.Count : at, key);
        var reasons = rota.Gaps.Where(g => g.VisitId != visit || g.Second != second).ToDictionary(g => RotaPlanning.Key(g.VisitId, g.Second), g => g.Reason);
        var solution = RotaSolver.Time(plan.Problem, routes.ToDictionary(r => r.Key, r => (IReadOnlyList<string>)r.Value), reasons);
        var (broken, _) = RotaValidator.Check(plan.Problem, solution);
        if (broken.Count > 0)
        {
            var names = await Names(rota, workers, ct);
            throw new ValidationFailedException(new Dictionary<string, string[]>
            {
                ["workerId"] = [.. broken.Select(b => names.Aggregate(b, (text, n) => text.Replace(n.Key, n.Value, StringComparison.Ordinal)))],
            });
        }
        RotaPlanning.Fill(rota, solution, plan.SetAside);
        rota.Adjustments++;
        rota.Version++;
        db.AuditEntries.Add(AuditEntry.For(actor, "rota.adjust", null, rota.Id, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return Summary.From(rota);
    }

    /// <summary>Publishes a draft: carers see their rounds; an earlier published rota for the team and day is superseded.</summary>
    public async Task<Summary> Publish(Guid id, int? version, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.PlanRota);
        var rota = await Find(id, actor, ct, tracked: true);
        Versions.Demand("rota", rota.Version, version);
        if (rota.Status != RotaStatus.Draft)
            throw new InvalidTransitionException("This rota is already published.");
        var now = clock.GetUtcNow();
        var moved = new List<(Guid VisitId, int From, int To)>();
        foreach (var earlier in await db.Rotas.Include(r => r.Assignments)
                     .Where(r => r.ServiceId == rota.ServiceId && r.Date == rota.Date && r.Status == RotaStatus.Published).ToListAsync(ct))
        {
            earlier.Status = RotaStatus.Superseded;
            // A visit the people were told to expect at one time and now another: they hear of it (TellFamily).
            var told = earlier.Assignments.Where(a => !a.Second).ToDictionary(a => a.VisitId, a => a.Start);
            moved.AddRange(rota.Assignments.Where(a => !a.Second && told.ContainsKey(a.VisitId) && told[a.VisitId] != a.Start)
                .Select(a => (a.VisitId, told[a.VisitId], a.Start)));
        }
        if (rota.Date >= London.DateOf(now))
            await tell.VisitsMoved(moved, ct);
        (rota.Status, rota.PublishedAt, rota.PublishedBy) = (RotaStatus.Published, now, actor.UserName);
        rota.Version++;
        db.AuditEntries.Add(AuditEntry.For(actor, "rota.publish", null, rota.Id, now));
        await db.SaveChangesAsync(ct);
        return Summary.From(rota);
    }

    /// <summary>A rota the actor may plan, with its rounds, gaps and carers.</summary>
    private async Task<Rota> Find(Guid id, Actor actor, CancellationToken ct, bool tracked = false)
    {
        var rotas = tracked ? db.Rotas : db.Rotas.AsNoTracking();
        // Three collections: one query each, not their product (a mid-sized team's rota joined is ~180,000 rows).
        var rota = await rotas.Include(r => r.Assignments).Include(r => r.Gaps).Include(r => r.Workers).AsSplitQuery().SingleOrDefaultAsync(r => r.Id == id, ct);
        var service = rota is null ? null : await db.CareServices.AsNoTracking().SingleOrDefaultAsync(s => s.Id == rota.ServiceId, ct);
        if (rota is null || service is null || !actor.ActsFor(service.OrganisationId))
            throw new NotFoundException("rota", id); // a provider does not learn of other teams' rotas
        return rota;
    }

    /// <summary>The team's carers on shift and the day's visits as the optimiser's problem.</summary>
    private async Task<(IReadOnlyList<CareWorker> Workers, RotaPlanning.Day Plan)> Load(CareService service, DateOnly date, CancellationToken ct,
        IReadOnlySet<Guid>? onlyWorkers = null)
    {
        var workers = (await db.CareWorkers.AsNoTracking().Where(w => w.ServiceId == service.Id).OrderBy(w => w.Name).ToListAsync(ct))
            .Where(w => onlyWorkers?.Contains(w.Id) ?? w.WorksOn(date)).ToList();
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
            [.. visits.Select(x => new VisitToPlan(x.v, $"{x.GivenName} {x.FamilyName}", x.Latitude, x.Longitude))], workers, known, settings);
        return (workers, plan);
    }

    private async Task<Dictionary<string, string>> Names(Rota rota, IEnumerable<CareWorker> workers, CancellationToken ct)
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
        // Longer keys first, so that "id/2" is replaced before "id".
        return names.OrderByDescending(n => n.Key.Length).ToDictionary(n => n.Key, n => n.Value);
    }

    private async Task<Detail> Describe(Rota rota, Guid? onlyWorker, CancellationToken ct)
    {
        var workerIds = rota.Workers.Select(w => w.WorkerId).ToList();
        var workers = await db.CareWorkers.AsNoTracking().Where(w => workerIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        var visitIds = rota.Assignments.Where(a => onlyWorker is null || a.WorkerId == onlyWorker).Select(a => a.VisitId)
            .Concat(onlyWorker is null ? rota.Gaps.Select(g => g.VisitId) : []).Distinct().ToList();
        var visits = await (from v in db.Visits.AsNoTracking()
                            join p in db.People.AsNoTracking() on v.PersonId equals p.Id
                            where visitIds.Contains(v.Id)
                            select new { v, p.GivenName, p.FamilyName, p.AddressLine1, p.Town, p.Postcode }).ToDictionaryAsync(x => x.v.Id, ct);
        var team = await db.CareServices.AsNoTracking().Where(s => s.Id == rota.ServiceId).Select(s => s.Name).SingleAsync(ct);
        var known = new HashSet<(Guid, Guid)>();
        if (rota.VisitsWithKnownCarers > 0)
        {
            var (_, plan) = await Load(await db.CareServices.AsNoTracking().SingleAsync(s => s.Id == rota.ServiceId, ct), rota.Date, ct, workerIds.ToHashSet());
            foreach (var v in plan.Problem.Visits)
                foreach (var w in v.KnownCarers)
                    known.Add((RotaPlanning.Parse(v.Id).Visit, Guid.Parse(w)));
        }
        var confirmations = rota.Status == RotaStatus.Published
            ? await db.Set<Rounds.RoundAcknowledgement>().AsNoTracking().Where(a => a.Date == rota.Date && workerIds.Contains(a.WorkerId)).ToDictionaryAsync(a => a.WorkerId, ct)
            : [];
        var rounds = rota.Workers.Where(w => onlyWorker is null || w.WorkerId == onlyWorker).Where(w => workers.ContainsKey(w.WorkerId)).Select(day =>
        {
            var worker = workers[day.WorkerId];
            var stops = rota.Assignments.Where(a => a.WorkerId == day.WorkerId && visits.ContainsKey(a.VisitId)).OrderBy(a => a.Order).Select(a =>
            {
                var x = visits[a.VisitId];
                var partner = x.v.DoubleHanded ? rota.Assignments.FirstOrDefault(o => o.VisitId == a.VisitId && o.Second != a.Second) : null;
                return new Stop(a.VisitId, x.v.EpisodeId, x.v.PersonId, $"{x.GivenName} {x.FamilyName}", $"{x.AddressLine1}, {x.Town} {x.Postcode}",
                    x.v.WindowStart, x.v.WindowEnd, x.v.Minutes, x.v.DoubleHanded, a.Second,
                    partner is null ? null : workers.GetValueOrDefault(partner.WorkerId)?.Name, a.Arrival, a.Start, known.Contains((a.VisitId, a.WorkerId)), x.v.Skill);
            }).ToList();
            var confirmed = confirmations.GetValueOrDefault(worker.Id);
            var now = Rounds.RoundAcknowledgement.Of(stops.Select(s => (s.VisitId, s.Start, visits[s.VisitId].v.Status)));
            return new Round(worker.Id, worker.Name, worker.Skills, worker.ShiftStart, worker.ShiftEnd, day.BreakStart, worker.BreakMinutes, stops,
                confirmed?.At, confirmed is not null && confirmed.Round != now);
        }).OrderBy(r => r.ShiftStart).ThenBy(r => r.Name).ToList();
        var gaps = onlyWorker is not null ? [] : rota.Gaps.Where(g => visits.ContainsKey(g.VisitId)).Select(g =>
        {
            var x = visits[g.VisitId];
            return new Gap(g.VisitId, x.v.EpisodeId, $"{x.GivenName} {x.FamilyName}", x.v.WindowStart, x.v.WindowEnd, x.v.Minutes, x.v.DoubleHanded, g.Second, g.Reason, x.v.Skill);
        }).OrderBy(g => g.WindowStart).ToList();
        return new Detail(Summary.From(rota), team, rounds, gaps, onlyWorker is null ? await AwaitingAcceptance(rota, ct) : []);
    }

    private async Task<IReadOnlyList<Awaiting>> AwaitingAcceptance(Rota rota, CancellationToken ct)
    {
        var offered = await (from b in db.Bookings.AsNoTracking()
                             join p in db.People.AsNoTracking() on b.PersonId equals p.Id
                             where b.ServiceId == rota.ServiceId && b.Kind == BookingKind.VisitPattern && b.Status == BookingStatus.Offered
                                   && b.StartDate <= rota.Date && b.EndDate >= rota.Date
                             orderby p.FamilyName, p.GivenName
                             select new { b.Id, b.EpisodeId, p.GivenName, p.FamilyName }).ToListAsync(ct);
        var episodes = offered.Select(o => o.EpisodeId).ToList();
        var visits = await db.Visits.AsNoTracking().Where(v => episodes.Contains(v.EpisodeId) && v.Date == rota.Date && v.Status != VisitStatus.Cancelled)
            .GroupBy(v => v.EpisodeId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return [.. offered.Select(o => new Awaiting(o.EpisodeId, o.Id, $"{o.GivenName} {o.FamilyName}", visits.GetValueOrDefault(o.EpisodeId)))];
    }
}
