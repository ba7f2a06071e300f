using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Figures;

/// <summary>A partnership's target for a figure, in the figure's own terms (rates as fractions: 0.7 for 70%).</summary>
public sealed class Target
{
    public FigureCode Code { get; init; }
    public decimal Value { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }

    /// <summary>Whether a value meets the target, given which way is better.</summary>
    public static bool? Meets(decimal? value, decimal? target, bool higherIsBetter) =>
        value is not { } v || target is not { } t ? null : higherIsBetter ? v >= t : v <= t;
}

/// <summary>Sets or clears the partnership's targets (managers).</summary>
public sealed class SetTarget(HomewardDb db, TimeProvider clock)
{
    public sealed record Input(decimal? Value);

    public async Task<IReadOnlyDictionary<FigureCode, decimal>> All(CancellationToken ct) =>
        await db.Targets.AsNoTracking().ToDictionaryAsync(t => t.Code, t => t.Value, ct);

    public async Task<IReadOnlyDictionary<FigureCode, decimal>> Handle(string code, Input input, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.SetTargets);
        var problems = new Problems();
        var figure = problems.Enum<FigureCode>("code", code, "figure");
        problems.ThrowIfAny();
        var definition = FigureDefinitions.Get(figure!.Value);
        if (input.Value is { } v && definition.Aggregate == Aggregate.Rate && v is < 0 or > 1)
            problems.Add("value", "A rate's target is a fraction from 0 to 1 (0.7 for 70%).");
        else if (input.Value is { } c && definition.Aggregate == Aggregate.ChangeRatio && c is < -1 or > 10)
            problems.Add("value", "A change's target is a fraction from −1 to 10 (−0.2 for 20% fewer, 0.1 for 10% more).");
        else if (input.Value is { } w && Math.Abs(w) > 10_000_000)
            problems.Add("value", "The target is out of range.");
        problems.ThrowIfAny();

        var now = clock.GetUtcNow();
        var existing = await db.Targets.SingleOrDefaultAsync(t => t.Code == figure.Value, ct);
        if (input.Value is null)
        {
            if (existing is not null)
                db.Targets.Remove(existing);
        }
        else if (existing is null)
            db.Targets.Add(new Target { Code = figure.Value, Value = input.Value.Value, UpdatedAt = now, UpdatedBy = actor.UserName });
        else
            (existing.Value, existing.UpdatedAt, existing.UpdatedBy) = (input.Value.Value, now, actor.UserName);
        db.AuditEntries.Add(AuditEntry.For(actor, "target.set", null, figure.Value.ToString(), now));
        await db.SaveChangesAsync(ct);
        return await All(ct);
    }
}
