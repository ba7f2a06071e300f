using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Microsoft.EntityFrameworkCore;

namespace Homeward.YourCare;

/// <summary>
/// Keeps the person's view of the service (<see cref="ExperienceResponse"/>): from "Your care" once their support has
/// ended or is in its last week, or from staff who took it on paper or by phone. Every question needs an answer (a
/// statement may be "does not apply"); once per episode.
/// </summary>
public sealed class RecordExperience(HomewardDb db, AccessScope scope, TimeProvider clock)
{
    public sealed record Input
    {
        public string? Overall { get; init; }
        public string? Involved { get; init; }
        public string? KnewWhatMatters { get; init; }
        public string? KnewWhoToContact { get; init; }
        public string? MoreAble { get; init; }
        public string? FamilyListened { get; init; }
        public string? Better { get; init; }
        /// <summary>Staff only: ThePerson, FamilyOrCarer or StaffOnTheirBehalf.</summary>
        public string? AnsweredBy { get; init; }
    }

    /// <summary>The episode "Your care" asks about, if it may be asked now: ended within 120 days, or active with its plan ending within 7 days.</summary>
    public async Task<Episode?> Askable(Guid personId, CancellationToken ct)
    {
        var today = London.DateOf(clock.GetUtcNow());
        var episode = await db.Episodes.AsNoTracking()
            .Where(e => e.PersonId == personId && (e.Status == EpisodeStatus.Active || e.Status == EpisodeStatus.Ended))
            .OrderByDescending(e => e.ReferredAt).FirstOrDefaultAsync(ct);
        if (episode is null || await db.ExperienceResponses.AnyAsync(r => r.EpisodeId == episode.Id, ct))
            return null;
        if (episode.Status == EpisodeStatus.Ended)
            return episode;
        var ends = await db.CarePlans.AsNoTracking().Where(p => p.EpisodeId == episode.Id).Select(p => (DateOnly?)p.EndsOn).SingleOrDefaultAsync(ct);
        return ends is { } last && last <= today.AddDays(7) ? episode : null;
    }

    public async Task FromThePublic(PublicIdentity identity, Viewer viewer, Input input, CancellationToken ct)
    {
        var episode = await Askable(viewer.PersonId, ct)
                      ?? throw new InvalidTransitionException("There is nothing to tell us about yet, or you have already told us. Thank you.");
        var problems = new Problems();
        var response = Read(input, problems, episode, viewer.IsThePerson ? AnsweredBy.ThePerson : AnsweredBy.FamilyOrCarer,
            viewer.IsThePerson ? $"The person, by {identity.Via}" : $"{viewer.Label}, by {identity.Via}");
        if (problems.Any || response is null)
            throw problems.Failure();
        db.ExperienceResponses.Add(response);
        await db.SaveChangesAsync(ct);
    }

    public async Task<ExperienceResponse> FromStaff(Guid episodeId, Input input, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.RecordCare);
        var episode = await db.Episodes.AsNoTracking().SingleOrDefaultAsync(e => e.Id == episodeId, ct) ?? throw new NotFoundException("episode", episodeId);
        await scope.DemandEpisode(actor, episode.PersonId, episodeId, "care.experience", "episode", episodeId, ct, toChange: true);
        if (episode.Status is not (EpisodeStatus.Active or EpisodeStatus.Ended))
            throw new InvalidTransitionException($"This episode is {episode.Status}: the person's view is asked at the end of their support.");
        if (await db.ExperienceResponses.AnyAsync(r => r.EpisodeId == episodeId, ct))
            throw new InvalidTransitionException("The person's view of this episode is already recorded.");
        var problems = new Problems();
        var by = problems.Enum<AnsweredBy>("answeredBy", input.AnsweredBy, "who answered (ThePerson, FamilyOrCarer or StaffOnTheirBehalf)");
        var response = Read(input, problems, episode, by ?? AnsweredBy.ThePerson, actor.UserName);
        if (problems.Any || response is null)
            throw problems.Failure();
        db.ExperienceResponses.Add(response);
        var now = clock.GetUtcNow();
        db.AuditEntries.Add(AuditEntry.For(actor, "care.experience", episode.PersonId, episodeId, now));
        await db.SaveChangesAsync(ct);
        return response;
    }

    private ExperienceResponse? Read(Input input, Problems problems, Episode episode, AnsweredBy by, string recordedBy)
    {
        var overall = problems.Enum<Overall>("overall", input.Overall, "an answer to: " + ExperienceResponse.OverallQuestion);
        Agreement? Statement(string field, string? value) =>
            problems.Enum<Agreement>(field, value, $"how far you agree: {ExperienceResponse.Statements.Single(s => s.Field == field).Statement}");
        var involved = Statement("involved", input.Involved);
        var matters = Statement("knewWhatMatters", input.KnewWhatMatters);
        var contact = Statement("knewWhoToContact", input.KnewWhoToContact);
        var able = Statement("moreAble", input.MoreAble);
        var family = Statement("familyListened", input.FamilyListened);
        var better = problems.Optional("better", input.Better, 2000, "what could have been better");
        if (problems.Any || overall is not { } o || involved is not { } i || matters is not { } m || contact is not { } c || able is not { } a
            || family is not { } f)
            return null;
        return new ExperienceResponse
        {
            EpisodeId = episode.Id, PersonId = episode.PersonId, At = clock.GetUtcNow(), AnsweredBy = by, RecordedBy = recordedBy, Overall = o,
            Involved = i, KnewWhatMatters = m, KnewWhoToContact = c, MoreAble = a, FamilyListened = f, Better = better,
        };
    }
}
