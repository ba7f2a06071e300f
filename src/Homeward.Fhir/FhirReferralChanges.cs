using Hl7.Fhir.Model;
using Homeward.Access;
using Homeward.Data;
using Homeward.Matching;
using Homeward.Referrals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Task = System.Threading.Tasks.Task;

namespace Homeward.Fhir;

/// <summary>
/// A sender's changes to a referral it sent, from <c>PUT /fhir/ServiceRequest/{id}</c> or a BaRS update message: an
/// active ServiceRequest amends it (the details Homeward reads, through the same use case as the REST API), a revoked
/// one withdraws it (until care starts). A referral held for a matching decision can be withdrawn, not amended.
/// </summary>
public sealed class FhirReferralChanges(IServiceProvider services, HomewardDb db)
{
    /// <summary>PUT /fhir/ServiceRequest/{id}: If-Match is honoured when sent; the referrer's own referral may be changed without it.</summary>
    public async Task<ServiceRequest> Update(string id, Resource posted, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        if (posted is not ServiceRequest sr)
            throw FhirException.Invalid(posted.TypeName, $"The body is a {posted.TypeName}: PUT a ServiceRequest to /fhir/ServiceRequest/{id}.");
        if (sr.Id is { } bodyId && bodyId != id)
            throw FhirException.Invalid("ServiceRequest.id", $"The ServiceRequest's id ({bodyId}) is not the one in the address ({id}).");
        if (!Guid.TryParse(id, out var guid))
            throw new FhirException(404, [new FhirProblem("", $"No ServiceRequest with id {id}.", OperationOutcome.IssueType.NotFound)]);
        return await Apply(guid, sr, "ServiceRequest", expectedVersion, actor, ct);
    }

    /// <summary>
    /// A change to the referral the sender knows by its own identifier (a BaRS update), or by Homeward's id when it
    /// names it; only the sender's organisation's referrals are found.
    /// </summary>
    public async Task<(Guid Id, ServiceRequest Result)> BySenderIdentifier(ServiceRequest sr, string at, Actor actor, CancellationToken ct)
    {
        var ours = sr.Identifier.FirstOrDefault(i => i.System == FhirSystems.ReferralId)?.Value;
        var theirs = sr.Identifier.Where(i => i.System != FhirSystems.ReferralId && !string.IsNullOrWhiteSpace(i.Value)).Select(i => $"{i.System}|{i.Value}").ToList();
        Guid? id = Guid.TryParse(ours, out var g) ? g : null;
        id ??= await db.Referrals.Where(r => r.SenderReference != null && theirs.Contains(r.SenderReference) && r.SubmittedByOrganisationId == actor.OrganisationId)
            .Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        id ??= await db.HeldReferrals.Where(h => h.SenderReference != null && theirs.Contains(h.SenderReference) && h.SenderOrganisationId == actor.OrganisationId)
            .OrderByDescending(h => h.ReceivedAt).Select(h => (Guid?)h.Id).FirstOrDefaultAsync(ct);
        if (id is not { } found)
            throw new FhirException(404, [new FhirProblem($"{at}.identifier",
                "No referral from your organisation carries this identifier: send the referral first (reason new).", OperationOutcome.IssueType.NotFound)]);
        return (found, await Apply(found, sr, at, null, actor, ct));
    }

    private async Task<ServiceRequest> Apply(Guid id, ServiceRequest sr, string at, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        switch (sr.Status)
        {
            case RequestStatus.Revoked:
                var why = sr.Note.Select(n => n.Text).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));
                await FhirRefusals.Translate(() => services.GetRequiredService<WithdrawReferral>().Handle(id, why is { Length: > 1000 } ? why[..1000] : why, actor, ct));
                break;
            case RequestStatus.Active:
                await Amend(id, sr, at, expectedVersion, actor, ct);
                break;
            default:
                throw new FhirException(422, [new FhirProblem($"{at}.status",
                    "Send the ServiceRequest active to change the referral's details, or revoked to withdraw it.", OperationOutcome.IssueType.Value)]);
        }
        return (ServiceRequest)await services.GetRequiredService<FhirReads>().Read("ServiceRequest", id.ToString(), actor, ct);
    }

    private async Task Amend(Guid id, ServiceRequest sr, string at, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        var current = await db.Referrals.AsNoTracking().Where(r => r.Id == id).Select(r => new { r.Version, r.SubmittedByOrganisationId }).SingleOrDefaultAsync(ct);
        if (current is null)
            throw await db.HeldReferrals.AnyAsync(h => h.Id == id, ct)
                ? new FhirException(409, [new FhirProblem($"{at}.status",
                    "This referral is held for a patient-matching decision: it can be withdrawn (revoked), not changed, until the hub decides.", OperationOutcome.IssueType.BusinessRule)])
                : new FhirException(404, [new FhirProblem("", $"No ServiceRequest with id {id}.", OperationOutcome.IssueType.NotFound)]);
        var problems = new List<FhirProblem>();
        var sent = ReferralMap.FromFhir(sr, at, problems);
        if (problems.Count > 0)
            throw new FhirException(400, problems);
        // The referrer's own referral: what it sends now is its referral (no version needed); anyone else names the version they saw.
        var version = expectedVersion ?? (current.SubmittedByOrganisationId == actor.OrganisationId ? current.Version : null);
        await FhirRefusals.Translate(() => services.GetRequiredService<UpdateReferral>().Handle(id, new UpdateReferral.Request
        {
            Source = sent.Source, ReferrerName = sent.ReferrerName, ReferrerOrganisation = sent.ReferrerOrganisation, ReferrerContact = sent.ReferrerContact,
            Urgency = sent.Urgency, Reason = sent.Reason, Hospital = sent.Hospital, Ward = sent.Ward, AdmittedOn = sent.AdmittedOn,
            DischargeReadyDate = sent.DischargeReadyDate, ExistingClient = sent.ExistingClient,
        }, version, actor, ct), field => $"{at}.{ReferralMap.Expression(field)}".TrimEnd('.'));
    }
}
