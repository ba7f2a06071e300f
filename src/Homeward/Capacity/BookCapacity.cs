using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Capacity;

/// <summary>
/// Holds capacity for a person waiting for care (or already in care): a bed from a date for some days,
/// or a tapering visit pattern that holds carer time on every day it needs. The booking is offered to
/// the service's provider, who accepts or declines. Either every day is held or none is.
/// </summary>
public sealed class BookCapacity(HomewardDb db, TimeProvider clock)
{
    public sealed record Request
    {
        public Guid? ServiceId { get; init; }
        /// <summary>yyyy-MM-dd; today or later.</summary>
        public string? StartDate { get; init; }
        /// <summary>How many days to hold (1–42).</summary>
        public int? Days { get; init; }
        public int? VisitsPerDayAtStart { get; init; }
        public int? VisitsPerDayAtEnd { get; init; }
        public int? MinutesPerVisit { get; init; }
        public bool? DoubleHanded { get; init; }
    }

    public const int MaxDays = 42;
    private static readonly EpisodeStatus[] Bookable = [EpisodeStatus.Accepted, EpisodeStatus.Waiting, EpisodeStatus.Active];

    public async Task<BookingView> Handle(Guid episodeId, Request request, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.BookCapacity);
        var now = clock.GetUtcNow();
        var today = London.DateOf(now);
        var episode = await db.Episodes.SingleOrDefaultAsync(e => e.Id == episodeId, ct) ?? throw new NotFoundException("episode", episodeId);

        var problems = new Problems();
        if (!Bookable.Contains(episode.Status))
            problems.Add("episode", $"Only a person accepted, waiting or in care can be booked; this episode is {episode.Status}.");
        CareService? service = null;
        if (request.ServiceId is not { } serviceId)
            problems.Add("serviceId", "Choose the service to book.");
        else if ((service = await db.CareServices.Include(s => s.Localities).SingleOrDefaultAsync(s => s.Id == serviceId, ct)) is null)
            problems.Add("serviceId", "There is no such service.");
        var start = problems.Date("startDate", request.StartDate, "the start date", required: true);
        if (start < today)
            problems.Add("startDate", "A booking cannot start in the past.");
        else if (start > today.AddDays(90))
            problems.Add("startDate", "A booking can start at most 90 days ahead.");
        var days = request.Days ?? 14;
        if (days is < 1 or > MaxDays)
            problems.Add("days", $"Hold between 1 and {MaxDays} days.");
        var doubleHanded = request.DoubleHanded ?? false;
        VisitPattern? pattern = null;
        if (service is not null)
        {
            if (!service.AcceptingAdmissions)
                problems.Add("serviceId", $"{service.Name} is not accepting admissions at the moment.");
            if (episode.Pathway is { } pathway && pathway != service.Pathway)
                problems.Add("serviceId", $"{service.Name} is a {service.Pathway} service; this person is on {pathway}.");
            if (doubleHanded && !service.DoubleHanded)
                problems.Add("doubleHanded", $"{service.Name} does not provide double-handed care.");
            if (start is { } first && days is >= 1 and <= MaxDays && (!service.IsOpenOn(first) || !service.IsOpenOn(first.AddDays(days - 1))))
                problems.Add("startDate", $"{service.Name} gives care only "
                    + (service.OpensOn is { } o ? $"from {o:d MMMM yyyy}" : "") + (service.OpensOn is not null && service.ClosesOn is not null ? " " : "")
                    + (service.ClosesOn is { } c ? $"until {c:d MMMM yyyy}" : "") + ": book days within that.");
            if (service.Unit == CapacityUnit.CarerMinutes)
                pattern = CheckPattern(problems, request, days, doubleHanded);
        }
        if (start is { } s && !problems.Any)
        {
            var end = s.AddDays(days - 1);
            var overlapping = await db.Bookings.AnyAsync(b => b.PersonId == episode.PersonId
                && (b.Status == BookingStatus.Offered || b.Status == BookingStatus.Accepted)
                && b.StartDate <= end && b.EndDate >= s, ct);
            if (overlapping)
                problems.Add("startDate", "This person already has a booking on some of these days: release it first.");
        }
        if (problems.Any || service is null || start is not { } from)
            throw problems.Failure();

        var amounts = pattern is null
            ? Enumerable.Range(0, days).Select(d => (from.AddDays(d), 1)).ToList()
            : pattern.CarerMinutesPerDay().Select((m, d) => (from.AddDays(d), m)).ToList();
        await CapacityLedger.EnsureDays(db, service, [.. amounts.Select(a => a.Item1)], ct);

        var booking = new Booking
        {
            EpisodeId = episode.Id,
            PersonId = episode.PersonId,
            ServiceId = service.Id,
            Kind = pattern is null ? BookingKind.Bed : BookingKind.VisitPattern,
            StartDate = from,
            EndDate = from.AddDays(days - 1),
            VisitsPerDayAtStart = pattern?.VisitsAtStart,
            VisitsPerDayAtEnd = pattern?.VisitsAtEnd,
            MinutesPerVisit = pattern?.MinutesPerVisit,
            DoubleHanded = doubleHanded,
            CreatedAt = now,
            CreatedBy = actor.UserId,
            Days = [.. amounts.Where(a => a.Item2 > 0).Select(a => new BookingDay { Date = a.Item1, Amount = a.Item2 })],
        };

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await CapacityLedger.Take(db, service, [.. booking.Days.Select(d => (d.Date, d.Amount))], ct);
        db.Bookings.Add(booking);
        db.PersonDays.AddRange(booking.Days.Select(d => new PersonDay { PersonId = booking.PersonId, Date = d.Date, BookingId = booking.Id }));
        episode.NoteBooking(EpisodeEventType.Booked, new { service = service.Name, from = booking.StartDate, to = booking.EndDate }, actor, now);
        db.AuditEntries.Add(AuditEntry.For(actor, "booking.create", episode.PersonId, booking.Id, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The person's days were taken a moment ago by another booking (another episode sent at the same time); the
            // capacity taken above goes back with the rollback.
            await transaction.RollbackAsync(CancellationToken.None);
            throw new CapacityUnavailableException("This person was booked elsewhere on some of these days a moment ago: look at their bookings first.");
        }
        await transaction.CommitAsync(ct);
        return BookingView.From(booking, service);
    }

    private static VisitPattern? CheckPattern(Problems problems, Request request, int days, bool doubleHanded)
    {
        var atStart = request.VisitsPerDayAtStart ?? 4;
        var atEnd = request.VisitsPerDayAtEnd ?? 1;
        var minutes = request.MinutesPerVisit ?? 30;
        if (atStart is < 1 or > 6)
            problems.Add("visitsPerDayAtStart", "Between 1 and 6 visits a day.");
        if (atEnd is < 1 or > 6)
            problems.Add("visitsPerDayAtEnd", "Between 1 and 6 visits a day.");
        if (minutes is < 15 or > 240)
            problems.Add("minutesPerVisit", "A visit lasts between 15 and 240 minutes (NICE: at least 30, shorter only for checks).");
        return problems.Any ? null : new VisitPattern(days, atStart, atEnd, minutes, doubleHanded);
    }
}
