using Homeward.Access;
using Homeward.Common;
using Homeward.Episodes;
using Homeward.Referrals;
using Homeward.Web.Auth;
using Homeward.Web.TagHelpers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Episodes;

/// <summary>
/// One episode: what was asked for, where it stands, its timeline, and the next steps the user's role
/// may take. Every step carries the version the user saw, so a step taken on a stale page is refused.
/// </summary>
public sealed class ShowModel(GetEpisode episodes, GetReferral referrals, ChangeEpisode change,
    Homeward.Capacity.MatchServices matches, Homeward.Capacity.BookCapacity book, Homeward.Capacity.Offers offers,
    Homeward.Capacity.RespondToBooking respond) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    public EpisodeView Episode { get; private set; } = null!;
    public ReferralView Referral { get; private set; } = null!;
    public IReadOnlyList<EpisodeEventView> Timeline { get; private set; } = [];
    public FormErrors Errors { get; private set; } = new();
    /// <summary>Which step's form the errors belong to.</summary>
    public string? FailedStep { get; private set; }
    public string? Notice { get; private set; }
    public IFormCollection? Posted { get; private set; }
    public IReadOnlyList<Homeward.Capacity.MatchServices.Match> Matches { get; private set; } = [];
    public IReadOnlyList<Homeward.Capacity.BookingView> Bookings { get; private set; } = [];
    public Guid? FailedService { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public Task<IActionResult> OnPostTriageAsync(string? service, string? pathway, string? nonHomeReason, int version, CancellationToken ct) =>
        Step("triage", new ChangeEpisode.TriageStep(service, pathway, nonHomeReason), version, ct);

    public Task<IActionResult> OnPostAcceptAsync(int version, CancellationToken ct) => Step("accept", new ChangeEpisode.AcceptStep(), version, ct);

    public Task<IActionResult> OnPostDeclineAsync(string? reason, int version, CancellationToken ct) =>
        Step("decline", new ChangeEpisode.DeclineStep(reason), version, ct);

    public Task<IActionResult> OnPostWaitAsync(string? waitingFor, int version, CancellationToken ct) =>
        Step("wait", new ChangeEpisode.WaitStep(waitingFor), version, ct);

    public Task<IActionResult> OnPostStartAsync(string? dischargedOn, int version, CancellationToken ct) =>
        Step("start", new ChangeEpisode.StartStep(dischargedOn), version, ct);

    public Task<IActionResult> OnPostEndAsync(string? sequel, string? destination, string? notes, int version, CancellationToken ct) =>
        Step("end", new ChangeEpisode.EndStep(sequel, destination, notes), version, ct);

    public Task<IActionResult> OnPostCancelAsync(string? reason, int version, CancellationToken ct) =>
        Step("cancel", new ChangeEpisode.CancelStep(reason), version, ct);

    public async Task<IActionResult> OnPostBookAsync(Guid serviceId, string? startDate, int? days, int? visitsPerDayAtStart, int? visitsPerDayAtEnd,
        int? minutesPerVisit, bool? doubleHanded, CancellationToken ct)
    {
        try
        {
            var booking = await book.Handle(Id, new Homeward.Capacity.BookCapacity.Request
            {
                ServiceId = serviceId, StartDate = startDate, Days = days, VisitsPerDayAtStart = visitsPerDayAtStart,
                VisitsPerDayAtEnd = visitsPerDayAtEnd, MinutesPerVisit = minutesPerVisit, DoubleHanded = doubleHanded,
            }, HttpContext.Actor(), ct);
            TempData["Banner"] = $"Booked {booking.ServiceName} from {Labels.Day(booking.StartDate)}; offered to the provider.";
            return Redirect($"/episodes/{Id}");
        }
        catch (ValidationFailedException e)
        {
            // Each service has its own booking form: key the errors to that form's fields.
            (Errors, FailedStep, Posted, FailedService) = (FormErrors.From(e.Errors.ToDictionary(x => $"{x.Key}-{serviceId}", x => x.Value)), "book", Request.Form, serviceId);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (Homeward.Capacity.CapacityUnavailableException e)
        {
            Notice = e.Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        await Load(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCancelBookingAsync(Guid bookingId, string? reason, CancellationToken ct)
    {
        try
        {
            var booking = await respond.Handle(bookingId, Homeward.Capacity.RespondToBooking.Answer.Cancel, reason, HttpContext.Actor(), ct);
            TempData["Banner"] = $"Booking at {booking.ServiceName} cancelled; its capacity is free again.";
            return Redirect($"/episodes/{Id}");
        }
        catch (ValidationFailedException e)
        {
            (Errors, FailedStep, Posted) = (FormErrors.From(e.Errors.ToDictionary(x => $"{x.Key}-{bookingId}", x => x.Value)), "cancel-booking", Request.Form);
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

    private async Task<IActionResult> Step(string name, ChangeEpisode.Step step, int version, CancellationToken ct)
    {
        try
        {
            var episode = await change.Handle(Id, step, version, HttpContext.Actor(), ct);
            TempData["Banner"] = $"Done: {name}. The episode is now {episode.Status}.";
            return Redirect($"/episodes/{Id}");
        }
        catch (ValidationFailedException e)
        {
            // Decline and cancel both ask for a reason: their fields are told apart by the step's name.
            (Errors, FailedStep, Posted) = (FormErrors.From(e.Errors.ToDictionary(x => x.Key == "reason" ? $"{name}-reason" : x.Key, x => x.Value)), name, Request.Form);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (StaleVersionException)
        {
            Notice = "Someone else changed this episode after you opened it. The page now shows their change: check it before you act.";
            Response.StatusCode = StatusCodes.Status409Conflict;
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
        Episode = await episodes.Handle(Id, actor, ct);
        Referral = await referrals.Handle(Episode.ReferralId, actor, ct);
        Timeline = await episodes.Timeline(Id, actor, ct);
        Bookings = await offers.ForEpisode(Id, actor, ct);
        if (Episode.Status is EpisodeStatus.Accepted or EpisodeStatus.Waiting or EpisodeStatus.Active && actor.Has(Right.BookCapacity))
            Matches = await matches.Handle(Id, doubleHanded: false, actor, ct);
    }

    /// <summary>What the user typed into a step's form, kept when the step was refused.</summary>
    public string? Typed(string step, string field) => FailedStep == step ? Posted?[field].ToString() : null;
}
