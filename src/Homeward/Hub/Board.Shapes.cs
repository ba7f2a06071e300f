using Homeward.Episodes;
using Homeward.Referrals;
using Homeward.Triage;

namespace Homeward.Hub;

/// <summary>What the board is asked and what it answers.</summary>
public sealed partial class Board
{
    public enum SortBy { Group, Delay, DaysSinceReferral, Name, Status }

    public sealed record Query(
        Guid? Locality = null, string? Hospital = null, string? Pathway = null, string? Route = null, Guid? Organisation = null,
        string? Status = null, string? Sort = null, bool Descending = true, int? Page = null, int? PageSize = null);

    public sealed record Row(
        Guid EpisodeId, Guid PersonId, string Name, string NhsNumber, Route Route, EpisodeStatus Status, Service? Service,
        Pathway? Pathway, string? Hospital, string? Locality, int DaysSinceReferral, int? DelayDays, bool StillInHospital,
        string NextAction, string Owner, int Version, DateTimeOffset? TwoHourDeadline = null, string? ToCheck = null,
        Delays.DelayReason? DelayReason = null)
    {
        public bool Deconditioning => StillInHospital && DelayDays >= DeconditioningDays;
    }

    /// <summary>The urgent community response standard: first face-to-face contact within 2 hours of referral.</summary>
    public static readonly TimeSpan TwoHours = TimeSpan.FromHours(2);

    public sealed record Option(string Value, string Label);

    public sealed record Count(Pathway? Pathway, EpisodeStatus Status, int People);

    public sealed record View(
        IReadOnlyList<Row> Rows, int Total, int PageNumber, int PageSize,
        IReadOnlyList<Count> Counts, int Deconditioning,
        IReadOnlyList<Option> Localities, IReadOnlyList<Option> Hospitals, IReadOnlyList<Option> Organisations, DateTimeOffset Now);
}
