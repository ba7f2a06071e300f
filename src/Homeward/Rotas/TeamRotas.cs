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
public sealed class TeamRotas(HomewardDb db, RotaDays days, TimeProvider clock)
{
    public sealed record Team(Guid Id, string Name, int Carers);

    public sealed record Summary(Guid Id, Guid ServiceId, DateOnly Date, RotaStatus Status, DateTimeOffset BuiltAt, string BuiltBy,
        DateTimeOffset? PublishedAt, string? PublishedBy, int Planned, int Unplanned, double TravelKm, double TravelMinutes, double LateMinutes,
        int LateVisits, int KnownCarerVisits, int VisitsWithKnownCarers, int CarersUsed, int Adjustments, double SearchSeconds, int Version,
        RotaTravel Travel)
    {
        public double? ContinuityRate => VisitsWithKnownCarers == 0 ? null : KnownCarerVisits / (double)VisitsWithKnownCarers;

        public static Summary From(Rota r) => new(r.Id, r.ServiceId, r.Date, r.Status, r.BuiltAt, r.BuiltBy, r.PublishedAt, r.PublishedBy, r.Planned,
            r.Unplanned, r.TravelKm, r.TravelMinutes, r.LateMinutes, r.LateVisits, r.KnownCarerVisits, r.VisitsWithKnownCarers, r.CarersUsed,
            r.Adjustments, r.SearchSeconds, r.Version, r.Travel);
    }

    /// <summary>A visit in a round. Times are minutes from midnight (London).</summary>
    public sealed record Stop(Guid VisitId, Guid EpisodeId, Guid PersonId, string PersonName, string Address, TimeOnly WindowStart, TimeOnly WindowEnd,
        int Minutes, bool DoubleHanded, bool Second, string? WithCarer, int Arrival, int Start, bool KnownCarer, string? Skill)
    {
        public int LateBy => Math.Max(0, Start - RotaPlanning.Minutes(WindowEnd));
    }

    /// <param name="ShiftStart">The hours they work that day (leave, sickness and changed hours applied); start and end the same when off all day.</param>
    /// <param name="ConfirmedAt">When the carer confirmed on their phone that they had seen this day's round.</param>
    /// <param name="ChangedSinceConfirmed">The round is no longer as the carer confirmed it.</param>
    /// <param name="Away">Why their day differs from their usual week ("Off sick from 11:00"); null when it does not.</param>
    /// <param name="CannotMake">Visits in their round, not yet started, that their day as it now stands cannot hold.</param>
    public sealed record Round(Guid WorkerId, string Name, string Skills, TimeOnly ShiftStart, TimeOnly ShiftEnd, int? BreakStart, int BreakMinutes,
        IReadOnlyList<Stop> Stops, DateTimeOffset? ConfirmedAt = null, bool ChangedSinceConfirmed = false, string? Away = null, int CannotMake = 0);

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

    public async Task<Detail> Get(Guid id, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.PlanRota);
        var rota = await days.Find(id, actor, ct);
        var detail = await Describe(rota, null, ct);
        // The rota names everyone on it, those it could not plan and those awaiting a provider's acceptance: one audit row listing them.
        var episodes = detail.Gaps.Select(g => g.EpisodeId).Concat((detail.AwaitingAcceptance ?? []).Select(a => a.EpisodeId)).Distinct().ToList();
        var named = await db.Episodes.AsNoTracking().Where(e => episodes.Contains(e.Id)).Select(e => e.PersonId).ToListAsync(ct);
        await ListAudit.Record(db, actor, "rota.read", [.. detail.Rounds.SelectMany(r => r.Stops).Select(x => x.PersonId).Concat(named).Distinct()],
            rota.Id.ToString(), clock.GetUtcNow(), ct);
        return detail;
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
            // Who knows whom only: no driving times needed.
            var (_, _, plan) = await days.Load(await db.CareServices.AsNoTracking().SingleAsync(s => s.Id == rota.ServiceId, ct), rota.Date, ct,
                workerIds.ToHashSet(), withTravel: false);
            foreach (var v in plan.Problem.Visits)
                foreach (var w in v.KnownCarers)
                    known.Add((RotaPlanning.Parse(v.Id).Visit, Guid.Parse(w)));
        }
        var confirmations = rota.Status == RotaStatus.Published
            ? await db.Set<Rounds.RoundAcknowledgement>().AsNoTracking().Where(a => a.Date == rota.Date && workerIds.Contains(a.WorkerId)).ToDictionaryAsync(a => a.WorkerId, ct)
            : [];
        var hours = await days.Hours(rota.ServiceId, rota.Date, workers.Values, ct);
        var now = clock.GetUtcNow();
        var started = RotaPlanning.StartedBefore(rota.Date, now);
        var rounds = rota.Workers.Where(w => onlyWorker is null || w.WorkerId == onlyWorker).Where(w => workers.ContainsKey(w.WorkerId)).Select(day =>
        {
            var worker = workers[day.WorkerId];
            var hoursToday = hours[worker.Id];
            var stops = rota.Assignments.Where(a => a.WorkerId == day.WorkerId && visits.ContainsKey(a.VisitId)).OrderBy(a => a.Order).Select(a =>
            {
                var x = visits[a.VisitId];
                var partner = x.v.DoubleHanded ? rota.Assignments.FirstOrDefault(o => o.VisitId == a.VisitId && o.Second != a.Second) : null;
                return new Stop(a.VisitId, x.v.EpisodeId, x.v.PersonId, $"{x.GivenName} {x.FamilyName}", $"{x.AddressLine1}, {x.Town} {x.Postcode}",
                    x.v.WindowStart, x.v.WindowEnd, x.v.Minutes, x.v.DoubleHanded, a.Second,
                    partner is null ? null : workers.GetValueOrDefault(partner.WorkerId)?.Name, a.Arrival, a.Start, known.Contains((a.VisitId, a.WorkerId)), x.v.Skill);
            }).ToList();
            var confirmed = confirmations.GetValueOrDefault(worker.Id);
            var roundNow = Rounds.RoundAcknowledgement.Of(stops.Select(s => (s.VisitId, s.Start, visits[s.VisitId].v.Status)));
            var end = hoursToday.End is { } e ? RotaPlanning.Minutes(e) : 0;
            var cannot = hoursToday.Why is null ? 0 : stops.Count(s => (started is not { } n || s.Start >= n) && (!hoursToday.Works || s.Start + s.Minutes > end));
            // Off all day: no hours (the shift shown as none).
            return new Round(worker.Id, worker.Name, worker.Skills, hoursToday.Start ?? worker.ShiftStart, hoursToday.End ?? worker.ShiftStart, day.BreakStart,
                worker.BreakMinutes, stops, confirmed?.At, confirmed is not null && confirmed.Round != roundNow, hoursToday.Why, cannot);
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
