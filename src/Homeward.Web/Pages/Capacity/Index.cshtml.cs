using Homeward.Access;
using Homeward.Capacity;
using Homeward.Common;
using Homeward.Web.Auth;
using Homeward.Web.TagHelpers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Capacity;

/// <summary>Capacity for 14 days; providers report their own services' capacity and answer offers here.</summary>
public sealed class IndexModel(CapacityView capacity, SetCapacity setCapacity, Offers offers, RespondToBooking respond) : PageModel
{
    public CapacityView.View View { get; private set; } = null!;
    public IReadOnlyList<Offers.Offer> Pending { get; private set; } = [];
    public FormErrors Errors { get; private set; } = new();
    public Guid? FailedService { get; private set; }
    public string? Notice { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public async Task<IActionResult> OnPostCapacityAsync(Guid serviceId, string? from, string? to, decimal? capacity, bool? accepting, CancellationToken ct)
    {
        try
        {
            await setCapacity.Handle(serviceId, new SetCapacity.Request { From = from, To = to, Capacity = capacity, AcceptingAdmissions = accepting },
                HttpContext.Actor(), ct);
            TempData["Banner"] = "Capacity updated.";
            return Redirect("/capacity");
        }
        catch (ValidationFailedException e)
        {
            (Errors, FailedService) = (FormErrors.From(e.Errors), serviceId);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        await Load(ct);
        return Page();
    }

    public Task<IActionResult> OnPostAcceptAsync(Guid bookingId, CancellationToken ct) => Answer(bookingId, RespondToBooking.Answer.Accept, null, ct);

    public Task<IActionResult> OnPostDeclineAsync(Guid bookingId, string? reason, CancellationToken ct) => Answer(bookingId, RespondToBooking.Answer.Decline, reason, ct);

    private async Task<IActionResult> Answer(Guid bookingId, RespondToBooking.Answer answer, string? reason, CancellationToken ct)
    {
        try
        {
            var booking = await respond.Handle(bookingId, answer, reason, HttpContext.Actor(), ct);
            TempData["Banner"] = $"Offer {booking.Status.ToString().ToLowerInvariant()}.";
            return Redirect("/capacity");
        }
        catch (ValidationFailedException e)
        {
            Errors = FormErrors.From(e.Errors.ToDictionary(x => $"{x.Key}-{bookingId}", x => x.Value));
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (InvalidTransitionException e)
        {
            Notice = e.Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        await Load(ct);
        return Page();
    }

    private async Task Load(CancellationToken ct)
    {
        var actor = HttpContext.Actor();
        View = await capacity.Handle(actor, ct);
        if (actor.Has(Right.RespondToOffer))
            Pending = await offers.Handle(actor, ct);
    }

    public bool CanUpdate(CapacityView.ServiceView service) =>
        HttpContext.Actor() is var actor && actor.Has(Right.UpdateCapacity) && actor.ActsFor(service.OrganisationId);

    public static string Amount(CapacityUnit unit, int value) =>
        unit == CapacityUnit.Beds ? value.ToString() : (value / 60.0).ToString(value % 60 == 0 ? "0" : "0.#", System.Globalization.CultureInfo.InvariantCulture) + "\u00A0h";
}
