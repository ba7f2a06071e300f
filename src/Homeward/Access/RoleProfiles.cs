using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Access;

/// <summary>
/// A further role in an organisation that a user may act in, besides their own (<see cref="HomewardUser.Role"/> at
/// <see cref="HomewardUser.OrganisationId"/>): a rapid response clinician who covers the hub at weekends, say. A user
/// acts in one profile at a time and picks it when signing in; rights and whose records they see follow that profile.
/// </summary>
public sealed class RoleProfile
{
    public required string UserId { get; init; }
    public Role Role { get; init; }
    public Guid OrganisationId { get; init; }
}

/// <summary>The profiles a user may act in, their own first.</summary>
public sealed class RoleProfiles(HomewardDb db)
{
    public sealed record Profile(Role Role, Guid OrganisationId, string OrganisationName, string OdsCode)
    {
        public string Label => $"{Roles.Label(Role)}, {OrganisationName}";
        /// <summary>How a form names the profile: <c>Role@organisation-id</c>.</summary>
        public string Key => $"{Role}@{OrganisationId}";
    }

    public async Task<IReadOnlyList<Profile>> Of(string userId, CancellationToken ct)
    {
        var own = await (from u in db.Users.AsNoTracking()
                         join o in db.Organisations.AsNoTracking() on u.OrganisationId equals o.Id
                         where u.Id == userId
                         select new Profile(u.Role, u.OrganisationId, o.Name, o.OdsCode)).ToListAsync(ct);
        var more = await (from p in db.RoleProfiles.AsNoTracking()
                          join o in db.Organisations.AsNoTracking() on p.OrganisationId equals o.Id
                          where p.UserId == userId
                          orderby o.Name, p.Role
                          select new Profile(p.Role, p.OrganisationId, o.Name, o.OdsCode)).ToListAsync(ct);
        return [.. own, .. more.Where(m => !own.Any(o => o.Role == m.Role && o.OrganisationId == m.OrganisationId))];
    }

    /// <summary>The profile named by role and organisation (id or ODS code), if the user holds it.</summary>
    public async Task<Profile?> Find(string userId, Role role, string? organisation, CancellationToken ct)
    {
        var held = (await Of(userId, ct)).Where(p => p.Role == role).ToList();
        if (string.IsNullOrWhiteSpace(organisation))
            return held.Count == 1 ? held[0] : null;
        return held.SingleOrDefault(p => p.OrganisationId.ToString().Equals(organisation.Trim(), StringComparison.OrdinalIgnoreCase)
                                         || p.OdsCode.Equals(organisation.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    public async Task<bool> Holds(string userId, Role role, Guid organisationId, CancellationToken ct) =>
        await db.Users.AnyAsync(u => u.Id == userId && u.Role == role && u.OrganisationId == organisationId, ct)
        || await db.RoleProfiles.AnyAsync(p => p.UserId == userId && p.Role == role && p.OrganisationId == organisationId, ct);
}
