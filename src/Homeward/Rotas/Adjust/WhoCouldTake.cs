using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Rotas.Adjust;

/// <summary>
/// For a visit to move (or one the rota could not plan): every other carer working that day, with the best place in
/// their round and what it costs (more or less driving, lateness, whether the person knows them), the cheapest first;
/// a carer who cannot take it says why. Nothing changes: the scheduler chooses, and the move is made as chosen.
/// </summary>
public sealed class WhoCouldTake(DraftRotas drafts, RotaDays days, HomewardDb db, TimeProvider clock)
{
    /// <param name="Position">Where in the carer's round the visit would go (from 0), to move it there.</param>
    /// <param name="After">The visit it would follow in that round, in words; null when it would be first.</param>
    /// <param name="Start">When the visit would start, minutes from midnight.</param>
    /// <param name="ExtraKm">Driving the whole rota gains (negative: saves).</param>
    /// <param name="ExtraLateMinutes">Minutes late the whole rota gains, summed over visits (negative: fewer).</param>
    /// <param name="Knows">The person knows this carer from earlier visits.</param>
    /// <param name="WhyNot">Why this carer cannot take it; null when they can.</param>
    public sealed record Choice(Guid WorkerId, string Name, int? Position, string? After, int? Start, double ExtraKm, double ExtraLateMinutes,
        bool Knows, double ExtraCost, string? WhyNot)
    {
        public bool Can => WhyNot is null;
    }

    /// <param name="NowWith">The carer who has the visit now; null when the rota could not plan it.</param>
    public sealed record Answer(string Visit, bool Second, string? NowWith, IReadOnlyList<Choice> Choices);

    public async Task<Answer> Handle(Guid id, string? visitId, bool second, Actor actor, CancellationToken ct)
    {
        var draft = await drafts.Open(id, null, actor, ct, tracked: false);
        var key = Guid.TryParse(visitId, out var visit) ? RotaPlanning.Key(visit, second) : null;
        if (key is null || !draft.Has(key))
            throw ValidationFailedException.For("visitId", "Choose a visit in this rota.");
        if (draft.CannotPlan(key) is { } why)
            throw ValidationFailedException.For("visitId", why);
        if (draft.Started(key))
            throw ValidationFailedException.For("visitId", "That visit has started: it stays with its carer.");

        var names = await days.Names(draft.Rota, draft.Day.Workers, ct);
        var current = draft.Routes.FirstOrDefault(r => r.Value.Contains(key)).Key;
        var routes = RotaEdits.Without(draft.Routes, key);
        var reasons = draft.Reasons.Where(r => r.Key != key).ToDictionary();
        var target = draft.Problem.Visits.Single(v => v.Id == key);
        var was = draft.Before.Outcome.Cost;
        var choices = new List<Choice>();
        foreach (var worker in draft.Day.Workers.Where(w => w.Id.ToString() != current))
        {
            var carer = worker.Id.ToString();
            var knows = target.KnownCarers.Contains(carer);
            Choice Refused(string reason) => new(worker.Id, worker.Name, null, null, null, 0, 0, knows, 0, reason);
            if (draft.Day.Days[worker.Id] is { Works: false } off)
            {
                choices.Add(Refused($"Not working then: {off.Why}."));
                continue;
            }
            if (target.Skill is { } skill && !worker.SkillSet.Contains(skill))
            {
                choices.Add(Refused($"Does not have the skill this visit needs ({skill})."));
                continue;
            }
            var round = routes[carer];
            var first = RotaEdits.FirstFree(round, draft.Starts, draft.Now);
            (RotaEdits.Outcome Outcome, int At)? best = null;
            RotaEdits.Outcome? natural = null;
            for (var at = first; at <= round.Count; at++)
            {
                var trial = RotaEdits.Try(draft.Problem, RotaEdits.With(routes, carer, at, key), reasons, draft.Before.Problems);
                if (natural is null && (at == round.Count || draft.Starts.GetValueOrDefault(round[at]) > target.Earliest))
                    natural = trial;
                if (trial.Allowed && (best is null || trial.Objective < best.Value.Outcome.Objective))
                    best = (trial, at);
            }
            if (best is not { } chosen)
            {
                choices.Add(Refused(RotaDays.Named(natural?.NewProblems.FirstOrDefault() ?? "No place in the round keeps every rule.", names)));
                continue;
            }
            var cost = chosen.Outcome.Cost;
            var start = chosen.Outcome.Solution.Routes.Single(r => r.Carer == carer).Stops.Single(s => s.Visit == key).Start;
            choices.Add(new Choice(worker.Id, worker.Name, chosen.At, chosen.At == 0 ? null : names.GetValueOrDefault(round[chosen.At - 1]),
                (int)Math.Round(start), Math.Round(cost.Distance - was.Distance, 1), Math.Round(cost.Lateness - was.Lateness), knows,
                Math.Round(chosen.Outcome.Objective - draft.Before.Outcome.Objective, 1), null));
        }
        var person = await db.Visits.AsNoTracking().Where(v => v.Id == visit).Select(v => (Guid?)v.PersonId).SingleOrDefaultAsync(ct);
        db.AuditEntries.Add(AuditEntry.For(actor, "rota.who-could-take", person, draft.Rota.Id, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return new Answer(names.GetValueOrDefault(key) ?? key, second, current is null ? null : draft.Day.Workers.Single(w => w.Id.ToString() == current).Name,
            [.. choices.OrderBy(c => c.Can ? 0 : 1).ThenBy(c => c.ExtraCost).ThenBy(c => c.Name, StringComparer.Ordinal)]);
    }
}
