using Homeward.Access;
using Homeward.Rotas;
using Homeward.Rotas.Adjust;
using Homeward.Rotas.Availability;
using Homeward.Rotas.Urgent;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;

namespace Homeward.Web.Api;

/// <summary>Teams' daily visit rotas: build with the optimiser, read, move a visit, publish; and a carer's own day.</summary>
public static class RotaEndpoints
{
    public sealed record BuildInput(string? ServiceId, string? Date);

    public static void MapRotas(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/rotas").WithTags("Rotas");

        group.MapGet("/teams", async (TeamRotas rotas, HttpContext http, CancellationToken ct) => TypedResults.Ok(await rotas.Teams(http.Actor(), ct)))
            .Needs(Right.PlanRota)
            .WithSummary("The teams with carer hours you may plan, with how many carers each has");

        group.MapGet("/", async (string? serviceId, string? date, TeamRotas rotas, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await rotas.List(serviceId, date, http.Actor(), ct)))
            .Needs(Right.PlanRota)
            .WithSummary("Rotas built, latest day first (filter by team and day)")
            .ProducesValidationProblem();

        group.MapPost("/", async (BuildInput body, BuildRotaWork build, HttpContext http, CancellationToken ct) =>
                JobEndpoints.Accepted(await build.Request(body.ServiceId, body.Date, http.Actor(), ct)))
        .Needs(Right.PlanRota)
        .WithSummary("Build a draft rota for a team's day (today up to 14 days ahead) with the optimiser, as a job")
        .WithDescription("Plans the day's visits of people booked to the team across its carers on shift. A new build replaces the team's draft for that day. " +
                         "Answers 202 with the job (Location: /api/jobs/{id}); follow it until its status is Done, when resultUrl names the rota. " +
                         "Asking again while a build for the same team and day is queued or running answers that job.")
        .Produces<Homeward.Jobs.JobView>(StatusCodes.Status202Accepted)
        .ProducesValidationProblem();

        group.MapGet("/mine", async (string? date, Homeward.Rounds.GetMyRound round, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await round.Handle(date, http.Actor(), ct)))
            .Needs(Right.ReadRecords)
            .WithSummary("The signed-in carer's round on a day (today by default), from the team's published rota, with what they recorded that did not fit")
            .ProducesValidationProblem();

        group.MapPost("/mine/confirm", async (string? date, Homeward.Rounds.AcknowledgeRound handler, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(date, http.Actor(), ct)))
            .Needs(Right.ReadRecords)
            .WithSummary("The carer confirms they have seen their round for a day (today by default) as it now is")
            .WithDescription("A later change to the round (a visit added, taken off, re-timed or cancelled) shows on the round and on the rota as changed since confirmed, until the carer confirms again.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/mine/actions", async (Homeward.Rounds.PhoneAction.Batch body, Homeward.Rounds.RecordAtTheDoor handler, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(body.Actions, http.Actor(), ct)))
            .Needs(Right.RecordCare)
            .WithSummary("What the carer did at their visits, in the order they did it: check in, check out, could not visit")
            .WithDescription("Each action carries the id the phone made for it: a resend is answered with the first outcome (repeat: true) and " +
                             "never applied twice. An action that no longer fits the visit (moved, cancelled, already recorded) is a conflict: kept, " +
                             "answered with a message, and put in front of the hub. The location, when sent, is kept only as the distance from the home.")
            .ProducesValidationProblem();

        group.MapGet("/{id:guid}", async (Guid id, TeamRotas rotas, HttpContext http, CancellationToken ct) =>
        {
            var rota = await rotas.Get(id, http.Actor(), ct);
            ETags.Set(http.Response, rota.Rota.Version);
            return TypedResults.Ok(rota);
        })
        .Needs(Right.PlanRota)
        .WithSummary("A rota: its figures, each carer's round (times in minutes from midnight), and what could not be planned and why");

        group.MapPost("/{id:guid}/moves", async (Guid id, MoveVisit.Input body, MoveVisit move, HttpContext http, CancellationToken ct) =>
        {
            var rota = await move.Handle(id, body, ETags.IfMatch(http.Request), http.Actor(), ct);
            ETags.Set(http.Response, rota.Version);
            return TypedResults.Ok(rota);
        })
        .Needs(Right.PlanRota)
        .WithSummary("Move a visit (second: the second carer of a double-handed one) to another carer working that day, and re-time the draft")
        .WithDescription("Needs If-Match with the rota's version. position: where in the carer's round, from 0 (as who-could-take answers); without it, in order of the visit's window. " +
                         "Refused with the reasons when the change breaks a rule (a shift overrun, a visit past its latest start, one carer twice on a double-handed visit); " +
                         "on today's draft, what has started stays where it is.")
        .ProducesValidationProblem();

        group.MapPost("/{id:guid}/swaps", async (Guid id, SwapVisits.Input body, SwapVisits swap, HttpContext http, CancellationToken ct) =>
        {
            var rota = await swap.Handle(id, body, ETags.IfMatch(http.Request), http.Actor(), ct);
            ETags.Set(http.Response, rota.Version);
            return TypedResults.Ok(rota);
        })
        .Needs(Right.PlanRota)
        .WithSummary("Swap two planned visits of a draft (first, other: a visit's id, or id/2 for a second carer): each takes the other's carer and place")
        .WithDescription("Needs If-Match with the rota's version. Refused with the reasons when the swap breaks a rule.")
        .ProducesValidationProblem();

        group.MapGet("/{id:guid}/who-could-take", async (Guid id, string? visitId, bool? second, WhoCouldTake who, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await who.Handle(id, visitId, second ?? false, http.Actor(), ct)))
            .Needs(Right.PlanRota)
            .WithSummary("For a visit of a draft: every other carer working that day, with the best place in their round and what it costs, the cheapest first")
            .WithDescription("extraKm and extraLateMinutes are what the whole rota gains (negative: saves); knows: the person knows the carer; whyNot: why a carer cannot take it. " +
                             "Move the visit to a choice with POST moves and its position.")
            .ProducesValidationProblem();

        group.MapPost("/{id:guid}/publish", async (Guid id, PublishRota publish, HttpContext http, CancellationToken ct) =>
        {
            var rota = await publish.Handle(id, ETags.IfMatch(http.Request), http.Actor(), ct);
            ETags.Set(http.Response, rota.Version);
            return TypedResults.Ok(rota);
        })
        .Needs(Right.PlanRota)
        .WithSummary("Publish a draft rota (needs If-Match): carers see their rounds; an earlier published rota for the team and day is superseded");

        group.MapPost("/{id:guid}/replan", async (Guid id, ReplanToday replan, HttpContext http, CancellationToken ct) =>
        {
            var result = await replan.Handle(id, ETags.IfMatch(http.Request), http.Actor(), ct);
            ETags.Set(http.Response, result.Rota.Version);
            return TypedResults.Created($"/api/rotas/{result.Rota.Id}", result);
        })
        .Needs(Right.PlanRota)
        .WithSummary("Re-plan the rest of today after a carer went off sick or their hours changed: a new draft, to review and publish")
        .WithDescription("Needs If-Match with today's published rota's version. What has started stays; the visits a carer can no longer make go, in order of their window, " +
                         "to whoever adds least without breaking a rule; every other visit keeps its carer and order. 409 when nothing needs re-planning.")
        .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/{id:guid}/urgent-candidates", async (Guid id, UrgentCandidates candidates, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await candidates.Handle(id, http.Actor(), ct)))
            .Needs(Right.PlanRota)
            .WithSummary("The people booked to the rota's team today, who can be given an urgent visit");

        group.MapPost("/{id:guid}/urgent", async (Guid id, AddUrgentVisit.UrgentInput body, AddUrgentVisit urgent, HttpContext http, CancellationToken ct) =>
        {
            var result = await urgent.Handle(id, body, ETags.IfMatch(http.Request), http.Actor(), ct);
            ETags.Set(http.Response, result.Rota.Version);
            return TypedResults.Ok(result);
        })
        .Needs(Right.PlanRota)
        .WithSummary("Add an urgent visit (within 2 hours from now) to today's published rota, changing as little as possible")
        .WithDescription("Needs If-Match with the rota's version. Every other visit keeps its carer and order, and what has started keeps its time; the visit goes where it adds least. 409 when no carer can reach the person in time: nothing changes.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/carers/{id:guid}/availability", async (Guid id, ListAvailability list, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await list.Handle(id, http.Actor(), ct)))
            .Needs(Right.PlanRota)
            .WithSummary("A carer's leave, sickness, training and changed hours, from 90 days ago on (withdrawn ones marked)");

        group.MapPost("/carers/{id:guid}/availability", async (Guid id, RecordAvailability.Input body, RecordAvailability record, HttpContext http, CancellationToken ct) =>
        {
            var change = await record.Handle(id, body, http.Actor(), ct);
            return TypedResults.Created($"/api/rotas/carers/{id}/availability", change);
        })
        .Needs(Right.PlanRota)
        .WithSummary("Record a carer's leave, sickness, training or changed hours for a run of days")
        .WithDescription("kind: Leave, Sickness, Training or ChangedHours; from and to as YYYY-MM-DD (to defaults to from); fromTime (HH:mm, absences only): away from this time " +
                         "on the first day; shiftStart and shiftEnd (changed hours only). Rotas built after are planned by it; today's published rota shows who can no longer " +
                         "make their visits, to re-plan. An absence overlapping one recorded is refused.")
        .ProducesValidationProblem();

        group.MapPost("/carers/{id:guid}/availability/{changeId:guid}/withdraw", async (Guid id, Guid changeId, WithdrawAvailability withdraw, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await withdraw.Handle(id, changeId, http.Actor(), ct)))
            .Needs(Right.PlanRota)
            .WithSummary("Withdraw a change recorded by mistake (kept, marked withdrawn)")
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/teams/{id:guid}/carers", async (Guid id, Homeward.Rotas.Carers.ListCarers carers, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await carers.Handle(id, http.Actor(), ct)))
            .Needs(Right.PlanRota)
            .WithSummary("A team's carers: skills, where their day starts, shift, break, days, sign-in, and whether they still work for the team");

        group.MapPost("/teams/{id:guid}/carers", async (Guid id, Homeward.Rotas.Carers.CarerInput body, Homeward.Rotas.Carers.AddCarer carers, HttpContext http, CancellationToken ct) =>
        {
            var carer = await carers.Handle(id, body, http.Actor(), ct);
            ETags.Set(http.Response, carer.Version);
            return TypedResults.Created($"/api/rotas/carers/{carer.Id}", carer);
        })
        .Needs(Right.PlanRota)
        .WithSummary("Add a carer to a team")
        .WithDescription("Skills from the list (medication, moving and handling, …); postcode where the day starts (must be in the postcode directory); shift and break window as HH:mm; days as day names.")
        .ProducesValidationProblem();

        group.MapGet("/carers/{id:guid}", async (Guid id, Homeward.Rotas.Carers.GetCarer carers, HttpContext http, CancellationToken ct) =>
        {
            var carer = await carers.Handle(id, http.Actor(), ct);
            ETags.Set(http.Response, carer.Version);
            return TypedResults.Ok(carer);
        })
        .Needs(Right.PlanRota)
        .WithSummary("One carer");

        group.MapPut("/carers/{id:guid}", async (Guid id, Homeward.Rotas.Carers.CarerInput body, Homeward.Rotas.Carers.ChangeCarer carers, HttpContext http, CancellationToken ct) =>
        {
            var carer = await carers.Handle(id, body, ETags.IfMatch(http.Request), http.Actor(), ct);
            ETags.Set(http.Response, carer.Version);
            return TypedResults.Ok(carer);
        })
        .Needs(Right.PlanRota)
        .WithSummary("Change a carer (needs If-Match): every field as for adding; active false when they leave the team")
        .ProducesValidationProblem();
    }
}
