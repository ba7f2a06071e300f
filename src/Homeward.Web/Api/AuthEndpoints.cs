using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Homeward.Web.Auth;
using Microsoft.AspNetCore.Identity;

namespace Homeward.Web.Api;

public static class AuthEndpoints
{
    public sealed record TokenRequest(string? UserName, string? Password, string? Name, int? Days);

    public sealed record TokenResponse(string Token, string TokenType, DateTimeOffset ExpiresAt, string UserName, Role Role, Guid OrganisationId);

    public sealed record Me(string UserId, string UserName, string DisplayName, Role Role, Guid OrganisationId, string OrganisationName, IReadOnlyList<Right> Rights);

    public static void MapAuth(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/tokens", async (TokenRequest request, UserManager<HomewardUser> users, HomewardDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var problems = new Problems();
            var userName = problems.Required("userName", request.UserName, 256, "your user name");
            var password = problems.Required("password", request.Password, 256, "your password");
            var name = problems.Optional("name", request.Name, 100, "the token's name") ?? "API token";
            if (request.Days is < 1 or > 90)
                problems.Add("days", "A token lasts between 1 and 90 days.");
            problems.ThrowIfAny();

            var user = await users.FindByNameAsync(userName);
            if (user is null || await users.IsLockedOutAsync(user) || !await users.CheckPasswordAsync(user, password))
            {
                if (user is not null)
                    await users.AccessFailedAsync(user);
                return Results.Problem(statusCode: 401, title: "Sign-in failed", detail: "The user name or password is wrong, or the account is locked.");
            }
            await users.ResetAccessFailedCountAsync(user);

            var (token, hash) = ApiTokens.NewToken();
            var now = clock.GetUtcNow();
            var expires = now.AddDays(request.Days ?? 30);
            db.ApiTokens.Add(new ApiToken { UserId = user.Id, Name = name, Hash = hash, CreatedAt = now, ExpiresAt = expires });
            await db.SaveChangesAsync(ct);
            return Results.Ok(new TokenResponse(token, "Bearer", expires, user.UserName!, user.Role, user.OrganisationId));
        })
        .AllowAnonymous()
        .RequireRateLimiting(Infrastructure.SignInLimits.Policy)
        .WithTags("Sign-in")
        .WithSummary("Create a personal access token")
        .WithDescription("Send a user name and password; use the token as 'Authorization: Bearer TOKEN'. It is shown once and stored hashed.")
        .Produces<TokenResponse>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized);

        app.MapGet("/api/me", async (HttpContext http, UserManager<HomewardUser> users, HomewardDb db, CancellationToken ct) =>
        {
            var actor = http.Actor();
            var user = await users.FindByIdAsync(actor.UserId);
            var organisation = await db.Organisations.FindAsync([actor.OrganisationId], ct);
            return TypedResults.Ok(new Me(actor.UserId, actor.UserName, user?.DisplayName ?? actor.UserName, actor.Role,
                actor.OrganisationId, organisation?.Name ?? "", Rights.Of(actor.Role)));
        })
        .WithTags("Sign-in")
        .WithSummary("Who am I: the signed-in user, role, organisation and rights");
    }
}
