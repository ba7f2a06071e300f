namespace Homeward.Rotas;

/// <summary>
/// The skills a home visit may need and a carer may hold. A care plan names at most one that every visit needs; the
/// rota only gives those visits to carers who hold it. A closed list, so that a plan's need and a carer's skill match
/// by name (no "meds" against "medication").
/// </summary>
public static class CareSkills
{
    public const int LongestName = 40;

    public static IReadOnlyList<string> All { get; } =
        ["medication", "moving and handling", "stoma care", "catheter care", "insulin", "dementia care"];

    /// <summary>The skill of that name as the list spells it, or null when there is none.</summary>
    public static string? Find(string? name) =>
        All.FirstOrDefault(s => string.Equals(s, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
