using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.People;

/// <summary>
/// Changes a person's details. The NHS number is the person's identity and never changes here (one traced for someone
/// recorded without it is entered by <see cref="TraceNhsNumber"/>).
/// The caller names the version they edited; if someone else changed the record first, the change is
/// refused (stale) and nothing is overwritten.
/// </summary>
public sealed class UpdatePerson(HomewardDb db, AccessScope scope, TimeProvider clock, PostcodeDirectory postcodes)
{
    /// <summary>
    /// A partial change (JSON Merge Patch): what is sent replaces what is held, null clears an optional field, and what
    /// is not sent is kept. The result is checked as a whole, as a full change is.
    /// </summary>
    public async Task<PersonView> Patch(Guid id, System.Text.Json.Nodes.JsonObject patch, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.EditReferral, id);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("person", id);
        var current = PersonInput.From(PersonView.From(person));
        var input = MergePatch.Apply(current, patch, Json.Options);
        if (input != current)
            return await Handle(id, input, expectedVersion, actor, ct);
        // A patch that changes nothing changes nothing: no new version, no audit row of a change; still only for those
        // who may change the record, and only at the version they name.
        await scope.DemandToChange(actor, id, "person.update", "person", id, ct);
        Versions.Demand("person", person.Version, expectedVersion, "person's record");
        return PersonView.From(person);
    }

    public async Task<PersonView> Handle(Guid id, PersonInput input, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.EditReferral, id);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("person", id);
        await scope.DemandToChange(actor, id, "person.update", "person", id, ct);
        await RightsRequests.ReadRightsRequests.DemandUnrestricted(db, actor, id, ct);
        Versions.Demand("person", person.Version, expectedVersion, "person's record");

        var now = clock.GetUtcNow();
        var problems = new Problems();
        var checkedInput = person.NhsNumber is { } held
            ? input with { NhsNumber = held.Value }
            : input with { NhsNumber = null, NhsNumberVerification = person.NhsNumberVerification ?? "03" };
        var updated = checkedInput.Validate(problems, "", London.DateOf(now), now);
        if (problems.Any || updated is null)
            throw problems.Failure();

        person.GivenName = updated.GivenName;
        person.FamilyName = updated.FamilyName;
        person.DateOfBirth = updated.DateOfBirth;
        person.Gender = updated.Gender;
        person.AddressLine1 = updated.AddressLine1;
        person.AddressLine2 = updated.AddressLine2;
        person.Town = updated.Town;
        // A new postcode is a new place on the map (the old one would send carers to the wrong house).
        if (person.Postcode != updated.Postcode)
        {
            person.Postcode = updated.Postcode;
            await postcodes.Place(person, ct);
        }
        person.GpPracticeCode = updated.GpPracticeCode;
        person.UsualResidence = updated.UsualResidence;
        // Absent (a FHIR Patient, an older client) keeps what is held; sent empty (the form) clears it.
        if (input.Ethnicity is not null)
            person.Ethnicity = updated.Ethnicity;
        if (input.PrimarySupportReason is not null)
            person.PrimarySupportReason = updated.PrimarySupportReason;
        if (input.AccommodationStatus is not null)
            person.AccommodationStatus = updated.AccommodationStatus;
        person.CarerName = updated.CarerName;
        person.CarerRelationship = updated.CarerRelationship;
        person.CarerPhone = updated.CarerPhone;
        person.CarerHasOwnNeeds = updated.CarerHasOwnNeeds;
        person.Consent = updated.Consent;
        person.Phone = updated.Phone;
        person.MobilePhone = updated.MobilePhone;
        person.Email = updated.Email;
        person.ContactPreference = updated.ContactPreference;
        person.ContactNotes = updated.ContactNotes;
        // Absent (an older client, a form without them) keeps what is held.
        if (input.Contact?.Language is not null || input.Contact?.InterpreterNeeded is not null)
            (person.Language, person.InterpreterNeeded) = (updated.Language, updated.InterpreterNeeded);
        if (input.Contact?.AccessToHome is not null || input.Contact?.KeySafeCode is not null)
            (person.AccessToHome, person.KeySafeCode) = (updated.AccessToHome, updated.KeySafeCode);
        if (updated.NhsNumberVerification is not null && person.NhsNumber is not null)
            person.NhsNumberVerification = updated.NhsNumberVerification;
        person.Version++;
        db.AuditEntries.Add(AuditEntry.For(actor, "person.update", person.Id, person.Id, now));
        await db.SaveChangesAsync(ct);
        return PersonView.From(person);
    }
}
