using Homeward.Access;
using Homeward.Audit;
using Homeward.Capacity;
using Homeward.Common;
using Homeward.Data;
using Homeward.Scheduling.Rota;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Rotas;

/// <summary>
/// Builds a draft rota for a team's day with the optimiser, from the day's planned visits and the carers working it
/// (leave, sickness and changed hours applied). Long: it runs on the job engine (<see cref="BuildRotaWork"/>).
/// </summary>
public sealed class BuildRota(HomewardDb db, RotaDays days, TimeProvider clock, RotaSettings settings)
{
    /// <summary>How far ahead a rota can be built.</summary>
    public const int DaysAhead = 14;

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
        if (problems.Any || service is null || day is not { } checkedDay)
            throw problems.Failure();
        return (service, checkedDay);
    }

    /// <summary>Builds a draft rota for a team's day with the optimiser (on the job engine: <see cref="BuildRotaWork"/>).</summary>
    /// <param name="search">How long the optimiser searches, when not the partnership's setting (the demo's own rota).</param>
    /// <param name="progress">Told the share of the search done, 0 to 100.</param>
    public async Task<TeamRotas.Summary> Handle(string? serviceId, string? date, Actor actor, CancellationToken ct, TimeSpan? search = null, IProgress<int>? progress = null)
    {
        var (service, day) = await Check(serviceId, date, actor, ct);
        var (workers, _, plan) = await days.Load(service, day, ct);
        if (workers.Count == 0)
            throw ValidationFailedException.For("serviceId", $"Nobody in {service.Name} is on shift on {day:dddd d MMMM}: add the team's carers first.");
        var rota = new Rota
        {
            ServiceId = service.Id, Date = day, BuiltAt = clock.GetUtcNow(), BuiltBy = actor.UserName,
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
        RotaPlanning.Fill(rota, solution, plan);
        // One draft per team and day: a new build replaces the last draft.
        var drafts = await db.Rotas.Where(r => r.ServiceId == rota.ServiceId && r.Date == rota.Date && r.Status == RotaStatus.Draft).ToListAsync(ct);
        db.Rotas.RemoveRange(drafts);
        db.Rotas.Add(rota);
        db.AuditEntries.Add(AuditEntry.For(actor, "rota.build", null, rota.Id, rota.BuiltAt));
        await db.SaveChangesAsync(ct);
        return TeamRotas.Summary.From(rota);
    }
}
