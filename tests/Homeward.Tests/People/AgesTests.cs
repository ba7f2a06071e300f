using Homeward.Episodes;
using Homeward.People;

namespace Homeward.Tests.People;

/// <summary>The rules pages ask the domain for, rather than restating them.</summary>
public sealed class AgesTests
{
    [Theory]
    [InlineData("1940-03-15", "2026-03-14", 85)]
    [InlineData("1940-03-15", "2026-03-15", 86)]
    [InlineData("1944-02-29", "2026-02-27", 81)]
    [InlineData("1944-02-29", "2026-02-28", 82)]
    [InlineData("1944-02-29", "2028-02-29", 84)]
    public void An_age_counts_whole_years_from_the_birthday_itself(string born, string on, int age) =>
        Assert.Equal(age, Ages.On(DateOnly.Parse(born), DateOnly.Parse(on)));

    [Fact]
    public void Each_step_is_allowed_from_the_statuses_the_episode_enforces()
    {
        Assert.True(EpisodeStatus.Referred.Allows(EpisodeStep.Triage));
        Assert.True(EpisodeStatus.Triaged.Allows(EpisodeStep.Triage));
        Assert.False(EpisodeStatus.Accepted.Allows(EpisodeStep.Triage));
        Assert.Equal([EpisodeStatus.Triaged], EpisodeSteps.From(EpisodeStep.Accept));
        Assert.Equal([EpisodeStatus.Accepted, EpisodeStatus.Waiting], EpisodeSteps.From(EpisodeStep.Start));
        Assert.False(EpisodeStatus.Active.Allows(EpisodeStep.Cancel));
        Assert.True(EpisodeStatus.Active.Allows(EpisodeStep.End));
        Assert.All(Enum.GetValues<EpisodeStep>(), step => Assert.DoesNotContain(EpisodeStatus.Ended, EpisodeSteps.From(step)));
    }
}
