using Homeward.Access;
using Homeward.Audit;
using Homeward.Capacity;
using Homeward.Common;
using Homeward.Scheduling.Rota;
using Homeward.Visits;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Rotas;

public sealed partial class TeamRotas
{
    /// <summary>The most an urgent visit may wait: the 2-hour response.</summary>
    public const int UrgentWithinMinutes = 120;

    /// <param name="EpisodeId">The episode of the person who needs the visit, booked to this team.</param>
    /// <param name="Minutes">How long the visit takes, 10 to 120 minutes.</param>
    public sealed record UrgentInput(string? EpisodeId, int? Minutes);

    /// <summary>What an urgent insertion did: the visit, who takes it and when, and the rota after.</summary>
    public sealed record UrgentResult(Guid VisitId, Guid WorkerId, string WorkerName, int Start, Summary Rota);

    public sealed record Candidate(Guid EpisodeId, Guid PersonId, string Name, string Address);

    /// <summary>The people booked to the rota's team today: who can be given an urgent visit on it.</summary>
    public async Task<IReadOnlyList<Candidate>> UrgentCandidates(Guid id, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.PlanRota);
        var rota = await Find(id, actor, ct);
        var people = await (from b in db.Bookings.AsNoTracking()
                            join p in db.People.AsNoTracking() on b.PersonId equals p.Id
                            where b.ServiceId == rota.ServiceId && b.Kind == BookingKind.VisitPattern && b.Status == BookingStatus.Accepted
                                  && b.StartDate <= rota.Date && b.EndDate >= rota.Date
                            orderby p.FamilyName, p.GivenName
                            select new Candidate(b.EpisodeId, p.Id, p.GivenName + " " + p.FamilyName, p.AddressLine1 + ", " + p.Town)).ToListAsync(ct);
        await ListAudit.Record(db, actor, "rota.urgent-candidates", [.. people.Select(p => p.PersonId)], rota.Id.ToString(), clock.GetUtcNow(), ct);
        return people;
    }

    /// <summary>
    /// Adds an urgent visit (within 2 hours from now) to today's published rota, changing as little as possible: every
    /// other visit keeps its carer and order, and what has started by now keeps its time; the urgent visit goes where it
    /// adds least (travel, lateness) without breaking a rule for anyone. The visit is created on the person's episode, so
    /// the carer records it like any other. When no carer can reach the person in time, nothing changes and the answer
    /// says so, so that the scheduler can call round.
    /// </summary>
    public async Task<UrgentResult> AddUrgent(Guid id, UrgentInput input, int? version, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.PlanRota);
        var rota = await Find(id, actor, ct, tracked: true);
        Versions.Demand("rota", rota.Version, version);
        var now = clock.GetUtcNow();
        var today = London.DateOf(now);
        if (rota.Status != RotaStatus.Published || rota.Date != today)
            throw new InvalidTransitionException("An urgent visit goes into today's published rota: publish today's rota first, or build tomorrow's with the visit in it.");
        var problems = new Problems();
        Guid episodeId = default;
        if (string.IsNullOrWhiteSpace(input.EpisodeId) || !Guid.TryParse(input.EpisodeId, out episodeId))
            problems.Add("episodeId", "Choose the person who needs the visit.");
        if (input.Minutes is not (>= 10 and <= 120))
            problems.Add("minutes", "Say how long the visit takes: 10 to 120 minutes.");
        problems.ThrowIfAny();
        var booked = await db.Bookings.AsNoTracking().AnyAsync(b => b.ServiceId == rota.ServiceId && b.EpisodeId == episodeId && b.Kind == BookingKind.VisitPattern
                                                                   && b.Status == BookingStatus.Accepted && b.StartDate <= today && b.EndDate >= today, ct);
        var episode = booked ? await db.Episodes.AsNoTracking().SingleOrDefaultAsync(e => e.Id == episodeId, ct) : null;
        if (episode is null)
            throw ValidationFailedException.For("episodeId", "Choose a person booked to this team today.");

        // The care plan's skill holds for an urgent visit too.
        var skill = await db.CarePlans.AsNoTracking().Where(p => p.EpisodeId == episode.Id).Select(p => p.Skill).SingleOrDefaultAsync(ct);
        var nowMinutes = RotaPlanning.Minutes(TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, London.Zone).DateTime));
        var latest = Math.Min(nowMinutes + UrgentWithinMinutes, 24 * 60 - 1);
        var visit = new Visit
        {
            EpisodeId = episode.Id, PersonId = episode.PersonId, Date = today, Minutes = input.Minutes!.Value, Skill = skill,
            WindowStart = new TimeOnly(nowMinutes / 60, nowMinutes % 60), WindowEnd = new TimeOnly(latest / 60, latest % 60), Status = VisitStatus.Planned,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Visits.Add(visit);
        await db.SaveChangesAsync(ct);
        var service = await db.CareServices.AsNoTracking().SingleAsync(s => s.Id == rota.ServiceId, ct);
        var (workers, plan) = await Load(service, rota.Date, ct, rota.Workers.Select(w => w.WorkerId).ToHashSet());
        var key = RotaPlanning.Key(visit.Id, false);
        if (plan.SetAside.TryGetValue(key, out var aside))
            throw ValidationFailedException.For("episodeId", aside);
        // Within the 2 hours, never later; from now, never earlier.
        var problem = plan.Problem with
        {
            Visits = [.. plan.Problem.Visits.Select(v => v.Id == key ? v with { Earliest = nowMinutes, Latest = latest, LatestAtAll = latest } : v)],
        };
        var starts = rota.Assignments.ToDictionary(a => RotaPlanning.Key(a.VisitId, a.Second), a => a.Start);
        var routes = workers.ToDictionary(w => w.Id.ToString(), w => rota.Assignments.Where(a => a.WorkerId == w.Id).OrderBy(a => a.Order)
            .Select(a => RotaPlanning.Key(a.VisitId, a.Second)).Where(k => problem.Visits.Any(v => v.Id == k)).ToList());
        var reasons = rota.Gaps.ToDictionary(g => RotaPlanning.Key(g.VisitId, g.Second), g => g.Reason);

        (RotaSolution Solution, string Worker, double Cost)? best = null;
        foreach (var (worker, route) in routes)
        {
            // After whatever this carer has started by now.
            var first = route.FindIndex(k => starts.GetValueOrDefault(k) >= nowMinutes);
            for (var at = first < 0 ? route.Count : first; at <= route.Count; at++)
            {
                var trial = routes.ToDictionary(r => r.Key, r => (IReadOnlyList<string>)(r.Key == worker ? [.. r.Value.Take(at), key, .. r.Value.Skip(at)] : r.Value));
                var solution = RotaSolver.Time(problem, trial, reasons);
                var (broken, cost) = RotaValidator.Check(problem, solution);
                if (broken.Count > 0 || solution.Unplanned.Any(u => u.Visit == key))
                    continue;
                // What has started keeps its time.
                if (solution.Routes.SelectMany(r => r.Stops).Any(s => starts.TryGetValue(s.Visit, out var was) && was < nowMinutes && Math.Abs(s.Start - was) > 0.5))
                    continue;
                var objective = cost.Objective(problem.Weights);
                if (best is null || objective < best.Value.Cost)
                    best = (solution, worker, objective);
            }
        }
        if (best is not { } chosen)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            throw new InvalidTransitionException($"No carer on today's rota can reach the person within {UrgentWithinMinutes / 60} hours without making another visit impossible: call the rapid response team or a carer off shift.");
        }
        RotaPlanning.Fill(rota, chosen.Solution, plan.SetAside);
        rota.Adjustments++;
        rota.Version++;
        db.AuditEntries.Add(AuditEntry.For(actor, "rota.urgent", episode.PersonId, visit.Id, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        var workerId = Guid.Parse(chosen.Worker);
        var start = (int)Math.Round(chosen.Solution.Routes.Single(r => r.Carer == chosen.Worker).Stops.Single(s => s.Visit == key).Start);
        return new UrgentResult(visit.Id, workerId, workers.Single(w => w.Id == workerId).Name, start, Summary.From(rota));
    }
}
