using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Homeward.Simulation.Model;

/// <summary>
/// Reads and writes scenario files (JSON, or YAML with the same shape; <c>docs/simulation.md</c>). Reading checks
/// everything, the file's shape here and the model's rules in <see cref="ScenarioRules"/>, and reports every problem
/// with its place in the file (<c>nodes[1].stay.median</c>) before anything runs.
/// </summary>
public static class ScenarioFile
{
    // A file for people to read and edit: apostrophes and accents as themselves, not \u escapes.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads a scenario; <paramref name="fileName"/> picks YAML for .yaml/.yml, otherwise JSON.</summary>
    public static Scenario Read(string text, string fileName = "scenario.json") => FromNode(Parse(text, fileName));

    /// <summary>The file as a tree (for sweeps and edits before reading).</summary>
    public static JsonNode Parse(string text, string fileName = "scenario.json")
    {
        var yaml = fileName.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        try
        {
            return (yaml ? FromYaml(text) : JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }))
                   ?? throw new ScenarioException([new ScenarioProblem("(file)", "is empty")]);
        }
        catch (JsonException e)
        {
            throw new ScenarioException([new ScenarioProblem($"line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}", "is not valid JSON: " + FirstSentence(e.Message))]);
        }
        catch (YamlException e)
        {
            throw new ScenarioException([new ScenarioProblem($"line {e.Start.Line}, column {e.Start.Column}", "is not valid YAML: " + FirstSentence(e.Message))]);
        }
    }

    private static string FirstSentence(string message) => message.Split(". ")[0].TrimEnd('.');

    public static Scenario FromNode(JsonNode node)
    {
        var reader = new Reader();
        var scenario = reader.Scenario(node);
        var problems = reader.Problems;
        if (scenario is not null)
        {
            // The model's rules too, on what could be read; a place already found wrong is reported once.
            var places = problems.Select(p => p.Place).ToHashSet(StringComparer.Ordinal);
            problems.AddRange(ScenarioRules.Check(scenario).Where(p => !places.Contains(p.Place)));
        }
        if (problems.Count > 0)
            throw new ScenarioException(problems);
        return scenario!;
    }

    /// <summary>Sets one input: <c>nodes.P2.capacity</c>, <c>arrivals[0].perDay</c>, <c>growth</c> (an array element by its id or index).</summary>
    public static void Set(JsonNode root, string path, double value)
    {
        var segments = path.Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries);
        var node = root;
        for (var i = 0; i < segments.Length - 1; i++)
            node = Step(node, segments[i], path);
        var last = segments[^1];
        switch (node)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when int.TryParse(last, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < a.Count:
                a[index] = value;
                break;
            default:
                throw new ScenarioException([new ScenarioProblem(path, $"cannot set \"{last}\" here")]);
        }
    }

    private static JsonNode Step(JsonNode node, string segment, string path) => node switch
    {
        JsonObject o when o[segment] is { } child => child,
        JsonArray a when int.TryParse(segment, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < a.Count && a[i] is { } item => item,
        JsonArray a when a.OfType<JsonObject>().FirstOrDefault(x => x["id"]?.GetValueKind() == JsonValueKind.String && (string?)x["id"] == segment) is { } byId => byId,
        _ => throw new ScenarioException([new ScenarioProblem(path, $"\"{segment}\" is not in the scenario")]),
    };

    /// <summary>The scenario as a JSON file that <see cref="Read"/> reads back to the same scenario.</summary>
    public static string Write(Scenario scenario)
    {
        static JsonNode Dist(Distribution d) => JsonSerializer.SerializeToNode(d.Describe())!;
        static JsonObject PathwayNode(Pathway p) => new()
        {
            ["stay"] = Dist(p.Stay),
            ["routes"] = new JsonArray([.. p.Routes.Select(r =>
            {
                var o = new JsonObject { ["to"] = r.To, ["probability"] = r.Probability };
                if (r.Stay is not null) o["stay"] = Dist(r.Stay);
                if (r.TransferDelay is not null) o["transferDelay"] = Dist(r.TransferDelay);
                return (JsonNode)o;
            })]),
        };
        var root = new JsonObject
        {
            ["name"] = scenario.Name,
            ["notes"] = new JsonArray([.. scenario.Notes.Select(n => (JsonNode)n)]),
            ["start"] = scenario.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["days"] = scenario.Days,
            ["warmUpDays"] = scenario.WarmUpDays,
            ["growth"] = scenario.Growth,
            ["costs"] = new JsonObject { ["delayedBedDay"] = scenario.DelayedBedDayCost },
            ["groups"] = new JsonArray([.. scenario.Groups.Select(g => (JsonNode)g)]),
            ["nodes"] = new JsonArray([.. scenario.Nodes.Select(n =>
            {
                var o = PathwayNode(n.Default);
                o.Insert(0, "id", n.Id);
                if (n.Name is not null) o.Insert(1, "name", n.Name);
                o["kind"] = n.Kind == NodeKind.Visits ? "visits" : "places";
                o["capacity"] = n.Capacity.Count == 1 && n.Capacity[0].From <= scenario.Start.AddDays(-scenario.WarmUpDays)
                    ? n.Capacity[0].Value
                    : new JsonArray([.. n.Capacity.Select(c => (JsonNode)new JsonObject { ["from"] = c.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["value"] = c.Value })]);
                if (n.QueueLimit is not null) o["queueLimit"] = n.QueueLimit;
                o["costPerDay"] = n.CostPerDay;
                if (n.WaitingCostPerDay is not null) o["waitingCostPerDay"] = n.WaitingCostPerDay;
                if (n.Visits is not null) o["visits"] = new JsonObject { ["initial"] = n.Visits.Initial, ["final"] = n.Visits.Final };
                if (n.ByGroup.Count > 0) o["groups"] = new JsonObject(n.ByGroup.Select(g => KeyValuePair.Create(g.Key, (JsonNode?)PathwayNode(g.Value))));
                return (JsonNode)o;
            })]),
            ["arrivals"] = new JsonArray([.. scenario.Arrivals.Select(a =>
            {
                var o = new JsonObject { ["node"] = a.Node, ["group"] = a.Group, ["perDay"] = a.PerDay };
                if (a.Growth != 1) o["growth"] = a.Growth;
                if (a.Monthly is not null) o["monthly"] = new JsonArray([.. a.Monthly.Select(m => (JsonNode)m)]);
                if (a.Daily.Count > 0) o["daily"] = new JsonObject(a.Daily.OrderBy(d => d.Key).Select(d => KeyValuePair.Create(d.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (JsonNode?)d.Value)));
                return (JsonNode)o;
            })]),
            ["initial"] = new JsonArray([.. scenario.Initial.Select(i => (JsonNode)new JsonObject
            {
                ["node"] = i.Node, ["group"] = i.Group,
                ["occupants"] = new JsonArray([.. i.RemainingStays.Select(s => (JsonNode)Math.Round(s, 3))]),
                ["waiting"] = new JsonArray([.. i.Waiting.Select(s => (JsonNode)Math.Round(s, 3))]),
            })]),
        };
        return root.ToJsonString(Indented);
    }

    // ---- YAML to the same tree ----

    private static JsonNode? FromYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", Convert(kv.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(Convert)]),
        YamlScalarNode { Style: ScalarStyle.Plain } s => Plain(s.Value),
        YamlScalarNode s => JsonValue.Create(s.Value),
        _ => null,
    };

    private static JsonNode? Plain(string? value) => value switch
    {
        null or "" or "~" or "null" => null,
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        _ => JsonValue.Create(value),
    };

    // ---- the tree to a scenario, collecting every problem ----

    private sealed class Reader
    {
        public List<ScenarioProblem> Problems { get; } = [];

        private void Add(string at, string message) => Problems.Add(new ScenarioProblem(at, message));

        public Scenario? Scenario(JsonNode node)
        {
            if (node is not JsonObject root)
            {
                Add("(file)", "must be an object with name, start, days, nodes and arrivals");
                return null;
            }
            Known(root, "", "name", "notes", "start", "days", "warmUpDays", "growth", "costs", "groups", "nodes", "arrivals", "initial");
            var groups = Array(root, "groups", "", required: false) is { } g
                ? [.. g.Select((x, i) => Text(x, $"groups[{i}]") ?? "")]
                : new List<string> { "all" };
            var costs = Object(root, "costs", "", required: false);
            if (costs is not null)
                Known(costs, "costs", "delayedBedDay");
            var nodes = Array(root, "nodes", "", required: true) ?? [];
            var arrivals = Array(root, "arrivals", "", required: false) ?? [];
            var initial = Array(root, "initial", "", required: false) ?? [];
            return new Scenario
            {
                Name = Text(root["name"], "name") ?? "scenario",
                Notes = Array(root, "notes", "", required: false)?.Select((x, i) => Text(x, $"notes[{i}]") ?? "").ToArray() ?? [],
                Start = Date(root, "start", "", required: true) ?? default,
                Days = Int(root, "days", "", required: true) ?? 0,
                WarmUpDays = Int(root, "warmUpDays", "", required: false) ?? 0,
                Growth = Number(root, "growth", "", required: false) ?? 1,
                DelayedBedDayCost = costs is null ? 0 : Number(costs, "delayedBedDay", "costs", required: false) ?? 0,
                Groups = groups,
                Nodes = [.. nodes.Select((n, i) => Node(n, $"nodes[{i}]", groups)).OfType<NodeSpec>()],
                Arrivals = [.. arrivals.Select((a, i) => Arrival(a, $"arrivals[{i}]", groups)).OfType<ArrivalSpec>()],
                Initial = [.. initial.Select((x, i) => Initial(x, $"initial[{i}]", groups)).OfType<InitialSpec>()],
            };
        }

        private NodeSpec? Node(JsonNode? node, string at, IReadOnlyList<string> groups)
        {
            if (node is not JsonObject o)
            {
                Add(at, "must be an object");
                return null;
            }
            Known(o, at, "id", "name", "kind", "capacity", "queueLimit", "costPerDay", "waitingCostPerDay", "visits", "stay", "routes", "groups");
            var kind = (Text(o["kind"], $"{at}.kind") ?? "places") switch
            {
                "places" or "beds" => NodeKind.Places,
                "visits" => NodeKind.Visits,
                var other => Invalid<NodeKind>($"{at}.kind", $"\"{other}\" is not a kind: use places (or beds) or visits"),
            };
            VisitPattern? visits = null;
            if (Object(o, "visits", at, required: false) is { } v)
            {
                Known(v, $"{at}.visits", "initial", "final");
                visits = new VisitPattern(Int(v, "initial", $"{at}.visits", required: true) ?? 1, Int(v, "final", $"{at}.visits", required: true) ?? 1);
            }
            var byGroup = new Dictionary<string, Pathway>(StringComparer.Ordinal);
            if (Object(o, "groups", at, required: false) is { } perGroup)
                foreach (var (group, value) in perGroup)
                {
                    if (value is not JsonObject g)
                    {
                        Add($"{at}.groups.{group}", "must be an object with stay and routes");
                        continue;
                    }
                    Known(g, $"{at}.groups.{group}", "stay", "routes");
                    byGroup[group] = Pathway(g, $"{at}.groups.{group}", stayRequired: true);
                }
            var everyGroupHasOwn = groups.Count > 0 && groups.All(byGroup.ContainsKey);
            return new NodeSpec
            {
                Id = Text(o["id"], $"{at}.id") ?? Missing<string>($"{at}.id") ?? "",
                Name = Text(o["name"], $"{at}.name"),
                Kind = kind,
                Capacity = Capacity(o["capacity"], $"{at}.capacity"),
                QueueLimit = Int(o, "queueLimit", at, required: false),
                CostPerDay = Number(o, "costPerDay", at, required: false) ?? 0,
                WaitingCostPerDay = Number(o, "waitingCostPerDay", at, required: false),
                Visits = visits,
                Default = Pathway(o, at, stayRequired: !everyGroupHasOwn),
                ByGroup = byGroup,
            };
        }

        private Pathway Pathway(JsonObject o, string at, bool stayRequired)
        {
            var stay = o["stay"] is null ? (stayRequired ? Missing<Distribution>($"{at}.stay") : new Fixed(1)) : Distribution(o["stay"], $"{at}.stay");
            var routes = new List<Route>();
            if (Array(o, "routes", at, required: false) is { } list)
                for (var i = 0; i < list.Count; i++)
                {
                    var rat = $"{at}.routes[{i}]";
                    if (list[i] is not JsonObject r)
                    {
                        Add(rat, "must be an object with to and probability");
                        continue;
                    }
                    Known(r, rat, "to", "probability", "stay", "transferDelay");
                    var to = Text(r["to"], $"{rat}.to");
                    routes.Add(new Route(
                        to is "out" ? null : to,
                        Number(r, "probability", rat, required: true) ?? 0,
                        r["stay"] is null ? null : Distribution(r["stay"], $"{rat}.stay"),
                        r["transferDelay"] is null ? null : Distribution(r["transferDelay"], $"{rat}.transferDelay")));
                }
            else
                routes.Add(new Route(null, 1));
            // A stay that could not be read is already reported; the routes are still checked.
            return new Pathway(stay ?? new Fixed(1), routes);
        }

        private IReadOnlyList<CapacityStep> Capacity(JsonNode? node, string at)
        {
            switch (node)
            {
                case null:
                    Add(at, "is required: a number, or steps [{ \"from\": \"yyyy-MM-dd\", \"value\": N }]");
                    return [];
                case JsonValue:
                    return Integer(node, at) is { } value ? [new CapacityStep(DateOnly.MinValue, value)] : [];
                case JsonArray steps:
                    var result = new List<CapacityStep>();
                    for (var i = 0; i < steps.Count; i++)
                    {
                        if (steps[i] is not JsonObject step)
                        {
                            Add($"{at}[{i}]", "must be { \"from\": \"yyyy-MM-dd\", \"value\": N }");
                            continue;
                        }
                        Known(step, $"{at}[{i}]", "from", "value");
                        var from = Date(step, "from", $"{at}[{i}]", required: i > 0) ?? DateOnly.MinValue;
                        if (Int(step, "value", $"{at}[{i}]", required: true) is { } v)
                            result.Add(new CapacityStep(i == 0 ? DateOnly.MinValue : from, v));
                    }
                    return result;
                default:
                    Add(at, "must be a number, or steps [{ \"from\": \"yyyy-MM-dd\", \"value\": N }]");
                    return [];
            }
        }

        private Distribution? Distribution(JsonNode? node, string at)
        {
            if (node is JsonValue && Number(node, at) is { } value)
                return new Fixed(value);
            if (node is not JsonObject o)
            {
                Add(at, "must be a distribution, e.g. { \"dist\": \"lognormal\", \"median\": 9, \"mean\": 18 }");
                return null;
            }
            var dist = Text(o["dist"], $"{at}.dist");
            double? N(string name, bool required = true) => Number(o, name, at, required);
            bool Has(string name) => o.ContainsKey(name);
            Distribution? made;
            switch (dist)
            {
                case "exponential":
                    Known(o, at, "dist", "mean");
                    made = N("mean") is { } average ? new Exponential(average) : null;
                    break;
                case "lognormal":
                    Known(o, at, "dist", "median", "mean", "sd");
                    if (Has("median"))
                    {
                        var (median, mean) = (N("median"), N("mean"));
                        made = median is > 0 && mean is { } m && m >= median ? LogNormalStay.FromMedianAndMean(median.Value, m)
                            : median is null || mean is null ? null
                            : Invalid<Distribution>(at, $"a lognormal needs a median above 0 and a mean at least the median (median {median}, mean {mean})");
                    }
                    else
                    {
                        var (mean, sd) = (N("mean"), N("sd"));
                        made = mean is > 0 && sd is >= 0 ? LogNormalStay.FromMeanAndSd(mean.Value, sd.Value)
                            : mean is null || sd is null ? null
                            : Invalid<Distribution>(at, "a lognormal by mean and sd needs a mean above 0 and an sd of 0 or more");
                    }
                    break;
                case "gamma":
                    Known(o, at, "dist", "shape", "scale", "mean", "sd");
                    if (Has("shape"))
                        made = (N("shape"), N("scale")) is ({ } shape, { } scale) ? new GammaStay(shape, scale) : null;
                    else
                    {
                        var (mean, sd) = (N("mean"), N("sd"));
                        made = mean is > 0 && sd is > 0 ? GammaStay.FromMeanAndSd(mean.Value, sd.Value)
                            : mean is null || sd is null ? null
                            : Invalid<Distribution>(at, "a gamma by mean and sd needs both above 0");
                    }
                    break;
                case "fixed":
                    Known(o, at, "dist", "value");
                    made = N("value") is { } v ? new Fixed(v) : null;
                    break;
                case "uniform":
                    Known(o, at, "dist", "min", "max");
                    made = (N("min"), N("max")) is ({ } min, { } max) ? new UniformStay(min, max) : null;
                    break;
                case "empirical":
                    Known(o, at, "dist", "values");
                    made = Array(o, "values", at, required: true) is { } values
                        ? new Empirical([.. values.Select((x, i) => Number(x, $"{at}.values[{i}]") ?? 0)])
                        : null;
                    break;
                case null:
                    made = Missing<Distribution>($"{at}.dist");
                    break;
                default:
                    made = Invalid<Distribution>($"{at}.dist", $"\"{dist}\" is not a distribution: use exponential, lognormal, gamma, fixed, uniform or empirical");
                    break;
            }
            if (made is not null)
            {
                var before = Problems.Count;
                ScenarioRules.CheckDistribution(made, at, Problems);
                if (Problems.Count > before)
                    return null;
            }
            return made;
        }

        private ArrivalSpec? Arrival(JsonNode? node, string at, IReadOnlyList<string> groups)
        {
            if (node is not JsonObject o)
            {
                Add(at, "must be an object with node and perDay");
                return null;
            }
            Known(o, at, "node", "group", "perDay", "growth", "monthly", "daily");
            var daily = new Dictionary<DateOnly, double>();
            if (Object(o, "daily", at, required: false) is { } d)
                foreach (var (key, value) in d)
                {
                    if (!DateOnly.TryParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                        Add($"{at}.daily.{key}", "must be a date yyyy-MM-dd");
                    else if (Number(value, $"{at}.daily.{key}") is { } rate)
                        daily[date] = rate;
                }
            return new ArrivalSpec
            {
                Node = Text(o["node"], $"{at}.node") ?? Missing<string>($"{at}.node") ?? "",
                Group = Text(o["group"], $"{at}.group") ?? (groups.Count == 1 ? groups[0] : Missing<string>($"{at}.group") ?? ""),
                PerDay = Number(o, "perDay", at, required: daily.Count == 0) ?? 0,
                Growth = Number(o, "growth", at, required: false) ?? 1,
                Monthly = Array(o, "monthly", at, required: false)?.Select((x, i) => Number(x, $"{at}.monthly[{i}]") ?? 0).ToArray(),
                Daily = daily,
            };
        }

        private InitialSpec? Initial(JsonNode? node, string at, IReadOnlyList<string> groups)
        {
            if (node is not JsonObject o)
            {
                Add(at, "must be an object with node, occupants and waiting");
                return null;
            }
            Known(o, at, "node", "group", "occupants", "waiting");
            return new InitialSpec
            {
                Node = Text(o["node"], $"{at}.node") ?? Missing<string>($"{at}.node") ?? "",
                Group = Text(o["group"], $"{at}.group") ?? (groups.Count == 1 ? groups[0] : Missing<string>($"{at}.group") ?? ""),
                RemainingStays = Array(o, "occupants", at, required: false)?.Select((x, i) => Number(x, $"{at}.occupants[{i}]") ?? 0).ToArray() ?? [],
                Waiting = Array(o, "waiting", at, required: false)?.Select((x, i) => Number(x, $"{at}.waiting[{i}]") ?? 0).ToArray() ?? [],
            };
        }

        // ---- fields ----

        private void Known(JsonObject o, string at, params string[] names)
        {
            foreach (var (key, _) in o)
                if (!names.Contains(key, StringComparer.Ordinal))
                    Add(Join(at, key), $"is not a field here (expected one of: {string.Join(", ", names)})");
        }

        private static string Join(string at, string name) => at.Length == 0 ? name : $"{at}.{name}";

        private T? Missing<T>(string at) where T : class
        {
            Add(at, "is required");
            return null;
        }

        private T Invalid<T>(string at, string message)
        {
            Add(at, message);
            return default!;
        }

        private string? Text(JsonNode? node, string at)
        {
            if (node is null)
                return null;
            if (node.GetValueKind() == JsonValueKind.String)
                return (string?)node;
            Add(at, "must be text");
            return null;
        }

        private double? Number(JsonObject o, string name, string at, bool required)
        {
            var node = o[name];
            if (node is null)
            {
                if (required)
                    Add(Join(at, name), "is required");
                return null;
            }
            return Number(node, Join(at, name));
        }

        private double? Number(JsonNode? node, string at)
        {
            if (node?.GetValueKind() == JsonValueKind.Number)
            {
                var value = node.GetValue<double>();
                if (double.IsFinite(value))
                    return value;
            }
            Add(at, $"must be a number, not {Show(node)}");
            return null;
        }

        private int? Int(JsonObject o, string name, string at, bool required)
        {
            if (o[name] is null)
            {
                if (required)
                    Add(Join(at, name), "is required");
                return null;
            }
            return Integer(o[name], Join(at, name));
        }

        private int? Integer(JsonNode? node, string at)
        {
            if (node?.GetValueKind() == JsonValueKind.Number)
            {
                var value = node.GetValue<double>();
                if (value == Math.Floor(value) && Math.Abs(value) <= int.MaxValue)
                    return (int)value;
            }
            Add(at, $"must be a whole number, not {Show(node)}");
            return null;
        }

        private DateOnly? Date(JsonObject o, string name, string at, bool required)
        {
            var node = o[name];
            if (node is null)
            {
                if (required)
                    Add(Join(at, name), "is required (yyyy-MM-dd)");
                return null;
            }
            if (node.GetValueKind() == JsonValueKind.String &&
                DateOnly.TryParseExact((string?)node, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return date;
            Add(Join(at, name), $"must be a date yyyy-MM-dd, not {Show(node)}");
            return null;
        }

        private JsonArray? Array(JsonObject o, string name, string at, bool required)
        {
            switch (o[name])
            {
                case JsonArray a:
                    return a;
                case null:
                    if (required)
                        Add(Join(at, name), "is required (a list)");
                    return null;
                default:
                    Add(Join(at, name), "must be a list");
                    return null;
            }
        }

        private JsonObject? Object(JsonObject o, string name, string at, bool required)
        {
            switch (o[name])
            {
                case JsonObject x:
                    return x;
                case null:
                    if (required)
                        Add(Join(at, name), "is required");
                    return null;
                default:
                    Add(Join(at, name), "must be an object");
                    return null;
            }
        }

        private static string Show(JsonNode? node)
        {
            var text = node?.ToJsonString() ?? "nothing";
            return text.Length > 40 ? text[..40] + "…" : text;
        }
    }
}
