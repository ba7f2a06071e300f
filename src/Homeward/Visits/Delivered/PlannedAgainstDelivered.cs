using Homeward.Access;
using Homeward.Audit;
using Homeward.Capacity;
using Homeward.Common;
using Homeward.Data;
using Homeward.Rotas;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Visits.Delivered;

/// <summary>
/// Home care commissioned against home care delivered, for a run of days: each visit's planned carer minutes beside the
/// minutes between arrival and departure, whether the carer arrived in the window, whether the times were verified on the
/// phone, and the carers who made it (from the published rota); summed by team, by carer and for everyone, with the
/// number of different carers each person saw. What a commissioning team pays a provider from, and what a provider
/// checks its teams by. A provider sees its own teams only; the view names each person shown in the audit trail.
/// </summary>
public sealed class PlannedAgainstDelivered(HomewardDb db, TimeProvider clock)
{
    /// <summary>The longest run of days in one view (a quarter).</summary>
    public const int LongestDays = 92;
    public const string NotOnARota = "Not on a published rota";

    public sealed record Query
    {
        /// <summary>yyyy-MM-dd; the first of this month by default.</summary>
        public string? From { get; init; }
        /// <summary>yyyy-MM-dd; today by default (later days have nothing delivered yet).</summary>
        public string? To { get; init; }
        /// <summary>One team (a service with carer hours); every team the user may see when absent.</summary>
        public string? ServiceId { get; init; }
    }

    /// <param name="PlannedMinutes">The visit's minutes times its carers (two for a double-handed visit).</param>
    /// <param name="DeliveredMinutes">Departure less arrival, times its carers; null unless done.</param>
    /// <param name="LateMinutes">Arrival after the window closed; 0 when in it, null when not done.</param>
    public sealed record Row(Guid VisitId, Guid EpisodeId, Guid PersonId, DateOnly Date, TimeOnly WindowStart, TimeOnly WindowEnd, string Person,
        string Team, string Carers, bool DoubleHanded, int PlannedMinutes, int? DeliveredMinutes, VisitStatus Status, MissedReason? MissedReason,
        int? LateMinutes, bool OnTime, bool Verified)
    {
        /// <summary>One carer's share: a double-handed visit's minutes are each carer's.</summary>
        public Row Share() => DoubleHanded ? this with { PlannedMinutes = PlannedMinutes / 2, DeliveredMinutes = DeliveredMinutes / 2 } : this;
    }

    /// <param name="NotRecorded">Past visits still planned or checked in, never finished.</param>
    public sealed record Summary(string Name, int Visits, int Done, int Missed, int NotRecorded, int PlannedMinutes, int DeliveredMinutes, int OnTime,
        int Verified)
    {
        public double? DeliveredShare => PlannedMinutes == 0 ? null : DeliveredMinutes / (double)PlannedMinutes;
        public double? OnTimeShare => Done == 0 ? null : OnTime / (double)Done;
        public double? VerifiedShare => Done == 0 ? null : Verified / (double)Done;

        public static Summary Of(string name, IReadOnlyCollection<Row> rows) => new(name, rows.Count, rows.Count(r => r.Status == VisitStatus.Done),
            rows.Count(r => r.Status == VisitStatus.Missed), rows.Count(r => r.Status is VisitStatus.Planned or VisitStatus.InProgress),
            rows.Sum(r => r.PlannedMinutes), rows.Sum(r => r.DeliveredMinutes ?? 0), rows.Count(r => r.OnTime), rows.Count(r => r.Verified));
    }

    /// <summary>How many different carers a person saw for the visits made.</summary>
    public sealed record Continuity(Guid PersonId, string Person, int Visits, int Carers);

    public sealed record Team(Guid Id, string Name);

    public sealed record Result(DateOnly From, DateOnly To, IReadOnlyList<Team> Teams, Summary Total, IReadOnlyList<Summary> ByTeam,
        IReadOnlyList<Summary> ByCarer, IReadOnlyList<Continuity> ByPerson, IReadOnlyList<Row> Visits);

    public static readonly string[] CsvColumns =
    [
        "date", "window_start", "window_end", "person", "team", "carers", "status", "missed_reason", "planned_minutes", "delivered_minutes",
        "late_minutes", "on_time", "verified_on_phone", "visit_id",
    ];

    public static IEnumerable<IReadOnlyList<string>> CsvRows(Result result) => result.Visits.Select(r => (IReadOnlyList<string>)
    [
        r.Date.ToString("yyyy-MM-dd"), r.WindowStart.ToString("HH:mm"), r.WindowEnd.ToString("HH:mm"), r.Person, r.Team, r.Carers,
        Words.Of(r.Status), r.MissedReason is { } m ? Words.Of(m) : "", r.PlannedMinutes.ToString(), r.DeliveredMinutes?.ToString() ?? "",
        r.LateMinutes?.ToString() ?? "", r.Status == VisitStatus.Done ? (r.OnTime ? "yes" : "no") : "", r.Status == VisitStatus.Done ? (r.Verified ? "yes" : "no") : "",
        r.VisitId.ToString(),
    ]);

    public async Task<Result> Handle(Query query, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.PlanRota);
        var now = clock.GetUtcNow();
        var today = London.DateOf(now);
        var problems = new Problems();
        var start = problems.Date("from", query.From, "the first day", required: false) ?? new DateOnly(today.Year, today.Month, 1);
        var to = problems.Date("to", query.To, "the last day", required: false) ?? today;
        if (to < start)
            problems.Add("to", "The last day must not be before the first.");
        else if (to.DayNumber - start.DayNumber + 1 > LongestDays)
            problems.Add("to", $"Show at most {LongestDays} days at a time.");
        var teams = (await db.CareServices.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct))
            .Where(s => s.Unit == CapacityUnit.CarerMinutes && actor.ActsFor(s.OrganisationId)).Select(s => new Team(s.Id, s.Name)).ToList();
        Guid? only = null;
        if (!string.IsNullOrWhiteSpace(query.ServiceId))
        {
            if (Guid.TryParse(query.ServiceId, out var id) && teams.Any(t => t.Id == id))
                only = id;
            else
                problems.Add("serviceId", "Choose a team from the list.");
        }
        problems.ThrowIfAny();

        var last = to < today ? to : today;
        var shown = only is { } one ? [one] : teams.Select(t => t.Id).ToList();
        var visits = await (from v in db.Visits.AsNoTracking()
                            join b in db.Bookings.AsNoTracking() on v.EpisodeId equals b.EpisodeId
                            join p in db.People.AsNoTracking() on v.PersonId equals p.Id
                            where v.Date >= start && v.Date <= last && v.Status != VisitStatus.Cancelled
                                  && b.Kind == BookingKind.VisitPattern && b.Status == BookingStatus.Accepted && b.StartDate <= v.Date && b.EndDate >= v.Date
                                  && shown.Contains(b.ServiceId)
                            orderby v.Date, v.WindowStart, p.FamilyName
                            select new { v, b.ServiceId, Person = p.GivenName + " " + p.FamilyName }).ToListAsync(ct);
        var visitIds = visits.Select(x => x.v.Id).ToList();
        var carers = (await (from a in db.RotaAssignments.AsNoTracking()
                             join r in db.Rotas.AsNoTracking() on a.RotaId equals r.Id
                             join w in db.CareWorkers.AsNoTracking() on a.WorkerId equals w.Id
                             where r.Status == RotaStatus.Published && r.Date >= start && r.Date <= last && visitIds.Contains(a.VisitId)
                             select new { a.VisitId, w.Name }).ToListAsync(ct))
            .GroupBy(a => a.VisitId).ToDictionary(g => g.Key, g => g.Select(a => a.Name).Distinct().Order().ToList());
        var names = teams.ToDictionary(t => t.Id, t => t.Name);
        var rows = visits.DistinctBy(x => x.v.Id).Select(x =>
        {
            var v = x.v;
            var hands = v.DoubleHanded ? 2 : 1;
            var (arrived, left) = v.Status == VisitStatus.Done ? (v.ArrivedAt, v.LeftAt) : (null, null);
            var late = arrived is { } at ? Math.Max(0, (int)Math.Round((at - London.At(v.Date, v.WindowEnd)).TotalMinutes)) : (int?)null;
            var onTime = arrived is { } on && on >= London.At(v.Date, v.WindowStart) && late == 0;
            return new Row(v.Id, v.EpisodeId, v.PersonId, v.Date, v.WindowStart, v.WindowEnd, x.Person, names[x.ServiceId],
                string.Join(", ", carers.GetValueOrDefault(v.Id) ?? []), v.DoubleHanded, v.Minutes * hands,
                arrived is { } a && left is { } l ? (int)Math.Round((l - a).TotalMinutes) * hands : null, v.Status, v.MissedReason, late, onTime,
                arrived is not null && v.OnPhone);
        }).ToList();

        var byCarer = rows.SelectMany(r => (carers.GetValueOrDefault(r.VisitId) ?? [NotOnARota]).Select(c => (Carer: c, Row: r.Share())))
            .GroupBy(x => x.Carer).OrderBy(g => g.Key).Select(g => Summary.Of(g.Key, [.. g.Select(x => x.Row)])).ToList();
        var byPerson = rows.Where(r => r.Status == VisitStatus.Done).GroupBy(r => (r.PersonId, r.Person))
            .Select(g => new Continuity(g.Key.PersonId, g.Key.Person, g.Count(),
                g.SelectMany(r => carers.GetValueOrDefault(r.VisitId) ?? []).Distinct().Count()))
            .OrderByDescending(c => c.Carers).ThenBy(c => c.Person).ToList();
        await ListAudit.Record(db, actor, "visit.delivered", [.. rows.Select(r => r.PersonId).Distinct()],
            $"{start:yyyy-MM-dd}..{to:yyyy-MM-dd}{(only is null ? "" : $" {only}")}", now, ct);
        return new Result(start, to, teams, Summary.Of("Everyone", rows),
            [.. rows.GroupBy(r => r.Team).OrderBy(g => g.Key).Select(g => Summary.Of(g.Key, [.. g]))], byCarer, byPerson, rows);
    }
}
