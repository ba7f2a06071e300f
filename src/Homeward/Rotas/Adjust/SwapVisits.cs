using Homeward.Access;
using Homeward.Common;

namespace Homeward.Rotas.Adjust;

/// <summary>
/// Swaps two planned visits: each takes the other's carer and place in the round, and the rota is timed again.
/// Refused, with the reasons, if the swap breaks a rule; what has started does not move.
/// </summary>
public sealed class SwapVisits(DraftRotas drafts)
{
    /// <param name="First">A visit's key: its id, or "id/2" for the second carer of a double-handed visit.</param>
    public sealed record Input(string? First, string? Other);

    public async Task<TeamRotas.Summary> Handle(Guid id, Input input, int? version, Actor actor, CancellationToken ct)
    {
        var draft = await drafts.Open(id, version, actor, ct);
        var problems = new Problems();
        var a = Planned(draft, "first", input.First, problems);
        var b = Planned(draft, "other", input.Other, problems);
        if (a is not null && a == b)
            problems.Add("other", "Choose two different visits.");
        problems.ThrowIfAny();

        var (ca, ia) = Where(draft, a!);
        var (cb, ib) = Where(draft, b!);
        var routes = draft.Routes.ToDictionary(r => r.Key, r => r.Value.ToList());
        (routes[ca][ia], routes[cb][ib]) = (b!, a!);
        var outcome = RotaEdits.Try(draft.Problem, routes, draft.Reasons, draft.Before.Problems);
        if (!outcome.Allowed)
            throw await drafts.Refusal(draft, "other", outcome.NewProblems, ct);
        return await drafts.Keep(draft, outcome.Solution, "rota.swap", actor, ct);
    }

    private static string? Planned(DraftRota draft, string field, string? key, Problems problems)
    {
        var parsed = key is null ? null : key.EndsWith("/2", StringComparison.Ordinal) ? key[..^2] : key;
        if (parsed is null || !Guid.TryParse(parsed, out _) || draft.Routes.Values.All(r => !r.Contains(key!)))
        {
            problems.Add(field, "Choose a visit planned in this rota.");
            return null;
        }
        if (draft.Started(key!))
        {
            problems.Add(field, "That visit has started: it stays with its carer.");
            return null;
        }
        return key;
    }

    private static (string Carer, int Index) Where(DraftRota draft, string key) =>
        draft.Routes.Where(r => r.Value.Contains(key)).Select(r => (r.Key, r.Value.IndexOf(key))).Single();
}
