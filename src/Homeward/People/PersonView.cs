namespace Homeward.People;

public sealed record UnpaidCarerView(string Name, string? Relationship, string? Phone, bool HasOwnNeeds);

/// <summary>
/// How to reach the person: their own numbers and e-mail, how they like to be contacted, and what to know first; how to
/// get into their home and the key safe's code (<see cref="WithoutKeySafeCode"/> for a provider still deciding an offer).
/// </summary>
public sealed record ContactView(string? Phone, string? MobilePhone, string? Email, ContactPreference Preference, string? Notes,
    string? Language = null, bool InterpreterNeeded = false, string? AccessToHome = null, string? KeySafeCode = null, bool HasKeySafe = false)
{
    public static ContactView From(Person p) => new(p.Phone, p.MobilePhone, p.Email, p.ContactPreference, p.ContactNotes, p.Language, p.InterpreterNeeded,
        p.AccessToHome, p.KeySafeCode, p.KeySafeCode is not null);

    /// <summary>The same, saying that there is a key safe but not its code.</summary>
    public ContactView WithoutKeySafeCode() => this with { KeySafeCode = null };

    public bool Any => (Phone ?? MobilePhone ?? Email ?? Notes ?? Language ?? AccessToHome) is not null || Preference != ContactPreference.NotRecorded
                       || InterpreterNeeded || HasKeySafe;
}

/// <summary>A person's record as the API shows it.</summary>
public sealed record PersonView(
    Guid Id, string? NhsNumber, string NhsNumberDisplay, string GivenName, string FamilyName, DateOnly DateOfBirth,
    Gender Gender, string AddressLine1, string? AddressLine2, string? Town, string Postcode, Guid? LocalityId,
    string? GpPracticeCode, UsualResidence UsualResidence, UnpaidCarerView? UnpaidCarer, Consent Consent, int Version,
    ContactView Contact, Ethnicity? Ethnicity = null, PrimarySupportReason? PrimarySupportReason = null,
    AccommodationStatus? AccommodationStatus = null, string? NhsNumberVerification = null)
{
    /// <summary>Age in whole years on a date.</summary>
    public int AgeOn(DateOnly date) => Ages.On(DateOfBirth, date);

    public static PersonView From(Person p) => new(
        p.Id, p.NhsNumber?.Value, Person.Show(p.NhsNumber), p.GivenName, p.FamilyName, p.DateOfBirth, p.Gender,
        p.AddressLine1, p.AddressLine2, p.Town, p.Postcode.Value, p.LocalityId, p.GpPracticeCode, p.UsualResidence,
        p.CarerName is null ? null : new UnpaidCarerView(p.CarerName, p.CarerRelationship, p.CarerPhone, p.CarerHasOwnNeeds),
        p.Consent, p.Version, ContactView.From(p), p.Ethnicity, p.PrimarySupportReason, p.AccommodationStatus, p.NhsNumberVerification);
}

/// <summary>Just enough to say who a record is about, and how to reach them (where staff phone people).</summary>
public sealed record PersonSummary(Guid Id, string? NhsNumber, string Name, DateOnly DateOfBirth, ContactView? Contact = null, UnpaidCarerView? UnpaidCarer = null)
{
    public static PersonSummary From(Person p) => new(p.Id, p.NhsNumber?.Value, $"{p.GivenName} {p.FamilyName}", p.DateOfBirth, ContactView.From(p),
        p.CarerName is null ? null : new UnpaidCarerView(p.CarerName, p.CarerRelationship, p.CarerPhone, p.CarerHasOwnNeeds));
}
