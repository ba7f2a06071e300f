using Homeward.Web.Infrastructure;
using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Homeward.Web.Auth;
using Microsoft.AspNetCore.Identity;

namespace Homeward.Web.Api;

public static class AuthEndpoints
{
    /// <param name="Role">For a user with several profiles, the role the token acts in (their own when not given).</param>
    /// <param name="Organisation">With <paramref name="Role"/>, the organisation (ODS code or id), when the user holds that role in several.</param>
    public sealed record TokenRequest(string? UserName, string? Password, string? Name, int? Days, string? Role = null, string? Organisation = null);

    public sealed record TokenResponse(string Token, string TokenType, DateTimeOffset ExpiresAt, string UserName, Role Role, Guid OrganisationId);

    public sealed record Me(string UserId, string UserName, string DisplayName, Role Role, Guid OrganisationId, string OrganisationName, IReadOnlyList<Right> Rights,
        IReadOnlyList<RoleProfiles.Profile> Profiles);

    public static void MapAuth(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/tokens", async (TokenRequest request, DemoPassword demo, UserManager<HomewardUser> users, RoleProfiles profiles, HomewardDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var problems = new Problems();
            var userName = problems.Required("userName", request.UserName, 256, "your user name");
            var password = problems.Required("password", request.Password, 256, "your password");
            var name = problems.Optional("name", request.Name, 100, "the token's name") ?? "API token";
            if (request.Days is < 1 or > 90)
                problems.Add("days", "A token lasts between 1 and 90 days.");
            var role = problems.Enum<Role>("role", request.Role, "role", required: false);
            if (role is null && !string.IsNullOrWhiteSpace(request.Organisation))
                problems.Add("role", "Name the role to act in at that organisation.");
            problems.ThrowIfAny();

            var user = await users.FindByNameAsync(userName);
            if (user is null || !user.Active || await users.IsLockedOutAsync(user) || !await users.CheckPasswordAsync(user, password)
                || demo.Refused(password))
            {
                if (user is not null)
                    await users.AccessFailedAsync(user);
                return Results.Problem(statusCode: 401, title: "Sign-in failed", detail: "The user name or password is wrong, or the account is locked.");
            }
            await users.ResetAccessFailedCountAsync(user);
            user.LastSignInAt = clock.GetUtcNow();
            await users.UpdateAsync(user);
            RoleProfiles.Profile? profile = null;
            if (role is { } wanted)
            {
                // Asked only after the password is right, so the answer reveals nothing to a guesser.
                profile = await profiles.Find(user.Id, wanted, request.Organisation, ct);
                if (profile is null)
                    throw Homeward.Common.ValidationFailedException.For("role", "You do not act in that role" + (string.IsNullOrWhiteSpace(request.Organisation) ? "" : " at that organisation")
                        + ": choose one of " + string.Join("; ", (await profiles.Of(user.Id, ct)).Select(p => $"{p.Role} at {p.OdsCode}")) + ".");
            }

            var (token, hash) = ApiTokens.NewToken();
            var now = clock.GetUtcNow();
            var expires = now.AddDays(request.Days ?? 30);
            db.ApiTokens.Add(new ApiToken { UserId = user.Id, Name = name, Hash = hash, CreatedAt = now, ExpiresAt = expires, Role = profile?.Role, OrganisationId = profile?.OrganisationId });
            await db.SaveChangesAsync(ct);
            return Results.Ok(new TokenResponse(token, "Bearer", expires, user.UserName!, profile?.Role ?? user.Role, profile?.OrganisationId ?? user.OrganisationId));
        })
        .ForEveryone()
        .LimitedAsSignIn()
        .WithTags("Sign-in")
        .WithSummary("Create a personal access token")
        .WithDescription("Send a user name and password; use the token as 'Authorization: Bearer TOKEN'. It is shown once and stored hashed. A user with several profiles names the role (and organisation) the token acts in; their own otherwise.")
        .Produces<TokenResponse>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized);

        app.MapGet("/api/me", async (HttpContext http, UserManager<HomewardUser> users, RoleProfiles profiles, HomewardDb db, CancellationToken ct) =>
        {
            var actor = http.Actor();
            var user = await users.FindByIdAsync(actor.UserId);
            var organisation = await db.Organisations.FindAsync([actor.OrganisationId], ct);
            return TypedResults.Ok(new Me(actor.UserId, actor.UserName, user?.DisplayName ?? actor.UserName, actor.Role,
                actor.OrganisationId, organisation?.Name ?? "", Rights.Of(actor.Role), await profiles.Of(actor.UserId, ct)));
        })
        .WithTags("Sign-in")
        .ForAnySignedIn()
        .WithSummary("Who am I: the signed-in user, the role and organisation acting in, its rights, and every profile the user may act in");
    }
}
