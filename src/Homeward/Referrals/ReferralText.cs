namespace Homeward.Referrals;

internal static class ReferralText
{
    /// <summary>Text a system sent, kept to its column's length; null when empty.</summary>
    public static string? Clip(string? text, int length) => text is { Length: > 0 } t ? t[..Math.Min(t.Length, length)] : null;
}
