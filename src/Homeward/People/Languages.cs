using System.Globalization;

namespace Homeward.People;

/// <summary>
/// Language names and their BCP 47 codes (the value set UK Core binds a patient's language to), from the ICU data .NET
/// carries: "Polish" is <c>pl</c>. A name it does not know (a sign language, say) stays as typed and has no code.
/// </summary>
public static class Languages
{
    private static readonly Lazy<Dictionary<string, string>> ByName = new(() =>
        CultureInfo.GetCultures(CultureTypes.NeutralCultures).Where(c => c.Name.Length > 0)
            .GroupBy(c => c.EnglishName, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.OrdinalIgnoreCase));

    /// <summary>The BCP 47 code for a language named in English ("Polish" → "pl"); null when not known.</summary>
    public static string? CodeOf(string name) => ByName.Value.GetValueOrDefault(name.Trim());

    /// <summary>The English name of a BCP 47 code ("pl" → "Polish"); null when not a known language.</summary>
    public static string? NameOf(string code)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(code.Trim());
            return culture.Name.Length == 0 || culture.EnglishName.StartsWith("Unknown", StringComparison.Ordinal) ? null : culture.EnglishName;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
