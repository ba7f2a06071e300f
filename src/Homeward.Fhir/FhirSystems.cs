namespace Homeward.Fhir;

/// <summary>The identifier systems, code systems and extensions Homeward reads and writes.</summary>
public static class FhirSystems
{
    public const string NhsNumber = "https://fhir.nhs.uk/Id/nhs-number";
    public const string OdsOrganisation = "https://fhir.nhs.uk/Id/ods-organization-code";
    public const string NhsNumberVerification = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus";
    public const string NhsNumberVerificationCodes = "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland";
    /// <summary>The base R4 extension UK Core uses for "needs an interpreter".</summary>
    /// <summary>UK Core: why a Patient has no NHS number (nhs-number-not-known: Homeward's "trace required").</summary>
    public const string NhsNumberUnavailableReason = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberUnavailableReason";
    public const string NhsNumberUnavailableReasonCodes = "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberUnavailableReason";
    public const string InterpreterRequired = "http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired";
    /// <summary>BCP 47 language tags (the all-languages value set).</summary>
    public const string Bcp47 = "urn:ietf:bcp:47";

    public const string UkCorePatient = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient";
    public const string ContactPreference = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-ContactPreference";
    public const string PreferredContactMethod = "https://fhir.hl7.org.uk/CodeSystem/UKCore-PreferredContactMethod";
    public const string UkCoreServiceRequest = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-ServiceRequest";
    public const string UkCoreEpisodeOfCare = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-EpisodeOfCare";
    public const string UkCoreEncounter = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Encounter";
    public const string UkCoreCarePlan = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-CarePlan";
    public const string UkCoreObservation = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Observation";
    public const string UkCoreTask = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Task";
    public const string UkCoreHealthcareService = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-HealthcareService";
    public const string UkCoreSchedule = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Schedule";
    public const string UkCoreSlot = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Slot";
    /// <summary>NHS Data Dictionary discharge destination codes (England), the UK Core value set for where a person went.</summary>
    public const string UkCoreDischargeDestination = "https://fhir.hl7.org.uk/CodeSystem/UKCore-DischargeDestinationEngland";
    /// <summary>UK Core's source of a referral: SNOMED CT, descendants of 309013001 |Referred by person| or 306098008 |Self-referral|.</summary>
    public const string UkCoreSourceOfServiceRequest = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-SourceOfServiceRequest";
    public const string Snomed = "http://snomed.info/sct";
    public const string UkCoreBundle = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Bundle";
    public const string UkCoreComposition = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Composition";

    /// <summary>Homeward's own code systems and extensions (the .example domain: not a real address).</summary>
    public const string Base = "https://homeward.example/fhir";
    public const string ReferralId = Base + "/Id/referral";
    public const string EpisodeId = Base + "/Id/episode";
    public const string Route = Base + "/CodeSystem/referral-route";
    public const string Source = Base + "/CodeSystem/referral-source";
    public const string Service = Base + "/CodeSystem/intermediate-care-service";
    public const string Pathway = Base + "/CodeSystem/discharge-pathway";
    public const string Sequel = Base + "/CodeSystem/sequel";
    public const string Destination = Base + "/CodeSystem/destination";

    public const string ReferrerOrganisation = Base + "/StructureDefinition/referrer-organisation";
    public const string ReferrerContact = Base + "/StructureDefinition/referrer-contact";
    public const string ReferralSourceExtension = Base + "/StructureDefinition/referral-source";
    public const string Hospital = Base + "/StructureDefinition/hospital";
    public const string Ward = Base + "/StructureDefinition/ward";
    public const string AdmittedOn = Base + "/StructureDefinition/admitted-on";
    public const string DischargeReadyDate = Base + "/StructureDefinition/discharge-ready-date";
    public const string ExistingClient = Base + "/StructureDefinition/existing-client";
    /// <summary>On the trust's inpatient Encounter: true when the person meets the criteria to reside (not ready: no discharge ready date).</summary>
    public const string CriteriaToReside = Base + "/StructureDefinition/meets-criteria-to-reside";
    /// <summary>On the trust's inpatient Encounter: the main reason a ready person is still in hospital (a national delay reason).</summary>
    public const string DelayReasonExtension = Base + "/StructureDefinition/delay-reason";
    public const string DelayReasonCodes = Base + "/CodeSystem/delay-reason";
    public const string UsualResidence = Base + "/StructureDefinition/usual-residence";
}
