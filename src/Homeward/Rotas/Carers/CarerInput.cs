namespace Homeward.Rotas.Carers;

/// <summary>A carer as the scheduler enters them: every field as text, checked by <see cref="CarerRules"/> (all problems at once).</summary>
public sealed record CarerInput
{
    public string? Name { get; init; }
    /// <summary>Skills from <see cref="CareSkills.All"/>.</summary>
    public IReadOnlyList<string>? Skills { get; init; }
    /// <summary>Where the day starts and ends (home or base).</summary>
    public string? Postcode { get; init; }
    /// <summary>HH:mm.</summary>
    public string? ShiftStart { get; init; }
    public string? ShiftEnd { get; init; }
    public int? BreakMinutes { get; init; }
    /// <summary>HH:mm: the break is taken between these.</summary>
    public string? BreakFrom { get; init; }
    public string? BreakTo { get; init; }
    /// <summary>Day names, Monday to Sunday.</summary>
    public IReadOnlyList<string>? Days { get; init; }
    /// <summary>The email they sign in with, so they see their own day; empty for none.</summary>
    public string? UserName { get; init; }
    public bool? Active { get; init; }
}
