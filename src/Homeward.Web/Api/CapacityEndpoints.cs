using Homeward.Access;
using Homeward.Web.Infrastructure;
using Homeward.Capacity;
using Homeward.Web.Auth;

namespace Homeward.Web.Api;

public static class CapacityEndpoints
{
    public sealed record Response(string? Reason);

    public static void MapCapacity(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Capacity");

        group.MapGet("/capacity", async (CapacityView handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Handle(http.Actor(), ct)))
        .Needs(Right.ReadRecords)
        .WithSummary("Occupancy and free capacity today and for 14 days, per service, pathway and locality (providers: their own)");

        group.MapPut("/services/{id:guid}/capacity", async (Guid id, SetCapacity.Request request, SetCapacity handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Handle(id, request, http.Actor(), ct)))
        .Needs(Right.UpdateCapacity)
        .WithSummary("Report a service's capacity for a run of days (beds, or carer hours a day), and whether it accepts admissions")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/episodes/{id:guid}/matches", async (Guid id, bool? doubleHanded, MatchServices handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Handle(id, doubleHanded ?? false, http.Actor(), ct)))
        .NeedsForPerson(Right.ReadRecords)
        .WithSummary("Services that fit a waiting person, with 14 days of availability and the earliest start");

        group.MapPost("/episodes/{id:guid}/bookings", async (Guid id, BookCapacity.Request request, BookCapacity handler, HttpContext http, CancellationToken ct) =>
        {
            var booking = await handler.Handle(id, request, http.Actor(), ct);
            return TypedResults.Created($"/api/bookings/{booking.Id}", booking);
        })
        .NeedsForPerson(Right.BookCapacity)
        .WithSummary("Book a bed or a tapering visit pattern; offered to the provider")
        .WithDescription("Holds capacity on every day the booking needs, or none: 409 says which day is short.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/bookings/{id:guid}/accept", (Guid id, RespondToBooking handler, HttpContext http, CancellationToken ct) =>
            Answer(id, RespondToBooking.Answer.Accept, null, handler, http, ct)).Needs(Right.RespondToOffer).WithSummary("The provider accepts an offer");
        group.MapPost("/bookings/{id:guid}/decline", (Guid id, Response body, RespondToBooking handler, HttpContext http, CancellationToken ct) =>
            Answer(id, RespondToBooking.Answer.Decline, body.Reason, handler, http, ct)).Needs(Right.RespondToOffer).WithSummary("The provider declines an offer, with a reason");
        group.MapPost("/bookings/{id:guid}/cancel", (Guid id, Response body, RespondToBooking handler, HttpContext http, CancellationToken ct) =>
            Answer(id, RespondToBooking.Answer.Cancel, body.Reason, handler, http, ct)).Needs(Right.BookCapacity).WithSummary("Cancel a booking and release its capacity");

        group.MapGet("/offers", async (Offers handler, HttpContext http, CancellationToken ct) => TypedResults.Ok(await handler.Handle(http.Actor(), ct)))
            .Needs(Right.RespondToOffer)
            .WithSummary("Offers waiting for an answer (providers: at their own services)");

        group.MapGet("/waiting-list", async (Guid? serviceId, WaitingList handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Handle(serviceId, http.Actor(), ct)))
        .Needs(Right.ReadRecords)
        .WithSummary("People waiting for capacity, crisis referrals first then the longest overdue, with when care should have started (dueBy) and the expected start")
        .WithDescription(WaitingOrder.Rule);
    }

    private static async Task<IResult> Answer(Guid id, RespondToBooking.Answer answer, string? reason, RespondToBooking handler, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await handler.Handle(id, answer, reason, http.Actor(), ct));
}
