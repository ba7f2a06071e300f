using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.People;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Care;

/// <summary>
/// The holistic assessment at the start (NICE QS173): what matters to the person, their home, their unpaid carer
/// and the carer's own needs, consent (with the best-interest decision where they lack capacity) and risks. One per
/// episode; a change needs the version seen. Checked in full (every problem at once), noted on the timeline and
/// audited in one transaction; answers with the whole care record.
/// </summary>
public sealed class AssessPerson(HomewardDb db, CareChange change)
{
    public sealed record Input
    {
        public string? WhatMatters { get; init; }
        public string? HomeSituation { get; init; }
        public bool? HasUnpaidCarer { get; init; }
        public string? CarerNeeds { get; init; }
        public string? Consent { get; init; }
        public string? BestInterestDecision { get; init; }
        public string? Risks { get; init; }
        public string? At { get; init; }
    }

    public async Task<CareRecordView> Handle(Guid episodeId, Input input, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        var (episode, now) = await change.Load(episodeId, actor, CareChange.Open, ct);
        var problems = new Problems();
        var at = CareChange.When(problems, input.At, episode, now, afterStart: false);
        var whatMatters = problems.Required("whatMatters", input.WhatMatters, 4000, "what matters to the person");
        var home = problems.Required("homeSituation", input.HomeSituation, 4000, "the person's home situation");
        var carerNeeds = problems.Optional("carerNeeds", input.CarerNeeds, 4000, "the carer's needs");
        if (input.HasUnpaidCarer is null)
            problems.Add("hasUnpaidCarer", "Say whether the person has an unpaid carer.");
        else if (input.HasUnpaidCarer == true && carerNeeds is null)
            problems.Add("carerNeeds", "Record the unpaid carer's own needs (or that they have none), and whether a carer's assessment was offered.");
        var consent = problems.Enum<Consent>("consent", input.Consent, "consent");
        if (consent == Consent.NotRecorded)
            problems.Add("consent", "Record whether the person consented, refused, or lacks capacity (best-interest decision).");
        var bestInterest = problems.Optional("bestInterestDecision", input.BestInterestDecision, 4000, "the best-interest decision");
        if (consent == Consent.BestInterestDecision && bestInterest is null)
            problems.Add("bestInterestDecision", "The person lacks capacity to consent: record the best-interest decision (who decided, and why).");
        var risks = problems.Required("risks", input.Risks, 4000, "the risks (or that none were found)");

        var existing = await db.Assessments.SingleOrDefaultAsync(a => a.EpisodeId == episodeId, ct);
        if (existing is not null)
            Versions.Demand("assessment", existing.Version, expectedVersion);
        if (problems.Any || input.HasUnpaidCarer is not { } hasCarer || consent is not { } checkedConsent)
            throw problems.Failure();

        var assessment = existing ?? new Assessment { EpisodeId = episodeId, WhatMatters = "", HomeSituation = "", Risks = "", AssessedBy = "" };
        assessment.WhatMatters = whatMatters;
        assessment.HomeSituation = home;
        assessment.HasUnpaidCarer = hasCarer;
        assessment.CarerNeeds = carerNeeds;
        assessment.Consent = checkedConsent;
        assessment.BestInterestDecision = consent == Consent.BestInterestDecision ? bestInterest : null;
        assessment.Risks = risks;
        assessment.AssessedAt = at;
        assessment.AssessedBy = actor.UserName;
        if (existing is null)
            db.Assessments.Add(assessment);
        else
            assessment.Version++;
        return await change.Save(episode, EpisodeEventType.Assessed, at, actor, now, "care.assess", new { consent = assessment.Consent.ToString() }, ct);
    }
}
