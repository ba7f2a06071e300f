using Homeward.Access;
using Homeward.Care;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.Triage;
using Microsoft.EntityFrameworkCore;

namespace Homeward.UrgentResponse;

/// <summary>
/// Records (or corrects) the rapid response record of an urgent community response episode in care: the presenting
/// problem from the conditions list (Other needs it said in words), what happened, and the clinical notes, at a time
/// not before the first contact. A change needs the version seen. Checked in full (every problem at once), noted on
/// the timeline and audited in one transaction; answers with the whole care record.
/// </summary>
public sealed class RecordUrgentAssessment(HomewardDb db, CareChange change)
{
    public sealed record Input
    {
        /// <summary>A <see cref="UcrCondition"/> name.</summary>
        public string? PresentingProblem { get; init; }
        public string? Presenting { get; init; }
        public string? ClinicalNotes { get; init; }
        public string? At { get; init; }
    }

    public async Task<CareRecordView> Handle(Guid episodeId, Input input, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        var (episode, now) = await change.Load(episodeId, actor, [EpisodeStatus.Active], ct);
        if (episode.Service != Service.UrgentCommunityResponse)
            throw new InvalidTransitionException("A rapid response record is kept only for urgent community response episodes.");
        var problems = new Problems();
        var at = CareChange.When(problems, input.At, episode, now, afterStart: true);
        var condition = problems.Enum<UcrCondition>("presentingProblem", input.PresentingProblem, "presenting problem");
        var presenting = problems.Required("presenting", input.Presenting, 2000,
            condition == UcrCondition.Other ? "the presenting problem in words (it is not one of the nine on the list)" : "what happened, in words");
        var notes = problems.Required("clinicalNotes", input.ClinicalNotes, 8000, "the clinical notes: history, findings and what was done");

        var existing = await db.UrgentAssessments.SingleOrDefaultAsync(a => a.EpisodeId == episodeId, ct);
        if (existing is not null)
            Versions.Demand("rapid response record", existing.Version, expectedVersion);
        if (problems.Any || condition is not { } presentingProblem)
            throw problems.Failure();

        var record = existing ?? new UrgentAssessment { EpisodeId = episodeId, Presenting = "", ClinicalNotes = "", AssessedBy = "" };
        record.PresentingProblem = presentingProblem;
        record.Presenting = presenting;
        record.ClinicalNotes = notes;
        record.AssessedAt = at;
        record.AssessedBy = actor.UserName;
        if (existing is null)
            db.UrgentAssessments.Add(record);
        else
            record.Version++;
        return await change.Save(episode, EpisodeEventType.UrgentAssessed, at, actor, now, "care.urgent-assessment",
            new { presentingProblem = record.PresentingProblem.ToString() }, ct);
    }
}
