using Microsoft.AspNetCore.Http.Features;

namespace Homeward.Web.Infrastructure;

/// <summary>
/// A form is read once, before anything else needs it, so that one too big to read (a field over the length the server
/// reads, more fields than it counts) is refused as a bad request with the reason and a line in the log, rather than
/// failing wherever it is first read (antiforgery, model binding, then the error page itself) as a 500.
/// </summary>
public static class FormLimits
{
    public static IApplicationBuilder UseFormLimits(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.HasFormContentType)
        {
            try
            {
                await http.Request.ReadFormAsync(http.RequestAborted);
            }
            catch (InvalidDataException e)
            {
                var limits = http.RequestServices.GetService<Microsoft.Extensions.Options.IOptions<FormOptions>>()?.Value ?? new FormOptions();
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FormLimits))
                    .LogWarning("Refused a form too large to read on {Path} ({CorrelationId}): {Reason}", http.Request.Path, http.TraceIdentifier, e.Message);
                // The form is unreadable: nothing downstream may try again (the error page binds from the route only).
                http.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
                throw new BadHttpRequestException(
                    $"The form is too large: a form may hold at most {limits.ValueCountLimit:N0} fields, each at most {limits.ValueLengthLimit / (1024 * 1024):N0} MB. Go back and shorten what you entered.",
                    StatusCodes.Status400BadRequest, e);
            }
        }
        await next(http);
    });
}
