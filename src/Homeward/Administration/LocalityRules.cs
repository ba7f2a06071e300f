using System.Text.RegularExpressions;
using Homeward.Access;
using Homeward.People;

namespace Homeward.Administration;

/// <summary>
/// How a home is placed in a locality: each locality lists postcode areas (<c>NV</c>), districts (<c>NV1</c>) and
/// sectors (<c>NV1 2</c>); a postcode belongs to the locality whose entry matches it most closely (a sector before its
/// district, a district before its area). A postcode no entry matches has no locality, and the person's record says so.
/// </summary>
public static partial class LocalityRules
{
    /// <summary>A rule in its normal form (upper case, a sector with one space), or null with the reason when it is not one.</summary>
    public static string? Normalise(string? text, out string? error)
    {
        error = null;
        // The space matters: "HM1 2" is a sector of HM1, "HM12" a district of its own.
        var parts = (text ?? "").ToUpperInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 1 && (Area().IsMatch(parts[0]) || District().IsMatch(parts[0])))
            return parts[0];
        if (parts.Length == 2 && District().IsMatch(parts[0]) && parts[1].Length == 1 && char.IsAsciiDigit(parts[1][0]))
            return $"{parts[0]} {parts[1]}";
        error = $"\"{text}\" is not a postcode area (NV), district (NV1) or sector (NV1 2).";
        return null;
    }

    /// <summary>
    /// The locality someone at a postcode belongs in. A partnership that has not yet said which postcodes make up any
    /// locality keeps what was set by hand (<paramref name="current"/>).
    /// </summary>
    public static Guid? LocalityFor(Postcode postcode, IReadOnlyCollection<Locality> localities, Guid? current) =>
        localities.Any(l => l.Postcodes.Count > 0) ? LocalityOf(postcode, localities) : current;

    /// <summary>The locality a postcode is in: the one with the longest matching rule; null when none matches.</summary>
    public static Guid? LocalityOf(Postcode postcode, IEnumerable<Locality> localities)
    {
        var value = postcode.Value;
        var district = value[..value.IndexOf(' ', StringComparison.Ordinal)];
        var sector = value[..(district.Length + 2)];
        var area = new string([.. district.TakeWhile(char.IsAsciiLetter)]);
        Guid? best = null;
        var bestLength = 0;
        foreach (var locality in localities)
            foreach (var rule in locality.Postcodes)
                if ((rule == sector || rule == district || rule == area) && rule.Length > bestLength)
                    (best, bestLength) = (locality.Id, rule.Length);
        return best;
    }

    [GeneratedRegex("^[A-Z]{1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Area();

    [GeneratedRegex("^[A-Z]{1,2}[0-9][0-9A-Z]?$", RegexOptions.CultureInvariant)]
    private static partial Regex District();
}
