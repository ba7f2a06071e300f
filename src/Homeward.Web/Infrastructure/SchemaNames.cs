using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;

namespace Homeward.Web.Infrastructure;

/// <summary>
/// The OpenAPI document names each schema after its type; handlers' inputs are nested types called <c>Input</c> or
/// <c>Request</c>, so by name alone many operations would point at one schema, and all but one wrongly. A nested type is
/// named with the types it sits in (<c>UpdateReferral.Request</c> is <c>UpdateReferralRequest</c>), a generic one with its
/// arguments so named (<c>Page&lt;ListEpisodes.Row&gt;</c> is <c>PageOfListEpisodesRow</c>).
/// </summary>
public static class SchemaNames
{
    public static string? For(JsonTypeInfo info)
    {
        var byDefault = OpenApiOptions.CreateDefaultSchemaReferenceId(info);
        if (byDefault is null || info.Type.Name.Contains("AnonymousType", StringComparison.Ordinal))
            return byDefault;
        return Name(info.Type);
    }

    private static string Name(Type type)
    {
        if (type.IsArray)
            return "ArrayOf" + Name(type.GetElementType()!);
        if (Nullable.GetUnderlyingType(type) is { } underlying)
            return Name(underlying);
        var name = Plain(type);
        for (var outer = type.DeclaringType; outer is not null; outer = outer.DeclaringType)
            name = Plain(outer) + name;
        return type.IsGenericType ? name + "Of" + string.Concat(type.GetGenericArguments().Select(Name)) : name;
    }

    private static string Plain(Type type) => type.Name.Split('`')[0];
}
