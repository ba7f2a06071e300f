using System.Diagnostics.CodeAnalysis;

namespace Homeward.People;

/// <summary>
/// A 10-digit NHS number whose last digit is the modulus 11 check digit of the first nine.
/// Digits 1–9 are weighted 10 down to 2; check = 11 − (sum mod 11), where 11 becomes 0 and 10 means
/// no valid number exists with those nine digits. Spaces and hyphens are accepted on input and
/// dropped; <see cref="ToString"/> gives the plain digits, <see cref="Display"/> the 3-3-4 form.
/// </summary>
public readonly record struct NhsNumber
{
    private NhsNumber(string digits) => Value = digits;

    public string Value { get; }

    /// <summary>The 3-3-4 display form, e.g. <c>943 476 5919</c>.</summary>
    public string Display => $"{Value[..3]} {Value[3..6]} {Value[6..]}";

    /// <summary>Numbers starting 999 are reserved for testing; all synthetic data must use them.</summary>
    public bool IsTestRange => Value.StartsWith("999", StringComparison.Ordinal);

    public static bool TryParse([NotNullWhen(true)] string? text, out NhsNumber number) =>
        TryParse(text, out number, out _);

    public static bool TryParse(string? text, out NhsNumber number, out string? error)
    {
        number = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "Enter an NHS number.";
            return false;
        }

        Span<char> digits = stackalloc char[10];
        var count = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '-')
                continue;
            if (!char.IsAsciiDigit(c) || count == 10)
            {
                error = "An NHS number must be 10 digits.";
                return false;
            }
            digits[count++] = c;
        }
        if (count != 10)
        {
            error = "An NHS number must be 10 digits.";
            return false;
        }

        var check = CheckDigit(digits[..9]);
        if (check is null || check.Value != digits[9] - '0')
        {
            error = "This is not a valid NHS number: the check digit does not match.";
            return false;
        }

        number = new NhsNumber(new string(digits));
        error = null;
        return true;
    }

    /// <summary>
    /// Why a number with a valid check digit cannot be a person's NHS number, or null when it can: NHS numbers for
    /// England, Wales and the Isle of Man are issued from 300 000 000 to 320 000 000, 400 000 000 to 499 999 999 and
    /// 600 000 000 to 799 999 999 (the first nine digits); 999 000 000 to 999 999 999 are reserved for test and
    /// synthetic records. Scotland's CHI numbers (010 100 0000 to 311 299 9999, date-of-birth based) and Northern
    /// Ireland's Health and Care Numbers (320 000 0010 to 399 999 9999) are other schemes. Checked where a number is
    /// recorded for a person; numbers already held are read as they are.
    /// </summary>
    public string? NotIssued()
    {
        var first = long.Parse(Value[..9], System.Globalization.CultureInfo.InvariantCulture);
        return first switch
        {
            >= 300_000_000 and <= 320_000_000 or >= 400_000_000 and <= 499_999_999 or >= 600_000_000 and <= 799_999_999 => null,
            >= 999_000_000 => null,
            > 320_000_000 and <= 399_999_999 => "This is a Northern Ireland Health and Care Number, not an NHS number: give the person's NHS number (England, Wales, Isle of Man).",
            >= 10_100_000 and < 300_000_000 => "This is in the range of Scotland's CHI numbers, not an NHS number: give the person's NHS number (England, Wales, Isle of Man).",
            _ => "No NHS number is issued in this range (they start 300 to 320, 4, 6 or 7; 999 for test records): check the number.",
        };
    }

    public static NhsNumber Parse(string text) =>
        TryParse(text, out var number, out var error) ? number : throw new FormatException(error);

    /// <summary>The check digit for nine leading digits, or null when none exists (remainder gives 10).</summary>
    public static int? CheckDigit(ReadOnlySpan<char> firstNine)
    {
        if (firstNine.Length != 9)
            throw new ArgumentException("Nine digits are needed.", nameof(firstNine));
        var sum = 0;
        for (var i = 0; i < 9; i++)
            sum += (firstNine[i] - '0') * (10 - i);
        var check = 11 - sum % 11;
        return check switch
        {
            11 => 0,
            10 => null,
            _ => check,
        };
    }

    public override string ToString() => Value ?? string.Empty;
}
