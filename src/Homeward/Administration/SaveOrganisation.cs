using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Administration;

/// <summary>
/// Records a member organisation of the partnership (new, or changed): its ODS code, name and kind, and whether it is
/// still a member. The ODS code is its identity and never changes. Every problem is said at once; audited.
/// </summary>
public sealed class SaveOrganisation(HomewardDb db, TimeProvider clock)
{
    public sealed record Input
    {
        public string? OdsCode { get; init; }
        public string? Name { get; init; }
        /// <summary>Council, CommunityTrust, AcuteTrust, CareProvider, Voluntary, GpPractice or IntegratedCareBoard.</summary>
        public string? Kind { get; init; }
        public bool? Active { get; init; }
    }

    public sealed record View(Guid Id, string OdsCode, string Name, OrganisationKind Kind, bool Active, int Version)
    {
        public static View From(Organisation o) => new(o.Id, o.OdsCode, o.Name, o.Kind, o.Active, o.Version);
    }

    public async Task<Saved<View>> Handle(Guid? id, Input input, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.Administer);
        var organisation = id is { } existing
            ? await db.Organisations.SingleOrDefaultAsync(o => o.Id == existing, ct) ?? throw new NotFoundException("organisation", existing)
            : null;
        SetupRules.Version("organisation", organisation?.Version ?? 0, expectedVersion, organisation is null);

        var problems = new Problems();
        var ods = SetupRules.OdsCode(problems, "odsCode", input.OdsCode, "the ODS code");
        var name = problems.Required("name", input.Name, 200, "the organisation's name");
        var kind = problems.Enum<OrganisationKind>("kind", input.Kind, "kind of organisation");
        if (organisation is not null && ods.Length > 0 && ods != organisation.OdsCode)
            problems.Add("odsCode", $"An organisation's ODS code is its identity and cannot change (it is {organisation.OdsCode}): add the new organisation instead.");
        else if (organisation is null && ods.Length > 0 && await db.Organisations.AnyAsync(o => o.OdsCode == ods, ct))
            problems.Add("odsCode", $"An organisation with ODS code {ods} is already a member: change that one.");
        if (input.Active == false && organisation is not null && await db.Users.AnyAsync(u => u.OrganisationId == organisation.Id && u.Active, ct))
            problems.Add("active", "Its users are still active: deactivate them, or move them to another organisation, first.");
        if (problems.Any || kind is not { } checkedKind)
            throw problems.Failure();

        var created = organisation is null;
        organisation ??= db.Organisations.Add(new Organisation { OdsCode = ods, Name = name, Kind = checkedKind }).Entity;
        var changes = new Changes();
        changes.Set("name", organisation.Name, name, v => organisation.Name = v);
        changes.Set("kind", organisation.Kind, checkedKind, v => organisation.Kind = v);
        changes.Set("active", organisation.Active, input.Active ?? true, v => organisation.Active = v);
        return await changes.Save(db, created, "organisation", organisation.Id, actor, clock,
            () => organisation.Version++, () => View.From(organisation), ct);
    }
}
