using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Administration;

/// <summary>
/// Records a locality (new, or changed): its name, population and the postcode areas, districts and sectors that make
/// it up. A postcode rule belongs to one locality only. When the rules change, everyone held is placed again from their
/// postcode (<see cref="LocalityRules"/>), so locality views, matching and figures follow the new map at once.
/// </summary>
public sealed class SaveLocality(HomewardDb db, TimeProvider clock)
{
    public sealed record Input
    {
        public string? Name { get; init; }
        public int? Population { get; init; }
        /// <summary>Postcode areas (<c>NV</c>), districts (<c>NV1</c>) or sectors (<c>NV1 2</c>).</summary>
        public IReadOnlyList<string?>? Postcodes { get; init; }
    }

    public sealed record View(Guid Id, string Name, int Population, IReadOnlyList<string> Postcodes, int Version, int? PeopleMoved = null)
    {
        public static View From(Locality l, int? moved = null) => new(l.Id, l.Name, l.Population, l.Postcodes, l.Version, moved);
    }

    public async Task<Saved<View>> Handle(Guid? id, Input input, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.Administer);
        var locality = id is { } existing
            ? await db.Localities.SingleOrDefaultAsync(l => l.Id == existing, ct) ?? throw new NotFoundException("locality", existing)
            : null;
        SetupRules.Version("locality", locality?.Version ?? 0, expectedVersion, locality is null);

        var problems = new Problems();
        var name = problems.Required("name", input.Name, 100, "the locality's name");
        if (name.Length > 0 && await db.Localities.AnyAsync(l => l.Name == name && l.Id != (id ?? Guid.Empty), ct))
            problems.Add("name", $"There is already a locality called {name}.");
        if (input.Population is < 0 or > 20_000_000)
            problems.Add("population", "The population is a number of residents from 0 to 20,000,000.");
        var rules = new List<string>();
        var others = (await db.Localities.AsNoTracking().Where(l => l.Id != (id ?? Guid.Empty)).ToListAsync(ct))
            .SelectMany(l => l.Postcodes.Select(p => (Rule: p, l.Name))).ToDictionary(x => x.Rule, x => x.Name, StringComparer.Ordinal);
        foreach (var (text, i) in (input.Postcodes ?? []).Select((t, i) => (t, i)))
        {
            if (LocalityRules.Normalise(text, out var error) is not { } rule)
                problems.Add($"postcodes[{i}]", error!);
            else if (others.TryGetValue(rule, out var owner))
                problems.Add($"postcodes[{i}]", $"{rule} is already in {owner}: a postcode belongs to one locality.");
            else if (!rules.Contains(rule))
                rules.Add(rule);
        }
        problems.ThrowIfAny();

        var created = locality is null;
        locality ??= db.Localities.Add(new Locality { Name = name }).Entity;
        var changes = new Changes();
        changes.Set("name", locality.Name, name, v => locality.Name = v);
        changes.Set("population", locality.Population, input.Population ?? 0, v => locality.Population = v);
        rules.Sort(StringComparer.Ordinal);
        changes.SetList("postcodes", locality.Postcodes, rules, v => locality.Postcodes = v);
        var saved = await changes.Save(db, created, "locality", locality.Id, actor, clock,
            () => locality.Version++, () => View.From(locality), ct);
        if (!saved.Changed.Contains("postcodes"))
            return saved;
        var moved = await PlaceEveryone(ct);
        return saved with { Record = View.From(locality, moved) };
    }

    /// <summary>Places everyone held in the locality their postcode now falls in; returns how many moved.</summary>
    private async Task<int> PlaceEveryone(CancellationToken ct)
    {
        var localities = await db.Localities.AsNoTracking().ToListAsync(ct);
        var people = await db.People.AsNoTracking().Select(p => new { p.Id, p.Postcode, p.LocalityId }).ToListAsync(ct);
        var moves = people.Select(p => (p.Id, To: LocalityRules.LocalityFor(p.Postcode, localities, p.LocalityId), p.LocalityId))
            .Where(p => p.To != p.LocalityId).GroupBy(p => p.To).ToList();
        foreach (var group in moves)
            foreach (var chunk in group.Select(p => p.Id).Chunk(1000))
            {
                var to = group.Key;
                await db.People.Where(p => chunk.Contains(p.Id)).ExecuteUpdateAsync(u => u.SetProperty(p => p.LocalityId, to), ct);
            }
        return moves.Sum(g => g.Count());
    }
}
