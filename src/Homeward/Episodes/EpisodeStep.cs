namespace Homeward.Episodes;

/// <summary>A step an episode of care takes through its life.</summary>
public enum EpisodeStep { Triage, Accept, Decline, Wait, Start, RecordUrgentOutcome, End, Cancel }

/// <summary>
/// Which statuses each step may be taken from: the one table that <see cref="Episode"/>'s methods enforce and that pages
/// and the API ask (through <see cref="EpisodeView.Allows"/>) before offering a step.
/// </summary>
public static class EpisodeSteps
{
    public static IReadOnlyList<EpisodeStatus> From(EpisodeStep step) => step switch
    {
        EpisodeStep.Triage or EpisodeStep.Decline => [EpisodeStatus.Referred, EpisodeStatus.Triaged],
        EpisodeStep.Accept => [EpisodeStatus.Triaged],
        EpisodeStep.Wait => [EpisodeStatus.Accepted],
        EpisodeStep.Start => [EpisodeStatus.Accepted, EpisodeStatus.Waiting],
        EpisodeStep.RecordUrgentOutcome or EpisodeStep.End => [EpisodeStatus.Active],
        EpisodeStep.Cancel => [EpisodeStatus.Referred, EpisodeStatus.Triaged, EpisodeStatus.Accepted, EpisodeStatus.Waiting],
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };

    public static bool Allows(this EpisodeStatus status, EpisodeStep step) => From(step).Contains(status);
}
