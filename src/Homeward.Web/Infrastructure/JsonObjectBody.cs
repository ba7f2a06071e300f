using System.Text.Json;
using System.Text.Json.Nodes;

namespace Homeward.Web.Infrastructure;

/// <summary>
/// A request body read as a JSON object (a merge patch), failing as any other JSON body does: not JSON is a 415, badly
/// formed is a 400 naming the line and position, a body that is not one object is a 400.
/// </summary>
public static class JsonObjectBody
{
    public static async Task<JsonObject> Read(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
            throw new BadHttpRequestException("Send JSON (Content-Type application/json or application/merge-patch+json).", StatusCodes.Status415UnsupportedMediaType);
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(request.Body, cancellationToken: ct);
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException("The request body is not valid JSON.", StatusCodes.Status400BadRequest, e);
        }
        return node as JsonObject ?? throw new Homeward.Common.ValidationFailedException(
            new Dictionary<string, string[]> { ["body"] = ["The body must be one JSON object."] });
    }
}
