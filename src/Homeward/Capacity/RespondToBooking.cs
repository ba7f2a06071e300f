using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Capacity;

/// <summary>
/// What happens to a booking after it is made: the provider accepts or declines the offer (with a
/// reason), or the hub cancels it. Declining or cancelling gives back every day still held.
/// </summary>
public sealed class RespondToBooking(HomewardDb db, TimeProvider clock)
{
    public enum Answer { Accept, Decline, Cancel }

    public async Task<BookingView> Handle(Guid bookingId, Answer answer, string? reason, Actor actor, CancellationToken ct)
    {
        actor.Demand(answer == Answer.Cancel ? Right.BookCapacity : Right.RespondToOffer);
        var booking = await db.Bookings.Include(b => b.Days).SingleOrDefaultAsync(b => b.Id == bookingId, ct)
                      ?? throw new NotFoundException("booking", bookingId);
        var service = await db.CareServices.SingleAsync(s => s.Id == booking.ServiceId, ct);
        if (!actor.ActsFor(service.OrganisationId))
            throw new NotFoundException("booking", bookingId); // a provider does not learn of other providers' bookings
        booking.EnsureAllows(answer switch { Answer.Accept => BookingStatus.Accepted, Answer.Decline => BookingStatus.Declined, _ => BookingStatus.Cancelled });
        if (answer != Answer.Accept && string.IsNullOrWhiteSpace(reason))
            throw ValidationFailedException.For("reason", answer == Answer.Decline ? "Give the reason for declining." : "Give the reason for cancelling.");
        if (reason?.Length > 2000)
            throw ValidationFailedException.For("reason", "The reason must be 2000 characters or fewer.");

        var now = clock.GetUtcNow();
        var episode = await db.Episodes.SingleAsync(e => e.Id == booking.EpisodeId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (answer == Answer.Accept)
        {
            booking.Accept(now);
            episode.NoteBooking(EpisodeEventType.BookingAccepted, new { service = service.Name }, actor, now);
        }
        else
        {
            if (answer == Answer.Decline)
                booking.Decline(reason ?? "", now);
            else
                booking.Cancel(reason ?? "", now);
            await CapacityLedger.Release(db, booking, from: null, ct);
            episode.NoteBooking(answer == Answer.Decline ? EpisodeEventType.BookingDeclined : EpisodeEventType.BookingReleased,
                new { service = service.Name, reason = booking.DeclineReason }, actor, now);
        }
        db.AuditEntries.Add(AuditEntry.For(actor, $"booking.{answer.ToString().ToLowerInvariant()}", booking.PersonId, booking.Id, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return BookingView.From(booking, service);
    }

    /// <summary>
    /// When an episode ends or is cancelled, its bookings stop holding capacity: days after the end
    /// are given back. Runs inside the caller's transaction.
    /// </summary>
    internal static async Task ReleaseForEpisode(HomewardDb db, Episode episode, DateOnly lastDayNeeded, DateTimeOffset now, CancellationToken ct)
    {
        var holding = await db.Bookings.Include(b => b.Days)
            .Where(b => b.EpisodeId == episode.Id && (b.Status == BookingStatus.Offered || b.Status == BookingStatus.Accepted))
            .ToListAsync(ct);
        foreach (var booking in holding)
        {
            await CapacityLedger.Release(db, booking, lastDayNeeded.AddDays(1), ct);
            booking.End(now);
        }
    }
}
