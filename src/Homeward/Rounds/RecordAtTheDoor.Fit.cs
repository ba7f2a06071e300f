using Homeward.Access;
using Homeward.Common;
using Homeward.Episodes;
using Homeward.Rotas;
using Homeward.Visits;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Rounds;

/// <summary>Whether an action from the phone still fits its visit, and applying it when it does.</summary>
public sealed partial class RecordAtTheDoor
{
    /// <summary>Why the action does not fit the visit as it now is; null when it fits.</summary>
    private async Task<string?> Misfit(PhoneAction action, Visit visit, Episode episode, CareWorker worker, DateTimeOffset now, CancellationToken ct)
    {
        if (episode.Status != EpisodeStatus.Active)
            return $"Care for this person is no longer active (the episode is {Words.Of(episode.Status).ToLowerInvariant()}).";
        if (visit.Status == VisitStatus.Cancelled)
            return "This visit was cancelled after the round reached your phone.";
        if (London.DateOf(action.At) != visit.Date)
            return $"The phone's time ({London.TimeOf(action.At):d MMM HH:mm}) is not on the visit's day ({visit.Date:d MMM}): check the phone's clock.";
        if (action.At > now.AddMinutes(5))
            return $"The phone's time ({London.TimeOf(action.At):HH:mm}) is ahead of the real time: check the phone's clock.";
        var mine = await (from a in db.RotaAssignments.AsNoTracking()
                          join r in db.Rotas.AsNoTracking() on a.RotaId equals r.Id
                          where a.VisitId == visit.Id && a.WorkerId == worker.Id && r.Status == RotaStatus.Published
                          select a.VisitId).AnyAsync(ct)
                   || await db.VisitActions.AsNoTracking().AnyAsync(a => a.VisitId == visit.Id && a.WorkerId == worker.Id && a.Outcome == VisitActionOutcome.Applied, ct);
        if (!mine)
            return "This visit is no longer in your round: the rota changed and it went to another carer.";
        var by = visit.RecordedBy is null ? "" : $" by {visit.RecordedBy}";
        return (action.Kind, visit.Status) switch
        {
            (VisitActionKind.CheckIn, VisitStatus.Planned) => null,
            // The partner on a double-handed visit checked in (or out) first.
            (VisitActionKind.CheckIn, VisitStatus.InProgress or VisitStatus.Done) when visit.OnPhone => null,
            (VisitActionKind.CheckOut, VisitStatus.InProgress) when action.At <= visit.ArrivedAt => "The check-out is before the check-in: check the phone's clock.",
            (VisitActionKind.CheckOut, VisitStatus.InProgress) => null,
            (VisitActionKind.CheckOut, VisitStatus.Done) when visit.OnPhone => null,
            (VisitActionKind.CheckOut, VisitStatus.Planned) => "There is no check-in for this visit to check out of.",
            (VisitActionKind.CouldNotVisit, VisitStatus.Planned or VisitStatus.InProgress) => null,
            _ => $"This visit was already recorded as {Words.Of(visit.Status).ToLowerInvariant()}{by}.",
        };
    }

    private static void Apply(PhoneAction action, Visit visit, int? metres, Actor actor, DateTimeOffset now)
    {
        switch (action.Kind)
        {
            case VisitActionKind.CheckIn: visit.CheckIn(action.At, metres, actor.UserName, now); break;
            case VisitActionKind.CheckOut: visit.CheckOut(action.At, action.Notes, metres, actor.UserName, now); break;
            case VisitActionKind.CouldNotVisit: visit.CouldNotVisit(action.Reason, action.Notes, actor.UserName, now); break;
        }
    }
}
