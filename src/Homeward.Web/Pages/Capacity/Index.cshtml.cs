using Homeward.Web.Infrastructure;
using Homeward.Access;
using Homeward.Capacity;
using Homeward.Common;
using Homeward.Web.Auth;
using Homeward.Web.TagHelpers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Capacity;

/// <summary>Capacity for 14 days; providers report their own services' capacity and answer offers here.</summary>
[Needs(Right.ReadRecords)]
public sealed class IndexModel(CapacityView capacity, SetCapacity setCapacity, Offers offers, RespondToBooking respond) : Shared.ActingPage
{
    public CapacityView.View View { get; private set; } = null!;
    public IReadOnlyList<Offers.Offer> Pending { get; private set; } = [];
    public Guid? FailedService { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public Task<IActionResult> OnPostCapacityAsync(Guid serviceId, string? from, string? to, decimal? capacity, bool? accepting, CancellationToken ct) =>
        Act("capacity", async () =>
        {
            FailedService = serviceId;
            await setCapacity.Handle(serviceId, new SetCapacity.Request { From = from, To = to, Capacity = capacity, AcceptingAdmissions = accepting },
                HttpContext.Actor(), ct);
            return "Capacity updated.";
        }, ct);

    public Task<IActionResult> OnPostAcceptAsync(Guid bookingId, CancellationToken ct) => Answer(bookingId, RespondToBooking.Answer.Accept, null, ct);

    public Task<IActionResult> OnPostDeclineAsync(Guid bookingId, string? reason, CancellationToken ct) => Answer(bookingId, RespondToBooking.Answer.Decline, reason, ct);

    private Task<IActionResult> Answer(Guid bookingId, RespondToBooking.Answer answer, string? reason, CancellationToken ct) =>
        Act("answer", key => $"{key}-{bookingId}", async () =>
        {
            var booking = await respond.Handle(bookingId, answer, reason, HttpContext.Actor(), ct);
            return $"Offer {booking.Status.ToString().ToLowerInvariant()}.";
        }, ct);

    protected override string Here => "/capacity";

    protected override async Task Load(CancellationToken ct)
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
