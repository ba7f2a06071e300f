using System.Security.Claims;
using Homeward.YourCare;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Homeward.Web.Auth;

/// <summary>
/// The sign-in of the public to "Your care": a cookie of its own (<c>homeward-public</c>), apart from staff sign-in, so a
/// person or family member is never a staff user and no staff page or API accepts it. It holds only what was proved (the
/// e-mail address or mobile number that received a code, or NHS login's NHS number and e-mail); whose care that shows is
/// worked out again on every page (<see cref="PublicAccess"/>). It lasts 30 minutes from the last page.
/// </summary>
public static class PublicSession
{
    public const string Scheme = "Public";
    private const string Method = "method", Email = "email", Mobile = "mobile", NhsNumber = "nhs_number";

    public static AuthenticationBuilder AddPublicSession(this AuthenticationBuilder builder) =>
        builder.AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "homeward-public";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.Path = "/your-care";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            o.LoginPath = "/your-care";
            o.AccessDeniedPath = "/your-care";
        });

    public static ClaimsPrincipal Principal(PublicIdentity identity)
    {
        var claims = new List<Claim> { new(Method, identity.Method.ToString()) };
        if (identity.Email is { } email)
            claims.Add(new Claim(Email, email));
        if (identity.MobilePhone is { } mobile)
            claims.Add(new Claim(Mobile, mobile));
        if (identity.NhsNumber is { } nhs)
            claims.Add(new Claim(NhsNumber, nhs));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, Method, null));
    }

    public static Task SignIn(HttpContext http, PublicIdentity identity) =>
        http.SignInAsync(Scheme, Principal(identity), new AuthenticationProperties { IsPersistent = false });

    public static Task SignOut(HttpContext http) => http.SignOutAsync(Scheme);

    /// <summary>Who is signed in to "Your care" on this request, or null.</summary>
    public static async Task<PublicIdentity?> Current(HttpContext http)
    {
        var result = await http.AuthenticateAsync(Scheme);
        if (!result.Succeeded || result.Principal.FindFirstValue(Method) is not { } method || !Enum.TryParse<PublicSignInMethod>(method, out var m))
            return null;
        return new PublicIdentity(m, result.Principal.FindFirstValue(Email), result.Principal.FindFirstValue(Mobile), result.Principal.FindFirstValue(NhsNumber));
    }
}
