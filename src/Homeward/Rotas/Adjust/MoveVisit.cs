using Homeward.Access;
using Homeward.Common;

namespace Homeward.Rotas.Adjust;

/// <summary>
/// Moves one visit (or the second carer of a double-handed one) to a carer working that day, at the position chosen or
/// else in order of its window, and times the rota again. Refused, with the reasons, if the change breaks a rule (a
/// shift overrun, a visit past its latest start, the same carer twice on a double-handed visit); on today's draft,
/// what has started stays where it is.
/// </summary>
public sealed class MoveVisit(DraftRotas drafts)
{
    /// <param name="Position">Where in the carer's round, from 0 (first); null: in order of the visit's window.</param>
    public sealed record Input(string? VisitId, string? WorkerId, bool? Second, int? Position = null);

    public async Task<TeamRotas.Summary> Handle(Guid id, Input input, int? version, Actor actor, CancellationToken ct)
    {
        var draft = await drafts.Open(id, version, actor, ct);
        var problems = new Problems();
        var second = input.Second ?? false;
        var key = Guid.TryParse(input.VisitId, out var visit) ? RotaPlanning.Key(visit, second) : null;
        if (key is null || !draft.Has(key))
            problems.Add("visitId", "Choose a visit in this rota.");
        else if (draft.Started(key))
            problems.Add("visitId", "That visit has started: it stays with its carer.");
        if (!Guid.TryParse(input.WorkerId, out var worker) || draft.Rota.Workers.All(w => w.WorkerId != worker))
            problems.Add("workerId", "Choose a carer on shift in this rota.");
        else if (draft.Day.Days.GetValueOrDefault(worker) is { Works: false } off)
            problems.Add("workerId", $"{draft.Day.Workers.Single(w => w.Id == worker).Name} is not working then: {off.Why}.");
        problems.ThrowIfAny();
        if (draft.CannotPlan(key!) is { } gone)
            throw ValidationFailedException.For("visitId", gone);

        var carer = worker.ToString();
        var routes = RotaEdits.Without(draft.Routes, key!);
        var target = routes[carer];
        var first = RotaEdits.FirstFree(target, draft.Starts, draft.Now);
        int at;
        if (input.Position is { } p)
        {
            if (p < first || p > target.Count)
                throw ValidationFailedException.For("position", first == target.Count
                    ? $"The visit can only go at the end of this round (position {first})."
                    : $"Choose a position from {first} to {target.Count} in this round{(first > 0 ? " (what has started stays first)" : "")}.");
            at = p;
        }
        else
        {
            var earliest = draft.Problem.Visits.Single(v => v.Id == key).Earliest;
            var later = target.FindIndex(first, k => draft.Starts.GetValueOrDefault(k) > earliest);
            at = later < 0 ? target.Count : later;
        }
        var reasons = draft.Reasons.Where(r => r.Key != key).ToDictionary();
        var outcome = RotaEdits.Try(draft.Problem, RotaEdits.With(routes, carer, at, key!), reasons, draft.Before.Problems);
        if (!outcome.Allowed)
            throw await drafts.Refusal(draft, "workerId", outcome.NewProblems, ct);
        return await drafts.Keep(draft, outcome.Solution, "rota.adjust", actor, ct);
    }
}
