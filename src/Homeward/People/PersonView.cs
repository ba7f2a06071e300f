namespace Homeward.People;

public sealed record UnpaidCarerView(string Name, string? Relationship, string? Phone, bool HasOwnNeeds);

/// <summary>A person's record as the API shows it.</summary>
public sealed record PersonView(
    Guid Id, string NhsNumber, string NhsNumberDisplay, string GivenName, string FamilyName, DateOnly DateOfBirth,
    Gender Gender, string AddressLine1, string? AddressLine2, string? Town, string Postcode, Guid? LocalityId,
    string? GpPracticeCode, UsualResidence UsualResidence, UnpaidCarerView? UnpaidCarer, Consent Consent, int Version)
{
    public static PersonView From(Person p) => new(
        p.Id, p.NhsNumber.Value, p.NhsNumber.Display, p.GivenName, p.FamilyName, p.DateOfBirth, p.Gender,
        p.AddressLine1, p.AddressLine2, p.Town, p.Postcode.Value, p.LocalityId, p.GpPracticeCode, p.UsualResidence,
        p.CarerName is null ? null : new UnpaidCarerView(p.CarerName, p.CarerRelationship, p.CarerPhone, p.CarerHasOwnNeeds),
        p.Consent, p.Version);
}

/// <summary>Just enough to say who a record is about.</summary>
public sealed record PersonSummary(Guid Id, string NhsNumber, string Name, DateOnly DateOfBirth)
{
    public static PersonSummary From(Person p) => new(p.Id, p.NhsNumber.Value, $"{p.GivenName} {p.FamilyName}", p.DateOfBirth);
}
