using Hl7.Fhir.Model;
using Homeward.Access;
using Homeward.Common;
using Homeward.DischargeReady;

namespace Homeward.Fhir;

/// <summary>
/// The acute trust's discharge-ready feed by FHIR: its inpatient Encounter, posted whenever the person's readiness
/// changes, with the patient by NHS number and either the Discharge Ready Date or that the person meets the criteria to
/// reside (and, while a ready person waits, the national delay reason). Applied exactly as a line of the trust's daily
/// list (<see cref="ImportReadyList.One"/>): the same referral found, the same rules, each change kept on the timeline
/// with both dates, and the same audit.
/// </summary>
public sealed class FhirStayUpdates(ImportReadyList readyList)
{
    private const string At = "Encounter";

    /// <summary>Applies the update; answers an OperationOutcome saying what changed (or that nothing did).</summary>
    public async Task<OperationOutcome> Update(Resource posted, Actor actor, CancellationToken ct)
    {
        if (posted is not Encounter encounter)
            throw FhirException.Invalid(posted.TypeName, "Post the inpatient Encounter.");
        var problems = new List<FhirProblem>();
        var identifier = encounter.Subject?.Identifier;
        var nhsText = identifier?.System == FhirSystems.NhsNumber ? identifier.Value : null;
        if (nhsText is null)
            problems.Add(new FhirProblem($"{At}.subject.identifier",
                $"Name the patient by NHS number: subject.identifier with system {FhirSystems.NhsNumber}.", OperationOutcome.IssueType.Required));
        if (encounter.Class?.Code is not ("IMP" or "ACUTE" or "NONAC"))
            problems.Add(new FhirProblem($"{At}.class",
                "Only an inpatient stay (class IMP, ACUTE or NONAC) has a discharge ready date.", OperationOutcome.IssueType.BusinessRule));
        var ready = encounter.GetExtension(FhirSystems.DischargeReadyDate);
        var reside = encounter.GetExtension(FhirSystems.CriteriaToReside);
        DateOnly? readyDate = null;
        if (ready is not null)
        {
            if (ready.Value is Date { Value: { } text }
                && DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
                readyDate = day;
            else
                problems.Add(new FhirProblem($"{At}.extension", "The discharge ready date is a whole day as a valueDate (2026-12-06).", OperationOutcome.IssueType.Value));
        }
        var meets = (reside?.Value as FhirBoolean)?.Value;
        if (reside is not null && meets is null)
            problems.Add(new FhirProblem($"{At}.extension", "Meeting the criteria to reside is a valueBoolean.", OperationOutcome.IssueType.Value));
        if (ready is null && meets is not true)
            problems.Add(new FhirProblem($"{At}.extension",
                $"Say the discharge ready date ({FhirSystems.DischargeReadyDate}) or that the person meets the criteria to reside ({FhirSystems.CriteriaToReside}, true): Homeward never guesses that a date was withdrawn.",
                OperationOutcome.IssueType.Required));
        if (ready is not null && meets is true)
            problems.Add(new FhirProblem($"{At}.extension",
                "A person who meets the criteria to reside has no discharge ready date: send one or the other.", OperationOutcome.IssueType.BusinessRule));

        var row = new Problems();
        var nhs = nhsText is null ? null : row.NhsNumber(ReadyList.NhsNumber, nhsText);
        var delay = encounter.GetExtension(FhirSystems.DelayReasonExtension)?.Value as Coding;
        if (delay is not null && delay.System != FhirSystems.DelayReasonCodes)
            row.Add(ReadyList.Reason, $"The delay reason's system is {FhirSystems.DelayReasonCodes}.");
        var reason = delay is null ? null : ReadyList.DelayReasonOf(row, ReadyList.Reason, delay.Code);
        var detail = delay is null ? null : row.Optional(ReadyList.Detail, delay.Display, 200, "what exactly is awaited");
        problems.AddRange(row.ToDictionary().SelectMany(x => x.Value.Select(m => new FhirProblem(Place(x.Key), m, OperationOutcome.IssueType.Value))));
        if (problems.Count > 0)
            throw new FhirException(400, problems);

        var outcome = await FhirRefusals.Translate(() => readyList.One(
            new ReadyList.Row(1, nhs, readyDate, reason, detail, new Dictionary<string, string[]>()), "the trust's Encounter (FHIR)", actor, ct));
        return outcome.Result switch
        {
            ImportReadyList.Result.Changed or ImportReadyList.Result.Unchanged => new OperationOutcome
            {
                Issue = [new OperationOutcome.IssueComponent
                {
                    Severity = OperationOutcome.IssueSeverity.Information, Code = OperationOutcome.IssueType.Informational, Diagnostics = outcome.Said,
                }],
            },
            ImportReadyList.Result.NotFound => throw new FhirException(422, [new FhirProblem($"{At}.subject.identifier", outcome.Said, OperationOutcome.IssueType.NotFound)]),
            _ => throw new FhirException(422, [.. outcome.Problems.SelectMany(x => x.Value.Select(m => new FhirProblem(Place(x.Key), m, OperationOutcome.IssueType.BusinessRule)))]),
        };
    }

    /// <summary>Where a field of the list lives in the Encounter.</summary>
    private static string Place(string field) => field switch
    {
        ReadyList.NhsNumber => $"{At}.subject.identifier",
        ReadyList.ReadyDate or ReadyList.Reason or ReadyList.Detail => $"{At}.extension",
        _ => At,
    };
}
