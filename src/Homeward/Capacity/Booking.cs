namespace Homeward.Capacity;

public enum BookingKind { Bed, VisitPattern }

public enum BookingStatus
{
    /// <summary>Offered to the provider, capacity held while they decide.</summary>
    Offered,
    Accepted,
    Declined,
    Cancelled,
    /// <summary>Released because the episode ended.</summary>
    Ended,
}

/// <summary>Capacity held for one episode at one service: a bed from a date, or a tapering visit pattern.</summary>
public sealed class Booking
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EpisodeId { get; init; }
    public Guid PersonId { get; init; }
    public Guid ServiceId { get; init; }
    public BookingKind Kind { get; init; }
    public BookingStatus Status { get; set; }
    public DateOnly StartDate { get; init; }
    /// <summary>The last day held (inclusive).</summary>
    public DateOnly EndDate { get; init; }
    public int? VisitsPerDayAtStart { get; init; }
    public int? VisitsPerDayAtEnd { get; init; }
    public int? MinutesPerVisit { get; init; }
    public bool DoubleHanded { get; init; }
    public string? DeclineReason { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset? RespondedAt { get; set; }
    public DateTimeOffset? ReleasedAt { get; set; }
    public int Version { get; set; } = 1;
    public List<BookingDay> Days { get; init; } = [];

    public bool Holds => Status is BookingStatus.Offered or BookingStatus.Accepted;
}

/// <summary>What one booking holds on one day, so that exactly that is released.</summary>
public sealed class BookingDay
{
    public Guid BookingId { get; init; }
    public DateOnly Date { get; init; }
    public int Amount { get; init; }
}

/// <summary>
/// A day on which a person holds a place (a bed or visits), whichever episode and service: at most one row per person
/// and day (the primary key), written in the booking's transaction, so two bookings for one person on the same day are
/// refused by the database even when sent at the same moment through two episodes. Removed when the day is given back.
/// </summary>
public sealed class PersonDay
{
    public Guid PersonId { get; init; }
    public DateOnly Date { get; init; }
    public Guid BookingId { get; init; }
}
