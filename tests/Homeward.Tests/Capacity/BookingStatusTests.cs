using Homeward.Capacity;
using Homeward.Common;
using Homeward.Rotas;

namespace Homeward.Tests.Capacity;

/// <summary>Bookings and rotas change status only through their own methods, which refuse a step their status does not allow.</summary>
public sealed class BookingStatusTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    private static Booking Offered() => new() { CreatedBy = "test", StartDate = new(2026, 12, 8), EndDate = new(2026, 12, 9), CreatedAt = Now };

    [Fact]
    public void An_offer_is_accepted_or_declined_once_and_a_held_booking_cancelled_or_ended()
    {
        var accepted = Offered();
        accepted.Accept(Now);
        Assert.Equal((BookingStatus.Accepted, Now, null, 2), (accepted.Status, accepted.RespondedAt, accepted.ReleasedAt, accepted.Version));
        Assert.Equal("A booking that is Accepted cannot be declined.", Assert.Throws<InvalidTransitionException>(() => accepted.Decline("No carers", Now)).Message);
        Assert.Throws<InvalidTransitionException>(() => accepted.Accept(Now));

        var declined = Offered();
        declined.Decline("  No carers that week ", Now);
        Assert.Equal((BookingStatus.Declined, "No carers that week", Now), (declined.Status, declined.DeclineReason, declined.ReleasedAt));
        Assert.False(declined.Holds);
        Assert.Throws<InvalidTransitionException>(() => declined.Cancel("Too late", Now));
        Assert.Throws<InvalidTransitionException>(() => declined.End(Now));

        accepted.Cancel("The person went to a relative's", Now.AddHours(1));
        Assert.Equal((BookingStatus.Cancelled, Now.AddHours(1)), (accepted.Status, accepted.ReleasedAt));

        var ended = Offered();
        ended.End(Now);
        Assert.Equal(BookingStatus.Ended, ended.Status);
        Assert.Throws<InvalidTransitionException>(() => ended.Accept(Now));
    }

    [Fact]
    public void A_rota_is_published_once_from_a_draft_and_only_a_published_one_is_superseded()
    {
        var rota = new Rota { BuiltBy = "test" };
        Assert.Equal(RotaStatus.Draft, rota.Status);
        Assert.Throws<InvalidTransitionException>(rota.Supersede);
        rota.Publish("scheduler@example.org", Now);
        Assert.Equal((RotaStatus.Published, Now, "scheduler@example.org", 2), (rota.Status, rota.PublishedAt, rota.PublishedBy, rota.Version));
        Assert.Equal("This rota is already published.", Assert.Throws<InvalidTransitionException>(() => rota.Publish("someone", Now)).Message);
        rota.Supersede();
        Assert.Equal(RotaStatus.Superseded, rota.Status);
        Assert.Throws<InvalidTransitionException>(() => rota.Publish("someone", Now));
    }
}
