using Homeward.Access;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Administration;

/// <summary>The partnership's open hospital sites and their wards, as the referral form suggests them to anyone who refers.</summary>
public sealed class ListHospitalSites(HomewardDb db)
{
    public sealed record Site(string Name, string SiteCode, IReadOnlyList<string> Wards);

    public async Task<IReadOnlyList<Site>> Handle(Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.SubmitReferral);
        var sites = await db.HospitalSites.AsNoTracking().Where(s => s.Active).OrderBy(s => s.Name).ToListAsync(ct);
        return [.. sites.Select(s => new Site(s.Name, s.SiteCode, s.Wards))];
    }
}
