using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Rotas;
using Homeward.Visits;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Rounds;

/// <summary>
/// A carer's round for a day, from their team's published rota: each visit in order with what the carer needs at the
/// door (address, phone, directions, how to get in, the double-handed partner, what the care plan says to do) and what
/// has been recorded so far; and what the carer recorded on the phone that did not fit. How to get in and the key safe
/// code are given only for today's round. The read names everyone on the round in the audit trail.
/// </summary>
public sealed class GetMyRound(HomewardDb db, TimeProvider clock)
{
    /// <summary>How long a carer's own conflicts stay on their round (the hub deals with them; the carer sees they were kept).</summary>
    public const int ConflictDays = 7;

    /// <param name="Start">Minutes from midnight (London) the rota expects the carer to start.</param>
    /// <param name="Access">How to get in, and the key safe code: today only.</param>
    public sealed record Stop(Guid VisitId, Guid EpisodeId, Guid PersonId, string PersonName, string Address, string? Postcode, string? Phone,
        string? ContactNotes, string? Access, string? KeySafeCode, TimeOnly WindowStart, TimeOnly WindowEnd, int Start, int Minutes, bool DoubleHanded,
        string? Partner, string? Skill, string? WillDo, VisitStatus Status, DateTimeOffset? ArrivedAt, DateTimeOffset? LeftAt, MissedReason? MissedReason,
        int Version, IReadOnlyList<RoundTask> Tasks)
    {
        public string Clock => $"{Start / 60:00}:{Start % 60:00}";
    }

    /// <summary>A task or medicine prompt of this visit, from the care plan (what the carer records at check-out).</summary>
    public sealed record RoundTask(Care.TaskKind Kind, string Text);

    public sealed record Conflict(Guid ActionId, Guid VisitId, string? PersonName, VisitActionKind Kind, DateTimeOffset DoneAt, string Message);

    /// <param name="ConfirmedAt">When the carer last confirmed they had seen this day's round.</param>
    /// <param name="ChangedSinceConfirmed">What changed since, in words (empty when nothing, or never confirmed).</param>
    public sealed record MyRound(DateOnly Date, bool Today, Guid? WorkerId, string? WorkerName, string? TeamName, DateTimeOffset? PublishedAt,
        TimeOnly? ShiftStart, TimeOnly? ShiftEnd, int? BreakStart, int BreakMinutes, IReadOnlyList<Stop> Stops, IReadOnlyList<Conflict> Conflicts,
        DateTimeOffset? ConfirmedAt = null, IReadOnlyList<string>? ChangedSinceConfirmed = null)
    {
        /// <summary>On a team's list of carers (else there is no round to show).</summary>
        public bool IsCarer => WorkerId is not null;
        public bool Published => PublishedAt is not null;
    }

    public async Task<MyRound> Handle(string? date, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadRecords);
        var now = clock.GetUtcNow();
        var today = London.DateOf(now);
        var problems = new Problems();
        var day = problems.Date("date", date, "the day", required: false) ?? today;
        problems.ThrowIfAny();
        var worker = await db.CareWorkers.AsNoTracking().FirstOrDefaultAsync(w => w.UserName == actor.UserName && w.Active, ct);
        if (worker is null)
            return new MyRound(day, day == today, null, null, null, null, null, null, null, 0, [], []);
        var team = await db.CareServices.AsNoTracking().Where(s => s.Id == worker.ServiceId).Select(s => s.Name).SingleAsync(ct);
        var conflicts = await Conflicts(worker.Id, now, ct);
        var rota = await db.Rotas.AsNoTracking().Include(r => r.Assignments).Include(r => r.Workers).AsSplitQuery()
            .FirstOrDefaultAsync(r => r.ServiceId == worker.ServiceId && r.Date == day && r.Status == RotaStatus.Published, ct);
        if (rota is null)
            return new MyRound(day, day == today, worker.Id, worker.Name, team, null, worker.ShiftStart, worker.ShiftEnd, null, worker.BreakMinutes, [], conflicts);
        var mine = rota.Assignments.Where(a => a.WorkerId == worker.Id).OrderBy(a => a.Order).ToList();
        var visitIds = mine.Select(a => a.VisitId).ToList();
        var visits = await (from v in db.Visits.AsNoTracking()
                            join p in db.People.AsNoTracking() on v.PersonId equals p.Id
                            join plan in db.CarePlans.AsNoTracking() on v.EpisodeId equals plan.EpisodeId into plans
                            from plan in plans.DefaultIfEmpty()
                            where visitIds.Contains(v.Id)
                            select new
                            {
                                v, p, WillDo = plan == null ? null : plan.WillDo, Tasks = plan == null ? null : plan.Tasks,
                                Medicines = plan == null ? null : plan.Medicines,
                            }).ToDictionaryAsync(x => x.v.Id, ct);
        var partners = rota.Assignments.Where(a => visitIds.Contains(a.VisitId) && a.WorkerId != worker.Id)
            .GroupBy(a => a.VisitId).ToDictionary(g => g.Key, g => g.First().WorkerId);
        var partnerNames = await db.CareWorkers.AsNoTracking().Where(w => partners.Values.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        var isToday = day == today;
        var stops = mine.Where(a => visits.ContainsKey(a.VisitId)).Select(a =>
        {
            var x = visits[a.VisitId];
            var (v, p) = (x.v, x.p);
            var address = string.Join(", ", new[] { p.AddressLine1, p.AddressLine2, p.Town }.Where(s => !string.IsNullOrWhiteSpace(s)));
            return new Stop(v.Id, v.EpisodeId, v.PersonId, $"{p.GivenName} {p.FamilyName}", address, p.Postcode.ToString(), p.MobilePhone ?? p.Phone,
                p.ContactNotes, isToday ? p.AccessToHome : null, isToday ? p.KeySafeCode : null, v.WindowStart, v.WindowEnd, a.Start, v.Minutes,
                v.DoubleHanded, partners.TryGetValue(v.Id, out var partner) ? partnerNames.GetValueOrDefault(partner) : null, v.Skill,
                x.WillDo, v.Status, v.ArrivedAt, v.LeftAt, v.MissedReason, v.Version,
                [.. Care.PlanTasks.For(x.Tasks, x.Medicines, v.WindowStart).Select(t => new RoundTask(t.Kind, t.Text))]);
        }).ToList();
        await ListAudit.Record(db, actor, "rota.read-own", [.. stops.Select(s => s.PersonId).Distinct()], rota.Id.ToString(), now, ct);
        var confirmed = await db.Set<RoundAcknowledgement>().AsNoTracking().SingleOrDefaultAsync(a => a.WorkerId == worker.Id && a.Date == day, ct);
        return new MyRound(day, isToday, worker.Id, worker.Name, team, rota.PublishedAt, worker.ShiftStart, worker.ShiftEnd,
            rota.Workers.FirstOrDefault(w => w.WorkerId == worker.Id)?.BreakStart, worker.BreakMinutes, stops, conflicts,
            confirmed?.At, confirmed is null ? [] : Changes(confirmed.Round, stops));
    }

    /// <summary>What differs between the round as confirmed and as it is now, in words.</summary>
    public static IReadOnlyList<string> Changes(string confirmed, IReadOnlyList<Stop> now)
    {
        var then = confirmed.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(x => x.Split('@'))
            .ToDictionary(x => Guid.Parse(x[0]), x => (Start: int.Parse(x[1].TrimEnd('x'), System.Globalization.CultureInfo.InvariantCulture), Cancelled: x[1].EndsWith('x')));
        var changes = new List<string>();
        foreach (var s in now)
        {
            if (!then.TryGetValue(s.VisitId, out var was))
                changes.Add($"{s.PersonName} at {s.Clock} added");
            else if (s.Status == VisitStatus.Cancelled && !was.Cancelled)
                changes.Add($"{s.PersonName} at {s.Clock} cancelled");
            else if (was.Start != s.Start)
                changes.Add($"{s.PersonName} moved from {was.Start / 60:00}:{was.Start % 60:00} to {s.Clock}");
        }
        var removed = then.Keys.Count(k => now.All(s => s.VisitId != k));
        if (removed > 0)
            changes.Add(removed == 1 ? "1 visit taken off your round" : $"{removed} visits taken off your round");
        return changes;
    }

    /// <summary>Whether the user is on a team's list of carers (so starts the day from their round).</summary>
    public Task<bool> IsCarer(Actor actor, CancellationToken ct) =>
        db.CareWorkers.AsNoTracking().AnyAsync(w => w.UserName == actor.UserName && w.Active, ct);

    private async Task<IReadOnlyList<Conflict>> Conflicts(Guid workerId, DateTimeOffset now, CancellationToken ct)
    {
        var since = now.AddDays(-ConflictDays);
        return await (from a in db.VisitActions.AsNoTracking()
                      join p in db.People.AsNoTracking() on a.PersonId equals p.Id into people
                      from p in people.DefaultIfEmpty()
                      where a.WorkerId == workerId && a.Outcome == VisitActionOutcome.Conflict && a.ReceivedAt >= since
                      orderby a.DoneAt descending
                      select new Conflict(a.Id, a.VisitId, p == null ? null : p.GivenName + " " + p.FamilyName, a.Kind, a.DoneAt, a.Message ?? "")).ToListAsync(ct);
    }
}
