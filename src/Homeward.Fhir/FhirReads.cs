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

/// <summary>
/// FHIR read of every type Homeward serves, by Homeward's id, on the same use cases as the REST API (so the same rights
/// and audit rows); a referral held for a matching decision reads as the sender's on-hold ServiceRequest.
/// </summary>
public sealed class FhirReads(IServiceProvider services, HomewardDb db)
{
    private GetPerson People => services.GetRequiredService<GetPerson>();
    private GetReferral Referrals => services.GetRequiredService<GetReferral>();
    private GetEpisode Episodes => services.GetRequiredService<GetEpisode>();
    private Homeward.Care.GetCareRecord CareRecords => services.GetRequiredService<Homeward.Care.GetCareRecord>();
    private Homeward.Capacity.CapacityView Capacity => services.GetRequiredService<Homeward.Capacity.CapacityView>();

    public async Task<Resource> Read(string type, string id, Actor actor, CancellationToken ct)
    {
        var isGuid = Guid.TryParse(id, out var guid);
        // What a sender sent with a referral, exactly as received (under Homeward's id for it), for those who may read the referral.
        if (isGuid && await SentDocument(guid, actor, ct) is { } sent && sent.Document.ResourceType == type)
        {
            var resource = FhirFormat.Read(sent.Document.Content, FhirFormatKind.Json);
            resource.Id = sent.Document.Id.ToString();
            return resource;
        }
        // A Bundle is served only as a document kept as received (above): any other id is one Homeward does not have.
        if (type == "Bundle")
            throw new FhirException(404, [new FhirProblem("", $"No Bundle with id {id}.", OperationOutcome.IssueType.NotFound)]);
        if (!FhirCommon.Types.Contains(type))
            throw FhirCommon.Unsupported(type);
        Resource? found;
        try
        {
            found = await Find(type, id, isGuid, guid, actor, ct);
        }
        catch (FhirException e) when (e.Status == 404)
        {
            // Whatever was not found on the way (the goal's episode, a record the caller may not see), the answer is the
            // one a missing resource gets: it tells nobody what exists.
            found = null;
        }
        return found ?? throw new FhirException(404, [new FhirProblem("", $"No {type} with id {id}.", OperationOutcome.IssueType.NotFound)]);
    }

    private async Task<Resource?> Find(string type, string id, bool isGuid, Guid guid, Actor actor, CancellationToken ct) =>
        await FhirCommon.Guard(async () => type switch
        {
            "Observation" => await ObservationById(id, actor, ct),
            "Slot" => await SlotById(id, actor, ct),
            _ when !isGuid => null,
            "Patient" => PatientMap.ToFhir(await People.Handle(guid, actor, ct)),
            "ServiceRequest" => await db.Referrals.AnyAsync(r => r.Id == guid, ct)
                ? await WithSentDocuments(ReferralMap.ToFhir(await Referrals.Handle(guid, actor, ct)), guid, ct)
                : await HeldRequest(guid, actor, ct),
            "EpisodeOfCare" => EpisodeMap.ToFhir(await Episodes.Handle(guid, actor, ct)),
            "CarePlan" => CareMap.Plan(await CareRecords.Handle(guid, actor, ct)),
            "Encounter" => CareMap.Ending(await Episodes.Handle(guid, actor, ct)),
            "Goal" => await EpisodeOf(db.Goals.Where(g => g.Id == guid).Select(g => (Guid?)g.EpisodeId), ct) is { } episode
                ? CareMap.Goals(await CareRecords.Handle(episode, actor, ct)).FirstOrDefault(g => g.Id == id)
                : null,
            "Task" => await EpisodeOf(db.FollowUps.Where(f => f.Id == guid).Select(f => (Guid?)f.EpisodeId), ct) is { } episode2
                && await CareRecords.Handle(episode2, actor, ct) is { FollowUp: { } followUp } record
                ? CareMap.FollowUpTask(followUp, record.PersonId)
                : null,
            "HealthcareService" => (await Capacity.Handle(actor, ct)).Services.Where(x => x.Id == guid).Select(CareMap.Service).FirstOrDefault(),
            "Schedule" => (await Capacity.Handle(actor, ct)).Services.Where(x => x.Id == guid).Select(CareMap.Schedule).FirstOrDefault(),
            _ => (Resource?)null,
        });

    /// <summary>A referral held for a patient-matching decision, as its sender sent it, with its state (on hold, or revoked).</summary>
    internal async Task<ServiceRequest> HeldRequest(Guid id, Actor actor, CancellationToken ct)
    {
        var (view, sent) = await services.GetRequiredService<GetHeldReferral>().WithSent(id, actor, ct);
        var asSent = sent.FirstOrDefault(s => s.Type == "ServiceRequest") is { } item ? FhirFormat.Read(item.Content, FhirFormatKind.Json) as ServiceRequest : null;
        return ReferralMap.Held(view, asSent);
    }

    private Homeward.Referrals.SentWith.SentWithReferral SentWith => services.GetRequiredService<Homeward.Referrals.SentWith.SentWithReferral>();

    /// <summary>A document sent with a referral, when the id is one and the caller may read it; else nothing (never a different refusal).</summary>
    private async Task<(Homeward.Referrals.SentWith.SentDocument Document, Homeward.Referrals.ReferralView Referral)?> SentDocument(Guid id, Actor actor, CancellationToken ct)
    {
        try
        {
            return await FhirCommon.Guard(() => SentWith.Read(id, actor, ct));
        }
        catch (FhirException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>A referral's ServiceRequest points at what was sent with it (supportingInfo), each readable as received.</summary>
    private async Task<ServiceRequest> WithSentDocuments(ServiceRequest sr, Guid referralId, CancellationToken ct)
    {
        var sent = await db.SentDocuments.AsNoTracking().Where(d => d.ReferralId == referralId).OrderBy(d => d.Position)
            .Select(d => new { d.Id, d.ResourceType, d.Summary }).ToListAsync(ct);
        sr.SupportingInfo.AddRange(sent.Select(d => new ResourceReference($"{d.ResourceType}/{d.Id}", d.Summary)));
        return sr;
    }

    private static async Task<Guid?> EpisodeOf(IQueryable<Guid?> query, CancellationToken ct) => await query.FirstOrDefaultAsync(ct);

    private async Task<Resource?> ObservationById(string id, Actor actor, CancellationToken ct)
    {
        Guid? episode = null;
        if (id.StartsWith("ucr-", StringComparison.Ordinal) && Guid.TryParse(id[4..], out var urgent))
            episode = await EpisodeOf(db.UrgentAssessments.Where(a => a.EpisodeId == urgent).Select(a => (Guid?)a.EpisodeId), ct);
        else if (id.StartsWith('m') && long.TryParse(id[1..], CultureInfo.InvariantCulture, out var measure))
            episode = await EpisodeOf(db.MeasureResults.Where(m => m.Id == measure).Select(m => (Guid?)m.EpisodeId), ct);
        else if (id.Length > 37 && Guid.TryParse(id[..36], out var goal))
            episode = await EpisodeOf(db.Goals.Where(g => g.Id == goal).Select(g => (Guid?)g.EpisodeId), ct);
        return episode is { } e ? CareMap.Observations(await CareRecords.Handle(e, actor, ct)).FirstOrDefault(o => o.Id == id) : null;
    }

    private async Task<Resource?> SlotById(string id, Actor actor, CancellationToken ct)
    {
        if (id.Length != 45 || !Guid.TryParse(id[..36], out var service) ||
            !DateOnly.TryParseExact(id[37..], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return null;
        var s = (await Capacity.Handle(actor, ct)).Services.FirstOrDefault(x => x.Id == service);
        return s?.Days.Where(d => d.Date == day).Select(d => CareMap.DaySlot(s, d)).FirstOrDefault();
    }
}
