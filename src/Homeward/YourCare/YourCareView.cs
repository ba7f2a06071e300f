using Homeward.Episodes;
using Homeward.Visits;

namespace Homeward.YourCare;

/// <summary>A visit as the person and their family see it: when, and the first name of who is coming.</summary>
public sealed record YourVisit(DateOnly Date, TimeOnly From, TimeOnly To, TimeOnly? Expected, IReadOnlyList<string> Carers, VisitStatus Status);

/// <summary>A goal in the person's own words, how it is going, in words, and what they agreed to aim for (when described).</summary>
public sealed record YourGoal(string Text, string Progress, string? Aim = null);

/// <summary>A look at the page: when, by whom, how they signed in.</summary>
public sealed record YourView(DateTimeOffset At, string Viewer, string Via);

/// <summary>Everything "Your care" shows for one person.</summary>
public sealed record YourCareView(
    Guid PersonId, string PersonName, Viewer Viewer, EpisodeStatus? Status, string? TeamName, string? TeamPhone, string? PartnershipName,
    string? HelpPhone, IReadOnlyList<string> WhatHappensNext, IReadOnlyList<YourVisit> Visits, IReadOnlyList<YourGoal> Goals,
    string? WillDo, string? WillNotDo, DateOnly? SupportEnds, DateOnly? NinetyOneDayCheck, IReadOnlyList<YourView> Views, DateOnly Today)
{
    /// <summary>For the person only: who else can see this page (they may stop sharing with each).</summary>
    public IReadOnlyList<FamilyAccessView> SharedWith { get; init; } = [];
}
