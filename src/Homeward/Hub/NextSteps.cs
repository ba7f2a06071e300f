using Homeward.Episodes;
using Homeward.Referrals;
using Homeward.Triage;

namespace Homeward.Hub;

/// <summary>What the board says must happen next for a person to move on, and which team owns it.</summary>
public static class NextSteps
{
    /// <summary>What must happen next for the person to move on, and which team owns it.</summary>
    public static (string Action, string Owner) For(EpisodeStatus status, Route route, Service? service, string? waitingFor) => status switch
    {
        EpisodeStatus.Referred => ("Triage", route == Route.UrgentCommunityResponse ? "Rapid response team" : "Transfer of care hub"),
        EpisodeStatus.Triaged => ("Accept or decline", Team(service)),
        EpisodeStatus.Accepted => ("Book capacity and start", Team(service)),
        EpisodeStatus.Waiting => ($"Waiting for {(waitingFor ?? "capacity").ToLowerInvariant()}", "Transfer of care hub"),
        EpisodeStatus.Active => ("Deliver care; end with an outcome", Team(service)),
        _ => ("None", "—"),
    };

    private static string Team(Service? service) => service switch
    {
        Service.UrgentCommunityResponse => "Rapid response team",
        Service.Reablement => "Reablement team",
        Service.HomeBasedIntermediateCare => "Home-based intermediate care team",
        Service.BedBasedIntermediateCare => "Community bed unit",
        Service.CareHomePlacement => "Care home brokerage",
        Service.NoNewSupport => "Discharging ward",
        _ => "Transfer of care hub",
    };
}
