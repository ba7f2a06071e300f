using System.Security.Claims;
using System.Security.Cryptography;
using Homeward.YourCare;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Homeward.Web.Auth;

/// <summary>
/// Sign-in to "Your care" with NHS login (OpenID Connect), turned on by <c>Authentication:NhsLogin:Authority</c> and
/// <c>ClientId</c>. NHS login authenticates clients by <c>private_key_jwt</c>: a client assertion signed (RS512) with the
/// partnership's private key (<c>PrivateKeyPath</c>, PEM), whose public half NHS login holds; a <c>ClientSecret</c> is
/// used instead only where a provider takes one. The vectors of trust asked for (<c>Vtr</c>) default to P9 or P5. The NHS
/// number is taken only from an identity verified to P9 (<c>identity_proofing_level</c>); the e-mail from any, and it
/// finds only the family access recorded for that address.
/// </summary>
public static class NhsLogin
{
    public const string Scheme = "nhslogin";
    public const string CallbackPath = "/your-care/signin-nhslogin";

    public sealed class Settings
    {
        public string? Authority { get; set; }
        public string? ClientId { get; set; }
        public string? ClientSecret { get; set; }
        /// <summary>The PEM file of the private key NHS login knows the public half of.</summary>
        public string? PrivateKeyPath { get; set; }
        public string Vtr { get; set; } = """["P9.Cp.Cd","P9.Cp.Ck","P9.Cm","P5.Cp.Cd","P5.Cp.Ck","P5.Cm"]""";
        public string Scopes { get; set; } = "openid profile email phone";
        public bool RequireHttpsMetadata { get; set; } = true;
    }

    public static Settings? From(IConfiguration config) =>
        config.GetSection("Authentication:NhsLogin").Get<Settings>() is { Authority.Length: > 0 } settings ? settings : null;

    public static AuthenticationBuilder AddNhsLogin(this AuthenticationBuilder builder, IConfiguration config)
    {
        if (From(config) is not { } settings)
            return builder;
        if (string.IsNullOrWhiteSpace(settings.ClientId))
            throw new InvalidOperationException("Authentication:NhsLogin:ClientId is needed with an Authority.");
        if (string.IsNullOrWhiteSpace(settings.PrivateKeyPath) && string.IsNullOrWhiteSpace(settings.ClientSecret))
            throw new InvalidOperationException("Authentication:NhsLogin needs PrivateKeyPath (NHS login's private_key_jwt) or a ClientSecret.");
        var key = string.IsNullOrWhiteSpace(settings.PrivateKeyPath) ? null : PrivateKey(settings.PrivateKeyPath);
        return builder.AddOpenIdConnect(Scheme, "NHS login", o =>
        {
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = key is null ? settings.ClientSecret : null;
            o.ResponseType = "code";
            o.ResponseMode = "query";
            o.UsePkce = true;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            o.SignInScheme = PublicSession.Scheme;
            o.CallbackPath = CallbackPath;
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            o.Scope.Clear();
            foreach (var scope in settings.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                o.Scope.Add(scope);
            o.AccessDeniedPath = "/your-care";
            o.Events.OnRedirectToIdentityProvider = context =>
            {
                context.ProtocolMessage.SetParameter("vtr", settings.Vtr);
                return Task.CompletedTask;
            };
            o.Events.OnAuthorizationCodeReceived = async context =>
            {
                if (key is null || context.TokenEndpointRequest is not { } request)
                    return;
                // The audience is the token endpoint, from the provider's discovery document (the handler has it cached).
                var discovered = context.Options.Configuration
                                 ?? await context.Options.ConfigurationManager!.GetConfigurationAsync(context.HttpContext.RequestAborted);
                request.ClientSecret = null;
                request.ClientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
                request.ClientAssertion = Assertion(settings.ClientId, discovered.TokenEndpoint, key,
                    context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
            };
            // What is kept in the public cookie is what NHS login proved, no more.
            o.Events.OnTokenValidated = context =>
            {
                var principal = context.Principal!;
                var verified = principal.FindFirstValue("identity_proofing_level") == "P9";
                var identity = new PublicIdentity(PublicSignInMethod.NhsLogin, principal.FindFirstValue("email"), null,
                    verified ? principal.FindFirstValue("nhs_number") : null);
                context.Principal = PublicSession.Principal(identity);
                context.Properties!.RedirectUri = "/your-care";
                return Task.CompletedTask;
            };
            o.Events.OnRemoteFailure = context =>
            {
                context.HandleResponse();
                context.Response.Redirect("/your-care?failed=nhslogin");
                return Task.CompletedTask;
            };
        });
    }

    private static RsaSecurityKey PrivateKey(string path)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(path));
        return new RsaSecurityKey(rsa);
    }

    /// <summary>The client assertion NHS login asks for: iss and sub the client id, aud the token endpoint, a jti, five minutes' life, RS512.</summary>
    public static string Assertion(string clientId, string? audience, SecurityKey key, DateTimeOffset now)
    {
        var utc = DateTime.SpecifyKind(now.ToUniversalTime().DateTime, DateTimeKind.Utc);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = audience,
            IssuedAt = utc,
            NotBefore = utc,
            Expires = utc.AddMinutes(5),
            Subject = new ClaimsIdentity([new Claim("sub", clientId), new Claim("jti", Guid.NewGuid().ToString())]),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha512),
        });
    }
}
