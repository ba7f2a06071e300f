namespace Homeward.People;

public enum Gender { Female, Male, Other, NotKnown }

/// <summary>Where the person usually lives; returning there counts as going home (P0/P1).</summary>
public enum UsualResidence { OwnHome, ExtraCareHousing, AdultPlacement, CareHome, NursingHome, NoFixedAbode, Other }

/// <summary>How the person would like to be contacted.</summary>
public enum ContactPreference { NotRecorded, Phone, Mobile, Text, Email, Letter, ThroughTheirCarer }

public enum Consent
{
    /// <summary>Not yet asked.</summary>
    NotRecorded,
    Given,
    Refused,
    /// <summary>The person lacks capacity to consent; a best-interest decision was recorded.</summary>
    BestInterestDecision,
}

/// <summary>A person known to the partnership. The NHS number is the key shared with other systems.</summary>
public sealed class Person
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required NhsNumber NhsNumber { get; init; }
    public required string GivenName { get; set; }
    public required string FamilyName { get; set; }
    public DateOnly DateOfBirth { get; set; }
    public Gender Gender { get; set; }
    public required string AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public string? Town { get; set; }
    public required Postcode Postcode
    {
        get => _postcode;
        set => (_postcode, PostcodeDistrict) = (value, PostcodeDirectory.DistrictOf(value));
    }

    private Postcode _postcode;

    /// <summary>The postcode's outward code (<c>NV1</c>), kept beside it so people can be found by district.</summary>
    public string PostcodeDistrict { get; private set; } = "";
    public Guid? LocalityId { get; set; }
    /// <summary>Where the address is on the map (WGS84), for planning visit rounds; null until known.</summary>
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    /// <summary>ODS code of the registered GP practice.</summary>
    public string? GpPracticeCode { get; set; }
    public UsualResidence UsualResidence { get; set; }

    /// <summary>For Client Level Data and equality monitoring; null until recorded (the data-quality page counts them).</summary>
    public Ethnicity? Ethnicity { get; set; }
    public PrimarySupportReason? PrimarySupportReason { get; set; }
    public AccommodationStatus? AccommodationStatus { get; set; }

    /// <summary>The person's own telephone numbers and e-mail, and how they would like to be contacted.</summary>
    public string? Phone { get; set; }
    public string? MobilePhone { get; set; }
    public string? Email { get; set; }
    public ContactPreference ContactPreference { get; set; }
    /// <summary>What staff should know before calling: "hard of hearing: text first", "key safe: ring daughter".</summary>
    public string? ContactNotes { get; set; }

    /// <summary>The unpaid carer, if any: name, relationship and whether they have needs of their own.</summary>
    public string? CarerName { get; set; }
    public string? CarerRelationship { get; set; }
    public string? CarerPhone { get; set; }
    public bool CarerHasOwnNeeds { get; set; }

    public Consent Consent { get; set; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Rises by one on every change; the record's ETag.</summary>
    public int Version { get; set; } = 1;

    /// <summary>Age in whole years on a date.</summary>
    public int AgeOn(DateOnly date)
    {
        var age = date.Year - DateOfBirth.Year;
        if (date < DateOfBirth.AddYears(age))
            age--;
        return age;
    }
}
