using Homeward.Access;
using Homeward.Capacity;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Administration;

/// <summary>The partnership's set-up as an administrator sees it: organisations, hospital sites, localities, services and users.</summary>
public sealed class ReadSetup(HomewardDb db, TimeProvider clock)
{
    public sealed record LocalityLine(SaveLocality.View Locality, int People);

    public sealed record UserLine(SaveUser.View User, string OrganisationName);

    public sealed record Setup(SavePartnership.View? Partnership, IReadOnlyList<SaveOrganisation.View> Organisations, IReadOnlyList<SaveHospitalSite.View> Sites,
        IReadOnlyList<LocalityLine> Localities, IReadOnlyList<SaveService.View> Services, IReadOnlyList<UserLine> Users, int PeopleWithoutLocality)
    {
        public string OrganisationName(Guid id) => Organisations.FirstOrDefault(o => o.Id == id)?.Name ?? "(unknown)";
        public string OdsCode(Guid id) => Organisations.FirstOrDefault(o => o.Id == id)?.OdsCode ?? "";
        public string LocalityName(Guid id) => Localities.FirstOrDefault(l => l.Locality.Id == id)?.Locality.Name ?? "(unknown)";
    }

    public async Task<Setup> Handle(Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.Administer);
        var now = clock.GetUtcNow();
        var partnership = await db.Partnerships.AsNoTracking().SingleOrDefaultAsync(ct);
        var organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(ct);
        var sites = await db.HospitalSites.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        var localities = await db.Localities.AsNoTracking().OrderBy(l => l.Name).ToListAsync(ct);
        var counts = await db.People.AsNoTracking().GroupBy(p => p.LocalityId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var services = await db.CareServices.AsNoTracking().Include(s => s.Localities).OrderBy(s => s.Name).ToListAsync(ct);
        var users = await db.Users.AsNoTracking().OrderByDescending(u => u.Active).ThenBy(u => u.DisplayName).ToListAsync(ct);
        var profiles = (await db.RoleProfiles.AsNoTracking().ToListAsync(ct)).ToLookup(p => p.UserId);
        var names = organisations.ToDictionary(o => o.Id, o => o.Name);
        return new Setup(
            partnership is null ? null : SavePartnership.View.From(partnership),
            [.. organisations.Select(SaveOrganisation.View.From)],
            [.. sites.Select(SaveHospitalSite.View.From)],
            [.. localities.Select(l => new LocalityLine(SaveLocality.View.From(l), counts.FirstOrDefault(c => c.Key == l.Id)?.Count ?? 0))],
            [.. services.Select(SaveService.View.From)],
            [.. users.Select(u => new UserLine(SaveUser.View.From(u, profiles[u.Id], now), names.GetValueOrDefault(u.OrganisationId, "")))],
            counts.FirstOrDefault(c => c.Key == null)?.Count ?? 0);
    }
}
