using System.Text.Json;
using System.Text.Json.Nodes;

namespace Homeward.Common;

/// <summary>
/// JSON Merge Patch (RFC 7396), the meaning of a <c>PATCH</c> here: a member sent replaces what is held, one sent as
/// null removes it, an object sent is merged member by member, and a member not sent is left as it was.
/// </summary>
public static class MergePatch
{
    /// <summary>
    /// <paramref name="current"/> with <paramref name="patch"/> applied, read back as <typeparamref name="T"/>. A value of
    /// the wrong type anywhere in the patch is a <see cref="ValidationFailedException"/> naming every one.
    /// </summary>
    public static T Apply<T>(T current, JsonObject patch, JsonSerializerOptions options)
    {
        var merged = Merge(JsonSerializer.SerializeToNode(current, options), patch);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(merged, options);
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, options)
                   ?? throw new ValidationFailedException(new Dictionary<string, string[]> { ["body"] = ["Send one JSON object."] });
        }
        catch (JsonException)
        {
            var problems = JsonBodyProblems.Find(bytes, typeof(T), options);
            throw new ValidationFailedException(problems.Count > 0 ? problems
                : new Dictionary<string, string[]> { ["body"] = ["The body could not be read as the fields this takes."] });
        }
    }

    /// <summary>RFC 7396 section 2, MergePatch(Target, Patch).</summary>
    public static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject members)
            return patch?.DeepClone();
        var result = target as JsonObject is { } o ? (JsonObject)o.DeepClone() : [];
        foreach (var (name, value) in members)
        {
            if (value is null)
                result.Remove(name);
            else
                result[name] = Merge(result[name], value);
        }
        return result;
    }
}
