namespace Homeward.Tests.Fhir;

/// <summary>Realistic UK Core referral bundles, written by hand for the tests, with 999 NHS numbers.</summary>
internal static class FhirBundles
{
    public const string Route = "https://homeward.example/fhir/CodeSystem/referral-route";

    public static string Patient(string nhs, string fullUrl = "urn:uuid:0b1e6c59-0c5f-4d5e-9a55-7c2f3b0d4a11", string family = "Testfield") => $$"""
        {
          "fullUrl": "{{fullUrl}}",
          "resource": {
            "resourceType": "Patient",
            "meta": { "profile": ["https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient"] },
            "identifier": [ { "system": "https://fhir.nhs.uk/Id/nhs-number", "value": "{{nhs}}" },
                            { "system": "https://fhir.vale-general.example/Id/hospital-number", "value": "VG123456" } ],
            "name": [ { "use": "official", "family": "{{family}}", "given": ["Edith"] } ],
            "gender": "female",
            "birthDate": "1938-04-12",
            "address": [ { "use": "home", "line": ["4 Orchard Way"], "city": "Northvale", "postalCode": "NV1 2AB" } ],
            "generalPractitioner": [ { "identifier": { "system": "https://fhir.nhs.uk/Id/ods-organization-code", "value": "ZN001" } } ]
          },
          "request": { "method": "POST", "url": "Patient" }
        }
        """;

    public static string Referral(string subject = "urn:uuid:0b1e6c59-0c5f-4d5e-9a55-7c2f3b0d4a11", string route = "HospitalDischarge", string routeSystem = Route) =>
        route == "HospitalDischarge" ? Hospital(subject, route, routeSystem) : $$"""
        {
          "fullUrl": "urn:uuid:{{Guid.NewGuid()}}",
          "resource": {
            "resourceType": "ServiceRequest",
            "status": "active",
            "intent": "order",
            "category": [ { "coding": [ { "system": "{{routeSystem}}", "code": "{{route}}" } ] } ],
            "priority": "urgent",
            "subject": { "reference": "{{subject}}" },
            "requester": { "display": "Dr Ash (Northvale surgery)" },
            "reasonCode": [ { "text": "Struggling at home after a chest infection; needs a few weeks of reablement." } ],
            "extension": [ { "url": "https://homeward.example/fhir/StructureDefinition/referral-source",
                             "valueCoding": { "system": "https://homeward.example/fhir/CodeSystem/referral-source", "code": "Gp" } } ]
          },
          "request": { "method": "POST", "url": "ServiceRequest" }
        }
        """;

    private static string Hospital(string subject, string route, string routeSystem) => $$"""
        {
          "fullUrl": "urn:uuid:{{Guid.NewGuid()}}",
          "resource": {
            "resourceType": "ServiceRequest",
            "meta": { "profile": ["https://fhir.hl7.org.uk/StructureDefinition/UKCore-ServiceRequest"] },
            "status": "active",
            "intent": "order",
            "category": [ { "coding": [ { "system": "{{routeSystem}}", "code": "{{route}}" } ] } ],
            "priority": "routine",
            "subject": { "reference": "{{subject}}" },
            "authoredOn": "{{DateTimeOffset.UtcNow.AddHours(-1):yyyy-MM-ddTHH:mm:ss}}+00:00",
            "requester": { "display": "Sam Discharge (Elm ward)" },
            "reasonCode": [ { "text": "Fall at home; medically optimised; needs reablement to regain independence." } ],
            "extension": [
              { "url": "https://homeward.example/fhir/StructureDefinition/hospital", "valueString": "Vale General Hospital" },
              { "url": "https://homeward.example/fhir/StructureDefinition/ward", "valueString": "Elm" },
              { "url": "https://homeward.example/fhir/StructureDefinition/admitted-on", "valueDate": "{{DateTime.UtcNow.AddDays(-8):yyyy-MM-dd}}" },
              { "url": "https://homeward.example/fhir/StructureDefinition/discharge-ready-date", "valueDate": "{{DateTime.UtcNow.AddDays(-1):yyyy-MM-dd}}" }
            ]
          },
          "request": { "method": "POST", "url": "ServiceRequest" }
        }
        """;

    /// <summary>The transaction-response entry of the (one) referral: the one whose resource is a ServiceRequest.</summary>
    public static System.Text.Json.JsonElement ReferralEntry(System.Text.Json.JsonElement response) =>
        response.GetProperty("entry").EnumerateArray().Single(e => e.TryGetProperty("resource", out var r) && r.GetProperty("resourceType").GetString() == "ServiceRequest");

    public static string Transaction(params string[] entries) =>
        $$"""{ "resourceType": "Bundle", "type": "transaction", "entry": [ {{string.Join(",", entries)}} ] }""";
}
