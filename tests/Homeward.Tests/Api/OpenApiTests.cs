using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Homeward.Tests.Support;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Tests.Api;

/// <summary>
/// The OpenAPI document is what partners build their clients from: every operation that takes a body points at the
/// schema of the type the endpoint really reads, with that type's fields.
/// </summary>
public sealed class OpenApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_request_body_is_described_by_the_schema_of_the_type_it_is_read_into()
    {
        var doc = await (await app.CreateClient().GetAsync("/openapi/v1.json", Ct)).Expect(HttpStatusCode.OK);
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        var json = new JsonSerializerOptions(Homeward.Common.Json.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        var checkedCount = 0;
        var wrong = new List<string>();

        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is not { } input
                || endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is not [var method]
                || !endpoint.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
                continue;
            var path = System.Text.RegularExpressions.Regex.Replace(endpoint.RoutePattern.RawText!, @"\{(\w+):[^}]+\}", "{$1}").TrimEnd('/');
            if (endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true })
                continue;
            if (!doc.GetProperty("paths").TryGetProperty(path, out var item) || !item.TryGetProperty(method.ToLowerInvariant(), out var operation))
            {
                wrong.Add($"{method} {path} is not in the document");
                continue;
            }
            foreach (var content in operation.GetProperty("requestBody").GetProperty("content").EnumerateObject())
            {
                var reference = content.Value.GetProperty("schema").GetProperty("$ref").GetString()!;
                var documented = schemas.GetProperty(reference.Split('/')[^1]).GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();
                var actual = json.GetTypeInfo(input).Properties.Select(p => p.Name).ToHashSet();
                if (!documented.SetEquals(actual))
                    wrong.Add($"{method} {path} ({content.Name}) points at {reference}, not {input.FullName}");
                checkedCount++;
            }
        }

        Assert.Empty(wrong);
        Assert.True(checkedCount > 40, $"only {checkedCount} request bodies were found to check");
    }
}
