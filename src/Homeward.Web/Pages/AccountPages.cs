using System.Net;
using Homeward.Access;
using Homeward.Demo;
using Homeward.Web.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages;

/// <summary>
/// The sign-in page and a plain home page. The full web app (NHS.UK frontend, hub board, referral
/// form) is built on top of this in its own feature; these pages work without JavaScript.
/// </summary>
public static class AccountPages
{
    public static void MapAccountPages(this IEndpointRouteBuilder root)
    {
        var app = root.MapGroup("").ExcludeFromDescription();
        app.MapGet("/", (HttpContext http) =>
        {
            var actor = http.Actor();
            return Page("Homeward", $"""
                <p>Signed in as <strong>{E(actor.UserName)}</strong>, acting as <strong>{E(actor.Role.ToString())}</strong>.</p>
                <ul>
                  <li><a href="/api/reference">API reference</a> (OpenAPI document at <a href="/openapi/v1.json">/openapi/v1.json</a>)</li>
                  <li><a href="/api/referrals">Latest referrals (JSON)</a></li>
                  <li><a href="/api/episodes?status=Waiting">People waiting for capacity (JSON)</a></li>
                </ul>
                <form method="post" action="/account/logout">{Antiforgery(http)}<button type="submit">Sign out</button></form>
                """);
        });

        app.MapGet("/account/login", (HttpContext http, string? returnUrl) => LoginPage(http, returnUrl, null)).AllowAnonymous();

        app.MapPost("/account/login", async ([FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
            HttpContext http, SignInManager<HomewardUser> signIn) =>
        {
            if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrWhiteSpace(password))
                return LoginPage(http, returnUrl, "Enter your user name and your password.");
            var result = await signIn.PasswordSignInAsync(userName.Trim(), password, isPersistent: false, lockoutOnFailure: true);
            if (result.IsLockedOut)
                return LoginPage(http, returnUrl, "This account is locked after too many failed attempts. Try again in 15 minutes.");
            if (!result.Succeeded)
                return LoginPage(http, returnUrl, "The user name or password is wrong.");
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).AllowAnonymous();

        app.MapPost("/account/logout", async (SignInManager<HomewardUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        });
    }

    private static IResult LoginPage(HttpContext http, string? returnUrl, string? error) => Page("Sign in to Homeward", $"""
        {(error is null ? "" : $"<div role=\"alert\" class=\"error\"><h2>There is a problem</h2><p>{E(error)}</p></div>")}
        <form method="post" action="/account/login">
          {Antiforgery(http)}
          <input type="hidden" name="returnUrl" value="{E(IsLocal(returnUrl) ? returnUrl! : "/")}">
          <p><label for="userName">User name</label><br><input id="userName" name="userName" autocomplete="username" required></p>
          <p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
          <p><button type="submit">Sign in</button></p>
        </form>
        <h2>Demo sign-ins</h2>
        <p>Password for all: <code>{E(DemoAccounts.Password)}</code></p>
        <ul>{string.Concat(DemoAccounts.Accounts.Select(a => $"<li><code>{E(a.UserName)}</code>: {E(a.Role.ToString())}</li>"))}</ul>
        """, error is null ? 200 : 400);

    private static string Antiforgery(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken ?? "")}\">";
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static IResult Page(string title, string body, int status = 200) => Results.Content($"""
        <!DOCTYPE html>
        <html lang="en-GB">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)}</title>
        <style>body{"{"}font-family:Arial,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5{"}"}
        .error{"{"}border:4px solid #d5281b;padding:0.5rem 1rem{"}"} input{"{"}font-size:1rem;padding:0.3rem{"}"} button{"{"}font-size:1rem;padding:0.4rem 1rem{"}"}</style>
        </head>
        <body><main><h1>{E(title)}</h1>
        {body}
        </main></body></html>
        """, "text/html; charset=utf-8", statusCode: status);
}
