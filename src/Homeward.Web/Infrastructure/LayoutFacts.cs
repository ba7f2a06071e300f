using Homeward.Access;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Homeward.Web.Infrastructure;

/// <summary>
/// What every page's header says about the person signed in (their organisation, whether they have other profiles, any
/// emergency access they have open), kept for a while on this instance rather than asked of the database on every page.
/// An organisation's name is kept ten minutes, profiles two; emergency access twenty seconds, and forgotten at once when
/// the person opens or closes some here.
/// </summary>
public sealed class LayoutFacts(HomewardDb db, IMemoryCache cache, TimeProvider clock)
{
    public Task<string?> OrganisationName(Guid organisationId, CancellationToken ct) =>
        cache.GetOrCreateAsync(("layout-org", organisationId), e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
            return db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => (string?)o.Name).FirstOrDefaultAsync(ct);
        });

    public Task<bool> SeveralProfiles(string userId, CancellationToken ct) =>
        cache.GetOrCreateAsync(("layout-profiles", userId), e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(2);
            return db.RoleProfiles.AnyAsync(p => p.UserId == userId, ct);
        });

    /// <summary>Records open under break glass by this person now (only asked of those whose role may break glass).</summary>
    public async Task<int> OpenEmergency(Actor actor, CancellationToken ct) =>
        !actor.Has(Right.BreakGlass) ? 0 : await cache.GetOrCreateAsync(Emergency(actor.UserId), e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(20);
            return db.BreakGlassAccesses.Where(BreakGlassAccess.OpenAt(clock.GetUtcNow())).CountAsync(b => b.UserId == actor.UserId, ct);
        });

    /// <summary>After opening or closing emergency access: the next page asks again.</summary>
    public void ForgetEmergency(string userId) => cache.Remove(Emergency(userId));

    private static (string, string) Emergency(string userId) => ("layout-emergency", userId);
}
