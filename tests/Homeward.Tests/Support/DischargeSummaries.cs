using System.Text.Json;

namespace Homeward.Tests.Support;

/// <summary>Transfer of Care discharge summaries built as UK Core documents, by hand, with 999 NHS numbers and synthetic people.</summary>
public static class DischargeSummaries
{
    /// <summary>A discharge summary for Maud Testbrook (born 3 February 1937, 9 Willow Row, NV1 2AB) under the trust's document id.</summary>
    public static string Document(string nhs, string documentId, string birthDate = "1937-02-03", string narrative =
        "<div xmlns=\"http://www.w3.org/1999/xhtml\"><table><thead><tr><th>Medication</th><th>Dose</th></tr></thead><tbody><tr><td>Alendronic acid</td><td>70 mg weekly</td></tr></tbody></table></div>") => $$"""
        {
          "resourceType": "Bundle", "type": "document",
          "meta": { "profile": ["https://fhir.hl7.org.uk/StructureDefinition/UKCore-Bundle"] },
          "identifier": { "system": "https://fhir.vale-general.example/Id/document", "value": "{{documentId}}" },
          "timestamp": "{{DateTimeOffset.UtcNow.AddMinutes(-5):yyyy-MM-ddTHH:mm:ss}}+00:00",
          "entry": [
            { "fullUrl": "urn:uuid:7a1d0000-0000-4000-8000-000000000001",
              "resource": { "resourceType": "Composition",
                "meta": { "profile": ["https://fhir.hl7.org.uk/StructureDefinition/UKCore-Composition"] },
                "status": "final",
                "type": { "coding": [ { "system": "http://snomed.info/sct", "code": "373942005", "display": "Discharge summary" } ] },
                "subject": { "reference": "urn:uuid:7a1d0000-0000-4000-8000-000000000002" },
                "encounter": { "reference": "urn:uuid:7a1d0000-0000-4000-8000-000000000005" },
                "date": "{{DateTimeOffset.UtcNow.AddHours(-1):yyyy-MM-ddTHH:mm:ss}}+00:00",
                "author": [ { "reference": "urn:uuid:7a1d0000-0000-4000-8000-000000000003" } ],
                "title": "Elm ward discharge summary",
                "custodian": { "reference": "urn:uuid:7a1d0000-0000-4000-8000-000000000004" },
                "section": [
                  { "title": "Clinical summary",
                    "code": { "coding": [ { "system": "http://snomed.info/sct", "code": "1102421000000108", "display": "Clinical summary" } ] },
                    "text": { "status": "generated", "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Admitted after a fall at home. <b>Medically optimised</b> on day 5.</p><h1>Plan</h1><ul><li>Reablement at home, twice a day</li></ul></div>" },
                    "entry": [ { "reference": "urn:uuid:7a1d0000-0000-4000-8000-000000000006" } ] },
                  { "title": "Medications and medical devices",
                    "code": { "coding": [ { "system": "http://snomed.info/sct", "code": "933361000000108", "display": "Medications and medical devices" } ] },
                    "text": { "status": "generated", "div": {{JsonSerializer.Serialize(narrative)}} } }
                ] } },
            { "fullUrl": "urn:uuid:7a1d0000-0000-4000-8000-000000000002",
              "resource": { "resourceType": "Patient",
                "meta": { "profile": ["https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient"] },
                "identifier": [ { "system": "https://fhir.nhs.uk/Id/nhs-number", "value": "{{nhs}}" } ],
                "name": [ { "use": "official", "family": "Testbrook", "given": ["Maud"] } ],
                "gender": "female", "birthDate": "{{birthDate}}",
                "address": [ { "use": "home", "line": ["9 Willow Row"], "city": "Northvale", "postalCode": "NV1 2AB" } ] } },
            { "fullUrl": "urn:uuid:7a1d0000-0000-4000-8000-000000000003",
              "resource": { "resourceType": "Practitioner", "identifier": [ { "system": "https://fhir.hl7.org.uk/Id/gmc-number", "value": "C1234567" } ],
                "name": [ { "family": "Test", "given": ["Rowan"], "prefix": ["Dr"] } ] } },
            { "fullUrl": "urn:uuid:7a1d0000-0000-4000-8000-000000000004",
              "resource": { "resourceType": "Organization", "identifier": [ { "system": "https://fhir.nhs.uk/Id/ods-organization-code", "value": "ZVG" } ],
                "name": "Vale General Hospital NHS Trust" } },
            { "fullUrl": "urn:uuid:7a1d0000-0000-4000-8000-000000000005",
              "resource": { "resourceType": "Encounter", "status": "finished",
                "class": { "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "IMP", "display": "inpatient encounter" },
                "subject": { "reference": "urn:uuid:7a1d0000-0000-4000-8000-000000000002" },
                "period": { "start": "{{DateTime.UtcNow.AddDays(-6):yyyy-MM-dd}}", "end": "{{DateTime.UtcNow:yyyy-MM-dd}}" } } },
            { "fullUrl": "urn:uuid:7a1d0000-0000-4000-8000-000000000006",
              "resource": { "resourceType": "Condition",
                "clinicalStatus": { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active" } ] },
                "code": { "coding": [ { "system": "http://snomed.info/sct", "code": "1912002", "display": "Fall" } ] },
                "subject": { "reference": "urn:uuid:7a1d0000-0000-4000-8000-000000000002" } } }
          ]
        }
        """;
}
