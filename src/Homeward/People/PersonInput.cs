using Homeward.Common;

namespace Homeward.People;

/// <summary>A person's details as typed or sent: every field is text so every problem can be reported at once.</summary>
public sealed record PersonInput
{
    public string? NhsNumber { get; init; }
    /// <summary>The NHS number's trace status code as the sender has it ("01" present and verified … "08"); optional.</summary>
    public string? NhsNumberVerification { get; init; }
    public string? GivenName { get; init; }
    public string? FamilyName { get; init; }
    /// <summary>yyyy-MM-dd.</summary>
    public string? DateOfBirth { get; init; }
    public string? Gender { get; init; }
    public string? AddressLine1 { get; init; }
    public string? AddressLine2 { get; init; }
    public string? Town { get; init; }
    public string? Postcode { get; init; }
    public string? GpPracticeCode { get; init; }
    public string? UsualResidence { get; init; }
    /// <summary>Client Level Data's person details: optional when referring, asked for before the return.</summary>
    public string? Ethnicity { get; init; }
    public string? PrimarySupportReason { get; init; }
    public string? AccommodationStatus { get; init; }
    public UnpaidCarerInput? UnpaidCarer { get; init; }
    public ContactInput? Contact { get; init; }
    public string? Consent { get; init; }

    /// <summary>What is held about a person, as the input that would set it (the edit form, a merge patch's base).</summary>
    public static PersonInput From(PersonView p) => new()
    {
        NhsNumber = p.NhsNumber, GivenName = p.GivenName, FamilyName = p.FamilyName, DateOfBirth = p.DateOfBirth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Gender = p.Gender.ToString(), AddressLine1 = p.AddressLine1, AddressLine2 = p.AddressLine2, Town = p.Town, Postcode = p.Postcode,
        GpPracticeCode = p.GpPracticeCode, UsualResidence = p.UsualResidence.ToString(), Consent = p.Consent.ToString(),
        Ethnicity = p.Ethnicity?.ToString(), PrimarySupportReason = p.PrimarySupportReason?.ToString(), AccommodationStatus = p.AccommodationStatus?.ToString(),
        UnpaidCarer = p.UnpaidCarer is { } c ? new UnpaidCarerInput(c.Name, c.Relationship, c.Phone, c.HasOwnNeeds) : null,
        Contact = new ContactInput(p.Contact.Phone, p.Contact.MobilePhone, p.Contact.Email, p.Contact.Preference.ToString(), p.Contact.Notes,
            p.Contact.Language, p.Contact.InterpreterNeeded, p.Contact.AccessToHome, p.Contact.KeySafeCode),
        NhsNumberVerification = p.NhsNumberVerification,
    };

    /// <summary>The NHS Data Dictionary's NHS Number Status Indicator Codes (UK Core NHSNumberVerificationStatusEngland).</summary>
    public static readonly IReadOnlyDictionary<string, string> VerificationCodes = new Dictionary<string, string>
    {
        ["01"] = "Number present and verified",
        ["02"] = "Number present but not traced",
        ["03"] = "Trace required",
        ["04"] = "Trace attempted - No match or multiple match found",
        ["05"] = "Trace needs to be resolved - (NHS number or patient detail conflict)",
        ["06"] = "Trace in progress",
        ["07"] = "Number not present and trace not required",
        ["08"] = "Trace postponed (baby under six weeks old)",
    };

    /// <summary>The statuses that say the number is not (yet) known: the person can be recorded without one, to be traced.</summary>
    public static readonly IReadOnlySet<string> NotPresent = new HashSet<string> { "03", "04", "05", "06", "07", "08" };

    /// <summary>A UK telephone number in a normal form (<c>01632 960123</c>, <c>07700 900123</c>): 10 or 11 digits from 0, or +44.</summary>
    public static string? PhoneNumber(Problems problems, string field, string? value, string label)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var digits = new string([.. value.Where(char.IsAsciiDigit)]);
        if (value.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '-' or '(' or ')' or '+')) || value.IndexOf('+', 1) > 0)
        {
            problems.Add(field, $"Enter {label} with digits only, like 01632 960123.");
            return null;
        }
        if (value.TrimStart().StartsWith('+'))
            digits = digits.StartsWith("44", StringComparison.Ordinal) ? "0" + digits[2..] : "";
        if (digits.Length is < 10 or > 11 || digits[0] != '0')
        {
            problems.Add(field, $"Enter {label} as a UK number of 10 or 11 digits starting 0 (or +44), like 01632 960123.");
            return null;
        }
        return digits.Length == 11 ? $"{digits[..5]} {digits[5..]}" : $"{digits[..4]} {digits[4..]}";
    }

    /// <summary>Checks every field, adding problems under <paramref name="prefix"/>; returns the parsed person when all is well.</summary>
    public Person? Validate(Problems problems, string prefix, DateOnly today, DateTimeOffset now)
    {
        // Without an NHS number only when the sender says it is not known (a trace status): never by a forgotten field.
        NhsNumber? nhs = null;
        var unknown = string.IsNullOrWhiteSpace(NhsNumber) && NhsNumberVerification is { } said && NotPresent.Contains(said);
        if (!unknown)
        {
            if (People.NhsNumber.TryParse(NhsNumber, out var parsed, out var nhsError))
            {
                if (parsed.NotIssued() is { } notIssued)
                    problems.Add($"{prefix}nhsNumber", notIssued);
                else
                    nhs = parsed;
            }
            else
                problems.Add($"{prefix}nhsNumber", string.IsNullOrWhiteSpace(NhsNumber)
                    ? $"{nhsError} If nobody knows it, say so (NHS number status 03, trace required): the hub will trace it."
                    : nhsError!);
        }
        var given = problems.Required($"{prefix}givenName", GivenName, 100, "the given name");
        var family = problems.Required($"{prefix}familyName", FamilyName, 100, "the family name");
        var dob = problems.Date($"{prefix}dateOfBirth", DateOfBirth, "the date of birth", required: true);
        if (dob > today)
            problems.Add($"{prefix}dateOfBirth", "The date of birth cannot be in the future.");
        else if (dob < today.AddYears(-125))
            problems.Add($"{prefix}dateOfBirth", "The date of birth is more than 125 years ago: check it.");
        var gender = problems.Enum<Gender>($"{prefix}gender", Gender, "gender", required: false) ?? People.Gender.NotKnown;
        var address1 = problems.Required($"{prefix}addressLine1", AddressLine1, 200, "the first line of the address");
        var address2 = problems.Optional($"{prefix}addressLine2", AddressLine2, 200, "the second line of the address");
        var town = problems.Optional($"{prefix}town", Town, 100, "the town");
        Postcode postcode = default;
        if (!People.Postcode.TryParse(Postcode, out postcode, out var postcodeError))
            problems.Add($"{prefix}postcode", postcodeError!);
        var gp = problems.Optional($"{prefix}gpPracticeCode", GpPracticeCode, 12, "the GP practice code");
        if (gp is not null && !gp.All(char.IsAsciiLetterOrDigit))
            problems.Add($"{prefix}gpPracticeCode", "The GP practice code is an ODS code of letters and digits, like Y01234.");
        var residence = problems.Enum<UsualResidence>($"{prefix}usualResidence", UsualResidence, "usual residence", required: false) ?? People.UsualResidence.OwnHome;
        var ethnicity = problems.Enum<Ethnicity>($"{prefix}ethnicity", Ethnicity, "ethnicity", required: false);
        var supportReason = problems.Enum<PrimarySupportReason>($"{prefix}primarySupportReason", PrimarySupportReason, "primary support reason", required: false);
        var accommodation = problems.Enum<AccommodationStatus>($"{prefix}accommodationStatus", AccommodationStatus, "accommodation status", required: false);
        var consent = problems.Enum<Consent>($"{prefix}consent", Consent, "consent", required: false) ?? People.Consent.NotRecorded;
        var carerName = problems.Optional($"{prefix}unpaidCarer.name", UnpaidCarer?.Name, 200, "the carer's name");
        var carerRelationship = problems.Optional($"{prefix}unpaidCarer.relationship", UnpaidCarer?.Relationship, 100, "the carer's relationship");
        var carerPhone = problems.Optional($"{prefix}unpaidCarer.phone", UnpaidCarer?.Phone, 40, "the carer's phone number");
        if (UnpaidCarer is not null && carerName is null && (carerRelationship ?? carerPhone) is not null)
            problems.Add($"{prefix}unpaidCarer.name", "Enter the carer's name.");

        var phone = PhoneNumber(problems, $"{prefix}contact.phone", Contact?.Phone, "the phone number");
        var mobile = PhoneNumber(problems, $"{prefix}contact.mobilePhone", Contact?.MobilePhone, "the mobile number");
        var email = problems.Optional($"{prefix}contact.email", Contact?.Email, 254, "the e-mail address");
        if (email is not null && !System.Net.Mail.MailAddress.TryCreate(email, out _))
            problems.Add($"{prefix}contact.email", "Enter an e-mail address like name@example.org.");
        var preference = problems.Enum<ContactPreference>($"{prefix}contact.preference", Contact?.Preference, "contact preference", required: false)
                         ?? People.ContactPreference.NotRecorded;
        var contactNotes = problems.Optional($"{prefix}contact.notes", Contact?.Notes, 500, "the notes on contacting them");
        var language = problems.Optional($"{prefix}contact.language", Contact?.Language, 100, "the language");
        var access = problems.Optional($"{prefix}contact.accessToHome", Contact?.AccessToHome, 500, "how to get in");
        var keySafe = problems.Optional($"{prefix}contact.keySafeCode", Contact?.KeySafeCode, 20, "the key safe code");
        var verification = problems.Optional($"{prefix}nhsNumberVerification", NhsNumberVerification, 2, "the NHS number status");
        if (verification is not null && !VerificationCodes.ContainsKey(verification))
            problems.Add($"{prefix}nhsNumberVerification", $"'{verification}' is not an NHS number status: use a code from 01 to 08.",
                "Choose the NHS number status from the list.");
        else if (nhs is not null && verification is not null && NotPresent.Contains(verification) && verification is not ("05" or "06"))
            problems.Add($"{prefix}nhsNumberVerification", $"An NHS number was given, but its status says there is none ({VerificationCodes[verification]}).");
        if (preference is People.ContactPreference.Phone && phone is null || preference is People.ContactPreference.Mobile or People.ContactPreference.Text && mobile is null)
            problems.Add($"{prefix}contact.preference", "Give the number they would like to be contacted on.");
        else if (preference == People.ContactPreference.Email && email is null)
            problems.Add($"{prefix}contact.preference", "Give the e-mail address they would like to be contacted at.");
        else if (preference == People.ContactPreference.ThroughTheirCarer && carerName is null)
            problems.Add($"{prefix}contact.preference", "Give their unpaid carer's name and number to contact them through their carer.");

        if (problems.Any)
            return null;
        return new Person
        {
            NhsNumber = nhs,
            GivenName = given,
            FamilyName = family,
            DateOfBirth = dob!.Value,
            Gender = gender,
            AddressLine1 = address1,
            AddressLine2 = address2,
            Town = town,
            Postcode = postcode,
            GpPracticeCode = gp?.ToUpperInvariant(),
            UsualResidence = residence,
            Ethnicity = ethnicity,
            PrimarySupportReason = supportReason,
            AccommodationStatus = accommodation,
            CarerName = carerName,
            CarerRelationship = carerRelationship,
            CarerPhone = carerPhone,
            CarerHasOwnNeeds = UnpaidCarer?.HasOwnNeeds ?? false,
            Consent = consent,
            Phone = phone,
            MobilePhone = mobile,
            Email = email,
            ContactPreference = preference,
            ContactNotes = contactNotes,
            Language = language,
            InterpreterNeeded = Contact?.InterpreterNeeded ?? false,
            AccessToHome = access,
            KeySafeCode = keySafe,
            NhsNumberVerification = verification,
            CreatedAt = now,
        };
    }
}

/// <summary>
/// How to reach the person, and in what language (with whether they need an interpreter); how a carer gets into their
/// home and the key safe's code. Phone numbers are UK numbers (spaces, brackets and a leading +44 allowed).
/// </summary>
public sealed record ContactInput(string? Phone, string? MobilePhone, string? Email, string? Preference, string? Notes,
    string? Language = null, bool? InterpreterNeeded = null, string? AccessToHome = null, string? KeySafeCode = null);

public sealed record UnpaidCarerInput(string? Name, string? Relationship, string? Phone, bool? HasOwnNeeds);
