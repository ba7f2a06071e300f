using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Administration;

/// <summary>Records the partnership's name and the council whose returns these are. Audited.</summary>
public sealed class SavePartnership(HomewardDb db, TimeProvider clock)
{
    /// <param name="Phone">The single point of access's number, shown to people and families in "Your care".</param>
    public sealed record Input(string? Name, string? Council, string? Phone = null);

    public sealed record View(string Name, string? Council, int Version, string? Phone = null)
    {
        public static View From(Partnership p) => new(p.Name, p.CouncilOdsCode, p.Version, p.Phone);
    }

    public async Task<Saved<View>> Handle(Input input, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.Administer);
        var partnership = await db.Partnerships.SingleOrDefaultAsync(ct);
        SetupRules.Version("partnership", partnership?.Version ?? 0, expectedVersion, partnership is null);
        var problems = new Problems();
        var name = problems.Required("name", input.Name, 200, "the partnership's name");
        var council = string.IsNullOrWhiteSpace(input.Council) ? null : input.Council.Trim().ToUpperInvariant();
        if (council is not null && !await db.Organisations.AnyAsync(o => o.OdsCode == council && o.Kind == OrganisationKind.Council, ct))
            problems.Add("council", $"No member council has the ODS code {council}: add the council as an organisation first.");
        var phone = People.PersonInput.PhoneNumber(problems, "phone", input.Phone, "the single point of access's number");
        problems.ThrowIfAny();

        var created = partnership is null;
        partnership ??= db.Partnerships.Add(new Partnership { Name = name }).Entity;
        var changes = new Changes();
        changes.Set("name", partnership.Name, name, v => partnership.Name = v);
        changes.Set("council", partnership.CouncilOdsCode, council, v => partnership.CouncilOdsCode = v);
        changes.Set("phone", partnership.Phone, phone, v => partnership.Phone = v);
        return await changes.Save(db, created, "partnership", partnership.Id, actor, clock, () => partnership.Version++,
            () => View.From(partnership), ct);
    }
}
