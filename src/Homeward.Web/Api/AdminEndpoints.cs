using Homeward.Access;
using Homeward.Administration;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;

namespace Homeward.Web.Api;

/// <summary>
/// Administration of the partnership's set-up (system administrators): organisations, hospital sites, localities,
/// services and users, one by one or from a whole set-up file. Every change is audited; changes need If-Match.
/// </summary>
public static class AdminEndpoints
{
    public static void MapAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin").WithTags("Administration");

        group.MapGet("/setup", async (ReadSetup handler, HttpContext http, CancellationToken ct) => TypedResults.Ok(await handler.Handle(http.Actor(), ct)))
            .Needs(Right.Administer)
            .WithSummary("The partnership's set-up: organisations, hospital sites, localities (with how many people each holds), services and users");

        group.MapPost("/setup", async (bool? check, SetupFileBody body, ApplySetupFile handler, HttpContext http, CancellationToken ct) =>
            {
                using var reader = new StringReader(body.Yaml ?? "");
                var result = await handler.Handle(reader, http.Actor(), check ?? false, ct);
                return result.Problems.Count > 0
                    ? Results.ValidationProblem(new Dictionary<string, string[]> { ["yaml"] = [.. result.Problems] },
                        title: "The set-up file has problems: nothing was applied")
                    : Results.Ok(result);
            })
            .Needs(Right.Administer)
            .WithSummary("Apply a partnership set-up file (YAML, see docs/going-live.md), whole or not at all; ?check=true says what it would change")
            .ProducesValidationProblem();

        group.MapPut("/partnership", async (SavePartnership.Input body, SavePartnership handler, HttpContext http, CancellationToken ct) =>
                Saved(http, await handler.Handle(body, ETags.IfMatch(http.Request), http.Actor(), ct), r => r.Version, null))
            .Needs(Right.Administer)
            .WithSummary("Name the partnership and its council (If-Match once it exists)")
            .ProducesValidationProblem();

        MapRecord<SaveOrganisation.Input, SaveOrganisation.View>(group, "organisations", "an organisation (ODS code, name, kind, still a member)",
            (h, id, body, version, actor, ct) => h.GetRequiredService<SaveOrganisation>().Handle(id, body, version, actor, ct), v => v.Version, v => v.Id.ToString());
        MapRecord<SaveHospitalSite.Input, SaveHospitalSite.View>(group, "sites", "a hospital site (its trust's ODS code, site code, name, wards)",
            (h, id, body, version, actor, ct) => h.GetRequiredService<SaveHospitalSite>().Handle(id, body, version, actor, ct), v => v.Version, v => v.Id.ToString());
        MapRecord<SaveLocality.Input, SaveLocality.View>(group, "localities", "a locality (name, population, postcode areas, districts and sectors)",
            (h, id, body, version, actor, ct) => h.GetRequiredService<SaveLocality>().Handle(id, body, version, actor, ct), v => v.Version, v => v.Id.ToString());
        MapRecord<SaveService.Input, SaveService.View>(group, "services", "a service or team (who runs it, kind, pathway, localities, capacity, cost, dates)",
            (h, id, body, version, actor, ct) => h.GetRequiredService<SaveService>().Handle(id, body, version, actor, ct), v => v.Version, v => v.Id.ToString());

        group.MapPost("/users", async (SaveUser.Input body, SaveUser users, ResetPassword passwords, HttpContext http, CancellationToken ct) =>
            {
                var saved = await users.Handle(null, body, null, http.Actor(), ct);
                ETags.Set(http.Response, saved.Record.Version);
                var link = string.IsNullOrEmpty(body.Password) ? await passwords.Handle(saved.Record.Id, http.Actor(), ct) : null;
                return TypedResults.Created($"/api/admin/users/{saved.Record.Id}", new NewUser(saved.Record, link is null ? null : Link(http, link)));
            })
            .Needs(Right.Administer)
            .WithSummary("Add a user; without a password the answer holds a link for them to choose one (send it to them)")
            .ProducesValidationProblem();
        group.MapPut("/users/{id}", async (string id, SaveUser.Input body, SaveUser users, HttpContext http, CancellationToken ct) =>
                Saved(http, await users.Handle(id, body, ETags.IfMatch(http.Request), http.Actor(), ct), r => r.Version, null))
            .Needs(Right.Administer)
            .WithSummary("Change a user's name, sign-in, role, organisation and profiles (If-Match); they sign in again after a change of role")
            .ProducesValidationProblem();
        group.MapPost("/users/{id}/deactivate", async (string id, SetUserActive handler, HttpContext http, CancellationToken ct) =>
            {
                await handler.Handle(id, false, http.Actor(), ct);
                return TypedResults.NoContent();
            })
            .Needs(Right.Administer)
            .WithSummary("Deactivate a user: they cannot sign in, and their tokens and sessions stop at once");
        group.MapPost("/users/{id}/reactivate", async (string id, SetUserActive handler, HttpContext http, CancellationToken ct) =>
            {
                await handler.Handle(id, true, http.Actor(), ct);
                return TypedResults.NoContent();
            })
            .Needs(Right.Administer)
            .WithSummary("Let a deactivated user sign in again (their old tokens stay revoked)");
        group.MapPost("/users/{id}/unlock", async (string id, UnlockUser handler, HttpContext http, CancellationToken ct) =>
            {
                await handler.Handle(id, http.Actor(), ct);
                return TypedResults.NoContent();
            })
            .Needs(Right.Administer)
            .WithSummary("Unlock a user locked out by failed sign-ins");
        group.MapPost("/users/{id}/reset-password", async (string id, ResetPassword handler, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(new PasswordLink(Link(http, await handler.Handle(id, http.Actor(), ct)))))
            .Needs(Right.Administer)
            .WithSummary("Reset a user's password: the old one stops working and the answer holds a link (valid a day) for them to choose a new one");
    }

    public sealed record SetupFileBody(string? Yaml);

    public sealed record NewUser(SaveUser.View User, string? SetPasswordLink);

    public sealed record PasswordLink(string SetPasswordLink);

    private static string Link(HttpContext http, ResetPassword.Link link) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{link.Path}";

    private static IResult Saved<T>(HttpContext http, Saved<T> saved, Func<T, int> version, string? location)
    {
        ETags.Set(http.Response, version(saved.Record));
        return location is null ? Results.Ok(saved) : Results.Created(location, saved);
    }

    private delegate Task<Saved<TView>> Save<TInput, TView>(IServiceProvider services, Guid? id, TInput body, int? version, Actor actor, CancellationToken ct);

    private static void MapRecord<TInput, TView>(RouteGroupBuilder group, string path, string what, Save<TInput, TView> save, Func<TView, int> version,
        Func<TView, string> id)
    {
        group.MapPost($"/{path}", async (TInput body, HttpContext http, CancellationToken ct) =>
            {
                var saved = await save(http.RequestServices, null, body, null, http.Actor(), ct);
                return Saved(http, saved, version, $"/api/admin/{path}/{id(saved.Record)}");
            })
            .Needs(Right.Administer)
            .WithSummary($"Add {what}")
            .ProducesValidationProblem();
        group.MapPut($"/{path}/{{id:guid}}", async (Guid id, TInput body, HttpContext http, CancellationToken ct) =>
                Saved(http, await save(http.RequestServices, id, body, ETags.IfMatch(http.Request), http.Actor(), ct), version, null))
            .Needs(Right.Administer)
            .WithSummary($"Change {what} (If-Match)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }
}
