using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Figures;

/// <summary>
/// The figures for any period beside the same period a year earlier and the partnership's targets; broken down by
/// locality, hospital, route, pathway or age band; as a trend by week or month; and, for one figure, the episodes
/// behind it. All computed from the records at the moment of asking.
/// </summary>
public sealed class Dashboard(HomewardDb db, TimeProvider clock, LoadFacts load, SetTarget targets, AccessScope scope)
{
    public sealed record Query
    {
        /// <summary>yyyy-MM-dd; 90 days before <see cref="To"/> when absent.</summary>
        public string? From { get; init; }
        /// <summary>yyyy-MM-dd; today (London) when absent.</summary>
        public string? To { get; init; }
        public string? By { get; init; }
        public string? Trend { get; init; }
    }

    public sealed record FigureRow(FigureCode Code, string Name, string Definition, Aggregate Aggregate, bool HigherIsBetter, string Unit,
        FigureValue Current, FigureValue Comparison, decimal? Target, bool? MeetsTarget);

    public sealed record GroupRow(string Group, IReadOnlyDictionary<FigureCode, FigureValue> Figures);

    public sealed record TrendPoint(DateOnly Start, DateOnly End, IReadOnlyDictionary<FigureCode, decimal?> Values);

    public sealed record View(Period Period, Period Comparison, IReadOnlyList<FigureRow> Figures,
        IReadOnlyList<DelayBand> Delays, Breakdown? By, IReadOnlyList<GroupRow> Groups, TrendBy Trend, IReadOnlyList<TrendPoint> Points);

    public sealed record Person(Guid EpisodeId, Guid PersonId, string Name, string NhsNumber, DateOnly Date, bool Counts, decimal Amount);

    public const int MostDays = 732;

    public async Task<View> Handle(Query query, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadFigures);
        var (period, by, trend) = Parse(query);
        var facts = await load.Handle(period.YearBefore().From, ct);
        var now = clock.GetUtcNow();
        // Where the records begin: a comparison with a period before that would set a full year against an empty one.
        var first = await db.Episodes.AsNoTracking().MinAsync(e => (DateTimeOffset?)e.ReferredAt, ct);
        DateOnly? recordsBegin = first is { } f0 ? London.DateOf(f0) : London.Today(clock);
        var goals = await targets.All(ct);
        var contributions = FigureDefinitions.All.ToDictionary(f => f.Code, f => (IReadOnlyList<Contribution>)[.. f.Select(facts, now)]);

        var rows = FigureDefinitions.All.Select(f =>
        {
            var current = FigureMath.Evaluate(f, contributions[f.Code], period, recordsBegin);
            var target = goals.TryGetValue(f.Code, out var t) ? t : (decimal?)null;
            var comparison = FigureMath.Evaluate(f, contributions[f.Code], period.YearBefore());
            if (FigureMath.NotCovered(period.YearBefore(), recordsBegin) is { } why)
                comparison = comparison with { Value = null, Note = why };
            return new FigureRow(f.Code, f.Name, f.Definition, f.Aggregate, f.HigherIsBetter, f.Unit, current,
                comparison, target, Target.Meets(current.Value, target, f.HigherIsBetter));
        }).ToList();

        var groups = by is { } b
            ? facts.GroupBy(f => Breakdowns.GroupOf(f, b, period)).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new GroupRow(g.Key, FigureDefinitions.All.ToDictionary(f => f.Code,
                    f => FigureMath.Evaluate(f, [.. f.Select([.. g], now)], period, recordsBegin)))).ToList()
            : [];

        var points = Breakdowns.Buckets(period, trend).Select(bucket => new TrendPoint(bucket.From, bucket.To,
            FigureDefinitions.All.Where(f => f.Aggregate is not (Aggregate.ChangeRatio or Aggregate.ChangeDifference))
                .ToDictionary(f => f.Code, f => FigureMath.Evaluate(f, contributions[f.Code], bucket).Value))).ToList();

        db.AuditEntries.Add(AuditEntry.For(actor, "figures.view", null, $"{period.From:yyyy-MM-dd}..{period.To:yyyy-MM-dd}", now));
        await db.SaveChangesAsync(ct);
        return new View(period, period.YearBefore(), rows, FigureMath.DelayDistribution(facts, period), by, groups, trend, points);
    }

    /// <summary>The episodes behind one figure in a period: who counted and who did not. Each person shown is audited.</summary>
    public async Task<IReadOnlyList<Person>> People(string code, Query query, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadFigures);
        actor.Demand(Right.ReadRecords);
        var problems = new Problems();
        var figureCode = problems.Enum<FigureCode>("code", code, "figure");
        problems.ThrowIfAny();
        var (period, _, _) = Parse(query);
        var figure = FigureDefinitions.Get(figureCode!.Value);
        var facts = await load.Handle(period.From, ct);
        var now = clock.GetUtcNow();
        var behind = figure.Select(facts, now).Where(c => period.Contains(c.Date)).ToList();
        var episodes = behind.Select(c => c.EpisodeId).ToHashSet();
        var people = facts.Where(f => episodes.Contains(f.EpisodeId)).Select(f => f.PersonId).Distinct().ToList();
        // The figure counts everyone; the names behind it are only those of the episodes the actor may see.
        if (scope.Episodes(actor) is { } visible)
        {
            var seen = (await visible.Distinct().ToListAsync(ct)).ToHashSet();
            behind = [.. behind.Where(c => seen.Contains(c.EpisodeId))];
            var kept = behind.Select(c => c.EpisodeId).ToHashSet();
            people = [.. facts.Where(f => kept.Contains(f.EpisodeId)).Select(f => f.PersonId).Distinct()];
        }
        var records = (await db.People.Where(p => people.Contains(p.Id)).Select(p => new { p.Id, p.GivenName, p.FamilyName, p.NhsNumber }).ToListAsync(ct))
            .ToDictionary(p => p.Id);
        var byEpisode = facts.ToDictionary(f => f.EpisodeId, f => f.PersonId);
        var list = behind.Select(c =>
        {
            var p = records[byEpisode[c.EpisodeId]];
            return new Person(c.EpisodeId, p.Id, $"{p.GivenName} {p.FamilyName}", Homeward.People.Person.Show(p.NhsNumber), c.Date, c.Counts, c.Amount);
        }).OrderBy(p => p.Date).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
        await ListAudit.Record(db, actor, "figures.people", [.. list.Select(p => p.PersonId).Distinct()], figure.Code.ToString(), now, ct);
        return list;
    }

    private (Period, Breakdown?, TrendBy) Parse(Query query)
    {
        var problems = new Problems();
        var today = London.DateOf(clock.GetUtcNow());
        var to = problems.Date("to", query.To, "the last day", required: false) ?? today;
        var from = problems.Date("from", query.From, "the first day", required: false) ?? to.AddDays(-89);
        if (from > to)
            problems.Add("to", "The last day cannot be before the first day.");
        else if (to.DayNumber - from.DayNumber + 1 > MostDays)
            problems.Add("from", $"Choose a period of at most {MostDays} days.");
        var by = problems.Enum<Breakdown>("by", query.By, "breakdown", required: false);
        var trend = problems.Enum<TrendBy>("trend", query.Trend, "trend", required: false) ?? (to.DayNumber - from.DayNumber > 120 ? TrendBy.Month : TrendBy.Week);
        problems.ThrowIfAny();
        return (new Period(from, to), by, trend);
    }
}
