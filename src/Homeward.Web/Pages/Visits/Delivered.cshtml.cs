using Homeward.Access;
using Homeward.Common;
using Homeward.Visits.Delivered;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Homeward.Web.TagHelpers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Visits;

/// <summary>Care planned against delivered: a run of days for one team or all, with the CSV to pay from.</summary>
[Needs(Right.PlanRota)]
public sealed class DeliveredModel(PlannedAgainstDelivered handler) : PageModel
{
    [FromQuery] public string? From { get; set; }
    [FromQuery] public string? To { get; set; }
    [FromQuery] public string? ServiceId { get; set; }
    public PlannedAgainstDelivered.Result? Result { get; private set; }
    public FormErrors Errors { get; private set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            Result = await handler.Handle(new() { From = From, To = To, ServiceId = ServiceId }, HttpContext.Actor(), ct);
        }
        catch (ValidationFailedException e)
        {
            Errors = FormErrors.From(e.ForPeople);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    public string CsvLink => "/api/visits/delivered.csv" + QueryString.Create(new Dictionary<string, string?>
    {
        ["from"] = Result?.From.ToString("yyyy-MM-dd"), ["to"] = Result?.To.ToString("yyyy-MM-dd"), ["serviceId"] = ServiceId,
    }.Where(p => !string.IsNullOrEmpty(p.Value)));

    public static string Share(double? share) => share is { } s ? $"{s:P0}" : "–";

    public static string Hours(int minutes) => $"{minutes / 60.0:N1}";
}
