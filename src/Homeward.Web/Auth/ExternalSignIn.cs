using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;

namespace Homeward.Web.Auth;

/// <summary>
/// Sign-in through the partnership's identity provider (Microsoft Entra ID, NHS CIS2, Keycloak…) by OpenID Connect,
/// turned on by configuration (<c>Authentication:OpenIdConnect:Authority</c>, <c>ClientId</c>, <c>ClientSecret</c>).
/// The provider proves who someone is; Homeward still decides what they may do: the identity is matched to an existing
/// Homeward account (by the claim in <c>UserClaim</c>, email by default) with its role, organisation and profiles, and
/// someone without an account is refused. Nobody is created by signing in.
/// </summary>
public static class ExternalSignIn
{
    public const string Scheme = "oidc";

    public sealed class Settings
    {
        public string? Authority { get; set; }
        public string? ClientId { get; set; }
        public string? ClientSecret { get; set; }
        /// <summary>The words on the sign-in button: "Sign in with …".</summary>
        public string DisplayName { get; set; } = "your organisation's account";
        /// <summary>The claim matched to a Homeward user name or email.</summary>
        public string UserClaim { get; set; } = "email";
        public bool RequireHttpsMetadata { get; set; } = true;
        /// <summary><c>form_post</c> (the default) or <c>query</c>.</summary>
        public string ResponseMode { get; set; } = "form_post";
    }

    public static Settings? From(IConfiguration config) =>
        config.GetSection("Authentication:OpenIdConnect").Get<Settings>() is { Authority.Length: > 0 } settings ? settings : null;

    public static AuthenticationBuilder AddExternalSignIn(this AuthenticationBuilder builder, IConfiguration config)
    {
        if (From(config) is not { } settings)
            return builder;
        if (string.IsNullOrWhiteSpace(settings.ClientId))
            throw new InvalidOperationException("Authentication:OpenIdConnect:ClientId is needed with an Authority.");
        return builder.AddOpenIdConnect(Scheme, settings.DisplayName, o =>
        {
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            o.ResponseType = "code";
            o.ResponseMode = settings.ResponseMode;
            o.UsePkce = true;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.CallbackPath = "/signin-oidc";
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.Scope.Clear();
            foreach (var scope in new[] { "openid", "profile", "email" })
                o.Scope.Add(scope);
            o.AccessDeniedPath = "/account/login";
        });
    }
}
