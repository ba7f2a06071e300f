using System.Globalization;
using Hl7.Fhir.Model;
using Homeward.People;

namespace Homeward.Fhir;

/// <summary>A person as a UK Core Patient, and a Patient as the person input Homeward checks.</summary>
public static class PatientMap
{
    public static Patient ToFhir(PersonView v)
    {
        Identifier? nhs = null;
        if (v.NhsNumber is not null)
        {
            nhs = new Identifier(FhirSystems.NhsNumber, v.NhsNumber);
            // As the sender traced it; else "present but not traced" (Homeward checks the check digit, it does not trace with PDS).
            var status = v.NhsNumberVerification ?? "02";
            nhs.Extension.Add(new Extension(FhirSystems.NhsNumberVerification,
                new CodeableConcept(FhirSystems.NhsNumberVerificationCodes, status, PersonInput.VerificationCodes[status])));
        }
        var patient = new Patient
        {
            Id = v.Id.ToString(),
            Meta = new Meta { VersionId = v.Version.ToString(CultureInfo.InvariantCulture), Profile = [FhirSystems.UkCorePatient] },
            Identifier = nhs is null ? [] : [nhs],
            Name = [new HumanName { Use = HumanName.NameUse.Official, Family = v.FamilyName, Given = [v.GivenName] }],
            Gender = v.Gender switch
            {
                Gender.Female => AdministrativeGender.Female,
                Gender.Male => AdministrativeGender.Male,
                Gender.Other => AdministrativeGender.Other,
                _ => AdministrativeGender.Unknown,
            },
            BirthDate = v.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Address = [new Address
            {
                Use = Address.AddressUse.Home,
                Line = new[] { v.AddressLine1, v.AddressLine2 }.OfType<string>().ToList(),
                City = v.Town,
                PostalCode = v.Postcode,
            }],
        };
        if (v.NhsNumber is null)
            patient.Extension.Add(new Extension(FhirSystems.NhsNumberUnavailableReason,
                new CodeableConcept(FhirSystems.NhsNumberUnavailableReasonCodes, "nhs-number-not-known", "NHS number not known")));
        var contact0 = v.Contact;
        if (contact0.Phone is { } home)
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Home, home));
        if (contact0.MobilePhone is { } mobile)
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Mobile, mobile));
        if (contact0.Email is { } email)
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Home, email));
        if (PreferredMethod(contact0.Preference) is { } method)
            patient.Extension.Add(new Extension
            {
                Url = FhirSystems.ContactPreference,
                Extension = [new Extension("PreferredContactMethod", new CodeableConcept(FhirSystems.PreferredContactMethod, method.Code, method.Display))],
            });
        if (contact0.Language is { } language && Languages.CodeOf(language) is { } code)
            patient.Communication.Add(new Patient.CommunicationComponent { Language = new CodeableConcept(FhirSystems.Bcp47, code, language), Preferred = true });
        if (contact0.InterpreterNeeded || contact0.Language is not null)
            patient.Extension.Add(new Extension(FhirSystems.InterpreterRequired, new FhirBoolean(contact0.InterpreterNeeded)));
        if (v.GpPracticeCode is { } gp)
            patient.GeneralPractitioner.Add(new ResourceReference { Identifier = new Identifier(FhirSystems.OdsOrganisation, gp) });
        patient.Extension.Add(new Extension(FhirSystems.UsualResidence, new Coding(FhirSystems.Base + "/CodeSystem/usual-residence", v.UsualResidence.ToString())));
        if (v.UnpaidCarer is { } carer)
        {
            var contact = new Patient.ContactComponent
            {
                Relationship = [new CodeableConcept { Text = carer.Relationship ?? "Unpaid carer" }],
                Name = new HumanName { Text = carer.Name },
            };
            if (carer.Phone is { } phone)
                contact.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, phone));
            patient.Contact.Add(contact);
        }
        return patient;
    }

    /// <summary>The person input a Patient carries; FHIR-level problems (no NHS number, unknown codes) are added with their place.</summary>
    public static PersonInput FromFhir(Patient p, string at, List<FhirProblem> problems)
    {
        if (p.ModifierExtension.Count > 0)
            problems.Add(new FhirProblem($"{at}.modifierExtension", "Homeward does not understand modifier extensions on a Patient.", OperationOutcome.IssueType.NotSupported));
        var nhs = p.Identifier.FirstOrDefault(i => i.System == FhirSystems.NhsNumber);
        // UK Core's way of saying nobody knows the number: recorded "trace required", for the hub to trace.
        var notKnown = nhs is null && (p.GetExtension(FhirSystems.NhsNumberUnavailableReason)?.Value as CodeableConcept)?.Coding
            .Any(c => c.System == FhirSystems.NhsNumberUnavailableReasonCodes && c.Code == "nhs-number-not-known") == true;
        if (nhs is null && !notKnown)
            problems.Add(new FhirProblem($"{at}.identifier",
                $"A Patient needs its NHS number as an identifier with system {FhirSystems.NhsNumber}, or, when nobody knows it, the extension {FhirSystems.NhsNumberUnavailableReason} (nhs-number-not-known): the hub then traces it.", OperationOutcome.IssueType.Required));
        var name = p.Name.FirstOrDefault(n => n.Use == HumanName.NameUse.Official) ?? p.Name.FirstOrDefault();
        var address = p.Address.FirstOrDefault(a => a.Use == Address.AddressUse.Home) ?? p.Address.FirstOrDefault();
        var lines = address?.Line.ToList() ?? [];
        string? residence = null;
        if (p.GetExtension(FhirSystems.UsualResidence)?.Value is Coding coding)
        {
            if (coding.System != FhirSystems.Base + "/CodeSystem/usual-residence")
                problems.Add(new FhirProblem($"{at}.extension", $"The usual residence code system \"{coding.System}\" is not known here.", OperationOutcome.IssueType.CodeInvalid));
            residence = coding.Code;
        }
        var carer = p.Contact.FirstOrDefault();
        var phones = p.Telecom.Where(t => t.System == ContactPoint.ContactPointSystem.Phone && t.Use != ContactPoint.ContactPointUse.Old).ToList();
        var mobile = phones.FirstOrDefault(t => t.Use == ContactPoint.ContactPointUse.Mobile);
        var preferred = p.GetExtension(FhirSystems.ContactPreference)?.GetExtension("PreferredContactMethod")?.Value as CodeableConcept;
        var methodCode = preferred?.Coding.FirstOrDefault(c => c.System == FhirSystems.PreferredContactMethod)?.Code;
        var spoken = (p.Communication.FirstOrDefault(c => c.Preferred == true) ?? p.Communication.FirstOrDefault())?.Language;
        var language = spoken?.Coding.Select(c => c.Display ?? (c.Code is { } code ? Languages.NameOf(code) ?? code : null)).FirstOrDefault(n => n is not null) ?? spoken?.Text;
        var interpreter = (p.GetExtension(FhirSystems.InterpreterRequired)?.Value as FhirBoolean)?.Value;
        var verification = (nhs?.GetExtension(FhirSystems.NhsNumberVerification)?.Value as CodeableConcept)?.Coding
            .FirstOrDefault(c => c.System == FhirSystems.NhsNumberVerificationCodes)?.Code;
        return new PersonInput
        {
            NhsNumber = nhs?.Value,
            NhsNumberVerification = notKnown ? "03" : verification,
            GivenName = name?.Given.FirstOrDefault(),
            FamilyName = name?.Family,
            DateOfBirth = p.BirthDate,
            Gender = p.Gender switch
            {
                AdministrativeGender.Female => "Female",
                AdministrativeGender.Male => "Male",
                AdministrativeGender.Other => "Other",
                _ => "NotKnown",
            },
            AddressLine1 = lines.ElementAtOrDefault(0),
            AddressLine2 = lines.Count > 1 ? string.Join(", ", lines.Skip(1)) : null,
            Town = address?.City,
            Postcode = address?.PostalCode,
            GpPracticeCode = p.GeneralPractitioner.Select(g => g.Identifier).FirstOrDefault(i => i?.System == FhirSystems.OdsOrganisation)?.Value,
            UsualResidence = residence,
            UnpaidCarer = carer is null ? null : new UnpaidCarerInput(carer.Name?.Text ?? carer.Name?.ToString(), carer.Relationship.FirstOrDefault()?.Text,
                carer.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Phone)?.Value, null),
            Contact = new ContactInput(phones.FirstOrDefault(t => t != mobile)?.Value, mobile?.Value,
                p.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Email)?.Value,
                methodCode switch
                {
                    "1" => nameof(ContactPreference.Letter),
                    "3" => mobile is not null && phones.Count == 1 ? nameof(ContactPreference.Mobile) : nameof(ContactPreference.Phone),
                    "4" => nameof(ContactPreference.Email),
                    "6" => nameof(ContactPreference.ThroughTheirCarer),
                    "9" => nameof(ContactPreference.Text),
                    _ => null,
                }, null, language, interpreter),
        };
    }

    /// <summary>The UK Core preferred contact method for a preference (Mobile is "Telephone" with the mobile number in telecom).</summary>
    private static (string Code, string Display)? PreferredMethod(ContactPreference preference) => preference switch
    {
        ContactPreference.Letter => ("1", "Letter"),
        ContactPreference.Phone or ContactPreference.Mobile => ("3", "Telephone"),
        ContactPreference.Email => ("4", "E-mail"),
        ContactPreference.ThroughTheirCarer => ("6", "Telephone contact via proxy"),
        ContactPreference.Text => ("9", "SMS"),
        _ => null,
    };

    /// <summary>Where a field of the person input lives in a Patient.</summary>
    public static string Expression(string field) => field switch
    {
        "nhsNumber" => "identifier",
        "givenName" => "name.given",
        "familyName" => "name.family",
        "dateOfBirth" => "birthDate",
        "gender" => "gender",
        "addressLine1" or "addressLine2" => "address.line",
        "town" => "address.city",
        "postcode" => "address.postalCode",
        "gpPracticeCode" => "generalPractitioner",
        "usualResidence" => "extension",
        _ when field.StartsWith("unpaidCarer", StringComparison.Ordinal) => "contact",
        "contact.preference" => "extension",
        "contact.language" => "communication",
        "nhsNumberVerification" => "identifier.extension",
        _ when field.StartsWith("contact.", StringComparison.Ordinal) => "telecom",
        _ => "",
    };
}
