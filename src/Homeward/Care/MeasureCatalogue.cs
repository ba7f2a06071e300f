using System.Text.Json;
using System.Text.RegularExpressions;
using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Care;

/// <summary>
/// The outcome measures a partnership uses: the built-in ones and those it added. Adding one checks its
/// shape in full (codes, ranges, steps) so that every score recorded against it can be checked in turn.
/// </summary>
public sealed partial class MeasureCatalogue(HomewardDb db, TimeProvider clock)
{
    /// <summary>An item; <c>Levels</c>, when given, say what each allowed value means, lowest first.</summary>
    public sealed record ItemInput(string? Code, string? Label, decimal? Min, decimal? Max, decimal? Step, IReadOnlyList<string?>? Levels = null);

    public sealed record MeasureInput
    {
        public string? Code { get; init; }
        public string? Name { get; init; }
        public string? Description { get; init; }
        public IReadOnlyList<ItemInput>? Items { get; init; }
        public string? Scoring { get; init; }
        public bool? HigherIsBetter { get; init; }
        public string? Unit { get; init; }
    }

    public async Task<IReadOnlyList<MeasureDefinition>> All(CancellationToken ct)
    {
        var custom = await db.CustomMeasures.AsNoTracking().OrderBy(m => m.Code).Select(m => m.Definition).ToListAsync(ct);
        return [.. Measures.BuiltIn, .. custom.Select(json => JsonSerializer.Deserialize<MeasureDefinition>(json, Json.Options)!)];
    }

    public async Task<MeasureDefinition?> Find(string code, CancellationToken ct)
    {
        if (Measures.BuiltIn.FirstOrDefault(m => m.Code == code) is { } builtIn)
            return builtIn;
        var json = await db.CustomMeasures.AsNoTracking().Where(m => m.Code == code).Select(m => m.Definition).SingleOrDefaultAsync(ct);
        return json is null ? null : JsonSerializer.Deserialize<MeasureDefinition>(json, Json.Options);
    }

    public async Task<MeasureDefinition> Add(MeasureInput input, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ConfigureMeasures);
        var problems = new Problems();
        var code = problems.Required("code", input.Code, 40, "a code for the measure")?.ToLowerInvariant() ?? "";
        if (code.Length > 0 && !CodePattern().IsMatch(code))
            problems.Add("code", "A code is 2 to 40 lower-case letters, digits and hyphens, starting with a letter.");
        else if (code.Length > 0 && await Find(code, ct) is not null)
            problems.Add("code", $"There is already a measure with the code '{code}'.");
        var name = problems.Required("name", input.Name, 200, "the measure's name");
        var description = problems.Optional("description", input.Description, 2000, "the description") ?? "";
        var scoring = problems.Enum<Scoring>("scoring", input.Scoring ?? nameof(Scoring.Sum), "scoring");
        var unit = problems.Optional("unit", input.Unit, 40, "the unit");
        var items = new List<MeasureItem>();
        if (input.Items is not { Count: > 0 and <= 50 })
            problems.Add("items", "Give between 1 and 50 items.");
        else
            for (var i = 0; i < input.Items.Count; i++)
            {
                var item = input.Items[i];
                var at = $"items[{i}]";
                var itemCode = problems.Required($"{at}.code", item.Code, 40, "the item's code");
                if (itemCode.Length > 0 && !CodePattern().IsMatch(itemCode))
                    problems.Add($"{at}.code", "An item code is 2 to 40 lower-case letters, digits and hyphens, starting with a letter.");
                else if (items.Any(x => x.Code == itemCode))
                    problems.Add($"{at}.code", $"The item code '{itemCode}' is used twice.");
                var label = problems.Required($"{at}.label", item.Label, 200, "the item's label");
                var step = item.Step ?? 1;
                if (item.Min is not { } min || item.Max is not { } max)
                {
                    problems.Add($"{at}.max", "Give the item's lowest (min) and highest (max) values.");
                    continue;
                }
                if (max <= min)
                    problems.Add($"{at}.max", "The highest value must be above the lowest.");
                else if (step <= 0 || (max - min) % step != 0)
                    problems.Add($"{at}.step", "The step must be above 0 and divide the range exactly.");
                var added = new MeasureItem(itemCode, label, min, max, step);
                items.Add(added with { Levels = Levels(problems, at, item.Levels, max > min && step > 0 && (max - min) % step == 0 ? added.Count : null) });
            }
        problems.ThrowIfAny();

        var definition = new MeasureDefinition(code, name, description, items, scoring!.Value, input.HigherIsBetter ?? true, unit);
        var now = clock.GetUtcNow();
        db.CustomMeasures.Add(new CustomMeasure
        {
            Code = code, Definition = JsonSerializer.Serialize(definition, Json.Options), CreatedAt = now, CreatedBy = actor.UserName,
        });
        db.AuditEntries.Add(AuditEntry.For(actor, "measure.add", null, code, now));
        await db.SaveChangesAsync(ct);
        return definition;
    }

    /// <summary>An item's descriptors: one for each allowed value (at most 20), each said in words.</summary>
    private static IReadOnlyList<string>? Levels(Problems problems, string at, IReadOnlyList<string?>? levels, int? count)
    {
        if (levels is null || levels.Count == 0)
            return null;
        if (count is > 20)
            problems.Add($"{at}.levels", $"Descriptors can name at most 20 values; this item allows {count}.");
        else if (count is { } n && levels.Count != n)
            problems.Add($"{at}.levels", $"Give one descriptor for each of the item's {n} values, lowest first (there are {levels.Count}).");
        var texts = levels.Select((text, i) => problems.Required($"{at}.levels[{i}]", text, 200, "what this value means")).ToList();
        return texts;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$")]
    private static partial Regex CodePattern();
}
