using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Administration;

/// <summary>
/// Records a hospital site (new, or changed): the trust that runs it (by ODS code), the site's own ODS code, its name
/// and its wards. Referrals from hospital name the site and ward. Every problem is said at once; audited.
/// </summary>
public sealed class SaveHospitalSite(HomewardDb db, TimeProvider clock)
{
    public sealed record Input
    {
        /// <summary>The trust's ODS code.</summary>
        public string? Organisation { get; init; }
        public string? SiteCode { get; init; }
        public string? Name { get; init; }
        public IReadOnlyList<string?>? Wards { get; init; }
        public bool? Active { get; init; }
    }

    public sealed record View(Guid Id, Guid OrganisationId, string SiteCode, string Name, IReadOnlyList<string> Wards, bool Active, int Version)
    {
        public static View From(HospitalSite s) => new(s.Id, s.OrganisationId, s.SiteCode, s.Name, s.Wards, s.Active, s.Version);
    }

    public async Task<Saved<View>> Handle(Guid? id, Input input, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.Administer);
        var site = id is { } existing
            ? await db.HospitalSites.SingleOrDefaultAsync(s => s.Id == existing, ct) ?? throw new NotFoundException("hospital site", existing)
            : null;
        SetupRules.Version("hospital site", site?.Version ?? 0, expectedVersion, site is null);

        var problems = new Problems();
        var trust = await Trust(problems, input.Organisation, ct);
        var code = SetupRules.OdsCode(problems, "siteCode", input.SiteCode, "the site's ODS code");
        var name = problems.Required("name", input.Name, 200, "the site's name");
        if (site is not null && code.Length > 0 && code != site.SiteCode)
            problems.Add("siteCode", $"A site's ODS code is its identity and cannot change (it is {site.SiteCode}).");
        else if (site is null && code.Length > 0 && await db.HospitalSites.AnyAsync(s => s.SiteCode == code, ct))
            problems.Add("siteCode", $"The site {code} is already set up: change that one.");
        var wards = new List<string>();
        foreach (var (ward, i) in (input.Wards ?? []).Select((w, i) => (w, i)))
        {
            var text = problems.Required($"wards[{i}]", ward, 100, "the ward's name");
            if (text.Length > 0 && wards.Contains(text, StringComparer.OrdinalIgnoreCase))
                problems.Add($"wards[{i}]", $"{text} is listed twice.");
            else if (text.Length > 0)
                wards.Add(text);
        }
        if (problems.Any || trust is null)
            throw problems.Failure();

        var created = site is null;
        site ??= db.HospitalSites.Add(new HospitalSite { SiteCode = code, Name = name, OrganisationId = trust.Id }).Entity;
        var changes = new Changes();
        changes.Set("organisation", site.OrganisationId, trust.Id, v => site.OrganisationId = v);
        changes.Set("name", site.Name, name, v => site.Name = v);
        changes.SetList("wards", site.Wards, wards, v => site.Wards = v);
        changes.Set("active", site.Active, input.Active ?? true, v => site.Active = v);
        return await changes.Save(db, created, "hospital-site", site.Id, actor, clock, () => site.Version++, () => View.From(site), ct);
    }

    /// <summary>The trust that runs the site: a member, and a trust.</summary>
    private async Task<Organisation?> Trust(Problems problems, string? ods, CancellationToken ct)
    {
        var trust = await SetupRules.Member(db, problems, "organisation", ods, "the ODS code of the trust that runs it", ct);
        if (trust is { Active: true, Kind: not (OrganisationKind.AcuteTrust or OrganisationKind.CommunityTrust) })
            problems.Add("organisation", $"{trust.Name} is not an acute or community trust, so it runs no hospital.");
        return trust;
    }
}
