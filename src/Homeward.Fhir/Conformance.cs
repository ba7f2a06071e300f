using Hl7.Fhir.Model;

namespace Homeward.Fhir;

/// <summary>
/// What a sender sent, checked against UK Core (<see cref="UkCoreValidator"/>): each problem at its place in what was
/// sent. Taken with a warning for each by default (a referral is never lost to a profile rule); refused, all at once,
/// when the partnership asks for that (<c>Fhir:RejectNonConformant</c>).
/// </summary>
public static class Conformance
{
    private static string? ProfileOf(Resource resource) => resource switch
    {
        Patient => FhirSystems.UkCorePatient,
        ServiceRequest => FhirSystems.UkCoreServiceRequest,
        Composition => FhirSystems.UkCoreComposition,
        Encounter => FhirSystems.UkCoreEncounter,
        _ => null,
    };

    /// <summary>The warnings to say back; throws (422) instead when the validator refuses what does not conform.</summary>
    /// <param name="sent">Each resource with its place ("Bundle.entry[1].resource").</param>
    public static List<OperationOutcome.IssueComponent> Check(UkCoreValidator validator, IEnumerable<(Resource Resource, string At)> sent)
    {
        var issues = new List<OperationOutcome.IssueComponent>();
        if (!validator.Enabled)
            return issues;
        foreach (var (resource, at) in sent)
        {
            if (ProfileOf(resource) is not { } profile)
                continue;
            foreach (var issue in validator.Errors(resource, profile))
            {
                // The validator names places from the resource ("Patient.identifier[0]"): said from what was sent.
                var places = issue.Expression.OfType<string>().Select(e => e.StartsWith(resource.TypeName, StringComparison.Ordinal) ? at + e[resource.TypeName.Length..] : $"{at}.{e}")
                    .DefaultIfEmpty(at).ToList();
                issues.Add(new OperationOutcome.IssueComponent
                {
                    Severity = validator.Reject ? OperationOutcome.IssueSeverity.Error : OperationOutcome.IssueSeverity.Warning,
                    Code = validator.Reject ? OperationOutcome.IssueType.Invariant : OperationOutcome.IssueType.Informational,
                    Diagnostics = $"Not as UK Core's {profile[(profile.LastIndexOf('/') + 1)..]} asks: {issue.Details?.Text ?? issue.Diagnostics}"
                                  + (validator.Reject ? "" : " (taken all the same; please correct it at the source)"),
                    Expression = places,
                });
            }
        }
        if (validator.Reject && issues.Count > 0)
            throw new FhirException(422, [.. issues.Select(i => new FhirProblem(i.Expression.FirstOrDefault() ?? "", i.Diagnostics ?? "", OperationOutcome.IssueType.Invariant))]);
        return issues;
    }
}
