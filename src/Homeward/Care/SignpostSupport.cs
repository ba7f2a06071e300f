using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;

namespace Homeward.Care;

/// <summary>
/// A signpost or referral to a voluntary or community organisation for a need the service does not meet. Checked in
/// full (every problem at once), noted on the timeline and audited in one transaction; answers with the whole care
/// record.
/// </summary>
public sealed class SignpostSupport(HomewardDb db, CareChange change)
{
    public sealed record Input(string? Need, string? Action, string? Organisation, string? Notes, string? At);

    public async Task<CareRecordView> Handle(Guid episodeId, Input input, Actor actor, CancellationToken ct)
    {
        var (episode, now) = await change.Load(episodeId, actor, CareChange.Open, ct);
        var problems = new Problems();
        var at = CareChange.When(problems, input.At, episode, now, afterStart: false);
        var need = problems.Enum<SupportNeed>("need", input.Need, "need");
        var action = problems.Enum<SupportAction>("action", input.Action, "action (signposted or referred)");
        var organisation = problems.Required("organisation", input.Organisation, 200, "the organisation");
        var notes = problems.Optional("notes", input.Notes, 2000, "the notes");
        problems.ThrowIfAny();
        db.CommunitySupports.Add(new CommunitySupport
        {
            EpisodeId = episodeId, Need = need!.Value, Action = action!.Value, Organisation = organisation, Notes = notes, At = at, By = actor.UserName,
        });
        return await change.Save(episode, EpisodeEventType.CommunitySupport, at, actor, now, "care.community-support",
            new { need = need.ToString(), action = action.ToString(), organisation }, ct);
    }
}
