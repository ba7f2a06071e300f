using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Referrals;

/// <summary>
/// Changes a referral's details. Only the fields sent change; the caller must name the version they
/// edited (If-Match), and a stale version is refused so that nobody's change is silently lost.
/// </summary>
public sealed class UpdateReferral(HomewardDb db, AccessScope scope, TimeProvider clock)
{
    public sealed record Request
    {
        public string? Source { get; init; }
        public string? ReferrerName { get; init; }
        public string? ReferrerOrganisation { get; init; }
        public string? ReferrerContact { get; init; }
        public string? Urgency { get; init; }
        public string? Reason { get; init; }
        public string? Hospital { get; init; }
        public string? Ward { get; init; }
        public string? AdmittedOn { get; init; }
        public string? DischargeReadyDate { get; init; }
        public bool? ExistingClient { get; init; }
    }

    public async Task<ReferralView> Handle(Guid id, Request request, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.EditReferral);
        var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("referral", id);
        var episodeId = await db.Episodes.Where(e => e.ReferralId == id).Select(e => e.Id).SingleAsync(ct);
        await scope.DemandEpisode(actor, referral.PersonId, episodeId, "referral.update", "referral", id, ct, toChange: true);
        Versions.Demand("referral", referral.Version, expectedVersion);

        var now = clock.GetUtcNow();
        var problems = new Problems();
        var changed = new List<string>();
        void Set<T>(string field, bool given, T value, T current, Action<T> apply)
        {
            if (given && !EqualityComparer<T>.Default.Equals(value, current))
            {
                apply(value);
                changed.Add(field);
            }
        }

        var source = problems.Enum<ReferralSource>("source", request.Source, "referral source", required: false);
        var urgency = problems.Enum<Urgency>("urgency", request.Urgency, "urgency", required: false);
        var referrerName = request.ReferrerName is null ? null : problems.Required("referrerName", request.ReferrerName, 200, "the referrer's name");
        var reason = request.Reason is null ? null : problems.Required("reason", request.Reason, 4000, "the reason for referral");
        var referrerOrganisation = problems.Optional("referrerOrganisation", request.ReferrerOrganisation, 200, "the referrer's organisation");
        var referrerContact = problems.Optional("referrerContact", request.ReferrerContact, 200, "the referrer's contact details");
        var hospital = problems.Optional("hospital", request.Hospital, 200, "the hospital") ?? referral.Hospital;
        var ward = problems.Optional("ward", request.Ward, 100, "the ward") ?? referral.Ward;
        var admittedOn = problems.Date("admittedOn", request.AdmittedOn, "the admission date", required: false) ?? referral.AdmittedOn;
        var readyDate = problems.Date("dischargeReadyDate", request.DischargeReadyDate, "the discharge ready date", required: false) ?? referral.DischargeReadyDate;
        ReferralRules.CheckHospitalDetails(problems, referral.Route, hospital, ward, admittedOn, readyDate, London.DateOf(now),
            readyDateToFollow: referral.DischargeReadyDate is null);
        problems.ThrowIfAny();

        var readyBefore = referral.DischargeReadyDate;
        Set("source", source is not null, source ?? referral.Source, referral.Source, v => referral.Source = v);
        Set("urgency", urgency is not null, urgency ?? referral.Urgency, referral.Urgency, v => referral.Urgency = v);
        Set("referrerName", referrerName is not null, referrerName!, referral.ReferrerName, v => referral.ReferrerName = v);
        Set("reason", reason is not null, reason!, referral.Reason, v => referral.Reason = v);
        Set("referrerOrganisation", referrerOrganisation is not null, referrerOrganisation, referral.ReferrerOrganisation, v => referral.ReferrerOrganisation = v);
        Set("referrerContact", referrerContact is not null, referrerContact, referral.ReferrerContact, v => referral.ReferrerContact = v);
        Set("hospital", true, hospital, referral.Hospital, v => referral.Hospital = v);
        Set("ward", true, ward, referral.Ward, v => referral.Ward = v);
        Set("admittedOn", true, admittedOn, referral.AdmittedOn, v => referral.AdmittedOn = v);
        Set("dischargeReadyDate", true, readyDate, referral.DischargeReadyDate, v => referral.DischargeReadyDate = v);
        Set("existingClient", request.ExistingClient is not null, request.ExistingClient ?? referral.ExistingClient, referral.ExistingClient, v => referral.ExistingClient = v);

        var episode = await db.Episodes.SingleAsync(e => e.ReferralId == id, ct);
        if (changed.Count > 0)
        {
            referral.Version++;
            episode.NoteReferralChanged(changed, actor, now,
                changed.Contains("dischargeReadyDate") ? (readyBefore, referral.DischargeReadyDate) : null);
        }
        db.AuditEntries.Add(AuditEntry.For(actor, "referral.update", referral.PersonId, id, now));
        await db.SaveChangesAsync(ct);

        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == referral.PersonId, ct);
        return ReferralView.From(referral, person, episode);
    }
}
