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

    /// <summary>The care record as it stands (not audited: callers audit the read or change that asked for it).</summary>
    internal async Task<CareRecordView> Build(Guid episodeId, DateTimeOffset now, CancellationToken ct)
    {
        var episode = await db.Episodes.AsNoTracking().SingleOrDefaultAsync(e => e.Id == episodeId, ct)
                      ?? throw new NotFoundException("episode", episodeId);
        var assessment = await db.Assessments.AsNoTracking().SingleOrDefaultAsync(a => a.EpisodeId == episodeId, ct);
        var plan = await db.CarePlans.AsNoTracking().SingleOrDefaultAsync(p => p.EpisodeId == episodeId, ct);
        var goals = await db.Goals.AsNoTracking().Include(g => g.Scores).Where(g => g.EpisodeId == episodeId).OrderBy(g => g.SetAt).ToListAsync(ct);
        var results = await db.MeasureResults.AsNoTracking().Where(m => m.EpisodeId == episodeId).OrderBy(m => m.At).ThenBy(m => m.Id).ToListAsync(ct);
        var reviews = await db.Reviews.AsNoTracking().Where(r => r.EpisodeId == episodeId).OrderBy(r => r.DueOn).ToListAsync(ct);
        var support = await db.CommunitySupports.AsNoTracking().Where(s => s.EpisodeId == episodeId).OrderBy(s => s.At).ToListAsync(ct);
        var visits = await db.Visits.AsNoTracking().Where(v => v.EpisodeId == episodeId).OrderBy(v => v.Date).ThenBy(v => v.WindowStart).ToListAsync(ct);
        // What carers recorded of each visit's tasks at check-out (those that fitted the visit).
        var tasks = (await (from t in db.VisitTaskRecords.AsNoTracking()
                            join a in db.VisitActions.AsNoTracking() on t.ActionId equals a.Id
                            where a.EpisodeId == episodeId && a.Outcome == Rounds.VisitActionOutcome.Applied
                            orderby a.ReceivedAt, t.Position
                            select new { t, a.UserName }).ToListAsync(ct))
            .GroupBy(x => x.t.VisitId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<TaskDoneView>)[.. g.Select(x => new TaskDoneView(x.t.Kind, x.t.Text, x.t.Outcome, x.t.Reason, x.UserName))]);
        var followUp = await db.FollowUps.AsNoTracking().Include(f => f.Attempts).SingleOrDefaultAsync(f => f.EpisodeId == episodeId, ct);

        var definitions = (await catalogue.All(ct)).ToDictionary(m => m.Code);
        string NameOf(string code) => definitions.TryGetValue(code, out var d) ? d.Name : code;
        var changes = results.GroupBy(r => r.MeasureCode).Select(g =>
        {
            var start = g.LastOrDefault(r => r.Stage == Stage.Start)?.Total;
            var end = g.LastOrDefault(r => r.Stage == Stage.End)?.Total;
            var d = definitions.GetValueOrDefault(g.Key);
            return new MeasureChange(g.Key, NameOf(g.Key), start, end, end - start, d?.HigherIsBetter ?? true, d?.Unit);
        }).ToList();

        var today = London.DateOf(now);
        var summary = Summarise(episode, assessment is not null, plan is not null, goals, results, visits.Count(v => v.Status == VisitStatus.Planned && v.Date < today));
        var missing = episode.Status == EpisodeStatus.Active ? EndingRules.Missing(episode.Service, null, summary).ToDictionary() : new Dictionary<string, string[]>();

        return new CareRecordView(episode.Id, episode.PersonId, episode.Status, episode.Service, episode.StartedAt,
            assessment is null ? null : AssessmentView.From(assessment), plan is null ? null : PlanView.From(plan),
            [.. goals.Select(GoalView.From)],
            [.. results.Select(r => new MeasureResultView(r.Id, r.MeasureCode, NameOf(r.MeasureCode), r.Stage, r.Total,
                JsonSerializer.Deserialize<Dictionary<string, decimal>>(r.Values)!, r.At, r.By))],
            changes,
            [.. reviews.Select(r => new ReviewView(r.Id, r.DueOn, r.HeldAt, r.Notes, r.HeldBy))],
            [.. support.Select(s => new SupportView(s.Need, s.Action, s.Organisation, s.Notes, s.At, s.By))],
            [.. visits.Select(v => VisitView.From(v) with { Tasks = tasks.GetValueOrDefault(v.Id) ?? [] })],
            episode.UrgentOutcome, episode.UrgentOutcomeReason,
            followUp is null ? null : FollowUpView.From(followUp, null, today),
            missing)
        {
            Observations = [.. (await db.Observations.AsNoTracking().Where(o => o.EpisodeId == episodeId).ToListAsync(ct))
                .OrderByDescending(o => o.At).Select(ObservationView.From)],
            Carer = await db.CarerInvolvements.AsNoTracking().Where(c => c.EpisodeId == episodeId).Select(c => Carers.CarerInvolvementView.From(c))
                .SingleOrDefaultAsync(ct),
        };
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
            await db.Visits.CountAsync(v => v.EpisodeId == id && v.Status == VisitStatus.Planned && v.Date < endsOn, ct));
    }

    private static CareSummary Summarise(Episode episode, bool assessed, bool planned, List<Goal> goals, List<MeasureResult> results, int unrecordedVisits) =>
        new(assessed, planned, goals.Count,
            goals.Count(g => g.Latest(Stage.Start) is null), goals.Count(g => g.Latest(Stage.End) is null),
            results.Where(r => r.Stage == Stage.Start).Select(r => r.MeasureCode).ToHashSet(),
            results.Where(r => r.Stage == Stage.End).Select(r => r.MeasureCode).ToHashSet(),
            unrecordedVisits, episode.UrgentOutcome is not null);
}
