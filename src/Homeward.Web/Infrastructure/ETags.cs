using Microsoft.Net.Http.Headers;

namespace Homeward.Web.Infrastructure;

/// <summary>Record versions as strong ETags (<c>"3"</c>) and the If-Match header that names one.</summary>
public static class ETags
{
    public static string For(int version) => $"\"{version}\"";

    public static void Set(HttpResponse response, int version) => response.Headers.ETag = For(version);

    /// <summary>The version named by If-Match; null when absent. A malformed header counts as stale (version 0).</summary>
    public static int? IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
            return null;
        if (!EntityTagHeaderValue.TryParse(header.Trim(), out var tag))
            return 0;
        return int.TryParse(tag.Tag.Value?.Trim('"'), out var version) ? version : 0;
    }
}
