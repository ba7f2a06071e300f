using System.Globalization;
using System.Text.RegularExpressions;
using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Microsoft.EntityFrameworkCore;

namespace Homeward.People;

/// <summary>
/// Looks people up by name, NHS number, date of birth or postcode, everyone held within the actor's access (people
/// whose episodes have all ended included). One search box understands each of these; the fields can also be given
/// apart and combined. Each person shown is audited as seen in a search.
/// </summary>
public sealed partial class FindPeople(HomewardDb db, AccessScope scope, TimeProvider clock)
{
    public sealed record Query(string? Text = null, string? Name = null, string? NhsNumber = null, string? DateOfBirth = null, string? Postcode = null,
        int? Page = null, int? PageSize = null);

    public sealed record Hit(Guid Id, string? NhsNumber, string NhsNumberDisplay, string Name, DateOnly DateOfBirth, int Age, string Address, string Postcode,
        string? Locality, int Episodes, int OpenEpisodes, Guid? LatestEpisodeId, EpisodeStatus? LatestStatus, DateTimeOffset? LatestReferredAt);

    public async Task<Page<Hit>> Handle(Query query, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadRecords);
        var problems = new Problems();
        var (name, nhs, dob, postcode, district) = (problems.Optional("name", query.Name, 200, "the name"), (NhsNumber?)null, (DateOnly?)null, (string?)null, (string?)null);
        if (query.NhsNumber is { Length: > 0 })
            nhs = problems.NhsNumber("nhsNumber", query.NhsNumber);
        if (query.DateOfBirth is { Length: > 0 } d)
            dob = Date(d) ?? Add<DateOnly>(problems, "dateOfBirth", "Give the date of birth as 4/3/1941 or 1941-03-04.");
        if (query.Postcode is { Length: > 0 } pc)
            (postcode, district) = PostcodeOrDistrict(pc) ?? (null, Add<string>(problems, "postcode", "Give a postcode (NV1 2AB) or its district (NV1)."));
        if (problems.Optional("text", query.Text, 200, "what to search for") is { } text)
            Understand(text, ref name, ref nhs, ref dob, ref postcode, ref district);
        if (name is null && nhs is null && dob is null && postcode is null && district is null && !problems.Any)
            problems.Add("text", "Enter a name, an NHS number, a date of birth or a postcode.");
        var (page, size) = Page<Hit>.Check(problems, query.Page, query.PageSize);
        problems.ThrowIfAny();

        var people = db.People.AsNoTracking();
        if (scope.People(actor) is { } visible)
            people = people.Where(p => visible.Contains(p.Id));
        if (nhs is { } n)
            people = people.Where(p => p.NhsNumber == n);
        if (dob is { } born)
            people = people.Where(p => p.DateOfBirth == born);
        if (postcode is not null)
        {
            var full = Homeward.People.Postcode.Parse(postcode);
            people = people.Where(p => p.Postcode == full);
        }
        if (district is not null)
            people = people.Where(p => p.PostcodeDistrict == district);
        foreach (var word in (name ?? "").ToUpperInvariant().Split(' ', '-', ',').Where(w => w.Length > 0))
            people = people.Where(p => p.FamilyName.ToUpper().StartsWith(word) || p.GivenName.ToUpper().StartsWith(word));

        var total = await people.CountAsync(ct);
        // Sorted by the names as compared (upper case), which no index gives in order: the database finds the few who match
        // through the name indexes and sorts them, rather than walking every person in name order to find them (at a
        // region's size, 600 ms against 15 for a common name late in the alphabet).
        var found = await people.OrderBy(p => p.FamilyName.ToUpper()).ThenBy(p => p.GivenName.ToUpper()).ThenBy(p => p.DateOfBirth).ThenBy(p => p.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(p => new { Person = p, Locality = db.Localities.Where(l => l.Id == p.LocalityId).Select(l => l.Name).FirstOrDefault() })
            .ToListAsync(ct);
        var ids = found.Select(f => f.Person.Id).ToList();
        var episodes = (await db.Episodes.AsNoTracking().Where(e => ids.Contains(e.PersonId))
            .Select(e => new { e.Id, e.PersonId, e.Status, e.ReferredAt }).ToListAsync(ct)).ToLookup(e => e.PersonId);

        var now = clock.GetUtcNow();
        var today = London.DateOf(now);
        await ListAudit.Record(db, actor, "person.search", ids, null, now, ct);
        return new Page<Hit>([.. found.Select(f =>
        {
            var p = f.Person;
            var theirs = episodes[p.Id].OrderByDescending(e => e.ReferredAt).ToList();
            var latest = theirs.FirstOrDefault();
            return new Hit(p.Id, p.NhsNumber?.Value, Person.Show(p.NhsNumber), $"{p.GivenName} {p.FamilyName}", p.DateOfBirth, p.AgeOn(today),
                string.Join(", ", new[] { p.AddressLine1, p.AddressLine2, p.Town }.OfType<string>()), p.Postcode.Value, f.Locality, theirs.Count,
                theirs.Count(e => e.Status is not (EpisodeStatus.Ended or EpisodeStatus.Cancelled or EpisodeStatus.Declined)),
                latest?.Id, latest?.Status, latest?.ReferredAt);
        })], total, page, size);
    }

    /// <summary>What a search box's words are: an NHS number, a date of birth, a postcode or district, and the rest a name.</summary>
    private static void Understand(string text, ref string? name, ref NhsNumber? nhs, ref DateOnly? dob, ref string? postcode, ref string? district)
    {
        var digits = new string([.. text.Where(char.IsAsciiDigit)]);
        if (digits.Length == 10 && text.All(c => char.IsAsciiDigit(c) || c is ' ' or '-') && Homeward.People.NhsNumber.TryParse(digits, out var number, out _))
        {
            nhs = number;
            return;
        }
        var rest = new List<string>();
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            if (Date(words[i]) is { } date)
                dob = date;
            else if (i + 1 < words.Length && PostcodeOrDistrict(words[i] + " " + words[i + 1]) is ({ } full, null))
                (postcode, i) = (full, i + 1);
            else if (words[i].Any(char.IsAsciiDigit) && PostcodeOrDistrict(words[i]) is var (p, d) && (p ?? d) is not null)
                (postcode, district) = (p, d);
            else
                rest.Add(words[i]);
        }
        if (rest.Count > 0)
            name = string.Join(' ', rest);
    }

    private static DateOnly? Date(string text) =>
        DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "d/M/yyyy", "dd/MM/yyyy", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date : null;

    /// <summary>A full postcode in normal form, or a district (<c>NV1</c>); null when it is neither.</summary>
    private static (string? Postcode, string? District)? PostcodeOrDistrict(string text)
    {
        if (Homeward.People.Postcode.TryParse(text, out var full, out _))
            return (full.Value, null);
        var compact = text.Trim().ToUpperInvariant();
        return District().IsMatch(compact) ? (null, compact) : null;
    }

    private static T? Add<T>(Problems problems, string field, string message)
    {
        problems.Add(field, message);
        return default;
    }

    [GeneratedRegex("^[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-Z]?$", RegexOptions.CultureInvariant)]
    private static partial Regex District();
}
