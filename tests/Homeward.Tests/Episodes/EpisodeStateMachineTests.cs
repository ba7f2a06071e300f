using Homeward.Access;
using Homeward.Common;
using Homeward.Episodes;
using Homeward.Triage;

namespace Homeward.Tests.Episodes;

public sealed class EpisodeStateMachineTests
{
    private static readonly Actor Someone = new("u1", "tester", Role.HubCoordinator, Guid.NewGuid(), "test");
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, Action<Episode, DateTimeOffset>> Actions = new()
    {
        ["triage"] = (e, t) => e.Triage(Service.Reablement, Pathway.P1, null, t, Someone, t),
        ["accept"] = (e, t) => e.Accept(t, Someone, t),
        ["decline"] = (e, t) => e.Decline("outside criteria", t, Someone, t),
        ["wait"] = (e, t) => e.Wait("carer hours", t, Someone, t),
        ["start"] = (e, t) => e.Start(null, t, Someone, t),
        ["end"] = (e, t) => e.End(Sequel.NoIdentifiedNeeds, Destination.UsualResidence, false, null, t, Someone, t),
        ["cancel"] = (e, t) => e.Cancel("person died", t, Someone, t),
    };

    /// <summary>The paths that lead to each state, and which actions each state allows.</summary>
    private static readonly Dictionary<EpisodeStatus, (string[] Path, string[] Allowed)> Table = new()
    {
        [EpisodeStatus.Referred] = ([], ["triage", "decline", "cancel"]),
        [EpisodeStatus.Triaged] = (["triage"], ["triage", "accept", "decline", "cancel"]),
        [EpisodeStatus.Accepted] = (["triage", "accept"], ["wait", "start", "cancel"]),
        [EpisodeStatus.Declined] = (["triage", "decline"], []),
        [EpisodeStatus.Waiting] = (["triage", "accept", "wait"], ["start", "cancel"]),
        [EpisodeStatus.Active] = (["triage", "accept", "start"], ["end"]),
        [EpisodeStatus.Ended] = (["triage", "accept", "start", "end"], []),
        [EpisodeStatus.Cancelled] = (["cancel"], []),
    };

    public static TheoryData<EpisodeStatus, string> EveryStateAndAction()
    {
        var data = new TheoryData<EpisodeStatus, string>();
        foreach (var status in Enum.GetValues<EpisodeStatus>())
            foreach (var action in Actions.Keys)
                data.Add(status, action);
        return data;
    }

    private static Episode In(EpisodeStatus status)
    {
        var episode = Episode.Open(Guid.NewGuid(), Guid.NewGuid(), T0, Someone, T0);
        var t = T0;
        foreach (var step in Table[status].Path)
            Actions[step](episode, t = t.AddHours(1));
        Assert.Equal(status, episode.Status);
        return episode;
    }

    [Theory]
    [MemberData(nameof(EveryStateAndAction))]
    public void Allows_exactly_the_legal_transitions(EpisodeStatus from, string action)
    {
        var episode = In(from);
        var eventsBefore = episode.Events.Count;
        var versionBefore = episode.Version;
        var at = T0.AddDays(1);

        if (Table[from].Allowed.Contains(action))
        {
            Actions[action](episode, at);
            Assert.Equal(eventsBefore + 1, episode.Events.Count);
            Assert.Equal(versionBefore + 1, episode.Version);
            Assert.Equal(at, episode.Events[^1].At);
            Assert.Equal(Someone.UserId, episode.Events[^1].ActorUserId);
        }
        else
        {
            var error = Assert.Throws<InvalidTransitionException>(() => Actions[action](episode, at));
            Assert.Contains(from.ToString(), error.Message);
            Assert.Equal(from, episode.Status);
            Assert.Equal(eventsBefore, episode.Events.Count);
            Assert.Equal(versionBefore, episode.Version);
        }
    }

    [Fact]
    public void Home_First_needs_a_reason_for_a_bed()
    {
        var episode = In(EpisodeStatus.Referred);
        var error = Assert.Throws<ValidationFailedException>(() =>
            episode.Triage(Service.BedBasedIntermediateCare, Pathway.P2, " ", T0.AddHours(1), Someone, T0.AddHours(1)));
        Assert.Contains("nonHomeReason", error.Errors.Keys);
        Assert.Equal(EpisodeStatus.Referred, episode.Status);

        episode.Triage(Service.BedBasedIntermediateCare, Pathway.P2, "Needs daily therapy", T0.AddHours(1), Someone, T0.AddHours(1));
        Assert.Equal("Needs daily therapy", episode.NonHomeReason);
    }

    [Fact]
    public void Home_needs_no_reason_and_keeps_none()
    {
        var episode = In(EpisodeStatus.Referred);
        episode.Triage(Service.Reablement, Pathway.P1, "ignored", T0.AddHours(1), Someone, T0.AddHours(1));
        Assert.Null(episode.NonHomeReason);
    }

    [Theory]
    [InlineData(Service.Reablement, Pathway.P2)]
    [InlineData(Service.NoNewSupport, Pathway.P1)]
    [InlineData(Service.CareHomePlacement, Pathway.P1)]
    public void Rejects_a_service_that_does_not_fit_the_pathway(Service service, Pathway pathway)
    {
        var episode = In(EpisodeStatus.Referred);
        var error = Assert.Throws<ValidationFailedException>(() => episode.Triage(service, pathway, "reason", T0.AddHours(1), Someone, T0.AddHours(1)));
        Assert.Contains("pathway", error.Errors.Keys);
    }

    [Fact]
    public void Refuses_a_step_dated_before_the_previous_one_or_in_the_future()
    {
        var episode = In(EpisodeStatus.Triaged);
        var triagedAt = episode.TriagedAt!.Value;
        Assert.Throws<ValidationFailedException>(() => episode.Accept(triagedAt.AddMinutes(-1), Someone, triagedAt.AddDays(1)));
        Assert.Throws<ValidationFailedException>(() => episode.Accept(triagedAt.AddDays(2), Someone, triagedAt.AddDays(1)));
        Assert.Equal(EpisodeStatus.Triaged, episode.Status);
    }

    [Fact]
    public void A_time_typed_to_the_minute_may_follow_a_step_recorded_within_that_minute()
    {
        var episode = In(EpisodeStatus.Triaged);
        var triagedAt = episode.TriagedAt!.Value;
        var acceptedAt = triagedAt.AddMinutes(10).AddSeconds(30);       // accepted at hh:10:30
        episode.Accept(acceptedAt, Someone, acceptedAt);
        Assert.Throws<ValidationFailedException>(() => episode.Start(null, acceptedAt.AddSeconds(-31), Someone, acceptedAt.AddHours(1))); // hh:09:59
        episode.Start(null, acceptedAt.AddSeconds(-30), Someone, acceptedAt.AddHours(1));                                                  // typed as hh:10
        Assert.Equal(EpisodeStatus.Active, episode.Status);
    }

    [Fact]
    public void Existing_client_sequels_are_refused_for_new_clients()
    {
        var episode = In(EpisodeStatus.Active);
        var at = T0.AddDays(3);
        Assert.Throws<ValidationFailedException>(() => episode.End(Sequel.LongTermSupportIncreased, Destination.UsualResidence, false, null, at, Someone, at));
        episode.End(Sequel.LongTermSupportIncreased, Destination.UsualResidence, true, null, at, Someone, at);
        Assert.Equal(EpisodeStatus.Ended, episode.Status);
    }

    [Fact]
    public void Declining_and_cancelling_need_a_reason()
    {
        Assert.Throws<ValidationFailedException>(() => In(EpisodeStatus.Triaged).Decline("", T0.AddDays(1), Someone, T0.AddDays(1)));
        Assert.Throws<ValidationFailedException>(() => In(EpisodeStatus.Waiting).Cancel(" ", T0.AddDays(1), Someone, T0.AddDays(1)));
    }
}
