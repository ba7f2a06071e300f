using System.Globalization;
using Homeward.Access;
using Homeward.Capacity;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.Referrals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Homeward.Pressure;

/// <summary>
/// The partnership's community operational pressures escalation level, worked out live from Homeward's own records
/// (beds and carer time booked against what providers report, people past their ready date, people waiting to start,
/// the 2-hour response), with the log of escalation actions and their owners. Counts only: it names nobody.
/// </summary>
public sealed class SystemPressure(HomewardDb db, IConfiguration config, TimeProvider clock)
{
    public sealed record Parameter(OpelParameter Code, string Label, decimal? Value, string Unit, int? Level, decimal Weight, string Thresholds, string Basis);

    public sealed record ActionView(Guid Id, int Level, decimal Score, string Action, string Owner, DateTimeOffset? DueBy, DateTimeOffset RaisedAt,
        string RaisedBy, DateTimeOffset? DoneAt, string? DoneBy, string? Result, bool Overdue, int Version);

    public sealed record View(int Level, decimal Score, string Meaning, IReadOnlyList<Parameter> Parameters, IReadOnlyList<ActionView> OpenActions,
        IReadOnlyList<ActionView> DoneActions, DateTimeOffset Now);

    /// <summary>How many finished actions the log shows (the newest).</summary>
    public const int DoneShown = 20;

    public async Task<View> Handle(Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadFigures);
        var now = clock.GetUtcNow();
        var (parameters, score, level) = await Now(now, ct);
        var open = await db.EscalationActions.AsNoTracking().Where(a => a.DoneAt == null).OrderBy(a => a.RaisedAt).ToListAsync(ct);
        var done = await db.EscalationActions.AsNoTracking().Where(a => a.DoneAt != null).OrderByDescending(a => a.DoneAt).Take(DoneShown).ToListAsync(ct);
        return new View(level, score, Opel.Meaning(level), parameters, [.. open.Select(a => ViewOf(a, now))], [.. done.Select(a => ViewOf(a, now))], now);
    }

    /// <summary>The parameters, score and level at this moment, without the log (for an action raised now).</summary>
    internal async Task<(List<Parameter> Parameters, decimal Score, int Level)> Now(DateTimeOffset now, CancellationToken ct)
    {
        var parameters = await Measure(now, London.DateOf(now), ct);
        var score = Opel.Score(parameters.Where(p => p.Level is not null).Select(p => (p.Level!.Value, p.Weight)));
        return (parameters, score, Opel.LevelOf(score));
    }

    internal static ActionView ViewOf(EscalationAction a, DateTimeOffset now) => new(a.Id, a.Level, a.Score, a.Action, a.Owner, a.DueBy, a.RaisedAt,
        a.RaisedBy, a.DoneAt, a.DoneBy, a.Result, a.DoneAt is null && a.DueBy < now, a.Version);

    /// <summary>The settings of one parameter: the partnership's (<c>Opel:Parameters:{name}</c>) over the defaults.</summary>
    public OpelSetting Setting(OpelParameter code)
    {
        var fallback = Opel.Defaults[code];
        var section = config.GetSection($"Opel:Parameters:{code}");
        var thresholds = section.GetSection("Thresholds").GetChildren()
            .Select(c => decimal.TryParse(c.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var t) ? t : (decimal?)null).ToList();
        return new OpelSetting(
            thresholds.Count == 3 && thresholds.All(t => t is not null) ? [.. thresholds.Select(t => t!.Value)] : fallback.Thresholds,
            decimal.TryParse(section["Weight"], NumberStyles.Number, CultureInfo.InvariantCulture, out var w) && w >= 0 ? w : fallback.Weight,
            bool.TryParse(section["LowerIsWorse"], out var lower) ? lower : fallback.LowerIsWorse);
    }

    private async Task<List<Parameter>> Measure(DateTimeOffset now, DateOnly today, CancellationToken ct)
    {
        var days = await (from d in db.CapacityDays.AsNoTracking()
                          join s in db.CareServices.AsNoTracking() on d.ServiceId equals s.Id
                          where d.Date == today && s.Kind != ServiceKind.RapidResponseTeam
                          select new { s.Kind, d.Capacity, d.Booked }).ToListAsync(ct);
        decimal? Share(Func<ServiceKind, bool> kinds)
        {
            var of = days.Where(d => kinds(d.Kind)).ToList();
            var capacity = of.Sum(d => d.Capacity);
            return capacity == 0 ? null : Math.Round(of.Sum(d => (decimal)d.Booked) * 100 / capacity, 1);
        }
        static bool Beds(ServiceKind k) => k is ServiceKind.CommunityBedUnit or ServiceKind.CareHome;

        var waitingStatuses = new[] { EpisodeStatus.Referred, EpisodeStatus.Triaged, EpisodeStatus.Accepted, EpisodeStatus.Waiting };
        var pastReady = await (from e in db.Episodes.AsNoTracking()
                               join r in db.Referrals.AsNoTracking() on e.ReferralId equals r.Id
                               where r.Route == Route.HospitalDischarge && waitingStatuses.Contains(e.Status) && r.DischargeReadyDate < today
                               select e.Id).CountAsync(ct);
        var waitingToStart = await db.Episodes.AsNoTracking().CountAsync(e => e.Status == EpisodeStatus.Accepted || e.Status == EpisodeStatus.Waiting, ct);

        // 2-hour referrals whose two hours ended in the last 24: answered (care started, or an outcome recorded) in time?
        var (since, until) = (now.AddHours(-26), now.AddHours(-2));
        var urgent = await (from e in db.Episodes.AsNoTracking()
                            join r in db.Referrals.AsNoTracking() on e.ReferralId equals r.Id
                            where r.Urgency == Urgency.TwoHour && e.ReferredAt >= since && e.ReferredAt < until
                                  && e.Status != EpisodeStatus.Cancelled && e.Status != EpisodeStatus.Declined
                            select new { e.ReferredAt, e.StartedAt, e.UrgentOutcomeAt }).ToListAsync(ct);
        decimal? inTime = urgent.Count == 0 ? null
            : Math.Round(urgent.Count(u => (u.StartedAt ?? u.UrgentOutcomeAt) <= u.ReferredAt.AddHours(2)) * 100m / urgent.Count, 1);

        return
        [
            Make(OpelParameter.BedOccupancy, "Intermediate care and care home beds occupied", Share(Beds), "%", "today's booked beds over the beds reported"),
            Make(OpelParameter.HomeCareCommitted, "Home-based carer time committed", Share(k => !Beds(k)), "%", "today's booked carer minutes over those the teams reported (reablement, home care, therapy)"),
            Make(OpelParameter.PastReadyDate, "In hospital past the discharge ready date", pastReady, "people", "hospital discharge referrals not yet started whose ready date has passed"),
            Make(OpelParameter.WaitingToStart, "Accepted and waiting to start", waitingToStart, "people", "episodes accepted or waiting for capacity"),
            Make(OpelParameter.TwoHourResponse, "2-hour responses in time", inTime, "%",
                urgent.Count == 0 ? "no 2-hour referral fell due in the last 24 hours" : $"of {urgent.Count} 2-hour referrals due in the last 24 hours"),
        ];
    }

    private Parameter Make(OpelParameter code, string label, decimal? value, string unit, string basis)
    {
        var setting = Setting(code);
        return new Parameter(code, label, value, unit, value is { } v ? setting.Level(v) : null, setting.Weight, setting.Describe(), basis);
    }
}
