using System.Text.RegularExpressions;

namespace Homeward.People;

/// <summary>
/// A UK postcode in its normal form: upper case, one space before the three-character inward code
/// (<c>BA1 1AA</c>). Input may use any case and spacing. The pattern is the one in the UK government
/// data standard for postcodes, plus the special <c>GIR 0AA</c>.
/// </summary>
public readonly partial record struct Postcode
{
    private Postcode(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out Postcode postcode, out string? error)
    {
        postcode = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "Enter a postcode.";
            return false;
        }
        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        if (compact.Length is < 5 or > 7 || !Pattern().IsMatch(compact))
        {
            error = "Enter a real postcode, like BA1 1AA.";
            return false;
        }
        postcode = new Postcode($"{compact[..^3]} {compact[^3..]}");
        error = null;
        return true;
    }

    public static Postcode Parse(string text) =>
        TryParse(text, out var postcode, out var error) ? postcode : throw new FormatException(error);

    public override string ToString() => Value ?? string.Empty;

    [GeneratedRegex("^(GIR0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPS-UW]|[A-HK-Y][0-9][ABEHMNPRV-Y])[0-9][ABD-HJLNP-UW-Z]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
