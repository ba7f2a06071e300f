using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Homeward.Common;

/// <summary>
/// When a JSON body cannot be read into the endpoint's input (a number where text belongs, text where a list
/// belongs), the serializer stops at the first such value. This walks the whole body against the input's shape and
/// names every value of the wrong type, so the answer lists all of them at once, as it does for every other problem.
/// </summary>
public static class JsonBodyProblems
{
    /// <summary>Every value of the wrong type, by field path; empty when the body is not well-formed JSON at all.</summary>
    public static Dictionary<string, string[]> Find(ReadOnlySpan<byte> body, Type input, JsonSerializerOptions options)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException)
        {
            return problems;
        }
        using (document)
            Check(document.RootElement, input, "", options, problems, depth: 0);
        return problems;
    }

    private static void Check(JsonElement value, Type type, string path, JsonSerializerOptions options, Dictionary<string, string[]> problems, int depth)
    {
        if (depth > 16)
            return;
        var nullable = Nullable.GetUnderlyingType(type);
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (type.IsValueType && nullable is null)
                Add(problems, path, Expected(type));
            return;
        }
        type = nullable ?? type;
        if (type == typeof(string) || type == typeof(Guid) || type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            if (value.ValueKind != JsonValueKind.String)
                Add(problems, path, Expected(type));
            else if (type == typeof(Guid) && !value.TryGetGuid(out _))
                Add(problems, path, "This is not an id: give the id as it was given to you.");
            return;
        }
        if (type == typeof(bool))
        {
            if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                Add(problems, path, Expected(type));
            return;
        }
        if (type.IsEnum)
        {
            if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
                Add(problems, path, Expected(type));
            return;
        }
        if (type == typeof(int) || type == typeof(long) || type == typeof(short))
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out _))
                Add(problems, path, Expected(type));
            return;
        }
        if (type == typeof(double) || type == typeof(decimal) || type == typeof(float))
        {
            if (value.ValueKind != JsonValueKind.Number)
                Add(problems, path, Expected(type));
            return;
        }
        if (type == typeof(JsonElement) || type == typeof(object))
            return;

        var info = options.GetTypeInfo(type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Enumerable when info.ElementType is { } element:
                if (value.ValueKind != JsonValueKind.Array)
                {
                    Add(problems, path, "This should be a list, in square brackets.");
                    return;
                }
                var i = 0;
                foreach (var item in value.EnumerateArray())
                    Check(item, element, $"{path}[{i++}]", options, problems, depth + 1);
                return;
            case JsonTypeInfoKind.Dictionary when info.ElementType is { } entry:
                if (value.ValueKind != JsonValueKind.Object)
                {
                    Add(problems, path, "This should be an object, in curly brackets.");
                    return;
                }
                foreach (var property in value.EnumerateObject())
                    Check(property.Value, entry, Join(path, property.Name), options, problems, depth + 1);
                return;
            case JsonTypeInfoKind.Object:
                if (value.ValueKind != JsonValueKind.Object)
                {
                    Add(problems, path, path.Length == 0 ? "The body must be one JSON object." : "This should be an object, in curly brackets.");
                    return;
                }
                foreach (var property in value.EnumerateObject())
                {
                    var known = info.Properties.FirstOrDefault(p => string.Equals(p.Name, property.Name,
                        options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));
                    if (known is not null)
                        Check(property.Value, known.PropertyType, Join(path, known.Name), options, problems, depth + 1);
                }
                return;
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var what = type switch
        {
            _ when type == typeof(string) => "text, in quotes",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "a whole number",
            _ when type == typeof(double) || type == typeof(decimal) || type == typeof(float) => "a number",
            _ when type == typeof(Guid) => "an id, in quotes",
            _ when type == typeof(DateOnly) => "a date in quotes, like \"2026-01-31\"",
            _ when type == typeof(TimeOnly) => "a time in quotes, like \"07:30\"",
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "a date and time in quotes, like \"2026-01-31T09:30:00Z\"",
            _ when type.IsEnum => $"one of {string.Join(", ", Enum.GetNames(type))}, in quotes",
            _ => "a value of another kind",
        };
        return $"This value has the wrong type: give {what}.";
    }

    private static void Add(Dictionary<string, string[]> problems, string path, string message) =>
        problems[path.Length == 0 ? "body" : path] = [message];
}
