namespace Homeward.Web.Infrastructure;

/// <summary>
/// Headers every response carries (OWASP ASVS 14.4): no MIME sniffing, no framing, no referrer beyond the site, no
/// powerful browser features, and a Content Security Policy that allows only the site's own scripts, styles and
/// images (the pages have no inline script or style), and, only where the partnership turns the NHS web fonts on
/// (<see cref="FrontendStyles"/>), the Frutiger fonts from assets.nhs.uk. The API reference page, which loads its own
/// viewer, is the one exception to the CSP.
/// </summary>
public static class SecurityHeaders
{
    public static string Policy(bool webFonts) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'" + (webFonts ? " https://assets.nhs.uk" : "")
        + "; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, bool webFonts) =>
        app.Use(async (http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                // A carer's round may ask where the phone is at check-in (only the distance from the home is kept).
                headers["Permissions-Policy"] = http.Request.Path.StartsWithSegments("/my-day")
                    ? "camera=(), microphone=(), geolocation=(self), payment=(), usb=()"
                    : "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                if (!http.Request.Path.StartsWithSegments("/api/reference"))
                    headers.ContentSecurityPolicy = Policy(webFonts);
                return Task.CompletedTask;
            });
            await next();
        });
}
