using Homeward.Web.Infrastructure;
using Homeward.Access;
using System.Text;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Homeward.Fhir;
using Homeward.Web.Auth;

namespace Homeward.Web.Api;

/// <summary>
/// FHIR R4 under <c>/fhir</c>: the CapabilityStatement, read and search of Patient, ServiceRequest and EpisodeOfCare,
/// and referrals created from a transaction Bundle or a ServiceRequest. JSON by default, XML by <c>_format</c> or
/// Accept; versioned ETags; every refusal an OperationOutcome with its HTTP status, never a stack trace.
/// </summary>
public static class FhirEndpoints
{
    public static void MapFhir(this IEndpointRouteBuilder app)
    {
        var fhir = app.MapGroup("/fhir").WithTags("FHIR R4").ExcludeFromDescription();

        fhir.MapGet("/metadata", (HttpContext http) => Write(http, FhirCapability.Statement(BaseUrl(http)), 200)).ForEveryone();

        fhir.MapGet("/{type}/{id}", (string type, string id, FhirReads api, HttpContext http, CancellationToken ct) =>
            Answer(http, async () =>
            {
                var resource = await api.Read(type, id, http.Actor(), ct);
                http.Response.Headers.ETag = $"W/\"{resource.Meta?.VersionId}\"";
                return (resource, 200);
            }))
            .WithMetadata(new AccessRule([Right.ReadRecords], PersonRecord: true));

        // vread: the Location of every create and update (…/_history/{version}) can be read. Homeward keeps the current
        // version of a record, so an older one is "not found", saying which is current.
        fhir.MapGet("/{type}/{id}/_history/{version}", (string type, string id, string version, FhirReads api, HttpContext http, CancellationToken ct) =>
            Answer(http, async () =>
            {
                var resource = await api.Read(type, id, http.Actor(), ct);
                if (resource.Meta?.VersionId is { } current && current != version)
                    throw new FhirException(404, [new FhirProblem("", $"Version {version} of {type}/{id} is not kept: Homeward keeps the current version ({current}).",
                        OperationOutcome.IssueType.NotFound)]);
                http.Response.Headers.ETag = $"W/\"{resource.Meta?.VersionId}\"";
                return (resource, 200);
            }))
            .WithMetadata(new AccessRule([Right.ReadRecords], PersonRecord: true));

        fhir.MapGet("/{type}", (string type, FhirSearch api, HttpContext http, CancellationToken ct) =>
            Answer(http, async () =>
            {
                var query = http.Request.Query.Where(q => q.Key != "_format").ToDictionary(q => q.Key, q => q.Value.Select(v => v ?? "").ToArray());
                return (await api.Search(type, query, BaseUrl(http), http.Actor(), ct), 200);
            }))
            .WithMetadata(new AccessRule([Right.ReadRecords], PersonRecord: false));

        fhir.MapPut("/{type}/{id}", (string type, string id, FhirPatientUpdate api, HttpContext http, CancellationToken ct) =>
            Answer(http, async () =>
            {
                if (type is not ("Patient" or "ServiceRequest"))
                    throw new FhirException(405, [new FhirProblem(type, $"A {type} cannot be changed here: a Patient's details can (PUT /fhir/Patient/{{id}}), and a referral by its sender (PUT /fhir/ServiceRequest/{{id}}).", OperationOutcome.IssueType.NotSupported)]);
                var posted = FhirFormat.Read(await Body(http, ct), FhirFormat.OfContentType(http.Request.ContentType));
                Resource changed = type == "Patient"
                    ? await api.UpdatePatient(id, posted, Infrastructure.ETags.IfMatch(http.Request), http.Actor(), ct)
                    : await http.RequestServices.GetRequiredService<FhirReferralChanges>().Update(id, posted, Infrastructure.ETags.IfMatch(http.Request), http.Actor(), ct);
                http.Response.Headers.ETag = $"W/\"{changed.Meta?.VersionId}\"";
                return (changed, 200);
            }))
            .WithMetadata(new AccessRule([Right.EditReferral], PersonRecord: true));

        // BaRS referral messages (new, update, cancel); answered with a BaRS response message.
        fhir.MapPost("/$process-message", (FhirMessaging messaging, HttpContext http, CancellationToken ct) =>
            Answer(http, async () =>
            {
                var posted = FhirFormat.Read(await Body(http, ct), FhirFormat.OfContentType(http.Request.ContentType));
                return (await messaging.Process(posted, BaseUrl(http), http.Actor(), ct), 200);
            }))
            .WithMetadata(new AccessRule([Right.SubmitReferral], PersonRecord: false));

        // The trust's discharge-ready feed: its inpatient Encounter, applied as a line of its daily list.
        fhir.MapPost("/Encounter", (FhirStayUpdates updates, HttpContext http, CancellationToken ct) =>
            Answer(http, async () =>
            {
                var posted = FhirFormat.Read(await Body(http, ct), FhirFormat.OfContentType(http.Request.ContentType));
                return (await updates.Update(posted, http.Actor(), ct), 200);
            }))
            .WithMetadata(new AccessRule([Right.EditReferral], PersonRecord: false));

        // FHIR answers refusals with an OperationOutcome, so its rules are enforced in Answer rather than by an endpoint filter.
        fhir.MapPost("/", (FhirCreate api, HttpContext http, CancellationToken ct) => Create(api, http, null, ct))
            .WithMetadata(new AccessRule([Right.SubmitReferral], PersonRecord: false));
        fhir.MapPost("/{type}", (string type, FhirCreate api, HttpContext http, CancellationToken ct) => Create(api, http, type, ct))
            .WithMetadata(new AccessRule([Right.SubmitReferral], PersonRecord: false));
    }

    private static Task Create(FhirCreate api, HttpContext http, string? type, CancellationToken ct) =>
        Answer(http, async () =>
        {
            var posted = FhirFormat.Read(await Body(http, ct), FhirFormat.OfContentType(http.Request.ContentType));
            if (type is not null && posted.TypeName != type)
                throw FhirException.Invalid(posted.TypeName, $"The body is a {posted.TypeName}, but was posted to /fhir/{type}.");
            if (type is null && posted is not Bundle)
                throw FhirException.Invalid(posted.TypeName, "Post a transaction Bundle to /fhir, or a ServiceRequest to /fhir/ServiceRequest.");
            var (response, location) = await api.Create(posted, BaseUrl(http), http.Actor(), ct);
            if (location is null)
                return (response, 200);
            http.Response.Headers.Location = $"{BaseUrl(http)}/{location}";
            http.Response.Headers.ETag = $"W/\"{response.Meta?.VersionId}\"";
            return (response, 201);
        });

    /// <summary>The body, refused when larger than FHIR's limit (read no further than one block past it).</summary>
    private static async Task<string> Body(HttpContext http, CancellationToken ct)
    {
        if (http.Request.ContentLength > FhirFormat.MaxBytes)
            throw FhirException.Invalid("", $"The body is larger than {FhirFormat.MaxBytes / 1024 / 1024} MB.");
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var text = new StringBuilder();
        var block = new char[16 * 1024];
        int n;
        while ((n = await reader.ReadAsync(block.AsMemory(), ct)) > 0)
        {
            text.Append(block, 0, n);
            if (text.Length > FhirFormat.MaxBytes)
                throw FhirException.Invalid("", $"The body is larger than {FhirFormat.MaxBytes / 1024 / 1024} MB.");
        }
        return text.ToString();
    }

    private static async Task Answer(HttpContext http, Func<Task<(Resource Resource, int Status)>> action)
    {
        try
        {
            // The endpoint's rule first, before the body is read: a role without the right hears so, whatever it sent.
            http.GetEndpoint()?.Metadata.GetMetadata<AccessRule>()?.Demand(http.Actor());
            var (resource, status) = await action();
            await Write(http, resource, status);
        }
        catch (Exception e) when (FhirRefusals.From(e) is { } refusal)
        {
            // Every refusal, from FHIR's own checks or a use case, as an OperationOutcome: never a ProblemDetails.
            await Write(http, refusal.ToOutcome(), refusal.Status);
        }
    }

    private static Task Write(HttpContext http, Resource resource, int status)
    {
        var kind = FhirFormat.Negotiate(http.Request.Query["_format"], http.Request.Headers.Accept);
        http.Response.StatusCode = status;
        http.Response.ContentType = FhirFormat.ContentType(kind) + "; charset=utf-8";
        return http.Response.WriteAsync(FhirFormat.Write(resource, kind), http.RequestAborted);
    }

    /// <summary>A bare status (from sign-in, routing or the rate limiter) as an OperationOutcome.</summary>
    public static Task StatusOutcome(Microsoft.AspNetCore.Diagnostics.StatusCodeContext context)
    {
        var http = context.HttpContext;
        var (type, message) = http.Response.StatusCode switch
        {
            401 => (OperationOutcome.IssueType.Login, "Sign in first: send Authorization: Bearer with a personal access token."),
            403 => (OperationOutcome.IssueType.Forbidden, "Your role does not allow this."),
            404 => (OperationOutcome.IssueType.NotFound, "There is nothing at this address."),
            405 => (OperationOutcome.IssueType.NotSupported, "This method is not supported here."),
            429 => (OperationOutcome.IssueType.Throttled, "Too many requests: wait and try again."),
            var s => (OperationOutcome.IssueType.Processing, $"The request could not be done ({s})."),
        };
        http.Response.ContentType = FhirFormat.JsonType + "; charset=utf-8";
        return http.Response.WriteAsync(FhirFormat.Write(Outcomes.One(type, message), FhirFormatKind.Json), http.RequestAborted);
    }

    private static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}/fhir";
}
