using Homeward.Audit;
using Homeward.People;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;

namespace Homeward.Web.Api;

public static class PeopleEndpoints
{
    public static void MapPeople(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/people").WithTags("People");

        group.MapGet("/{id:guid}", async (Guid id, GetPerson handler, HttpContext http, CancellationToken ct) =>
        {
            var person = await handler.Handle(id, http.Actor(), ct);
            ETags.Set(http.Response, person.Version);
            return TypedResults.Ok(person);
        })
        .WithSummary("Read a person's record");

        group.MapGet("/by-nhs-number/{nhsNumber}", async (string nhsNumber, GetPerson handler, HttpContext http, CancellationToken ct) =>
        {
            var person = await handler.ByNhsNumber(nhsNumber, http.Actor(), ct);
            ETags.Set(http.Response, person.Version);
            return TypedResults.Ok(person);
        })
        .WithSummary("Find a person by NHS number");

        app.MapGet("/api/audit", async ([AsParameters] ReadAudit.Query query, ReadAudit handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Handle(query, http.Actor(), ct)))
        .WithTags("Audit")
        .WithSummary("The audit trail (managers), newest first, by person or user");
    }
}
