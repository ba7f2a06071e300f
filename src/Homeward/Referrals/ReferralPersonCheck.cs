using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.Matching;
using Homeward.People;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Referrals;

/// <summary>The person a referral names, against the record held for them: what differs, and an open referral by the same route.</summary>
public sealed class ReferralPersonCheck(HomewardDb db, AccessScope scope, PostcodeDirectory postcodes, TimeProvider clock)
{
    /// <summary>
    /// The record held for the person a referral names: the one the caller chose (only one they may see), or the one with
    /// the NHS number sent. Someone sent without an NHS number is recorded afresh, to be traced by the hub (never matched
    /// to another untraced record): null.
    /// </summary>
    public async Task<Person?> Find(Guid? personId, Person sent, Problems problems, Actor actor, CancellationToken ct)
    {
        var existing = personId is { } heldId
            ? await scope.MaySee(actor, heldId, ct, breakGlass: false) ? await db.People.SingleOrDefaultAsync(p => p.Id == heldId, ct) : null
            : sent.NhsNumber is { } number ? await db.People.SingleOrDefaultAsync(p => p.NhsNumber == number, ct) : null;
        if (personId is not null && existing is null)
            problems.Add("personId", "No person with this record id that you can see.");
        else if (personId is not null && existing!.NhsNumber != sent.NhsNumber)
            problems.Add("person.nhsNumber", "The NHS number sent is not the one held on this person's record.");
        return existing;
    }

    /// <summary>
    /// What differs between the person sent and the one held: the differences to hold for the hub's decision (asked to
    /// hold), a date of birth that differs refused (unless the hub already decided), or the other checks against the held
    /// record (<see cref="CheckAgainstHeld"/>) with the update to make once the referral is kept.
    /// </summary>
    public async Task<(Func<Task>? UpdateHeld, IReadOnlyList<PatientMatch.Difference>? ToDecide)> Compare(Person? existing, Person sent,
        SubmitReferral.HeldDetails? choice, Route? route, bool duplicateConfirmed, bool decided, Problems problems, Actor actor, CancellationToken ct)
    {
        var differences = existing is null ? [] : PatientMatch.Differences(existing, sent);
        if (differences.Count > 0 && choice == SubmitReferral.HeldDetails.Hold && !decided)
            return (null, differences);
        if (differences.Any(d => d.Field == "dateOfBirth") && !decided)
        {
            problems.Add("person.dateOfBirth", "This does not match the date of birth held for this NHS number: check both.");
            problems.Add("personDetails", "The date of birth differs from the record held for this NHS number: correct it, or hold the referral for the hub to decide (Hold).",
                "The date of birth differs from the record held for this NHS number: correct it, or hold the referral for the hub to check.");
            return (null, null);
        }
        return (existing is null ? null : await CheckAgainstHeld(existing, sent, differences, choice, route, duplicateConfirmed, problems, actor, ct), null);
    }

    /// <summary>
    /// A referral for someone already held: details sent that differ from the held record are refused until the referrer
    /// says whether to keep the held ones or update them (never dropped without a word); an open referral by the same route
    /// is refused until confirmed, with a link to it. Held values and open referrals are named only to those who may see
    /// the person's record: to anyone else, only that something differs.
    /// </summary>
    /// <returns>The update of the held record to make once the referral is accepted, when the referrer chose to update it.</returns>
    private async Task<Func<Task>?> CheckAgainstHeld(Person held, Person sent, IReadOnlyList<PatientMatch.Difference> differences, SubmitReferral.HeldDetails? choice,
        Route? route, bool duplicateConfirmed, Problems problems, Actor actor, CancellationToken ct)
    {
        Func<Task>? update = null;
        var maySee = await scope.MaySee(actor, held.Id, ct, breakGlass: false);
        if (differences.Count > 0 && choice is null or SubmitReferral.HeldDetails.Hold)
        {
            foreach (var (field, label, heldValue, sentValue) in differences)
                problems.Add($"person.{field}", maySee
                    ? $"Homeward holds {label} {heldValue} for this NHS number, not {sentValue}."
                    : $"This {label} differs from the one held for this NHS number.");
            problems.Add("personDetails", "Some details differ from the record held for this NHS number: check them, then choose to keep the held details (KeepHeld) or update the record with these (Update).");
        }
        else if (differences.Count > 0 && choice == SubmitReferral.HeldDetails.Update)
            update = async () =>
        {
            (held.GivenName, held.FamilyName, held.AddressLine1, held.AddressLine2, held.Town) = (sent.GivenName, sent.FamilyName, sent.AddressLine1, sent.AddressLine2, sent.Town);
            held.DateOfBirth = sent.DateOfBirth; // differs only when the hub decided it is the same person (else refused above)
            if (sent.Gender != Gender.NotKnown)
                held.Gender = sent.Gender;
            if (held.Postcode != sent.Postcode)
            {
                held.Postcode = sent.Postcode;
                await postcodes.Place(held, ct);
            }
            held.Version++;
            db.AuditEntries.Add(AuditEntry.For(actor, "person.update", held.Id, held.Id, clock.GetUtcNow()));
        };

        if (route is not { } r || duplicateConfirmed || !maySee)
            return update;
        var open = await (from e in db.Episodes.AsNoTracking()
                          join x in db.Referrals.AsNoTracking() on e.ReferralId equals x.Id
                          where e.PersonId == held.Id && x.Route == r
                                && e.Status != EpisodeStatus.Ended && e.Status != EpisodeStatus.Cancelled && e.Status != EpisodeStatus.Declined
                          orderby x.ReceivedAt descending
                          select new { e.Id, e.Status, x.ReceivedAt }).FirstOrDefaultAsync(ct);
        if (open is not null)
            problems.Add("duplicateConfirmed", $"{held.GivenName} {held.FamilyName} already has an open referral by this route, received {London.DateOf(open.ReceivedAt):d MMMM yyyy} "
                + $"and now {open.Status.ToString().ToLowerInvariant()}: /episodes/{open.Id}. Check it first; to refer again all the same, confirm (duplicateConfirmed).");
        return update;
    }
}
