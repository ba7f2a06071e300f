namespace Homeward.Capacity;

/// <summary>A booking as the API and pages show it.</summary>
public sealed record BookingView(Guid Id, Guid EpisodeId, Guid PersonId, Guid ServiceId, string ServiceName, BookingKind Kind,
    BookingStatus Status, DateOnly StartDate, DateOnly EndDate, int? VisitsPerDayAtStart, int? VisitsPerDayAtEnd, int? MinutesPerVisit,
    bool DoubleHanded, string? DeclineReason, int HeldTotal, int Version)
{
    public static BookingView From(Booking b, CareService s) => new(b.Id, b.EpisodeId, b.PersonId, b.ServiceId, s.Name, b.Kind, b.Status,
        b.StartDate, b.EndDate, b.VisitsPerDayAtStart, b.VisitsPerDayAtEnd, b.MinutesPerVisit, b.DoubleHanded, b.DeclineReason,
        b.Days.Sum(d => d.Amount), b.Version);
}
