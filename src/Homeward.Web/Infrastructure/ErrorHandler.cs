using System.Text.Json;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Web.Auth;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Web.Infrastructure;

/// <summary>
/// The one place where exceptions become answers: ProblemDetails with the right status, every bad
/// field listed, and never a stack trace.
/// </summary>
public sealed class ErrorHandler(IProblemDetailsService problems, IServiceScopeFactory scopes, TimeProvider clock, ILogger<ErrorHandler> log,
    Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    : IExceptionHandler
{
    /// <summary>The most of a body read again to find every value of the wrong type.</summary>
    private const int LongestBodyChecked = 1 << 20;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title, detail, errors) = Describe(exception);
        // The middleware has already pointed the request at /error; the feature keeps the path that failed.
        var path = new PathString(http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path.Value);
        if (exception is BadHttpRequestException { InnerException: JsonException } && await EveryWrongType(http, ct) is { Count: > 0 } all)
            errors = all;
        if (status == 500)
            log.LogError(exception, "Unhandled error in {Path} ({CorrelationId})", http.Request.Path, http.TraceIdentifier);
        if (status == 503)
        {
            log.LogWarning("The database could not be reached for {Path} ({CorrelationId}): {Reason}", http.Request.Path, http.TraceIdentifier, exception.GetBaseException().Message);
            // Nothing else may touch the database now (the error page's layout, the sign-in check): a plain page says so.
            if (!HomewardApp.IsApi(path))
            {
                await Unavailable(http, ct);
                return true;
            }
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (exception is ForbiddenException forbidden)
            await AuditDenied(http, forbidden, ct);
        if (!HomewardApp.IsApi(path))
            return false; // people get the error page (/error), which says the same in words

        http.Response.StatusCode = status;
        var problem = errors is null
            ? new ProblemDetails()
            : new ValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value));
        problem.Status = status;
        problem.Title = title;
        problem.Detail = detail;
        problem.Extensions["correlationId"] = http.TraceIdentifier;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>How soon to try again when the database is away.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>The page people see while the database is away: no layout, nothing asked of the database.</summary>
    private static async Task Unavailable(HttpContext http, CancellationToken ct)
    {
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sorry, the service is briefly unavailable – Homeward</title><link rel="stylesheet" href="/lib/nhsuk/nhsuk-frontend.min.css"></head>
            <body><div class="nhsuk-width-container"><main class="nhsuk-main-wrapper" id="maincontent">
            <h1 class="nhsuk-heading-l">Sorry, the service is briefly unavailable</h1>
            <p>Its database cannot be reached just now, usually because it is restarting. Try again in {RetryAfterSeconds} seconds.</p>
            <p>If you were saving something, check whether it was saved before you send it again.</p>
            <p class="nhsuk-body-s">Reference: {System.Net.WebUtility.HtmlEncode(http.TraceIdentifier)}</p>
            </main></div></body></html>
            """, ct);
    }

    /// <summary>The status, title, explanation and field errors for an exception.</summary>
    public static (int Status, string Title, string Detail, IReadOnlyDictionary<string, string[]>? Errors) Describe(Exception exception)
    {
        return exception switch
        {
            ValidationFailedException v => (400, "The request has problems", "Correct the fields listed and send it again.", v.Errors),
            BadHttpRequestException { InnerException: JsonException j } => (400, "The request body is not valid JSON", $"Line {j.LineNumber + 1}, position {j.BytePositionInLine + 1}.",
                new Dictionary<string, string[]> { [JsonPath(j.Path)] = [DescribeJson(j)] }),
            BadHttpRequestException b => (b.StatusCode, "The request could not be read", b.Message, null),
            NotFoundException n => (404, "Not found", n.Message, null),
            InvalidTransitionException t => (409, "Not allowed in the current state", t.Message, null),
            StaleVersionException s => (412, "Changed by someone else", s.Message, null),
            DbUpdateConcurrencyException => (412, "Changed by someone else", "The record was changed by someone else while you were saving. Fetch it again and reapply your change.", null),
            VersionRequiredException r => (428, "If-Match required", r.Message, null),
            ForbiddenException f => (403, "Not allowed for your role", f.Message, null),
            Capacity.CapacityUnavailableException c => (409, "Not enough capacity", c.Message, null),
            IdempotencyKeyReusedException i => (422, "Idempotency-Key reused", i.Message, null),
            _ when DatabaseOutage.Is(exception) => (503, "The service is briefly unavailable",
                $"Its database cannot be reached just now. Try again in {RetryAfterSeconds} seconds; if you were saving something, check whether it was saved before sending it again.", null),
            _ => (500, "Something went wrong", "The error has been logged. Quote the correlation id if you report it.", (IReadOnlyDictionary<string, string[]>?)null),
        };
    }

    /// <summary>A refused attempt is audited too, in its own transaction since the request's was not committed.</summary>
    private async Task AuditDenied(HttpContext http, ForbiddenException forbidden, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HomewardDb>();
        Guid? personId = Guid.TryParse(forbidden.PersonId, out var id) ? id : null;
        var path = http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path.Value ?? "";
        // The entity column holds 64 characters: keep the end of a long path, where its ids are.
        var entity = path.Length > 64 ? "…" + path[^63..] : path;
        db.AuditEntries.Add(AuditEntry.For(http.Actor(), forbidden.Action, personId, entity, clock.GetUtcNow(), AuditOutcome.Denied));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // The refusal still stands; failing to record it must not turn it into an error page.
            log.LogError(e, "Could not audit a refusal of {Action} on {Path} ({CorrelationId})", forbidden.Action, path, http.TraceIdentifier);
        }
    }

    /// <summary>
    /// The serializer stops at the first value of the wrong type: read the (buffered) body again against the endpoint's
    /// input and name them all. Null when the body or the input's type cannot be had.
    /// </summary>
    private async Task<Dictionary<string, string[]>?> EveryWrongType(HttpContext http, CancellationToken ct)
    {
        var endpoint = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        if (endpoint?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType is not { } input
            || !http.Request.Body.CanSeek || http.Request.Body.Length > LongestBodyChecked)
            return null;
        http.Request.Body.Position = 0;
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        return JsonBodyProblems.Find(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), input, json.Value.SerializerOptions);
    }

    private static string JsonPath(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');

    private static string DescribeJson(JsonException j) =>
        j.Path is null or "$"
            ? "The body must be one well-formed JSON object."
            : $"This value has the wrong type or is badly formed (line {j.LineNumber + 1}, position {j.BytePositionInLine + 1}): text fields take strings, flags take true or false.";
}
