using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Homeward.Web.Infrastructure;

/// <summary>
/// The NHS.UK frontend's stylesheet loads the Frutiger web fonts from assets.nhs.uk, which a partnership's network often
/// cannot reach (every page then waits for them, about 5 s, before it shows its text). The fonts are licensed to the NHS
/// and cannot be served from here, so by default pages use the frontend's stylesheet without its <c>@font-face</c> rules
/// and fall back to the font stack it names after Frutiger (Arial, then the system's sans-serif): nothing is fetched
/// from outside. <c>Frontend:WebFonts=true</c> uses the stylesheet as published, fonts and all.
/// </summary>
public sealed partial class FrontendStyles
{
    public const string LocalPath = "/lib/nhsuk/nhsuk-frontend.local.css";
    public const string PublishedPath = "/lib/nhsuk/nhsuk-frontend.min.css";

    public bool WebFonts { get; }
    public string StylesheetPath => WebFonts ? PublishedPath : LocalPath;
    private readonly Lazy<(byte[] Css, string ETag)> _local;

    public FrontendStyles(IConfiguration config, IWebHostEnvironment environment)
    {
        WebFonts = config.GetValue("Frontend:WebFonts", false);
        _local = new(() =>
        {
            var published = environment.WebRootFileProvider.GetFileInfo(PublishedPath.TrimStart('/'));
            using var stream = published.CreateReadStream();
            using var reader = new StreamReader(stream);
            var css = Encoding.UTF8.GetBytes(FontFaces().Replace(reader.ReadToEnd(), ""));
            return (css, $"\"{Convert.ToHexString(SHA256.HashData(css))[..16]}\"");
        });
    }

    /// <summary>Serves the stylesheet without its web fonts (made once, cached by the browser by its ETag).</summary>
    public IResult Local(HttpContext http)
    {
        var (css, etag) = _local.Value;
        if (http.Request.Headers.IfNoneMatch == etag)
            return Results.StatusCode(StatusCodes.Status304NotModified);
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Bytes(css, "text/css; charset=utf-8");
    }

    [GeneratedRegex("@font-face\\s*\\{[^}]*\\}", RegexOptions.CultureInvariant)]
    private static partial Regex FontFaces();
}
