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
    /// <summary>
    /// Null while nobody knows it (an urgent referral from 111 or an ambulance crew): the person is recorded "trace
    /// required" and the hub traces the number on the Personal Demographics Service and enters it (<see cref="Traced"/>).
    /// </summary>
    public NhsNumber? NhsNumber { get => _nhsNumber; init => _nhsNumber = value; }

    private NhsNumber? _nhsNumber;

    /// <summary>Nobody has given the person's NHS number yet: the hub must trace it.</summary>
    public bool NeedsTrace => NhsNumber is null;

    /// <summary>The NHS number the hub traced for someone recorded without one, with its status (01: verified on PDS).</summary>
    public void Traced(NhsNumber number, string status)
    {
        if (NhsNumber is not null)
            throw new InvalidOperationException("The person already has an NHS number.");
        (_nhsNumber, NhsNumberVerification) = (number, status);
    }

    /// <summary>The NHS number as staff read it: 3-3-4, or that it is not known and must be traced.</summary>
    public static string Show(NhsNumber? number) => number?.Display ?? NotKnown;

    public const string NotKnown = "Not known: trace needed";
    /// <summary>
    /// The NHS number's trace status as the sender gave it (NHS Data Dictionary NHS Number Status Indicator Code, "01"
    /// number present and verified … "08"); null when nobody said (Homeward checks the check digit, it does not trace).
    /// </summary>
    public string? NhsNumberVerification { get; set; }
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
    /// <summary>The language they prefer to be spoken to in (as sent or typed: "Polish", "British Sign Language"); null when not recorded.</summary>
    public string? Language { get; set; }
    /// <summary>They need an interpreter (for their preferred language, or sign language).</summary>
    public bool InterpreterNeeded { get; set; }

    /// <summary>How a carer gets in: "key safe left of the front door", "daughter lets you in", "dog: shut in the kitchen first".</summary>
    public string? AccessToHome { get; set; }
    /// <summary>The key safe's code; shown to those caring for the person, and to a provider once it has accepted them.</summary>
    public string? KeySafeCode { get; set; }

    /// <summary>The unpaid carer, if any: name, relationship and whether they have needs of their own.</summary>
    public string? CarerName { get; set; }
    public string? CarerRelationship { get; set; }
    public string? CarerPhone { get; set; }
    public bool CarerHasOwnNeeds { get; set; }

    public Consent Consent { get; set; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Rises by one on every change; the record's ETag.</summary>
    public int Version { get; set; } = 1;

    /// <summary>
    /// Takes from a referral what the held record does not have yet (phone numbers, e-mail, language, interpreter, GP
    /// practice, carer), never overwriting anything held; and a verified NHS number status ("01") over any other.
    /// Returns what it filled, in words, so the change can be audited and said.
    /// </summary>
    public IReadOnlyList<string> FillBlanksFrom(Person sent)
    {
        var filled = new List<string>();
        void Fill<T>(Func<Person, T?> get, Action<T?> set, string label)
        {
            if (get(this) is null && get(sent) is { } value)
            {
                set(value);
                filled.Add(label);
            }
        }
        Fill(p => p.Phone, v => Phone = v, "phone");
        Fill(p => p.MobilePhone, v => MobilePhone = v, "mobile");
        Fill(p => p.Email, v => Email = v, "e-mail");
        Fill(p => p.Language, v => Language = v, "language");
        Fill(p => p.GpPracticeCode, v => GpPracticeCode = v, "GP practice");
        Fill(p => p.ContactNotes, v => ContactNotes = v, "contact notes");
        Fill(p => p.AccessToHome, v => AccessToHome = v, "access to the home");
        Fill(p => p.KeySafeCode, v => KeySafeCode = v, "key safe code");
        if (CarerName is null && sent.CarerName is not null)
        {
            (CarerName, CarerRelationship, CarerPhone, CarerHasOwnNeeds) = (sent.CarerName, sent.CarerRelationship, sent.CarerPhone, sent.CarerHasOwnNeeds);
            filled.Add("unpaid carer");
        }
        if (!InterpreterNeeded && sent.InterpreterNeeded)
        {
            InterpreterNeeded = true;
            filled.Add("interpreter needed");
        }
        if (sent.NhsNumberVerification is { } status && NhsNumberVerification != status && (NhsNumberVerification is null || status == "01"))
        {
            NhsNumberVerification = status;
            filled.Add("NHS number status");
        }
        return filled;
    }

    /// <summary>Age in whole years on a date.</summary>
    public int AgeOn(DateOnly date) => Ages.On(DateOfBirth, date);
}
