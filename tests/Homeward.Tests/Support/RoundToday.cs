using Homeward.Access;
using Homeward.Data;
using Homeward.Demo;
using Homeward.Rotas;
using Homeward.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Tests.Support;

/// <summary>
/// A carer's round to work today: a small demo county made with today's date, the day's visits put back to planned (the
/// demo records the day so far), Riley Able (the demo's reablement worker) alone on the team working the whole day, and
/// the team's rota for today built and published through the real use cases.
/// </summary>
public static class RoundToday
{
    public const string Carer = "reablement@demo.homeward";

    /// <param name="allDay">Every visit's window the whole day, so that one carer can make them all (more visits to record).</param>
    public static async Task Make(IServiceProvider services, int seed, CancellationToken ct, bool allDay = false)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoCounty>()
            .GenerateAsync(new DemoCounty.Options(DemoSize.Small, Seed: seed, Today: DateOnly.FromDateTime(DateTime.UtcNow)), ct: ct);
        var db = scope.ServiceProvider.GetRequiredService<HomewardDb>();
        var team = await db.CareWorkers.Where(w => w.UserName == Carer).Select(w => w.ServiceId).SingleAsync(ct);
        var today = Common.London.DateOf(DateTimeOffset.UtcNow);
        await db.Visits.Where(v => v.Date == today && v.Status != VisitStatus.Cancelled).ExecuteUpdateAsync(s => s
            .SetProperty(v => v.Status, VisitStatus.Planned).SetProperty(v => v.ArrivedAt, (DateTimeOffset?)null)
            .SetProperty(v => v.LeftAt, (DateTimeOffset?)null).SetProperty(v => v.RecordedBy, (string?)null)
            .SetProperty(v => v.MissedReason, (MissedReason?)null).SetProperty(v => v.Notes, (string?)null), ct);
        if (allDay)
        {
            await db.Visits.Where(v => v.Date == today).ExecuteUpdateAsync(s => s
                .SetProperty(v => v.WindowStart, new TimeOnly(0, 0)).SetProperty(v => v.WindowEnd, new TimeOnly(23, 0)), ct);
            // A second visit a day for each person: more visits for the tests to record, each its own.
            var seconds = await db.Visits.AsNoTracking().Where(v => v.Date == today && v.Status == VisitStatus.Planned).ToListAsync(ct);
            db.Visits.AddRange(seconds.Select(v => new Visit
            {
                EpisodeId = v.EpisodeId, PersonId = v.PersonId, Date = v.Date, WindowStart = new TimeOnly(0, 1), WindowEnd = v.WindowEnd, Minutes = v.Minutes,
                DoubleHanded = v.DoubleHanded, Skill = v.Skill, Status = VisitStatus.Planned,
            }));
            await db.SaveChangesAsync(ct);
        }
        await db.CareWorkers.Where(w => w.ServiceId == team && w.UserName != Carer).ExecuteUpdateAsync(s => s.SetProperty(w => w.Active, false), ct);
        await db.CareWorkers.Where(w => w.UserName == Carer).ExecuteUpdateAsync(s => s
            .SetProperty(w => w.DaysWorked, 0b1111111).SetProperty(w => w.ShiftStart, new TimeOnly(0, 0)).SetProperty(w => w.ShiftEnd, new TimeOnly(23, 59)), ct);
        var organisation = await db.CareServices.Where(s => s.Id == team).Select(s => s.OrganisationId).SingleAsync(ct);
        var build = scope.ServiceProvider.GetRequiredService<BuildRota>();
        var publish = scope.ServiceProvider.GetRequiredService<PublishRota>();
        var scheduler = Actor.System(organisation, "round-today");
        var built = await build.Handle(team.ToString(), today.ToString("yyyy-MM-dd"), scheduler, ct);
        await publish.Handle(built.Id, built.Version, scheduler, ct);
    }
}
