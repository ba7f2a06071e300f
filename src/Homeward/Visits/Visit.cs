namespace Homeward.Visits;

public enum VisitStatus
{
    Planned,
    Done,
    Missed,
    /// <summary>No longer needed: the plan changed or the episode ended first.</summary>
    Cancelled,
    /// <summary>The carer checked in on their phone and has not yet checked out.</summary>
    InProgress,
}

public enum MissedReason { PersonNotIn, PersonDeclined, PersonInHospital, NoCarerAvailable, CouldNotGetIn, Other }

/// <summary>
/// A home visit planned from an episode's care plan, with its time window, and what happened: the worker
/// records arrival and departure, or that it was missed and why. A missed visit stays flagged to the team
/// until someone records the follow-up.
/// </summary>
public sealed class Visit
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EpisodeId { get; init; }
    public Guid PersonId { get; init; }
    public DateOnly Date { get; init; }
    /// <summary>The window to arrive in, London time.</summary>
    public TimeOnly WindowStart { get; init; }
    public TimeOnly WindowEnd { get; init; }
    public int Minutes { get; init; }
    public bool DoubleHanded { get; init; }
    /// <summary>The skill the carer needs, from the care plan (null for none).</summary>
    public string? Skill { get; init; }
    public VisitStatus Status { get; set; }
    public DateTimeOffset? ArrivedAt { get; set; }
    public DateTimeOffset? LeftAt { get; set; }
    public MissedReason? MissedReason { get; set; }
    public string? Notes { get; set; }
    /// <summary>
    /// How far from the person's home (its postcode's centre) the carer's phone was at check-in and at check-out, in
    /// metres; null when the visit was typed in afterwards or the carer did not share their location. Only the distance
    /// is kept, never where the carer was.
    /// </summary>
    public int? ArrivedMetres { get; set; }
    public int? LeftMetres { get; set; }
    /// <summary>Checked in and out on the carer's phone at the time (verified), rather than typed in afterwards.</summary>
    public bool OnPhone { get; set; }
    public string? RecordedBy { get; set; }
    public DateTimeOffset? RecordedAt { get; set; }
    /// <summary>For a missed visit: what the team did about it (flag cleared once set).</summary>
    public string? FollowUpNotes { get; set; }
    public DateTimeOffset? FollowedUpAt { get; set; }
    public string? FollowedUpBy { get; set; }
    public int Version { get; set; } = 1;

    public bool Flagged => Status == VisitStatus.Missed && FollowedUpAt is null;

    /// <summary>
    /// A carer checked in from their phone (<paramref name="metres"/> from the address, when the phone knew): in progress;
    /// on a double-handed visit the earlier arrival of the two is kept.
    /// </summary>
    public void CheckIn(DateTimeOffset at, int? metres, string by, DateTimeOffset now)
    {
        if (Status == VisitStatus.Planned)
            (Status, ArrivedMetres) = (VisitStatus.InProgress, metres);
        ArrivedAt = ArrivedAt is { } a && a < at ? a : at;
        OnPhone = true;
        Recorded(by, now);
    }

    /// <summary>A carer checked out from their phone: done; the later departure of two carers is kept, and both carers' notes.</summary>
    public void CheckOut(DateTimeOffset at, string? notes, int? metres, string by, DateTimeOffset now)
    {
        LeftAt = LeftAt is { } l && l > at ? l : at;
        if (Status == VisitStatus.InProgress)
            (Status, LeftMetres) = (VisitStatus.Done, metres);
        Notes = Join(Notes, notes, by);
        Recorded(by, now);
    }

    /// <summary>The carer could not visit, and why: missed, flagged for the hub to follow up.</summary>
    public void CouldNotVisit(MissedReason? reason, string? notes, string by, DateTimeOffset now)
    {
        (Status, MissedReason) = (VisitStatus.Missed, reason);
        Notes = Join(Notes, notes, by);
        OnPhone = true;
        Recorded(by, now);
    }

    private void Recorded(string by, DateTimeOffset now)
    {
        (RecordedBy, RecordedAt) = (by, now);
        Version++;
    }

    /// <summary>On a double-handed visit both carers' notes are kept, each under its author.</summary>
    private static string? Join(string? held, string? added, string by)
    {
        if (added is null || held is null)
            return added ?? held;
        var joined = $"{held}\n{by}: {added}";
        return joined.Length > 4000 ? joined[..4000] : joined;
    }
}
