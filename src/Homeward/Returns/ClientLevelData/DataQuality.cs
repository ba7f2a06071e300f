using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Figures;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Returns.ClientLevelData;

/// <summary>
/// What stops the Client Level Data file from passing, counted by field, and the people whose records need a detail
/// added (ethnicity, primary support reason, accommodation status), with a link to each. Each person listed is
/// written to the audit trail, as on any list that names people.
/// </summary>
public sealed class DataQuality(MakeReturn make, HomewardDb db, TimeProvider clock)
{
    public sealed record FieldCount(string Field, int Errors, int Warnings, string Example);

    public sealed record PersonToComplete(Guid Id, string Name, string NhsNumber, IReadOnlyList<string> Missing);

    public sealed record Report(Period Period, int Events, int People, IReadOnlyList<FieldCount> Fields, IReadOnlyList<PersonToComplete> ToComplete);

    private static readonly string[] PersonFields = ["Ethnicity", "Primary_Support_Reason", "Accommodation_Status"];

    public async Task<Report> Handle(string? from, string? to, Actor actor, CancellationToken ct)
    {
        var table = await make.Handle("cld", new MakeReturn.Query(from, to), actor, ct);
        var person = CldSpecification.Column("LA_Person_Unique_Identifier");
        var fields = table.Problems.GroupBy(p => p.Field)
            .Select(g => new FieldCount(g.Key, g.Count(p => p.Blocking), g.Count(p => !p.Blocking), g.First().Message))
            .OrderByDescending(f => f.Errors).ThenByDescending(f => f.Warnings).ThenBy(f => f.Field, StringComparer.Ordinal).ToList();
        var missing = table.Problems.Where(p => p.Blocking && PersonFields.Contains(p.Field))
            .GroupBy(p => Guid.Parse(table.Rows[p.Row - 1][person]))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(p => Words.Of(p.Field.Replace("_", "", StringComparison.Ordinal))).Distinct()]);
        var ids = missing.Keys.ToList();
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.GivenName, p.FamilyName, p.NhsNumber }).ToListAsync(ct);
        var toComplete = people.OrderBy(p => p.FamilyName, StringComparer.Ordinal).ThenBy(p => p.GivenName, StringComparer.Ordinal)
            .Select(p => new PersonToComplete(p.Id, $"{p.GivenName} {p.FamilyName}", Homeward.People.Person.Show(p.NhsNumber), missing[p.Id])).ToList();
        if (ids.Count > 0)
            await ListAudit.Record(db, actor, "returns.data-quality", ids, $"{table.Period.From:yyyy-MM-dd}..{table.Period.To:yyyy-MM-dd}", clock.GetUtcNow(), ct);
        return new Report(table.Period, table.Rows.Count, table.Rows.Select(r => r[person]).Distinct().Count(), fields, toComplete);
    }
}
