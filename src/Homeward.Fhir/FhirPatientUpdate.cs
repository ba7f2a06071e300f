using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.People;
using Homeward.Matching;
using Homeward.Referrals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Task = System.Threading.Tasks.Task;

namespace Homeward.Fhir;

/// <summary>A person's details changed from a Patient (PUT with If-Match), on the same use case as the REST API.</summary>
public sealed class FhirPatientUpdate(IServiceProvider services)
{
    private GetPerson People => services.GetRequiredService<GetPerson>();

    /// <summary>
    /// Changes a person's details from a Patient (PUT with If-Match). What FHIR does not carry (consent, the carer's own
    /// needs) is kept as held.
    /// </summary>
    public async Task<Patient> UpdatePatient(string id, Resource posted, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        if (posted is not Patient patient)
            throw FhirException.Invalid(posted.TypeName, $"The body is a {posted.TypeName}: PUT a Patient to /fhir/Patient/{id}.");
        if (patient.Id is { } bodyId && bodyId != id)
            throw FhirException.Invalid("Patient.id", $"The Patient's id ({bodyId}) is not the one in the address ({id}).");
        if (!Guid.TryParse(id, out var guid))
            throw new FhirException(404, [new FhirProblem("", $"No Patient with id {id}.", OperationOutcome.IssueType.NotFound)]);
        return await FhirCommon.Guard(async () =>
        {
            // Whether the caller may see the record comes first: outside their relationship it is "not found", whatever was sent.
            var held = await People.Handle(guid, actor, ct);
            var problems = new List<FhirProblem>();
            var input = PatientMap.FromFhir(patient, "Patient", problems);
            if (problems.Count > 0)
                throw new FhirException(400, problems);
            var sentNumber = new string((input.NhsNumber ?? "").Where(char.IsDigit).ToArray());
            if ((sentNumber.Length == 0 ? null : sentNumber) != held.NhsNumber)
                throw new FhirException(422, [new FhirProblem("Patient.identifier",
                    $"A record's NHS number cannot be changed (this record holds {held.NhsNumberDisplay}); if it is wrong, contact the hub.", OperationOutcome.IssueType.BusinessRule)]);
            input = input with
            {
                Consent = held.Consent.ToString(),
                UnpaidCarer = input.UnpaidCarer is null ? null : input.UnpaidCarer with { HasOwnNeeds = held.UnpaidCarer?.HasOwnNeeds },
            };
            try
            {
                return PatientMap.ToFhir(await services.GetRequiredService<UpdatePerson>().Handle(guid, input, expectedVersion, actor, ct));
            }
            catch (ValidationFailedException e)
            {
                throw new FhirException(422, [.. e.Errors.SelectMany(x => x.Value.Select(m =>
                    new FhirProblem(PatientMap.Expression(x.Key) is { Length: > 0 } f ? $"Patient.{f}" : "Patient", m, OperationOutcome.IssueType.Invariant)))]);
            }
            catch (StaleVersionException e)
            {
                throw new FhirException(412, [new FhirProblem("", e.Message, OperationOutcome.IssueType.Conflict)]);
            }
            catch (VersionRequiredException e)
            {
                throw new FhirException(428, [new FhirProblem("", e.Message, OperationOutcome.IssueType.Required)]);
            }
        });
    }
}
