namespace Homeward.YourCare;

/// <summary>How someone signed in to "Your care".</summary>
public enum PublicSignInMethod { NhsLogin, EmailCode, TextCode }

/// <summary>
/// Who signed in to "Your care", as proved: an e-mail address or mobile number that received a one-time code, or an NHS
/// login identity (its NHS number only when verified to P9, and its e-mail). What they may see is worked out from this on
/// every request (<see cref="PublicAccess"/>), so withdrawn consent ends access at once.
/// </summary>
public sealed record PublicIdentity(PublicSignInMethod Method, string? Email, string? MobilePhone, string? NhsNumber)
{
    public string Via => Method switch
    {
        PublicSignInMethod.NhsLogin => "NHS login",
        PublicSignInMethod.EmailCode => "a code by e-mail",
        _ => "a code by text",
    };

    /// <summary>An e-mail address as compared: trimmed, lower case.</summary>
    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>A UK mobile number as compared: 07 and nine digits (from +44 7…, 0044 7… or 07…); null when it is not one.</summary>
    public static string? NormaliseMobile(string? number)
    {
        if (string.IsNullOrWhiteSpace(number) || number.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '-' or '(' or ')' or '+')))
            return null;
        var digits = new string([.. number.Where(char.IsAsciiDigit)]);
        if (digits.StartsWith("0044", StringComparison.Ordinal))
            digits = "0" + digits[4..];
        else if (digits.StartsWith("44", StringComparison.Ordinal) && number.TrimStart().StartsWith('+'))
            digits = "0" + digits[2..];
        return digits.Length == 11 && digits.StartsWith("07", StringComparison.Ordinal) ? digits : null;
    }
}

/// <summary>Whose care a signed-in identity may see, and as whom.</summary>
public sealed record Viewer(Guid PersonId, string PersonName, Guid? FamilyAccessId, string? Name, string? Relationship)
{
    public bool IsThePerson => FamilyAccessId is null;

    /// <summary>As the views log says it: the person's own name, or "Sam Okafor (son)".</summary>
    public string Label => IsThePerson ? PersonName : $"{Name} ({Relationship})";
}
