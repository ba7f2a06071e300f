using Homeward.Data;
using Homeward.Episodes;
using Homeward.People;
using Microsoft.EntityFrameworkCore;

namespace Homeward.YourCare;

/// <summary>
/// Whose care a signed-in identity may see. The person themselves: by their NHS number (NHS login, verified to P9), or by
/// the e-mail address or mobile number on their record that received the code. Someone else: only through a
/// <see cref="FamilyAccess"/> that has not been withdrawn, by its e-mail address or mobile number. Only people with an
/// episode still open, or ended within <see cref="DaysAfterEnding"/> days (long enough to see the 91-day check), are shown.
/// </summary>
public sealed class PublicAccess(HomewardDb db, TimeProvider clock)
{
    public const int DaysAfterEnding = 120;

    public async Task<IReadOnlyList<Viewer>> Resolve(PublicIdentity identity, CancellationToken ct)
    {
        var email = identity.Email is { } e ? PublicIdentity.NormaliseEmail(e) : null;
        var mobile = PublicIdentity.NormaliseMobile(identity.MobilePhone);
        var spaced = mobile is null ? null : $"{mobile[..5]} {mobile[5..]}";
        var nhs = identity.NhsNumber is { } n && People.NhsNumber.TryParse(n, out var parsed, out _) ? parsed : (NhsNumber?)null;

        var people = db.People.AsNoTracking();
        var self = new List<(Guid Id, string Name)>();
        async Task Add(IQueryable<Person> found) =>
            self.AddRange((await found.Select(p => new { p.Id, p.GivenName, p.FamilyName }).ToListAsync(ct)).Select(p => (p.Id, $"{p.GivenName} {p.FamilyName}")));
        if (nhs is { } number)
            await Add(people.Where(p => p.NhsNumber == number));
        // An e-mail or a number proves only itself: NHS login's e-mail finds family access, not the person's own record.
        if (identity.Method == PublicSignInMethod.EmailCode && email is not null)
            await Add(people.Where(p => p.Email != null && p.Email.ToLower() == email));
        if (identity.Method == PublicSignInMethod.TextCode && mobile is not null)
            await Add(people.Where(p => p.MobilePhone == mobile || p.MobilePhone == spaced));

        var grants = db.FamilyAccesses.AsNoTracking().Where(f => f.WithdrawnAt == null
            && (email != null && f.Email == email && identity.Method != PublicSignInMethod.TextCode
                || mobile != null && f.MobilePhone == mobile && identity.Method == PublicSignInMethod.TextCode));
        var family = await (from f in grants
                            join p in db.People.AsNoTracking() on f.PersonId equals p.Id
                            select new { f.Id, f.PersonId, f.Name, f.Relationship, p.GivenName, p.FamilyName }).ToListAsync(ct);

        var viewers = self.DistinctBy(p => p.Id).Select(p => new Viewer(p.Id, p.Name, null, null, null))
            .Concat(family.Where(f => self.All(p => p.Id != f.PersonId))
                .Select(f => new Viewer(f.PersonId, $"{f.GivenName} {f.FamilyName}", f.Id, f.Name, f.Relationship)))
            .ToList();
        if (viewers.Count == 0)
            return [];
        var since = clock.GetUtcNow().AddDays(-DaysAfterEnding);
        var ids = viewers.Select(v => v.PersonId).ToList();
        var inCare = await db.Episodes.AsNoTracking()
            .Where(x => ids.Contains(x.PersonId) && x.Status != EpisodeStatus.Declined && x.Status != EpisodeStatus.Cancelled
                        && (x.Status != EpisodeStatus.Ended || x.EndedAt >= since))
            .Select(x => x.PersonId).Distinct().ToListAsync(ct);
        return [.. viewers.Where(v => inCare.Contains(v.PersonId)).OrderBy(v => v.PersonName)];
    }

    /// <summary>The viewer for one person, or null: the page answers 404 for anyone else's.</summary>
    public async Task<Viewer?> For(PublicIdentity identity, Guid personId, CancellationToken ct) =>
        (await Resolve(identity, ct)).FirstOrDefault(v => v.PersonId == personId);
}
