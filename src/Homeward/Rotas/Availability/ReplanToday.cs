using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Rotas.Adjust;
using Homeward.Scheduling.Rota;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Rotas.Availability;

/// <summary>
/// When a carer goes off sick (or their hours change) after today's rota was published: a new draft of today's rota
/// that keeps everything that has started where it is, takes from their round what they can no longer make, and gives
/// each of those visits, in order of its window, to the carer who can take it at least cost; every other visit keeps
/// its carer and order. What nobody can take is listed with the reason. The scheduler reviews the draft and publishes
/// it (people whose visit times change are told then).
/// </summary>
public sealed class ReplanToday(HomewardDb db, RotaDays days, TimeProvider clock)
{
    public sealed record Result(TeamRotas.Summary Rota, int Moved, int NotPlaced);

    public async Task<Result> Handle(Guid id, int? version, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.PlanRota);
        var published = await days.Find(id, actor, ct);
        Versions.Demand("rota", published.Version, version);
        var now = clock.GetUtcNow();
        if (published.Status != RotaStatus.Published || published.Date != London.DateOf(now))
            throw new InvalidTransitionException("Only today's published rota is re-planned for the rest of the day: build any other day's rota again.");
        var nowMinutes = RotaPlanning.Minutes(London.ClockOf(now));
        var service = await db.CareServices.AsNoTracking().SingleAsync(s => s.Id == published.ServiceId, ct);
        var day = await days.Load(service, published.Date, ct, published.Workers.Select(w => w.WorkerId).ToHashSet());
        var problem = day.Plan.Problem;
        var starts = RotaEdits.Starts(published);
        var routes = RotaEdits.Routes(published, day.Workers, problem);
        var reasons = RotaEdits.Reasons(published);

        // From each carer whose day changed, the visits not yet started that their round can no longer keep: the last first.
        var names = day.Workers.ToDictionary(w => w.Id.ToString(), w => w.Name);
        var taken = new List<(string Visit, string From)>();
        foreach (var worker in day.Workers.Where(w => day.Days[w.Id].Why is not null))
        {
            var carer = worker.Id.ToString();
            var round = routes[carer];
            var first = RotaEdits.FirstFree(round, starts, nowMinutes);
            while (round.Count > first && (!day.Days[worker.Id].Works || Breaks(problem, routes, reasons, carer)))
            {
                taken.Add((round[^1], carer));
                round.RemoveAt(round.Count - 1);
            }
        }
        if (taken.Count == 0)
            throw new InvalidTransitionException("Every carer on today's rota can still make the visits in their round: nothing to re-plan.");
        foreach (var (visit, _) in taken)
            reasons[visit] = "Being re-planned.";
        var before = RotaEdits.Try(problem, routes, reasons).NewProblems.ToHashSet();

        // Each visit taken, in order of its window, to whoever adds least without breaking a rule.
        var visits = problem.Visits.ToDictionary(v => v.Id);
        var moved = 0;
        foreach (var (visit, from) in taken.OrderBy(t => visits[t.Visit].Earliest).ThenBy(t => t.Visit, StringComparer.Ordinal))
        {
            reasons.Remove(visit);
            (Dictionary<string, List<string>> Routes, double Cost)? best = null;
            foreach (var worker in day.Workers.Where(w => w.Id.ToString() != from && day.Days[w.Id].Works))
            {
                var carer = worker.Id.ToString();
                for (var at = RotaEdits.FirstFree(routes[carer], starts, nowMinutes); at <= routes[carer].Count; at++)
                {
                    var trial = RotaEdits.With(routes, carer, at, visit);
                    var outcome = RotaEdits.Try(problem, trial, reasons, before);
                    if (outcome.Allowed && (best is null || outcome.Objective < best.Value.Cost))
                        best = (trial, outcome.Objective);
                }
            }
            if (best is { } chosen)
            {
                routes = chosen.Routes;
                moved++;
            }
            else
                reasons[visit] = $"{names[from]} can no longer make it ({day.Days[Guid.Parse(from)].Why}), and no other carer working today can take it without breaking a rule: call round, or ask a carer off shift.";
        }

        var draft = new Rota
        {
            ServiceId = published.ServiceId, Date = published.Date, BuiltAt = now, BuiltBy = actor.UserName,
        };
        draft.Workers.AddRange(published.Workers.Select(w => new RotaWorkerDay { RotaId = draft.Id, WorkerId = w.WorkerId, BreakStart = w.BreakStart }));
        RotaPlanning.Fill(draft, RotaEdits.Try(problem, routes, reasons).Solution, day.Plan);
        draft.Adjustments = moved;
        var drafts = await db.Rotas.Where(r => r.ServiceId == draft.ServiceId && r.Date == draft.Date && r.Status == RotaStatus.Draft).ToListAsync(ct);
        db.Rotas.RemoveRange(drafts);
        db.Rotas.Add(draft);
        db.AuditEntries.Add(AuditEntry.For(actor, "rota.replan", null, draft.Id, now));
        await db.SaveChangesAsync(ct);
        return new Result(TeamRotas.Summary.From(draft), moved, taken.Count - moved);
    }

    /// <summary>Whether a carer's round, timed, breaks a rule (the validator names the carer in each such problem).</summary>
    private static bool Breaks(RotaProblem problem, Dictionary<string, List<string>> routes, Dictionary<string, string> reasons, string carer) =>
        RotaEdits.Try(problem, routes, reasons).NewProblems.Any(p => p.Contains(carer, StringComparison.Ordinal));
}
