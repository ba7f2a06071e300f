using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Homeward.Administration;

/// <summary>A YAML mapping read field by field, each value's type checked and its line kept for the problems.</summary>
internal sealed class SetupFileNode
{
    /// <summary>The file's top mapping; null, with the problem said, when it is not YAML or not a mapping.</summary>
    public static SetupFileNode? Load(TextReader yaml, IReadOnlyList<string> sections, List<string> problems, List<SetupFileNode> all)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(yaml);
        }
        catch (YamlException e)
        {
            problems.Add($"Line {e.Start.Line}: the file is not valid YAML: {e.InnerException?.Message ?? e.Message}");
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            problems.Add("Line 1: the file must be a YAML mapping with the sections " + string.Join(", ", sections) + ".");
            return null;
        }
        return new SetupFileNode(root, problems, all);
    }

    private readonly YamlMappingNode _mapping;
    private readonly List<string> _problems;
    private readonly List<SetupFileNode> _all;
    private readonly HashSet<string> _read = [];

    public SetupFileNode(YamlMappingNode mapping, List<string> problems, List<SetupFileNode> all)
    {
        (_mapping, _problems, _all) = (mapping, problems, all);
        all.Add(this);
    }

    public List<string> Problems { get; } = [];

    /// <summary>The fields of the mapping that nothing asked for.</summary>
    public IEnumerable<string> Unread() => Keys.Where(k => !_read.Contains(k));
    public long Start => _mapping.Start.Line;
    public IEnumerable<string> Keys => _mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "");

    private YamlNode? Get(string key)
    {
        _read.Add(key);
        return _mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode s && s.Value == key).Value;
    }

    /// <summary>The line of a field named as a use case names it (<c>wards[2]</c>, <c>profiles[0].role</c>).</summary>
    public long Line(string field)
    {
        var name = field.Split('[', '.')[0];
        var node = _mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode s && s.Value == name).Value;
        if (node is YamlSequenceNode sequence && field.IndexOf('[') is var at and > 0
            && int.TryParse(field[(at + 1)..field.IndexOf(']')], CultureInfo.InvariantCulture, out var index) && index < sequence.Children.Count)
            return sequence.Children[index].Start.Line;
        return node?.Start.Line ?? Start;
    }

    public string? Text(string key)
    {
        switch (Get(key))
        {
            case null:
                return null;
            case YamlScalarNode scalar:
                return scalar.Value;
            case var other:
                Problems.Add($"Line {other.Start.Line}: '{key}' must be a single value.");
                return null;
        }
    }

    public IReadOnlyList<string?>? List(string key)
    {
        switch (Get(key))
        {
            case null:
                return null;
            case YamlSequenceNode sequence:
                var values = new List<string?>();
                foreach (var item in sequence.Children)
                    if (item is YamlScalarNode scalar)
                        values.Add(scalar.Value);
                    else
                        Problems.Add($"Line {item.Start.Line}: each of '{key}' must be a single value.");
                return values;
            case YamlScalarNode { Value: { Length: > 0 } one }:
                return [one];
            case var other:
                Problems.Add($"Line {other.Start.Line}: '{key}' must be a list, like [A, B].");
                return null;
        }
    }

    public int? Int(string key) => Parse<int>(key, "a whole number", t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null);

    public decimal? Decimal(string key) => Parse<decimal>(key, "a number", t => decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : null);

    public bool? Bool(string key) => Parse<bool>(key, "true or false", t => t.ToLowerInvariant() switch
    {
        "true" or "yes" => true,
        "false" or "no" => false,
        _ => (bool?)null,
    });

    private T? Parse<T>(string key, string expected, Func<string, T?> parse) where T : struct
    {
        var text = Text(key);
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (parse(text.Trim()) is { } value)
            return value;
        Problems.Add($"Line {Line(key)}: '{key}' must be {expected} (it is '{text}').");
        return null;
    }

    public SetupFileNode? Mapping(string key)
    {
        switch (Get(key))
        {
            case null:
                return null;
            case YamlMappingNode child:
                return new SetupFileNode(child, _problems, _all);
            case var other:
                _problems.Add($"Line {other.Start.Line}: '{key}' must be a mapping of fields.");
                return null;
        }
    }

    public IEnumerable<SetupFileNode> Items(string key)
    {
        switch (Get(key))
        {
            case null:
                yield break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                    if (item is YamlMappingNode child)
                        yield return new SetupFileNode(child, _problems, _all);
                    else
                        _problems.Add($"Line {item.Start.Line}: each of '{key}' must be a mapping of fields.");
                break;
            default:
                _problems.Add($"Line {Get(key)!.Start.Line}: '{key}' must be a list of records (each starting with '- ').");
                break;
        }
    }
}
