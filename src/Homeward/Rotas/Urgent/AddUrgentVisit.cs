using Homeward.Access;
using Homeward.Audit;
using Homeward.Capacity;
using Homeward.Common;
using Homeward.Data;
using Homeward.Rotas.Adjust;
using Homeward.Scheduling.Rota;
using Homeward.Visits;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Rotas.Urgent;

/// <summary>An urgent visit (within 2 hours) put into today's published rota where it adds least, moving nobody else's visits.</summary>
public sealed class AddUrgentVisit(HomewardDb db, RotaDays days, TimeProvider clock)
{
    /// <summary>The most an urgent visit may wait: the 2-hour response.</summary>
    public const int UrgentWithinMinutes = 120;

    /// <param name="EpisodeId">The episode of the person who needs the visit, booked to this team.</param>
    /// <param name="Minutes">How long the visit takes, 10 to 120 minutes.</param>
    public sealed record UrgentInput(string? EpisodeId, int? Minutes);

    /// <summary>What an urgent insertion did: the visit, who takes it and when, and the rota after.</summary>
    public sealed record UrgentResult(Guid VisitId, Guid WorkerId, string WorkerName, int Start, TeamRotas.Summary Rota);

    /// <summary>
    /// Adds an urgent visit (within 2 hours from now) to today's published rota, changing as little as possible: every
    /// other visit keeps its carer and order, and what has started by now keeps its time; the urgent visit goes where it
    /// adds least (travel, lateness) without breaking a rule for anyone. The visit is created on the person's episode, so
    /// the carer records it like any other. When no carer can reach the person in time, nothing changes and the answer
    /// says so, so that the scheduler can call round.
    /// </summary>
    public async Task<UrgentResult> Handle(Guid id, UrgentInput input, int? version, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.PlanRota);
        var rota = await days.Find(id, actor, ct, tracked: true);
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
        if (problems.Any || input.Minutes is not { } minutes)
            throw problems.Failure();
        var booked = await db.Bookings.AsNoTracking().AnyAsync(b => b.ServiceId == rota.ServiceId && b.EpisodeId == episodeId && b.Kind == BookingKind.VisitPattern
                                                                   && b.Status == BookingStatus.Accepted && b.StartDate <= today && b.EndDate >= today, ct);
        var episode = booked ? await db.Episodes.AsNoTracking().SingleOrDefaultAsync(e => e.Id == episodeId, ct) : null;
        if (episode is null)
            throw ValidationFailedException.For("episodeId", "Choose a person booked to this team today.");

        // The care plan's skill holds for an urgent visit too.
        var skill = await db.CarePlans.AsNoTracking().Where(p => p.EpisodeId == episode.Id).Select(p => p.Skill).SingleOrDefaultAsync(ct);
        var nowMinutes = RotaPlanning.Minutes(London.ClockOf(now));
        var latest = Math.Min(nowMinutes + UrgentWithinMinutes, 24 * 60 - 1);
        var visit = new Visit
        {
            EpisodeId = episode.Id, PersonId = episode.PersonId, Date = today, Minutes = minutes, Skill = skill,
            WindowStart = new TimeOnly(nowMinutes / 60, nowMinutes % 60), WindowEnd = new TimeOnly(latest / 60, latest % 60), Status = VisitStatus.Planned,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Visits.Add(visit);
        await db.SaveChangesAsync(ct);
        var service = await db.CareServices.AsNoTracking().SingleAsync(s => s.Id == rota.ServiceId, ct);
        var (workers, _, plan) = await days.Load(service, rota.Date, ct, rota.Workers.Select(w => w.WorkerId).ToHashSet());
        var key = RotaPlanning.Key(visit.Id, false);
        if (plan.SetAside.TryGetValue(key, out var aside))
            throw ValidationFailedException.For("episodeId", aside);
        // Within the 2 hours, never later; from now, never earlier.
        var problem = plan.Problem with
        {
            Visits = [.. plan.Problem.Visits.Select(v => v.Id == key ? v with { Earliest = nowMinutes, Latest = latest, LatestAtAll = latest } : v)],
        };
        var starts = RotaEdits.Starts(rota);
        var routes = RotaEdits.Routes(rota, workers, problem);
        var reasons = RotaEdits.Reasons(rota);
        // Rules already broken (a carer gone home sick with visits left in their round) are not the urgent visit's doing.
        var before = RotaEdits.Try(problem, routes, reasons).NewProblems.ToHashSet();
        (RotaSolution Solution, string Worker, double Cost)? best = null;
        foreach (var (worker, route) in routes)
        {
            // After whatever this carer has started by now.
            for (var at = RotaEdits.FirstFree(route, starts, nowMinutes); at <= route.Count; at++)
            {
                var trial = RotaEdits.Try(problem, RotaEdits.With(routes, worker, at, key), reasons, before);
                if (!trial.Allowed || trial.Solution.Unplanned.Any(u => u.Visit == key))
                    continue;
                // What has started keeps its time.
                if (trial.Solution.Routes.SelectMany(r => r.Stops).Any(s => starts.TryGetValue(s.Visit, out var was) && was < nowMinutes && Math.Abs(s.Start - was) > 0.5))
                    continue;
                if (best is null || trial.Objective < best.Value.Cost)
                    best = (trial.Solution, worker, trial.Objective);
            }
        }
        if (best is not { } chosen)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            throw new InvalidTransitionException($"No carer on today's rota can reach the person within {UrgentWithinMinutes / 60} hours without making another visit impossible: call the rapid response team or a carer off shift.");
        }
        RotaPlanning.Fill(rota, chosen.Solution, plan);
        rota.Adjustments++;
        rota.Version++;
        db.AuditEntries.Add(AuditEntry.For(actor, "rota.urgent", episode.PersonId, visit.Id, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        var workerId = Guid.Parse(chosen.Worker);
        var start = (int)Math.Round(chosen.Solution.Routes.Single(r => r.Carer == chosen.Worker).Stops.Single(s => s.Visit == key).Start);
        return new UrgentResult(visit.Id, workerId, workers.Single(w => w.Id == workerId).Name, start, TeamRotas.Summary.From(rota));
    }
}
