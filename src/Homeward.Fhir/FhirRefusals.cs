using Hl7.Fhir.Model;
using Homeward.Common;

namespace Homeward.Fhir;

/// <summary>
/// The one translation of Homeward's refusals into FHIR answers (an OperationOutcome with its HTTP status), so a FHIR
/// client never receives a ProblemDetails: not found 404, not allowed 403, a rule broken 422 (with each field's place
/// when the caller says where its fields live), a state that does not allow it 409, a stale version 412, no version 428.
/// </summary>
public static class FhirRefusals
{
    /// <param name="place">Where a use case's field lives in what was sent ("reason" → "ServiceRequest.reasonCode"); as named when absent.</param>
    public static FhirException? From(Exception e, Func<string, string>? place = null) => e switch
    {
        FhirException f => f,
        NotFoundException => new FhirException(404, [new FhirProblem("", e.Message, OperationOutcome.IssueType.NotFound)]),
        ForbiddenException => new FhirException(403, [new FhirProblem("", e.Message, OperationOutcome.IssueType.Forbidden)]),
        ValidationFailedException v => new FhirException(422, [.. v.Errors.SelectMany(x => x.Value.Select(m =>
            new FhirProblem(place?.Invoke(x.Key) ?? x.Key, m, OperationOutcome.IssueType.Invariant)))]),
        InvalidTransitionException => new FhirException(409, [new FhirProblem("", e.Message, OperationOutcome.IssueType.BusinessRule)]),
        StaleVersionException => new FhirException(412, [new FhirProblem("", e.Message, OperationOutcome.IssueType.Conflict)]),
        VersionRequiredException => new FhirException(428, [new FhirProblem("", e.Message, OperationOutcome.IssueType.Required)]),
        IdempotencyKeyReusedException => new FhirException(422, [new FhirProblem("", e.Message, OperationOutcome.IssueType.Duplicate)]),
        _ => null,
    };

    /// <summary>Runs a use case; its refusals come back as <see cref="FhirException"/>s.</summary>
    public static async Task<T> Translate<T>(Func<Task<T>> action, Func<string, string>? place = null)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is not FhirException && From(e, place) is { } refusal)
        {
            throw refusal;
        }
    }
}
