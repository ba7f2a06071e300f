using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
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
/// A small OpenID Connect provider on a real port, for the sign-in tests: discovery, keys, an authorize endpoint that
/// signs in <see cref="SignedInAs"/> at once (no login page) and a token endpoint that returns an RS256 id_token with the
/// nonce the client sent. It speaks the protocol for real, so the app's OpenID Connect handler is tested unchanged.
/// </summary>
public sealed class FakeIdentityProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key" };
    private readonly ConcurrentDictionary<string, (string Nonce, string Email, string ClientId)> _codes = new();

    public string Authority { get; private set; } = "";
    public string ClientId => "homeward-test";
    public string ClientSecret => "homeward-test-secret";

    /// <summary>The email of whoever "signs in" at the provider next.</summary>
    public string SignedInAs { get; set; } = "hub@demo.homeward";

    /// <summary>More claims for the id_token of whoever signs in next (NHS login's nhs_number, identity_proofing_level).</summary>
    public Dictionary<string, string> ExtraClaims { get; } = [];

    /// <summary>Every token request as it came (the client's authentication included), oldest first.</summary>
    public ConcurrentQueue<Dictionary<string, string>> TokenRequests { get; } = new();

    /// <summary>Every authorization request's query, oldest first.</summary>
    public ConcurrentQueue<Dictionary<string, string>> AuthorizeRequests { get; } = new();

    /// <summary>The address the token endpoint is at (a client assertion's audience).</summary>
    public string TokenEndpoint => $"{Authority}/token";

    private FakeIdentityProvider(WebApplication app) => _app = app;

    public static async Task<FakeIdentityProvider> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var provider = new FakeIdentityProvider(builder.Build());
        provider.Map();
        await provider._app.StartAsync();
        provider.Authority = provider._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return provider;
    }

    private void Map()
    {
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["authorization_endpoint"] = $"{Authority}/authorize",
            ["token_endpoint"] = $"{Authority}/token",
            ["jwks_uri"] = $"{Authority}/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "query", "form_post" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["scopes_supported"] = new[] { "openid", "profile", "email" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
        }));
        _app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(_key);
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } });
        });
        _app.MapGet("/authorize", (HttpRequest request) =>
        {
            var q = request.Query;
            AuthorizeRequests.Enqueue(q.ToDictionary(x => x.Key, x => x.Value.ToString()));
            var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            _codes[code] = (q["nonce"].ToString(), SignedInAs, q["client_id"].ToString());
            var redirect = q["redirect_uri"].ToString();
            var state = q["state"].ToString();
            if (q["response_mode"] == "form_post")
                return Results.Content($"""
                    <html><body><form method="post" action="{redirect}">
                    <input type="hidden" name="code" value="{code}"><input type="hidden" name="state" value="{System.Net.WebUtility.HtmlEncode(state)}">
                    </form></body></html>
                    """, "text/html");
            return Results.Redirect($"{redirect}?code={code}&state={Uri.EscapeDataString(state)}");
        });
        _app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            TokenRequests.Enqueue(form.ToDictionary(f => f.Key, f => f.Value.ToString()));
            if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var grant))
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            var now = DateTime.UtcNow;
            var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = Authority,
                Audience = grant.ClientId,
                IssuedAt = now,
                NotBefore = now,
                Expires = now.AddMinutes(5),
                Subject = new ClaimsIdentity([new Claim("sub", grant.Email), new Claim("email", grant.Email), new Claim("nonce", grant.Nonce),
                    .. ExtraClaims.Select(c => new Claim(c.Key, c.Value))]),
                SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
            });
            return Results.Json(new { access_token = "not-used", token_type = "Bearer", expires_in = 300, id_token = idToken });
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
