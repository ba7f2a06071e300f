using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.Matching;
using Homeward.People;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Referrals.SentWith;

/// <summary>
/// A clinical document sent after the referral (a Transfer of Care discharge summary), attached to the person's open
/// referral that the sender may see: the most recent one whose episode has not ended. The patient in the document must
/// be the person held for its NHS number (date of birth, names, gender and address compared as for a referral); when
/// they differ nothing is attached and the sender is told which details differ (never the values held). A resend under
/// the document's own identifier answers with the first. The arrival is noted on the episode's timeline.
/// </summary>
public sealed class AttachDocument(HomewardDb db, AccessScope scope, TimeProvider clock)
{
    /// <param name="Patient">The patient as the document gives them.</param>
    /// <param name="SenderId">The document's own identifier (system|value): a resend with it answers with the first.</param>
    /// <param name="Kind">What it is, in words ("Discharge summary").</param>
    /// <param name="Summary">One line in words for staff.</param>
    /// <param name="Content">The document exactly as received (FHIR JSON).</param>
    public sealed record Request(PersonInput Patient, string SenderId, string Kind, string Summary, string Content, string ResourceType = "Bundle");

    public sealed record Outcome(Guid DocumentId, Guid ReferralId, Guid EpisodeId, bool Replayed);

    public async Task<Outcome> Handle(Request request, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.SubmitReferral);
        var now = clock.GetUtcNow();
        var problems = new Problems();
        var sent = request.Patient.Validate(problems, "patient.", London.DateOf(now), now);
        problems.Required("senderId", request.SenderId, 300, "the document's identifier");
        problems.Required("summary", request.Summary, 1000, "what the document is");
        if (sent is not null && sent.NhsNumber is null)
            problems.Add("patient.nhsNumber", "A document is attached by the patient's NHS number: send it once the number is known.");
        if (problems.Any || sent?.NhsNumber is not { } number)
            throw problems.Failure();

        var person = await db.People.SingleOrDefaultAsync(p => p.NhsNumber == number, ct);
        var found = person is null ? null : await OpenReferral(person.Id, actor, ct);
        if (found is null)
        {
            // A look-up that finds nobody is audited too: the document named someone.
            db.AuditEntries.Add(AuditEntry.For(actor, "referral.document.notfound", null, request.SenderId, now));
            await db.SaveChangesAsync(ct);
            throw ValidationFailedException.For("patient.nhsNumber",
                "Nobody to attach it to: no open referral for this NHS number that you can see (nothing was kept). Send the referral first, or with the document in it.");
        }
        var differences = PatientMatch.Differences(person!, sent!);
        if (differences.Count > 0)
            throw new ValidationFailedException(differences.ToDictionary(d => $"patient.{d.Field}",
                d => new[] { $"The patient in the document differs from the person held for this NHS number ({d.Label}): nothing was attached. Check the NHS number and the patient's details." }));

        if (await db.SentDocuments.Where(d => d.ReferralId == found.Id && d.SenderId == request.SenderId && d.ResourceType == request.ResourceType)
                .Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct) is { } first)
            return new Outcome(first, found.Id, found.EpisodeId, Replayed: true);

        var position = await db.SentDocuments.Where(d => d.ReferralId == found.Id).Select(d => (int?)d.Position).MaxAsync(ct) ?? -1;
        var document = new SentDocument
        {
            ReferralId = found.Id, Position = position + 1, ResourceType = request.ResourceType, SenderId = request.SenderId,
            Summary = request.Summary, Content = request.Content, ReceivedAt = now,
        };
        db.SentDocuments.Add(document);
        db.EpisodeEvents.Add(EpisodeEvent.Of(found.EpisodeId, found.PersonId, EpisodeEventType.DocumentReceived, now, actor, now,
            new { document = document.Id, kind = request.Kind }));
        db.AuditEntries.Add(AuditEntry.For(actor, "referral.document", found.PersonId, document.Id, now));
        await db.SaveChangesAsync(ct);
        return new Outcome(document.Id, found.Id, found.EpisodeId, Replayed: false);
    }

    private sealed record Open(Guid Id, Guid EpisodeId, Guid PersonId);

    /// <summary>The person's most recent referral whose episode has not ended, if the actor may see them.</summary>
    private async Task<Open?> OpenReferral(Guid personId, Actor actor, CancellationToken ct)
    {
        var open = from r in db.Referrals
                   join e in db.Episodes on r.Id equals e.ReferralId
                   where r.PersonId == personId
                         && e.Status != EpisodeStatus.Ended && e.Status != EpisodeStatus.Cancelled && e.Status != EpisodeStatus.Declined
                   select new { r.Id, EpisodeId = e.Id, r.PersonId, r.ReceivedAt };
        if (scope.People(actor) is { } visible)
            open = open.Where(x => visible.Contains(x.PersonId));
        return await open.OrderByDescending(x => x.ReceivedAt).Select(x => new Open(x.Id, x.EpisodeId, x.PersonId)).FirstOrDefaultAsync(ct);
    }
}
