using System.Text.Json;
using System.Text.Json.Serialization;

namespace Homeward.Common;

public static class Json
{
    /// <summary>The wire format of the API: camelCase names, enums by name.</summary>
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
