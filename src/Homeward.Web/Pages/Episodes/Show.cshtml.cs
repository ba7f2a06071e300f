using Homeward.Web.Infrastructure;
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
[Needs(Right.ReadRecords, PersonRecord = true)]
public sealed class ShowModel(GetEpisode episodes, GetReferral referrals, ChangeEpisode change,
    Homeward.Capacity.MatchServices matches, Homeward.Capacity.BookCapacity book, Homeward.Capacity.Offers offers,
    Homeward.Capacity.RespondToBooking respond, Homeward.Referrals.SentWith.SentWithReferral sentWith,
    Homeward.Delays.ReadDelays delays, Homeward.Delays.RecordDelay recordDelay, Homeward.People.RightsRequests.ReadRightsRequests rights,
    TimeProvider clock) : Homeward.Web.Pages.Shared.ActingPage
{
    [FromRoute] public Guid Id { get; set; }
    public EpisodeView Episode { get; private set; } = null!;
    public ReferralView Referral { get; private set; } = null!;
    public IReadOnlyList<EpisodeEventView> Timeline { get; private set; } = [];
    /// <summary>What the sending system sent with the referral, in words (its clinical information, the patient as sent).</summary>
    public IReadOnlyList<Homeward.Referrals.SentWith.SentWithReferral.Item> SentWith { get; private set; } = [];
    public IReadOnlyList<Homeward.Capacity.MatchServices.Match> Matches { get; private set; } = [];
    public IReadOnlyList<Homeward.Capacity.BookingView> Bookings { get; private set; } = [];
    /// <summary>A restriction in force or a disputed record: shown first.</summary>
    public IReadOnlyList<Homeward.People.RightsRequests.RightsNotice> Rights { get; private set; } = [];
    public Guid? FailedService { get; private set; }
    /// <summary>Hospital discharge: the delay ledger (Discharge Ready Date, days, reasons).</summary>
    public Homeward.Delays.DelayLedgerView? Delay { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public Task<IActionResult> OnPostTriageAsync(string? service, string? pathway, string? nonHomeReason, int version, CancellationToken ct) =>
        Step("triage", new ChangeEpisode.TriageStep(service, pathway, nonHomeReason), version, ct);

    public Task<IActionResult> OnPostAcceptAsync(int version, CancellationToken ct) => Step("accept", new ChangeEpisode.AcceptStep(), version, ct);

    public Task<IActionResult> OnPostDeclineAsync(string? reason, int version, CancellationToken ct) =>
        Step("decline", new ChangeEpisode.DeclineStep(reason), version, ct);

    public Task<IActionResult> OnPostWaitAsync(string? waitingFor, int version, CancellationToken ct) =>
        Step("wait", new ChangeEpisode.WaitStep(waitingFor), version, ct);

    /// <summary>An urgent response starts at first contact: the day and London clock time the clinician arrived, as typed.</summary>
    public Task<IActionResult> OnPostStartAsync(string? dischargedOn, string? arrivedOn, string? arrivedTime, int version, CancellationToken ct) =>
        Act("start", key => key, async () =>
        {
            string? at = null;
            if (!string.IsNullOrWhiteSpace(arrivedTime) || !string.IsNullOrWhiteSpace(arrivedOn))
            {
                var problems = new Problems();
                var day = string.IsNullOrWhiteSpace(arrivedOn) ? London.Today(clock) : problems.Date("arrivedOn", arrivedOn, "the day you arrived", required: true);
                at = ClockTime.On(problems, "at", arrivedTime, day ?? London.Today(clock), "Enter the time you arrived like 09:30 (24-hour clock).");
                problems.ThrowIfAny();
            }
            var episode = await change.Handle(Id, new ChangeEpisode.StartStep(dischargedOn) { At = at }, version, HttpContext.Actor(), ct);
            return $"Done: start. The episode is now {episode.Status}.";
        }, ct);

    public Task<IActionResult> OnPostCancelAsync(string? reason, int version, CancellationToken ct) =>
        Step("cancel", new ChangeEpisode.CancelStep(reason), version, ct);

    public Task<IActionResult> OnPostBookAsync(Guid serviceId, string? startDate, int? days, int? visitsPerDayAtStart, int? visitsPerDayAtEnd,
        int? minutesPerVisit, bool? doubleHanded, CancellationToken ct) =>
        // Each service has its own booking form: errors are keyed to that form's fields.
        Act("book", key => $"{key}-{serviceId}", async () =>
        {
            FailedService = serviceId;
            var booking = await book.Handle(Id, new Homeward.Capacity.BookCapacity.Request
            {
                ServiceId = serviceId, StartDate = startDate, Days = days, VisitsPerDayAtStart = visitsPerDayAtStart,
                VisitsPerDayAtEnd = visitsPerDayAtEnd, MinutesPerVisit = minutesPerVisit, DoubleHanded = doubleHanded,
            }, HttpContext.Actor(), ct);
            return $"Booked {booking.ServiceName} from {Labels.Day(booking.StartDate)}; offered to the provider.";
        }, ct);

    public Task<IActionResult> OnPostDelayAsync(string? reason, string? detail, string? since, CancellationToken ct) =>
        Act("delay", key => $"delay-{key}", async () =>
        {
            var ledger = await recordDelay.Handle(Id, new Homeward.Delays.RecordDelay.Request(reason, detail, since), HttpContext.Actor(), ct);
            return $"Delay reason recorded: {ledger.Current!.ReasonLabel}.";
        }, ct);

    public Task<IActionResult> OnPostCancelBookingAsync(Guid bookingId, string? reason, CancellationToken ct) =>
        Act("cancel-booking", key => $"{key}-{bookingId}", async () =>
        {
            var booking = await respond.Handle(bookingId, Homeward.Capacity.RespondToBooking.Answer.Cancel, reason, HttpContext.Actor(), ct);
            return $"Booking at {booking.ServiceName} cancelled; its capacity is free again.";
        }, ct);

    // Decline and cancel both ask for a reason: their fields are told apart by the step's name.
    private Task<IActionResult> Step(string name, ChangeEpisode.Step step, int version, CancellationToken ct) =>
        Act(name, key => key == "reason" ? $"{name}-reason" : key, async () =>
        {
            var episode = await change.Handle(Id, step, version, HttpContext.Actor(), ct);
            return $"Done: {name}. The episode is now {episode.Status}.";
        }, ct);

    protected override string Here => $"/episodes/{Id}";

    protected override async Task Load(CancellationToken ct)
    {
        var actor = HttpContext.Actor();
        Episode = await episodes.Handle(Id, actor, ct);
        Referral = await referrals.Handle(Episode.ReferralId, actor, ct);
        Rights = await rights.For(Episode.Person.Id, actor, ct);
        SentWith = await sentWith.For(Referral, ct);
        Timeline = await episodes.Timeline(Id, actor, ct);
        Bookings = await offers.ForEpisode(Id, actor, ct);
        if (Referral.Route == Homeward.Referrals.Route.HospitalDischarge)
            Delay = await delays.Ledger(Id, Referral.Route, Episode.Status, Episode.DischargedOn, Referral.DischargeReadyDate, ct);
        if (Episode.Status is EpisodeStatus.Accepted or EpisodeStatus.Waiting or EpisodeStatus.Active && actor.Has(Right.BookCapacity))
            Matches = await matches.Handle(Id, doubleHanded: false, actor, ct);
    }
}
