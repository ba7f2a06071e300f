using Homeward.Common;
using Homeward.Episodes;
using Homeward.Visits;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Attention;

/// <summary>What needs the hub about visits: not planned, missed, not started, a change from a phone refused, a person getting worse.</summary>
public sealed partial class NeedsAttention
{
    /// <summary>The visits the current rota of each team for today and tomorrow could not plan.</summary>
    private async Task UnplannedVisits(Query q, List<Found> found, CancellationToken ct)
    {
        // The current rota (the newest, draft or published) of each team for today and tomorrow: the visits it could not plan.
        var rotas = await db.Rotas.AsNoTracking()
            .Where(r => r.Date >= q.Today && r.Date <= q.Today.AddDays(1) && r.Status != Rotas.RotaStatus.Superseded)
            .Select(r => new { r.Id, r.ServiceId, r.Date, r.BuiltAt }).ToListAsync(ct);
        var currentRotas = rotas.GroupBy(r => (r.ServiceId, r.Date)).Select(g => g.MaxBy(r => r.BuiltAt)!.Id).ToList();
        var gaps = currentRotas.Count == 0 ? [] : await (
            from g in db.Set<Rotas.RotaGap>().AsNoTracking()
            join r in db.Rotas.AsNoTracking() on g.RotaId equals r.Id
            join s in db.CareServices.AsNoTracking() on r.ServiceId equals s.Id
            join v in db.Visits.AsNoTracking() on g.VisitId equals v.Id
            join x in q.Episodes on v.EpisodeId equals x.Episode.Id
            where currentRotas.Contains(r.Id) && v.Status == VisitStatus.Planned
            select new { v.Id, v.EpisodeId, v.PersonId, x.Name, r.Date, r.BuiltAt, Service = s.Name, v.WindowStart, g.Reason }).ToListAsync(ct);
        foreach (var x in gaps.DistinctBy(g => g.Id))
            found.Add(new(AttentionKind.UnplannedVisit, x.Id, x.EpisodeId, x.PersonId, x.Name,
                $"{x.Service} rota for {x.Date:d MMM}: the {x.WindowStart:HH:mm} visit is not planned ({x.Reason})", x.BuiltAt));
    }

    /// <summary>Missed visits nobody has followed up.</summary>
    private async Task MissedVisits(Query q, List<Found> found, CancellationToken ct)
    {
        var missed = from v in db.Visits.AsNoTracking()
                     join x in q.Episodes on v.EpisodeId equals x.Episode.Id
                     where v.Status == VisitStatus.Missed && v.FollowedUpAt == null
                     select new { v.Id, v.EpisodeId, v.PersonId, x.Name, v.Date, v.WindowStart, v.MissedReason, v.RecordedAt };
        foreach (var x in await missed.ToListAsync(ct))
            found.Add(new(AttentionKind.MissedVisit, x.Id, x.EpisodeId, x.PersonId, x.Name,
                $"Visit {x.Date:d MMM} {x.WindowStart:HH:mm} missed: {(x.MissedReason is { } m ? Words.Of(m).ToLowerInvariant() : "no reason given")}",
                x.RecordedAt ?? London.At(x.Date, x.WindowStart)));
    }

    /// <summary>Observations that call for a step up in care.</summary>
    private async Task Deteriorations(Query q, List<Found> found, CancellationToken ct)
    {
        // Kept until someone marks it done (a call made, the rapid response team sent); only people still in care.
        var worrying = from o in db.Observations.AsNoTracking()
                       join x in q.Episodes on o.EpisodeId equals x.Episode.Id
                       where o.StepUp && x.Episode.Status == EpisodeStatus.Active
                       select new { o.Id, o.EpisodeId, o.PersonId, x.Name, o.At, o.RecordedBy, o.SoftSigns, o.News2, o.Response, o.RecordedAt };
        foreach (var x in await worrying.ToListAsync(ct))
        {
            var signs = x.SoftSigns.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => Deterioration.SoftSigns.Words(Enum.Parse<Deterioration.SoftSign>(s)).ToLowerInvariant());
            var what = string.Join("; ", (x.News2 is { } n ? [$"NEWS2 {n} ({Words.Of(x.Response!.Value).ToLowerInvariant()} response)"] : Array.Empty<string>()).Concat(signs));
            found.Add(new(AttentionKind.Deterioration, x.Id, x.EpisodeId, x.PersonId, x.Name, $"{London.TimeOf(x.At):HH:mm}, {x.RecordedBy}: {what}", x.RecordedAt));
        }
    }

    /// <summary>Visits on a carer's round still without a check-in after their window closed.</summary>
    private async Task VisitsNotStarted(Query q, List<Found> found, CancellationToken ct)
    {
        // Today's published rounds of carers who sign in (so check in on the phone): a visit still not started half
        // an hour after its window closed may be a visit that will not happen.
        var late = from a in db.RotaAssignments.AsNoTracking()
                   join r in db.Rotas.AsNoTracking() on a.RotaId equals r.Id
                   join w in db.CareWorkers.AsNoTracking() on a.WorkerId equals w.Id
                   join v in db.Visits.AsNoTracking() on a.VisitId equals v.Id
                   join x in q.Episodes on v.EpisodeId equals x.Episode.Id
                   where r.Date == q.Today && r.Status == Rotas.RotaStatus.Published && !a.Second && w.UserName != null
                         && v.Status == VisitStatus.Planned
                   select new { v.Id, v.EpisodeId, v.PersonId, x.Name, v.WindowStart, v.WindowEnd, Carer = w.Name };
        foreach (var x in await late.ToListAsync(ct))
            if (London.At(q.Today, x.WindowEnd).Add(NotStartedAfter) is var due && due <= q.Now)
                found.Add(new(AttentionKind.VisitNotStarted, x.Id, x.EpisodeId, x.PersonId, x.Name,
                    $"The {x.WindowStart:HH:mm}–{x.WindowEnd:HH:mm} visit by {x.Carer} has no check-in: call the carer, then the person", due));
    }

    /// <summary>Changes from a carer's phone that conflicted with the record.</summary>
    private async Task PhoneConflicts(Query q, List<Found> found, CancellationToken ct)
    {
        // Kept until the hub marks it done; a conflict on a visit since removed from the plan names no person's record.
        var conflicts = from a in db.VisitActions.AsNoTracking()
                        join x in q.Episodes on a.EpisodeId equals x.Episode.Id
                        where a.Outcome == Rounds.VisitActionOutcome.Conflict
                        select new { a.Id, a.EpisodeId, a.PersonId, x.Name, a.Kind, a.DoneAt, a.UserName, a.Message, a.ReceivedAt };
        foreach (var x in await conflicts.ToListAsync(ct))
            found.Add(new(AttentionKind.PhoneConflict, x.Id, x.EpisodeId, x.PersonId!.Value, x.Name,
                $"{Words.Of(x.Kind)} at {London.TimeOf(x.DoneAt):d MMM HH:mm} by {x.UserName}: {x.Message}", x.ReceivedAt));
    }
}
