using System.Text.Json.Serialization;

namespace Homeward.Care;

public enum Scoring
{
    /// <summary>The total is the sum of the items.</summary>
    Sum,
    /// <summary>The total is the mean of the items.</summary>
    Mean,
}

/// <summary>
/// One item of a measure: its allowed range and step (e.g. 0–3 in whole numbers, 0–168 in quarters) and, where the
/// scale publishes them, what each value means (<see cref="Levels"/>, one per value from <see cref="Min"/> up).
/// </summary>
public sealed record MeasureItem(string Code, string Label, decimal Min, decimal Max, decimal Step = 1, IReadOnlyList<string>? Levels = null)
{
    public bool Allows(decimal value) => value >= Min && value <= Max && (value - Min) % Step == 0;

    /// <summary>How many values the item allows: a scale's descriptors must name each of them.</summary>
    [JsonIgnore] public int Count => (int)((Max - Min) / Step) + 1;

    /// <summary>Each allowed value with its descriptor, lowest first (empty when the scale has none).</summary>
    [JsonIgnore] public IEnumerable<(decimal Value, string Descriptor)> Described =>
        Levels is null ? [] : Levels.Select((text, i) => (Min + i * Step, text));

    /// <summary>What a recorded value means, e.g. "2: Minor help (verbal or physical)", or the value alone.</summary>
    public string Describe(decimal value) =>
        Levels is not null && Allows(value) ? $"{value:0.##}: {Levels[(int)((value - Min) / Step)]}" : $"{value:0.##}";

    public string Range => Step == 1 ? $"a whole number from {Min:0.##} to {Max:0.##}" : $"from {Min:0.##} to {Max:0.##} in steps of {Step:0.##}";
}

/// <summary>
/// An outcome measure: its items, how they add up, and whether a higher total is better. Three ship built in
/// (the Barthel Index, hours of care a week, the person's own rating of their experience); a partnership adds
/// its own (licensed scales such as EQ-5D included, content supplied by them) as configuration.
/// </summary>
public sealed record MeasureDefinition(string Code, string Name, string Description, IReadOnlyList<MeasureItem> Items,
    Scoring Scoring, bool HigherIsBetter, string? Unit = null)
{
    [JsonIgnore] public bool BuiltIn => Measures.BuiltIn.Any(m => m.Code == Code);

    public decimal Total(IReadOnlyDictionary<string, decimal> values)
    {
        var sum = Items.Sum(i => values[i.Code]);
        return Scoring == Scoring.Sum ? sum : Math.Round(sum / Items.Count, 2);
    }
}

public static class Measures
{
    public const string Barthel = "barthel", CareHours = "care-hours", Experience = "experience";

    /// <summary>
    /// The Barthel Index of activities of daily living, 10 items, total 0 (dependent) to 20 (independent), with each
    /// item's published descriptors (Mahoney and Barthel 1965, in the 0–20 form of Collin, Wade, Davies and Horne 1988)
    /// and the guidance for using it.
    /// </summary>
    public static readonly MeasureDefinition BarthelIndex = new(Barthel, "Barthel Index",
        "Activities of daily living, 10 items; 0 is fully dependent, 20 independent. Record what the person does, not " +
        "what they could do, usually over the last 24 to 48 hours: asking them, their family and carers, and watching, are " +
        "the usual sources. Aids may be used to be independent; needing supervision is not independent. A middle " +
        "level means the person makes more than half the effort.",
        [
            new("bowels", "Bowels", 0, 2, Levels: ["Incontinent (or needs to be given enemas)", "Occasional accident (once a week)", "Continent"]),
            new("bladder", "Bladder", 0, 2, Levels: ["Incontinent, or catheterised and unable to manage alone",
                "Occasional accident (at most once in 24 hours)", "Continent (for over 7 days)"]),
            new("grooming", "Grooming", 0, 1, Levels: ["Needs help with personal care", "Independent face, hair, teeth and shaving (implements provided)"]),
            new("toilet", "Toilet use", 0, 2, Levels: ["Dependent", "Needs some help, but can do something alone", "Independent (on and off, dressing, wiping)"]),
            new("feeding", "Feeding", 0, 2, Levels: ["Unable", "Needs help cutting, spreading butter and so on", "Independent (food provided within reach)"]),
            new("transfer", "Transfer (bed to chair and back)", 0, 3, Levels: ["Unable, no sitting balance",
                "Major help (one or two people, physical), can sit", "Minor help (verbal or physical)", "Independent"]),
            new("mobility", "Mobility on level surfaces", 0, 3, Levels: ["Immobile (or under 50 yards)",
                "Wheelchair independent, including corners (over 50 yards)", "Walks with the help of one person (verbal or physical, over 50 yards)",
                "Independent (but may use any aid, for example a stick, over 50 yards)"]),
            new("dressing", "Dressing", 0, 2, Levels: ["Dependent", "Needs help, but can do about half unaided", "Independent (including buttons, zips, laces)"]),
            new("stairs", "Stairs", 0, 2, Levels: ["Unable", "Needs help (verbal, physical, carrying aid)", "Independent up and down"]),
            new("bathing", "Bathing", 0, 1, Levels: ["Dependent", "Independent (or in shower)"]),
        ], Scoring.Sum, HigherIsBetter: true);

    /// <summary>Hours of care a week the person needs; reported beside a functional score, never alone.</summary>
    public static readonly MeasureDefinition CareHoursPerWeek = new(CareHours, "Hours of care a week",
        "Hours of paid care a week the person needs now.", [new("hours", "Hours a week", 0, 168, 0.25m)],
        Scoring.Sum, HigherIsBetter: false, Unit: "hours");

    /// <summary>The person's own rating of their experience of the service.</summary>
    public static readonly MeasureDefinition ExperienceRating = new(Experience, "Person's own rating of their experience",
        "1 very poor, 2 poor, 3 neither good nor poor, 4 good, 5 very good.",
        [new("rating", "Rating", 1, 5, Levels: ["Very poor", "Poor", "Neither good nor poor", "Good", "Very good"])],
        Scoring.Sum, HigherIsBetter: true);

    public static readonly IReadOnlyList<MeasureDefinition> BuiltIn = [BarthelIndex, CareHoursPerWeek, ExperienceRating];
}

/// <summary>A measure taken at a stage of an episode: each item's value and the total.</summary>
public sealed class MeasureResult
{
    public long Id { get; init; }
    public Guid EpisodeId { get; init; }
    public required string MeasureCode { get; init; }
    public Stage Stage { get; init; }
    /// <summary>Item code → value, as JSON.</summary>
    public required string Values { get; init; }
    public decimal Total { get; init; }
    public DateTimeOffset At { get; init; }
    public required string By { get; init; }
}

/// <summary>A measure a partnership added, stored as JSON so that any shape of items fits.</summary>
public sealed class CustomMeasure
{
    public required string Code { get; init; }
    public required string Definition { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
}
