namespace Homeward.Common;

/// <summary>
/// Collects every problem with a request before anything is written, so the caller hears about all
/// of them at once. Field names are the JSON paths the caller used (camelCase, dotted).
/// </summary>
public sealed partial class Problems
{
    /// <summary>An ISO 8601 date and time with seconds optional, fractions optional, and Z or an offset.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial System.Text.RegularExpressions.Regex IsoInstant();

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    // The same problems in words for a person at a form, where a choice is made from a list of labels, not API values.
    private readonly Dictionary<string, List<string>> _forPeople = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message) => Add(field, message, message);

    /// <summary>A problem said one way to a program (naming the values it may send) and another to a person at a form.</summary>
    public void Add(string field, string forProgram, string forPeople)
    {
        if (!_errors.TryGetValue(field, out var list))
            _errors[field] = list = [];
        list.Add(forProgram);
        if (!_forPeople.TryGetValue(field, out var words))
            _forPeople[field] = words = [];
        words.Add(forPeople);
    }

    /// <summary>Text that is required, trimmed, and no longer than <paramref name="maxLength"/>.</summary>
    public string Required(string field, string? value, int maxLength, string label)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"Enter {label}.");
            return string.Empty;
        }
        return Length(field, value.Trim(), maxLength, label);
    }

    /// <summary>Optional text: null when blank, otherwise trimmed and length-checked.</summary>
    public string? Optional(string field, string? value, int maxLength, string label) =>
        string.IsNullOrWhiteSpace(value) ? null : Length(field, value.Trim(), maxLength, label);

    private string Length(string field, string value, int maxLength, string label)
    {
        if (value.Length > maxLength)
            Add(field, $"{Words.Capitalise(label)} must be {maxLength} characters or fewer (it is {value.Length}).");
        return value;
    }

    /// <summary>A required enum value given by name (case-insensitive); lists the allowed names when wrong.</summary>
    public TEnum? Enum<TEnum>(string field, string? value, string label, bool required = true) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
                Add(field, $"Choose {label}: one of {string.Join(", ", System.Enum.GetNames<TEnum>())}.", $"Choose {label}.");
            return null;
        }
        if (System.Enum.TryParse<TEnum>(value.Trim(), ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed)
            && !int.TryParse(value, out _))
            return parsed;
        Add(field, $"'{Truncate(value)}' is not a known {label}: use one of {string.Join(", ", System.Enum.GetNames<TEnum>())}.",
            $"'{Truncate(value)}' is not a known {label}: choose one from the list.");
        return null;
    }

    /// <summary>An optional filter of one or more values separated by commas (<c>Referred,Triaged</c>); null when absent.</summary>
    public IReadOnlyList<TEnum>? Enums<TEnum>(string field, string? value, string label) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var parsed = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => Enum<TEnum>(field, v, label)).ToList();
        return parsed.All(p => p is not null) ? [.. parsed.Select(p => p!.Value).Distinct()] : null;
    }

    /// <summary>An optional NHS number filter or field: null when absent, a problem when malformed.</summary>
    public People.NhsNumber? NhsNumber(string field, string? value)
    {
        if (value is null)
            return null;
        if (People.NhsNumber.TryParse(value, out var number, out var error))
            return number;
        Add(field, error!);
        return null;
    }

    /// <summary>The days Homeward works with: nobody alive was born before the first, no plan runs past the last.</summary>
    public static readonly DateOnly EarliestDate = new(1900, 1, 1), LatestDate = new(2199, 12, 31);

    /// <summary>A calendar date in ISO form (yyyy-MM-dd).</summary>
    public DateOnly? Date(string field, string? value, string label, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
                Add(field, $"Enter {label}.");
            return null;
        }
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var date))
        {
            if (date >= EarliestDate && date <= LatestDate)
                return date;
            Add(field, $"{Words.Capitalise(label)} must be between 1 January 1900 and 31 December 2199.");
            return null;
        }
        Add(field, $"{Words.Capitalise(label)} must be a real date in the form YYYY-MM-DD.");
        return null;
    }

    /// <summary>A time of day (HH:mm, as a time field sends it).</summary>
    public TimeOnly? Time(string field, string? value, string label, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
                Add(field, $"Enter {label}.");
            return null;
        }
        if (TimeOnly.TryParseExact(value.Trim(), ["HH:mm", "HH:mm:ss"], System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var time))
            return time;
        Add(field, $"Give {label} as a time of day, like 07:30.");
        return null;
    }

    /// <summary>An instant with an explicit offset (ISO 8601), returned in UTC.</summary>
    public DateTimeOffset? Instant(string field, string? value, string label, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
                Add(field, $"Enter {label}.");
            return null;
        }
        // ISO 8601 only (never a culture's order, where 1/2/2026 is 2 January in one place and 1 February in another).
        if (IsoInstant().IsMatch(value.Trim())
            && DateTimeOffset.TryParse(value.Trim(), System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.RoundtripKind, out var instant))
        {
            if (instant.Year >= EarliestDate.Year && instant.Year <= LatestDate.Year)
                return instant.ToUniversalTime();
            Add(field, $"{Words.Capitalise(label)} must be between 1 January 1900 and 31 December 2199.");
            return null;
        }
        Add(field, $"{Words.Capitalise(label)} must be a date and time with a UTC offset, like 2026-01-31T09:30:00Z.");
        return null;
    }

    /// <summary>Adds every problem another collector found.</summary>
    public void AddAll(Problems other)
    {
        foreach (var (field, messages) in other._errors)
            foreach (var message in messages)
                Add(field, message);
    }

    /// <summary>How many problems have been found so far (a checker compares it before and after its own checks).</summary>
    public int Count => _errors.Sum(e => e.Value.Count);

    public void ThrowIfAny()
    {
        if (Any)
            throw Failure();
    }

    /// <summary>
    /// The problems found, to throw. For a use case whose checked values are missing only because of a problem:
    /// <c>if (problems.Any || start is not { } from) throw problems.Failure();</c> and the compiler knows
    /// <c>from</c> is there after it (no <c>!</c>).
    /// </summary>
    public ValidationFailedException Failure() =>
        new(ToDictionary(), _forPeople.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);


    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
