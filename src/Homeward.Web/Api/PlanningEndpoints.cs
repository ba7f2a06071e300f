using Homeward.Access;
using Homeward.Web.Infrastructure;
using System.Text;
using Homeward.Planning;
using Homeward.Simulation.Model;
using Homeward.Web.Auth;

namespace Homeward.Web.Api;

/// <summary>The demand-and-capacity simulator: today's scenario, runs of it, and saved runs to compare.</summary>
public static class PlanningEndpoints
{
    public static void MapPlanning(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/planning").WithTags("Planning");

        group.MapGet("/scenario", async (string? mode, GetLiveScenario live, HttpContext http, CancellationToken ct) =>
            Results.Text(ScenarioFile.Write(await live.Handle(mode, http.Actor(), ct)), "application/json", Encoding.UTF8))
        .Needs(Right.Plan)
        .WithSummary("Today's scenario built from the records (mode: forecast, the next 10 days, or plan, the next 26 weeks), as a scenario file")
        .WithDescription("The format is documented in docs/simulation.md; change it and post it back in a run's scenario field.")
        .ProducesValidationProblem();

        group.MapPost("/runs", async (RunPlan.Input body, RunPlanWork plans, HttpContext http, CancellationToken ct) =>
                JobEndpoints.Accepted(await plans.Request(body, http.Actor(), ct)))
        .Needs(Right.Plan)
        .Produces<Homeward.Jobs.JobView>(StatusCodes.Status202Accepted)
        .WithSummary("Run a scenario: today's (mode) or a scenario file (scenario), with demand changed (demandChange, percent) and capacity by service id")
        .WithDescription("replications: 10 to 2,000 (default 200); seed: the same seed gives the same result. Every problem of the scenario is reported at once, with its place. " +
                         "The run is a job: 202 with Location /api/jobs/{id}; runs go one at a time, and when its status is Done, resultUrl names the saved run.")
        .ProducesValidationProblem();

        group.MapGet("/runs", async (ListPlans plans, HttpContext http, CancellationToken ct) => TypedResults.Ok(await plans.Handle(http.Actor(), ct)))
            .Needs(Right.Plan)
            .WithSummary("The saved runs, newest first");

        group.MapGet("/runs/{id:guid}", async (Guid id, GetPlan plans, HttpContext http, CancellationToken ct) =>
        {
            var run = await plans.Handle(id, http.Actor(), ct);
            return TypedResults.Ok(new { run.Run, run.Result });
        })
        .Needs(Right.Plan)
        .WithSummary("A saved run: per service over the period and day by day (mean, 95% interval, percentiles), and the totals");

        group.MapGet("/runs/{id:guid}/scenario", async (Guid id, GetPlan plans, HttpContext http, CancellationToken ct) =>
        {
            var run = await plans.Handle(id, http.Actor(), ct);
            return Results.File(Encoding.UTF8.GetBytes(run.ScenarioJson), "application/json", $"scenario-{run.Run.CreatedAt:yyyyMMdd-HHmm}.json");
        })
        .Needs(Right.Plan)
        .WithSummary("The scenario a run used, as a scenario file to change and run again");

        group.MapGet("/bcf-plan", async (string? year, string? demandChange, string? capacityPlan, string? format,
                Homeward.Planning.BcfPlan.MakeCapacityDemandPlan make, HttpContext http, CancellationToken ct) =>
            {
                var plan = await make.Handle(new(year, demandChange, capacityPlan, format), http.Actor(), ct);
                var chosen = Homeward.Planning.BcfPlan.MakeCapacityDemandPlan.FormatOf(format) ?? Homeward.Returns.ReturnFormat.Json;
                if (chosen == Homeward.Returns.ReturnFormat.Json)
                    return Results.Ok(plan);
                var table = plan.ToTable();
                return Results.File(await Homeward.Returns.ReturnFiles.Bytes(table, chosen, ct), Homeward.Returns.ReturnFiles.ContentType(chosen),
                    Homeward.Returns.ReturnFiles.FileName(table, chosen));
            })
        .Needs(Right.Plan)
        .WithSummary("The Better Care Fund capacity and demand plan for a plan year (year: its first year, default the next), by month: demand, capacity and the gap in new people, for each service type, from hospital and in the community")
        .WithDescription("From the live records run on to the end of the plan year (demandChange: percent; capacityPlan: a kept capacity plan's id, else the capacity services report), simulated 200 times; format json (default), csv or xlsx (a row per source, service type and measure, a column per month).")
        .ProducesValidationProblem();

        var plans = group.MapGroup("/capacity-plans");
        plans.MapPost("/", async (Homeward.Planning.CapacityPlans.PlanCapacity.Input body, Homeward.Planning.CapacityPlans.PlanCapacityWork work, HttpContext http,
                CancellationToken ct) => JobEndpoints.Accepted(await work.Request(body, http.Actor(), ct)))
        .Needs(Right.Plan)
        .Produces<Homeward.Jobs.JobView>(StatusCodes.Status202Accepted)
        .WithSummary("Find the cheapest capacity of each service that meets a delay target with stated confidence, for today's scenario (mode) or a scenario file (scenario), with demand changed (demandChange, percent)")
        .WithDescription("target: StartWithin (value: the percentage of people who start within withinDays of being ready, default 2), DelayDays (value: the most delay days over the period) " +
                         "or TurnedAway (value: the most percentage turned away); confidence: percent, default 95. Each service's capacity is searched from its load to three times today's " +
                         "(decision 043); the plan found is confirmed on random numbers the search never used. A job: 202 with Location /api/jobs/{id}; when Done, resultUrl names the plan.")
        .ProducesValidationProblem();
        plans.MapGet("/", async (Homeward.Planning.CapacityPlans.ReadCapacityPlans read, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await read.List(http.Actor(), ct)))
        .Needs(Right.Plan)
        .WithSummary("The capacity plans kept, newest first");
        plans.MapGet("/{id:guid}", async (Guid id, Homeward.Planning.CapacityPlans.ReadCapacityPlans read, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await read.One(id, http.Actor(), ct)))
        .Needs(Right.Plan)
        .WithSummary("A capacity plan: each service's capacity today and in the plan, the cost of each over the period, the target's measure for both with its interval, and the trade-off curve of the plans tried");
    }
}
