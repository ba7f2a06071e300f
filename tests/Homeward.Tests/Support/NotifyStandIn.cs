using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Homeward.Tests.Support;

/// <summary>
/// A stand-in for GOV.UK Notify on a real port, speaking its API as the official client calls it: POST
/// /v2/notifications/sms with a bearer JWT that must be signed (HS256) with the API key's secret and name its service
/// as issuer. What it receives is kept; a request it would refuse is answered as Notify would (403 or 400).
/// </summary>
public sealed class NotifyStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    public static readonly string ServiceId = "26785a09-ab16-4eb0-8407-a37497a57506";
    public static readonly string Secret = "3d844edf-8d35-48ac-975b-e847b4f122b0";
    public static string ApiKey => $"homeward_test-{ServiceId}-{Secret}";
    public const string TemplateId = "f33517ff-2a88-4f6e-b855-c550268ce08a";

    public sealed record Text(string PhoneNumber, string TemplateId, string Body, string? Reference);

    public ConcurrentQueue<Text> Texts { get; } = new();
    public string BaseUrl { get; private set; } = "";

    private NotifyStandIn(WebApplication app) => _app = app;

    public static async Task<NotifyStandIn> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var notify = new NotifyStandIn(builder.Build());
        notify._app.MapPost("/v2/notifications/sms", notify.Sms);
        await notify._app.StartAsync();
        notify.BaseUrl = notify._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return notify;
    }

    private async Task<IResult> Sms(HttpRequest request)
    {
        var auth = request.Headers.Authorization.ToString();
        if (!auth.StartsWith("Bearer ", StringComparison.Ordinal))
            return Error(403, "AuthError", "Unauthorized: authentication token must be provided");
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(auth["Bearer ".Length..], new TokenValidationParameters
        {
            ValidIssuer = ServiceId, ValidateAudience = false, ValidateLifetime = false, RequireExpirationTime = false,
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret)),
        });
        if (!validation.IsValid)
            return Error(403, "AuthError", "Invalid token: signature, api token not found");
        using var body = await JsonDocument.ParseAsync(request.Body);
        var root = body.RootElement;
        var phone = root.TryGetProperty("phone_number", out var p) ? p.GetString() : null;
        var template = root.TryGetProperty("template_id", out var t) ? t.GetString() : null;
        var text = root.TryGetProperty("personalisation", out var pers) && pers.TryGetProperty("body", out var b) ? b.GetString() : null;
        if (phone is null || template != TemplateId || text is null)
            return Error(400, "BadRequestError", "phone_number, template_id and personalisation.body are required");
        var reference = root.TryGetProperty("reference", out var r) ? r.GetString() : null;
        Texts.Enqueue(new Text(phone, template, text, reference));
        var id = Guid.NewGuid().ToString();
        return Results.Json(new
        {
            id, reference, uri = $"{BaseUrl}/v2/notifications/{id}",
            content = new { body = text, from_number = "GOVUK" },
            template = new { id = template, version = 1, uri = $"{BaseUrl}/v2/template/{template}" },
        }, statusCode: 201);
    }

    private static IResult Error(int status, string error, string message) =>
        Results.Json(new { status_code = status, errors = new[] { new { error, message } } }, statusCode: status);

    public async Task<Text> WaitFor(Func<Text, bool> match, double seconds = 15)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            if (Texts.FirstOrDefault(match) is { } found)
                return found;
            await Task.Delay(50);
        }
        throw new TimeoutException("No such text reached the Notify stand-in.");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
