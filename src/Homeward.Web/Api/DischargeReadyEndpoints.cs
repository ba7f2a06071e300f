using Homeward.Access;
using Homeward.DischargeReady;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;

namespace Homeward.Web.Api;

public static class DischargeReadyEndpoints
{
    /// <summary>A day's list is a few hundred lines: a megabyte is far more than any trust sends.</summary>
    private const int MostBytes = 1 << 20;

    public static void MapDischargeReady(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/discharge-ready", async (HttpRequest request, ImportReadyList handler, HttpContext http, CancellationToken ct) =>
        {
            if (request.ContentType is not { } type || !(type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) || type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase)))
                return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the list as CSV",
                    detail: "Send the discharge-ready list as the request body with Content-Type: text/csv.");
            if (request.ContentLength > MostBytes)
                return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The list is too large",
                    detail: $"A discharge-ready list is at most {MostBytes / 1024} KiB: send the day's list.");
            using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
            var buffer = new char[MostBytes + 1];
            var read = await reader.ReadBlockAsync(buffer, ct);
            if (read > MostBytes)
                return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The list is too large",
                    detail: $"A discharge-ready list is at most {MostBytes / 1024} KiB: send the day's list.");
            return Results.Ok(await handler.Handle(new StringReader(new string(buffer, 0, read)), http.Actor(), ct));
        })
        .Needs(Right.EditReferral)
        .WithTags("Referrals")
        .WithSummary("Take an acute trust's daily discharge-ready list (CSV: nhs_number, discharge_ready_date, and optionally delay_reason, delay_detail)")
        .WithDescription("The request body is the CSV file itself (Content-Type: text/csv). Each row gets an outcome: Changed, Unchanged, NotFound or Refused (with its problems by column). Rows that are right are applied even when others are not; sending the same list again changes nothing.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
