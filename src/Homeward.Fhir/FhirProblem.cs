using Hl7.Fhir.Model;

namespace Homeward.Fhir;

/// <summary>Something wrong with a FHIR request: where (a FHIRPath expression), what, and the issue type.</summary>
public sealed record FhirProblem(string Expression, string Message, OperationOutcome.IssueType Type = OperationOutcome.IssueType.Invalid);

/// <summary>A FHIR request that cannot be done; the HTTP status and every problem, as an OperationOutcome.</summary>
public sealed class FhirException(int status, IReadOnlyList<FhirProblem> problems)
    : Exception(string.Join("; ", problems.Select(p => $"{p.Expression}: {p.Message}")))
{
    public int Status { get; } = status;
    public IReadOnlyList<FhirProblem> Problems { get; } = problems;

    public static FhirException Invalid(string expression, string message) => new(400, [new FhirProblem(expression, message)]);

    public OperationOutcome ToOutcome() => Outcomes.Of(Problems);
}

public static class Outcomes
{
    public static OperationOutcome Of(IEnumerable<FhirProblem> problems)
    {
        var outcome = new OperationOutcome();
        foreach (var p in problems)
            outcome.Issue.Add(new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Error,
                Code = p.Type,
                Diagnostics = p.Message,
                Expression = string.IsNullOrEmpty(p.Expression) ? [] : [p.Expression],
            });
        return outcome;
    }

    public static OperationOutcome One(OperationOutcome.IssueType type, string message, string? expression = null) =>
        Of([new FhirProblem(expression ?? "", message, type)]);
}
