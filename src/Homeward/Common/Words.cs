namespace Homeward.Common;

/// <summary>An enum name in the words staff read: <c>NoIdentifiedNeeds</c> becomes "No identified needs".</summary>
public static class Words
{
    public static string Of(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));

    public static string Of<T>(T value) where T : struct, Enum => Of(value.ToString());

    /// <summary>The text with its first letter a capital: "they contest…" as a sentence's start.</summary>
    public static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
