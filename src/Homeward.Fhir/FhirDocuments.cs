using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Homeward.Access;
using Homeward.Referrals.SentWith;

namespace Homeward.Fhir;

/// <summary>
/// Transfer of Care documents in: a FHIR document Bundle (a discharge summary: the Composition first, its Patient, and
/// the resources its sections name), posted to <c>/fhir/Bundle</c> or <c>/fhir</c>, is kept exactly as received with the
/// person's open referral (<see cref="AttachDocument"/>) and rendered for staff (<see cref="ClinicalDocument"/>).
/// </summary>
public sealed class FhirDocuments(AttachDocument attach)
{
    /// <summary>Checks the document's shape (all problems at once), then attaches it; answers the document as kept, under Homeward's id.</summary>
    public async Task<(Resource Response, string Location)> Receive(Bundle document, Actor actor, CancellationToken ct)
    {
        var problems = new List<FhirProblem>();
        if (string.IsNullOrWhiteSpace(document.Identifier?.System) || string.IsNullOrWhiteSpace(document.Identifier?.Value))
            problems.Add(new FhirProblem("Bundle.identifier",
                "A document needs its identifier, with a system and a value (bdl-9): a resend under it is answered with the first.", OperationOutcome.IssueType.Required));
        var composition = document.Entry.FirstOrDefault()?.Resource as Composition;
        var resolve = ClinicalDocument.Resolver(document);
        Patient? patient = null;
        var patientAt = "";
        if (composition is null)
            problems.Add(new FhirProblem("Bundle.entry[0]", "A document's first entry is its Composition (bdl-11).", OperationOutcome.IssueType.Required));
        else
        {
            const string at = "Bundle.entry[0].resource";
            if (composition.Status is null)
                problems.Add(new FhirProblem($"{at}.status", "Give the document's status (preliminary, final or amended).", OperationOutcome.IssueType.Required));
            else if (composition.Status == CompositionStatus.EnteredInError)
                problems.Add(new FhirProblem($"{at}.status",
                    "A document entered in error is not attached: to withdraw one already sent, ring the hub.", OperationOutcome.IssueType.BusinessRule));
            if (composition.Type is null || (composition.Type.Coding.Count == 0 && string.IsNullOrWhiteSpace(composition.Type.Text)))
                problems.Add(new FhirProblem($"{at}.type", "Give the kind of document (SNOMED CT 373942005 for a discharge summary).", OperationOutcome.IssueType.Required));
            if (string.IsNullOrWhiteSpace(composition.Title))
                problems.Add(new FhirProblem($"{at}.title", "Give the document's title.", OperationOutcome.IssueType.Required));
            if (string.IsNullOrWhiteSpace(composition.Date))
                problems.Add(new FhirProblem($"{at}.date", "Give the date the document was written.", OperationOutcome.IssueType.Required));
            if (composition.Author.Count == 0)
                problems.Add(new FhirProblem($"{at}.author", "Name who wrote the document.", OperationOutcome.IssueType.Required));
            var subject = resolve(composition.Subject) as Patient;
            var index = document.Entry.FindIndex(e => subject is not null && ReferenceEquals(e.Resource, subject));
            if (index < 0)
                problems.Add(new FhirProblem($"{at}.subject",
                    "The Composition's subject must be the Patient entry in the document, with the NHS number.", OperationOutcome.IssueType.Required));
            else
            {
                patient = subject;
                patientAt = $"Bundle.entry[{index}].resource";
            }
        }
        var input = patient is null ? null : PatientMap.FromFhir(patient, patientAt, problems);
        if (problems.Count > 0)
            throw new FhirException(400, problems);

        var kind = SentResources.Concept(composition!.Type);
        var request = new AttachDocument.Request(input!, $"{document.Identifier!.System}|{document.Identifier.Value}", kind.Length > 0 ? kind : "Document",
            Summary(composition, resolve), document.ToJson());
        var outcome = await FhirRefusals.Translate(() => attach.Handle(request, actor, ct),
            field => field.StartsWith("patient.", StringComparison.Ordinal) ? $"{patientAt}.{PatientMap.Expression(field["patient.".Length..])}".TrimEnd('.') : field);
        var kept = (Bundle)document.DeepCopy();
        kept.Id = outcome.DocumentId.ToString();
        kept.Meta = new Meta { VersionId = "1", LastUpdated = kept.Meta?.LastUpdated };
        return (kept, $"Bundle/{outcome.DocumentId}");
    }

    /// <summary>One line for the episode page's list: "Discharge summary: Ward 7 discharge, 2026-12-05, from Nortown General".</summary>
    private static string Summary(Composition composition, Func<ResourceReference?, Resource?> resolve)
    {
        var from = composition.Custodian?.Display ?? (resolve(composition.Custodian) as Organization)?.Name;
        var text = $"{(SentResources.Concept(composition.Type) is { Length: > 0 } k ? k : "Document")}: {composition.Title}, {composition.Date}"
                   + (from is null ? "" : $", from {from}");
        return text.Length <= 1000 ? text : text[..999] + "…";
    }
}
