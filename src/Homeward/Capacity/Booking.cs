using Homeward.Common;

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

/// <summary>
/// Capacity held for one episode at one service: a bed from a date, or a tapering visit pattern. Offered to the
/// provider, who accepts or declines it; the hub may cancel it while it holds capacity; it ends with its episode. The
/// status changes only through those methods, each refusing a step the booking's status does not allow.
/// </summary>
public sealed class Booking
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EpisodeId { get; init; }
    public Guid PersonId { get; init; }
    public Guid ServiceId { get; init; }
    public BookingKind Kind { get; init; }
    public BookingStatus Status { get; private set; } = BookingStatus.Offered;
    public DateOnly StartDate { get; init; }
    /// <summary>The last day held (inclusive).</summary>
    public DateOnly EndDate { get; init; }
    public int? VisitsPerDayAtStart { get; init; }
    public int? VisitsPerDayAtEnd { get; init; }
    public int? MinutesPerVisit { get; init; }
    public bool DoubleHanded { get; init; }
    /// <summary>Why the provider declined it, or the hub cancelled it.</summary>
    public string? DeclineReason { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset? RespondedAt { get; private set; }
    public DateTimeOffset? ReleasedAt { get; private set; }
    public int Version { get; set; } = 1;
    public List<BookingDay> Days { get; init; } = [];

    public bool Holds => Status is BookingStatus.Offered or BookingStatus.Accepted;

    /// <summary>Whether the booking may go to <paramref name="next"/> from where it is.</summary>
    public bool Allows(BookingStatus next) => next switch
    {
        BookingStatus.Accepted or BookingStatus.Declined => Status == BookingStatus.Offered,
        BookingStatus.Cancelled or BookingStatus.Ended => Holds,
        _ => false,
    };

    /// <summary>Refuses a step the status does not allow, saying which.</summary>
    public void EnsureAllows(BookingStatus next)
    {
        if (!Allows(next))
            throw new InvalidTransitionException($"A booking that is {Status} cannot be {next.ToString().ToLowerInvariant()}.");
    }

    /// <summary>The provider takes the person.</summary>
    public void Accept(DateTimeOffset now) => Move(BookingStatus.Accepted, null, now);

    /// <summary>The provider cannot take the person, and says why; the capacity held goes back (by the caller).</summary>
    public void Decline(string reason, DateTimeOffset now) => Move(BookingStatus.Declined, reason, now);

    /// <summary>The hub lets the place go, and says why; the capacity held goes back (by the caller).</summary>
    public void Cancel(string reason, DateTimeOffset now) => Move(BookingStatus.Cancelled, reason, now);

    /// <summary>The episode ended: the booking holds nothing after the last day needed (given back by the caller).</summary>
    public void End(DateTimeOffset now)
    {
        EnsureAllows(BookingStatus.Ended);
        (Status, ReleasedAt) = (BookingStatus.Ended, now);
        Version++;
    }

    private void Move(BookingStatus next, string? reason, DateTimeOffset now)
    {
        EnsureAllows(next);
        Status = next;
        RespondedAt = now;
        if (next != BookingStatus.Accepted)
            (DeclineReason, ReleasedAt) = (reason?.Trim(), now);
        Version++;
    }
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
