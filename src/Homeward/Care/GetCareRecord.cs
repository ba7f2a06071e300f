using System.Text.Json;
using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.Visits;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Care;

/// <summary>Reads an episode's care record (audited), and works out what it still needs before the episode can end.</summary>
public sealed class GetCareRecord(HomewardDb db, TimeProvider clock, MeasureCatalogue catalogue, AccessScope scope)
{
    public async Task<CareRecordView> Handle(Guid episodeId, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadRecords);
        var now = clock.GetUtcNow();
        var personId = await db.Episodes.Where(e => e.Id == episodeId).Select(e => (Guid?)e.PersonId).SingleOrDefaultAsync(ct)
                       ?? throw new NotFoundException("episode", episodeId);
        await scope.DemandEpisode(actor, personId, episodeId, "care.read", "episode", episodeId, ct);
        var view = await Build(episodeId, now, ct);
        db.AuditEntries.Add(AuditEntry.For(actor, "care.read", view.PersonId, episodeId, now));
        await db.SaveChangesAsync(ct);
        return view;
    }

    /// <summary>
    /// The care records of one person's episodes (those the actor may see), read together and audited one row an
    /// episode, as <see cref="Handle"/> would: for a FHIR search or an export of everything about a person.
    /// </summary>
    public async Task<IReadOnlyList<CareRecordView>> HandleAll(Guid personId, IReadOnlyList<Guid> episodeIds, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadRecords);
        await scope.Demand(actor, personId, "care.read", "person", personId, ct);
        var ids = episodeIds.Distinct().ToList();
        if (scope.EpisodesOf(actor, personId) is { } visible)
        {
            var seen = (await visible.Where(e => ids.Contains(e)).ToListAsync(ct)).ToHashSet();
            ids = [.. ids.Where(seen.Contains)];
        }
        var now = clock.GetUtcNow();
        var records = (await BuildAll(ids, now, ct)).Values.Where(r => r.PersonId == personId).ToDictionary(r => r.EpisodeId);
        db.AuditEntries.AddRange(records.Values.Select(r => AuditEntry.For(actor, "care.read", personId, r.EpisodeId, now)));
        await db.SaveChangesAsync(ct);
        return [.. ids.Where(records.ContainsKey).Select(id => records[id])];
    }

    /// <summary>The care record as it stands (not audited: callers audit the read or change that asked for it).</summary>
    internal async Task<CareRecordView> Build(Guid episodeId, DateTimeOffset now, CancellationToken ct) =>
        (await BuildAll([episodeId], now, ct))[episodeId];

    /// <summary>
    /// The care records of several episodes (a person's, for their subject access request or a FHIR search) in one
    /// query per part of the record, however many episodes: not one set of queries per episode.
    /// </summary>
    internal async Task<IReadOnlyDictionary<Guid, CareRecordView>> BuildAll(IReadOnlyCollection<Guid> episodeIds, DateTimeOffset now, CancellationToken ct)
    {
        var ids = episodeIds.Distinct().ToList();
        var episodes = await db.Episodes.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        foreach (var id in ids.Where(id => !episodes.ContainsKey(id)))
            throw new NotFoundException("episode", id);
        var assessments = (await db.Assessments.AsNoTracking().Where(a => ids.Contains(a.EpisodeId)).ToListAsync(ct)).ToDictionary(a => a.EpisodeId);
        var plans = (await db.CarePlans.AsNoTracking().Where(p => ids.Contains(p.EpisodeId)).ToListAsync(ct)).ToDictionary(p => p.EpisodeId);
        var goals = (await db.Goals.AsNoTracking().Include(g => g.Scores).Where(g => ids.Contains(g.EpisodeId)).OrderBy(g => g.SetAt).AsSplitQuery().ToListAsync(ct))
            .ToLookup(g => g.EpisodeId);
        var results = (await db.MeasureResults.AsNoTracking().Where(m => ids.Contains(m.EpisodeId)).OrderBy(m => m.At).ThenBy(m => m.Id).ToListAsync(ct))
            .ToLookup(m => m.EpisodeId);
        var reviews = (await db.Reviews.AsNoTracking().Where(r => ids.Contains(r.EpisodeId)).OrderBy(r => r.DueOn).ToListAsync(ct)).ToLookup(r => r.EpisodeId);
        var support = (await db.CommunitySupports.AsNoTracking().Where(s => ids.Contains(s.EpisodeId)).OrderBy(s => s.At).ToListAsync(ct)).ToLookup(s => s.EpisodeId);
        var visits = (await db.Visits.AsNoTracking().Where(v => ids.Contains(v.EpisodeId)).OrderBy(v => v.Date).ThenBy(v => v.WindowStart).ToListAsync(ct))
            .ToLookup(v => v.EpisodeId);
        // What carers recorded of each visit's tasks at check-out (those that fitted the visit).
        var tasks = (await (from t in db.VisitTaskRecords.AsNoTracking()
                            join a in db.VisitActions.AsNoTracking() on t.ActionId equals a.Id
                            where a.EpisodeId != null && ids.Contains(a.EpisodeId.Value) && a.Outcome == Rounds.VisitActionOutcome.Applied
                            orderby a.ReceivedAt, t.Position
                            select new { t, a.UserName }).ToListAsync(ct))
            .GroupBy(x => x.t.VisitId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<TaskDoneView>)[.. g.Select(x => new TaskDoneView(x.t.Kind, x.t.Text, x.t.Outcome, x.t.Reason, x.UserName))]);
        var followUps = (await db.FollowUps.AsNoTracking().Include(f => f.Attempts).Where(f => ids.Contains(f.EpisodeId)).ToListAsync(ct)).ToDictionary(f => f.EpisodeId);
        var observations = (await db.Observations.AsNoTracking().Where(o => ids.Contains(o.EpisodeId)).ToListAsync(ct)).ToLookup(o => o.EpisodeId);
        var carers = (await db.CarerInvolvements.AsNoTracking().Where(c => ids.Contains(c.EpisodeId)).ToListAsync(ct)).ToDictionary(c => c.EpisodeId);
        var urgent = (await db.UrgentAssessments.AsNoTracking().Where(a => ids.Contains(a.EpisodeId)).ToListAsync(ct)).ToDictionary(a => a.EpisodeId);

        var definitions = (await catalogue.All(ct)).ToDictionary(m => m.Code);
        string NameOf(string code) => definitions.TryGetValue(code, out var d) ? d.Name : code;
        var today = London.DateOf(now);
        var records = new Dictionary<Guid, CareRecordView>();
        foreach (var id in ids)
        {
            var episode = episodes[id];
            var assessment = assessments.GetValueOrDefault(id);
            var plan = plans.GetValueOrDefault(id);
            var episodeGoals = goals[id].ToList();
            var episodeResults = results[id].ToList();
            var changes = episodeResults.GroupBy(r => r.MeasureCode).Select(g =>
            {
                var start = g.LastOrDefault(r => r.Stage == Stage.Start)?.Total;
                var end = g.LastOrDefault(r => r.Stage == Stage.End)?.Total;
                var d = definitions.GetValueOrDefault(g.Key);
                return new MeasureChange(g.Key, NameOf(g.Key), start, end, end - start, d?.HigherIsBetter ?? true, d?.Unit);
            }).ToList();
            var summary = Summarise(episode, assessment is not null, plan is not null, episodeGoals, episodeResults,
                visits[id].Count(v => v.Status == VisitStatus.Planned && v.Date < today), urgent.ContainsKey(id));
            var missing = episode.Status == EpisodeStatus.Active ? EndingRules.Missing(episode.Service, null, summary).ToDictionary() : new Dictionary<string, string[]>();
            var followUp = followUps.GetValueOrDefault(id);
            records[id] = new CareRecordView(episode.Id, episode.PersonId, episode.Status, episode.Service, episode.StartedAt,
                assessment is null ? null : AssessmentView.From(assessment), plan is null ? null : PlanView.From(plan),
                [.. episodeGoals.Select(GoalView.From)],
                [.. episodeResults.Select(r => new MeasureResultView(r.Id, r.MeasureCode, NameOf(r.MeasureCode), r.Stage, r.Total,
                    JsonSerializer.Deserialize<Dictionary<string, decimal>>(r.Values)!, r.At, r.By))],
                changes,
                [.. reviews[id].Select(r => new ReviewView(r.Id, r.DueOn, r.HeldAt, r.Notes, r.HeldBy))],
                [.. support[id].Select(s => new SupportView(s.Need, s.Action, s.Organisation, s.Notes, s.At, s.By))],
                [.. visits[id].Select(v => VisitView.From(v) with { Tasks = tasks.GetValueOrDefault(v.Id) ?? [] })],
                episode.UrgentOutcome, episode.UrgentOutcomeReason,
                followUp is null ? null : FollowUpView.From(followUp, null, today),
                missing)
            {
                Observations = [.. observations[id].OrderByDescending(o => o.At).Select(ObservationView.From)],
                Carer = carers.GetValueOrDefault(id) is { } carer ? Carers.CarerInvolvementView.From(carer) : null,
                UrgentAssessment = urgent.GetValueOrDefault(id) is { } ua ? UrgentResponse.UrgentAssessmentView.From(ua) : null,
            };
        }
        return records;
    }

    /// <summary>What the ending rules need to know, as at the day the episode ends.</summary>
    internal async Task<CareSummary> Summary(Episode episode, DateOnly endsOn, CancellationToken ct)
    {
        var id = episode.Id;
        var goals = await db.Goals.AsNoTracking().Include(g => g.Scores).Where(g => g.EpisodeId == id).ToListAsync(ct);
        var results = await db.MeasureResults.AsNoTracking().Where(m => m.EpisodeId == id).ToListAsync(ct);
        return Summarise(episode,
            await db.Assessments.AnyAsync(a => a.EpisodeId == id, ct),
            await db.CarePlans.AnyAsync(p => p.EpisodeId == id, ct),
            goals, results,
            await db.Visits.CountAsync(v => v.EpisodeId == id && v.Status == VisitStatus.Planned && v.Date < endsOn, ct),
            await db.UrgentAssessments.AnyAsync(a => a.EpisodeId == id, ct));
    }

    private static CareSummary Summarise(Episode episode, bool assessed, bool planned, List<Goal> goals, List<MeasureResult> results, int unrecordedVisits,
        bool urgentAssessed) =>
        new(assessed, planned, goals.Count,
            goals.Count(g => g.Latest(Stage.Start) is null), goals.Count(g => g.Latest(Stage.End) is null),
            results.Where(r => r.Stage == Stage.Start).Select(r => r.MeasureCode).ToHashSet(),
            results.Where(r => r.Stage == Stage.End).Select(r => r.MeasureCode).ToHashSet(),
            unrecordedVisits, episode.UrgentOutcome is not null, urgentAssessed);
}
