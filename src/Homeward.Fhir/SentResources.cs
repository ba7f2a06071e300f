using System.Globalization;
using Hl7.Fhir.Model;

namespace Homeward.Fhir;

/// <summary>
/// What a sending system sent with a referral, in words for staff, and what in it Homeward does not use (listed back to
/// the sender as warnings: kept as received, never silently dropped).
/// </summary>
public static class SentResources
{
    private const string Snomed = "http://snomed.info/sct";

    /// <summary>One line in words: "Condition: Fall (SNOMED CT 1912002), active".</summary>
    public static string Summary(Resource resource)
    {
        var text = resource switch
        {
            Patient p => $"The patient as sent: {Name(p.Name)}{Identifiers(p.Identifier)}",
            ServiceRequest s => $"The referral as sent{Identifiers(s.Identifier)}: {Join(", ", Concept(s.Code), s.ReasonCode.Select(Concept).FirstOrDefault(c => c.Length > 0))}",
            Practitioner p => $"Practitioner: {Name(p.Name)}{Identifiers(p.Identifier)}",
            PractitionerRole r => $"Practitioner role: {Join(", ", r.Code.Select(Concept).FirstOrDefault(), r.Practitioner?.Display, r.Organization?.Display)}",
            Organization o => $"Organisation: {o.Name}{Identifiers(o.Identifier)}",
            Location l => $"Location: {Join(", ", l.Name, l.Description)}",
            Encounter e => $"Encounter: {Join(", ", e.Class?.Display ?? e.Class?.Code, Period(e.Period), e.ServiceProvider?.Display, Literal(e.Status))}",
            Condition c => $"Condition: {Join(", ", Concept(c.Code), Concept(c.ClinicalStatus), Concept(c.Severity))}",
            Observation o => $"Observation: {Concept(o.Code)}{(Value(o.Value) is { Length: > 0 } v ? $": {v}" : "")}{(o.Effective is FhirDateTime d ? $" ({d.Value})" : "")}",
            AllergyIntolerance a => $"Allergy or intolerance: {Join(", ", Concept(a.Code), Literal(a.Criticality), a.Reaction.SelectMany(r => r.Manifestation).Select(Concept).FirstOrDefault())}",
            MedicationStatement m => $"Medication: {Join(", ", m.Medication is CodeableConcept med ? Concept(med) : (m.Medication as ResourceReference)?.Display, m.Dosage.Select(d => d.Text).FirstOrDefault())}",
            MedicationRequest m => $"Medication: {Join(", ", m.Medication is CodeableConcept med ? Concept(med) : (m.Medication as ResourceReference)?.Display, m.DosageInstruction.Select(d => d.Text).FirstOrDefault())}",
            Consent c => $"Consent: {Join(", ", c.Category.Select(Concept).FirstOrDefault(), Literal(c.Status))}",
            RelatedPerson r => $"Related person: {Join(", ", Name(r.Name), r.Relationship.Select(Concept).FirstOrDefault(), r.Telecom.Select(t => t.Value).FirstOrDefault())}",
            DocumentReference d => $"Document: {Join(", ", Concept(d.Type), d.Description)}",
            Composition c => $"Document: {Join(", ", c.Title, Concept(c.Type), c.Date)}",
            QuestionnaireResponse q => $"Questionnaire response: {Join(", ", q.Questionnaire, Literal(q.Status), $"{q.Item.Count} answers")}",
            CarePlan c => $"Care plan: {Join(", ", c.Title, c.Description)}",
            Procedure p => $"Procedure: {Join(", ", Concept(p.Code), p.Performed is FhirDateTime t ? t.Value : null)}",
            _ => resource.TypeName,
        };
        text = text.TrimEnd(':', ' ');
        return text.Length <= 1000 ? text : text[..999] + "…";
    }

    /// <summary>The elements of a Patient and a ServiceRequest that Homeward reads; everything else is kept but not used.</summary>
    private static readonly Dictionary<string, HashSet<string>> Used = new(StringComparer.Ordinal)
    {
        ["Patient"] = ["id", "meta", "text", "identifier", "name", "telecom", "gender", "birthDate", "address", "generalPractitioner", "contact", "extension", "communication"],
        ["ServiceRequest"] = ["id", "meta", "text", "identifier", "status", "intent", "category", "priority", "subject", "authoredOn", "requester", "reasonCode", "extension"],
    };

    /// <summary>What in a Patient or ServiceRequest Homeward keeps as received but does not use, by element.</summary>
    public static IReadOnlyList<string> Unused(Resource resource, IReadOnlySet<string> knownExtensions)
    {
        if (!Used.TryGetValue(resource.TypeName, out var used))
            return [];
        var unused = resource.EnumerateElements().Select(c => c.Key).Distinct().Where(n => !used.Contains(n))
            .Select(n => $"{resource.TypeName}.{n}").ToList();
        if (resource is DomainResource d)
            unused.AddRange(d.Extension.Where(e => e.Url is not null && !knownExtensions.Contains(e.Url)).Select(e => $"{resource.TypeName}.extension ({e.Url})"));
        switch (resource)
        {
            case Patient p:
                unused.AddRange(p.Identifier.Where(i => i.System != FhirSystems.NhsNumber).Select(i => $"Patient.identifier ({i.System})"));
                unused.AddRange(p.Identifier.Where(i => i.System == FhirSystems.NhsNumber).SelectMany(i => i.Extension)
                    .Where(e => e.Url != FhirSystems.NhsNumberVerification).Select(e => $"Patient.identifier.extension ({e.Url})"));
                if (p.Communication.Count > 1)
                    unused.Add("Patient.communication (languages other than the preferred one)");
                if (p.Name.Count > 1)
                    unused.Add("Patient.name (names other than the official one)");
                break;
            case ServiceRequest s:
                if (s.ReasonCode.SelectMany(c => c.Coding).Any())
                    unused.Add("ServiceRequest.reasonCode.coding (Homeward reads the text; the codes are kept and shown)");
                if (s.Requester?.Reference is not null)
                    unused.Add("ServiceRequest.requester.reference (Homeward reads the display)");
                break;
        }
        return unused;
    }

    private static string Identifiers(IEnumerable<Identifier> identifiers) =>
        identifiers.FirstOrDefault(i => i.Value is not null) is { } id ? $" ({Short(id.System)} {id.Value})" : "";

    private static string Short(string? system) => system switch
    {
        FhirSystems.NhsNumber => "NHS number",
        FhirSystems.OdsOrganisation => "ODS",
        "https://fhir.hl7.org.uk/Id/gmc-number" => "GMC",
        "https://fhir.hl7.org.uk/Id/nmc-number" => "NMC",
        "https://fhir.hl7.org.uk/Id/hcpc-number" => "HCPC",
        _ => "identifier",
    };

    public static string Concept(CodeableConcept? c)
    {
        if (c is null)
            return "";
        var coding = c.Coding.FirstOrDefault(x => x.System == Snomed) ?? c.Coding.FirstOrDefault();
        var words = c.Text ?? coding?.Display ?? coding?.Code ?? "";
        return coding?.System == Snomed && coding.Code is { } code ? $"{words} (SNOMED CT {code})" : words;
    }

    private static string Name(IEnumerable<HumanName> names)
    {
        var n = names.FirstOrDefault(x => x.Use == HumanName.NameUse.Official) ?? names.FirstOrDefault();
        return n is null ? "" : n.Text ?? string.Join(' ', n.Prefix.Concat(n.Given).Append(n.Family).Where(s => !string.IsNullOrWhiteSpace(s)));
    }

    private static string Name(HumanName? name) => name is null ? "" : Name([name]);

    private static string? Period(Period? p) => p is null ? null : p.End is null ? $"from {p.Start}" : $"{p.Start} to {p.End}";

    private static string Value(DataType? value) => value switch
    {
        Quantity q => $"{q.Value?.ToString(CultureInfo.InvariantCulture)} {q.Unit ?? q.Code}".Trim(),
        CodeableConcept c => Concept(c),
        FhirString s => s.Value ?? "",
        Integer i => i.Value?.ToString(CultureInfo.InvariantCulture) ?? "",
        FhirBoolean b => b.Value is true ? "yes" : "no",
        _ => "",
    };

    /// <summary>A FHIR code as FHIR writes it ("in-progress", not InProgress).</summary>
    private static string? Literal<T>(T? code) where T : struct, Enum => code is { } c ? Hl7.Fhir.Utility.EnumUtility.GetLiteral(c) : null;

    private static string Join(string separator, params string?[] parts) => string.Join(separator, parts.Where(p => !string.IsNullOrWhiteSpace(p)));
}
