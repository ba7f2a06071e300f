using Homeward.Jobs;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;

namespace Homeward.Web.Api;

/// <summary>Long work off the request path: follow a job, stop it, see the recent ones.</summary>
public static class JobEndpoints
{
    public static void MapJobs(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/jobs").WithTags("Jobs");

        group.MapGet("/", async (Jobs.Jobs jobs, HttpContext http, CancellationToken ct) => TypedResults.Ok(await jobs.Recent(http.Actor(), ct)))
            .ForAnySignedIn()
            .WithSummary("Your organisation's recent jobs (rota builds, planning runs), newest first");

        group.MapGet("/{id:guid}", async (Guid id, Jobs.Jobs jobs, HttpContext http, CancellationToken ct) =>
            {
                var job = await jobs.Get(id, http.Actor(), ct);
                // While it runs, say when to ask again.
                if (job.Active)
                    http.Response.Headers.RetryAfter = "1";
                return TypedResults.Ok(job);
            })
            .ForAnySignedIn()
            .WithSummary("A job: its status (Queued, Running, Done, Failed, Cancelled), how far it has got, and where its result is when done")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id:guid}/cancel", async (Guid id, Jobs.Jobs jobs, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await jobs.Cancel(id, http.Actor(), ct)))
            .ForAnySignedIn()
            .WithSummary("Stop a job: a queued one at once, a running one within a second or two, keeping nothing it made")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>The answer to asking for long work: 202, where to follow it, and the job.</summary>
    public static IResult Accepted(Jobs.Jobs.Requested requested) => TypedResults.Accepted($"/api/jobs/{requested.Job.Id}", requested.Job);
}
