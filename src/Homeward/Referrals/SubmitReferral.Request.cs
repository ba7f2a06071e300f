using Homeward.Access;
using Homeward.Common;
using Homeward.Matching;
using Homeward.People;

namespace Homeward.Referrals;

/// <summary>What a referral sends, and what submitting it answers.</summary>
public sealed partial class SubmitReferral
{
    public sealed record Request
    {
        public PersonInput? Person { get; init; }
        /// <summary>
        /// The record of someone already held, for a person without an NHS number (who cannot be found by one): the
        /// referral is theirs. Only a record the caller may see.
        /// </summary>
        public Guid? PersonId { get; init; }
        public string? Route { get; init; }
        public string? Source { get; init; }
        public string? ReferrerName { get; init; }
        public string? ReferrerOrganisation { get; init; }
        public string? ReferrerContact { get; init; }
        public string? Urgency { get; init; }
        public string? Reason { get; init; }
        /// <summary>When the referral was received (ISO 8601 with offset); now if absent.</summary>
        public string? ReceivedAt { get; init; }
        public string? Hospital { get; init; }
        public string? Ward { get; init; }
        public string? AdmittedOn { get; init; }
        public string? DischargeReadyDate { get; init; }
        public bool? ExistingClient { get; init; }
        /// <summary>
        /// When the person is already held and what was sent differs (name, address, gender): <c>KeepHeld</c> refers with the
        /// record as held, <c>Update</c> changes the held record to what was sent. Without it, the differences are refused.
        /// <c>Hold</c> (for sending systems, which have nobody to ask): any difference, the date of birth too, holds the
        /// referral apart, touching nothing held, until the hub decides whether it is the same person.
        /// </summary>
        public string? PersonDetails { get; init; }
        /// <summary>The person already has an open referral by the same route: refer again all the same.</summary>
        public bool? DuplicateConfirmed { get; init; }
        /// <summary>The sending system's own reference for the referral (system|value).</summary>
        public string? SenderReference { get; init; }
        /// <summary>What the hub should check because the sender did not say it, in words.</summary>
        public string? ToCheck { get; init; }
        /// <summary>A system sent a hospital discharge without a discharge ready date: it may follow (said in <see cref="ToCheck"/>).</summary>
        public bool? ReadyDateToFollow { get; init; }
    }

    /// <summary>
    /// The referral's own fields (the person apart), parsed and checked: every problem added to the caller's collector,
    /// and the fields only when none of them had one, so that nothing after needs a <c>!</c>. The route and the choice for
    /// details that differ are given apart as well, for checking the person against the record held whatever else is wrong.
    /// </summary>
    internal sealed record Fields(Route Route, ReferralSource Source, Urgency Urgency, string ReferrerName, string? ReferrerOrganisation,
        string? ReferrerContact, string Reason, DateTimeOffset ReceivedAt, string? Hospital, string? Ward, DateOnly? AdmittedOn,
        DateOnly? DischargeReadyDate)
    {
        public static Fields? Check(Request request, Problems problems, DateOnly today, DateTimeOffset now, out Route? route, out HeldDetails? held)
        {
            var before = problems.Count;
            route = problems.Enum<Route>("route", request.Route, "route");
            var source = problems.Enum<ReferralSource>("source", request.Source, "referral source");
            var referrerName = problems.Required("referrerName", request.ReferrerName, 200, "the referrer's name");
            var referrerOrganisation = problems.Optional("referrerOrganisation", request.ReferrerOrganisation, 200, "the referrer's organisation");
            var referrerContact = problems.Optional("referrerContact", request.ReferrerContact, 200, "the referrer's contact details");
            var urgency = problems.Enum<Urgency>("urgency", request.Urgency, "urgency", required: false);
            var reason = problems.Required("reason", request.Reason, 4000, "the reason for referral");
            var receivedAt = problems.Instant("receivedAt", request.ReceivedAt, "the time received", required: false) ?? now;
            if (receivedAt > now.AddMinutes(5))
                problems.Add("receivedAt", "The time received cannot be in the future.");
            var hospital = problems.Optional("hospital", request.Hospital, 200, "the hospital");
            var ward = problems.Optional("ward", request.Ward, 100, "the ward");
            var admittedOn = problems.Date("admittedOn", request.AdmittedOn, "the admission date", required: false);
            var readyDate = problems.Date("dischargeReadyDate", request.DischargeReadyDate, "the discharge ready date", required: false);
            if (route is { } r)
                ReferralRules.CheckHospitalDetails(problems, r, hospital, ward, admittedOn, readyDate, today, request.ReadyDateToFollow == true);
            held = problems.Enum<HeldDetails>("personDetails", request.PersonDetails, "what to do with details that differ", required: false);
            return problems.Count == before && route is { } checkedRoute && source is { } checkedSource
                ? new Fields(checkedRoute, checkedSource, urgency ?? ReferralRules.DefaultUrgency(checkedRoute), referrerName, referrerOrganisation,
                    referrerContact, reason, receivedAt, hospital, ward, admittedOn, readyDate)
                : null;
        }

        /// <summary>The referral these fields make, for a person, sent by someone.</summary>
        public Referral ToReferral(Guid id, Guid personId, Request request, Actor sender) => new()
        {
            Id = id,
            PersonId = personId,
            Route = Route,
            Source = Source,
            ReferrerName = ReferrerName,
            ReferrerOrganisation = ReferrerOrganisation,
            ReferrerContact = ReferrerContact,
            Urgency = Urgency,
            Reason = Reason,
            ReceivedAt = ReceivedAt,
            Hospital = Hospital,
            Ward = Ward,
            AdmittedOn = AdmittedOn,
            DischargeReadyDate = DischargeReadyDate,
            ExistingClient = request.ExistingClient ?? false,
            SenderReference = ReferralText.Clip(request.SenderReference, 300),
            ToCheck = ReferralText.Clip(request.ToCheck, 1000),
            SubmittedBy = sender.UserId,
            SubmittedByOrganisationId = sender.OrganisationId,
        };
    }

    /// <summary>What to do with a held person's details that differ from those sent.</summary>
    public enum HeldDetails { KeepHeld, Update, Hold }

    /// <summary>The referral stored, or (asked to hold when details differ) the referral held for the hub's decision.</summary>
    /// <param name="PersonCreated">The person was recorded by this referral (not already held).</param>
    public sealed record Outcome(ReferralView? Referral, bool Replayed, HeldReferralView? Held = null, bool PersonCreated = false);
}
