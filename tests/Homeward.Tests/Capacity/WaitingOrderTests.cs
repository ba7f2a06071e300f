using System.Net;
using Homeward.Access;
using Homeward.Capacity;
using Homeward.Common;
using Homeward.Referrals;
using Homeward.Tests.Support;

namespace Homeward.Tests.Capacity;

/// <summary>
/// The waiting list's order: crisis referrals first, then whoever is longest past when their care should have started,
/// whatever route they came by; a planned discharge is not put above a community referral waiting longer.
/// </summary>
public sealed class WaitingOrderTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    private sealed record Waiter(string Name, Urgency Urgency, DateTimeOffset ReceivedAt, DateOnly? ReadyDate)
    {
        public DateTimeOffset DueBy => WaitingOrder.DueBy(Urgency, ReceivedAt, ReadyDate);
    }

    [Fact]
    public void Each_route_has_a_start_by_time()
    {
        Assert.Equal(Now.AddHours(2), WaitingOrder.DueBy(Urgency.TwoHour, Now, null));
        Assert.Equal(London.StartOf(new DateOnly(2026, 12, 8)), WaitingOrder.DueBy(Urgency.SameDay, Now, null));
        Assert.Equal(Now.AddDays(2), WaitingOrder.DueBy(Urgency.WithinDays, Now, null));
        Assert.Equal(London.StartOf(new DateOnly(2026, 12, 12)), WaitingOrder.DueBy(Urgency.Planned, Now, new DateOnly(2026, 12, 12)));
        Assert.Equal(Now.AddDays(2), WaitingOrder.DueBy(Urgency.Planned, Now, null)); // ready date to follow
        // In summer London is an hour ahead: the ready date starts at 23:00 UTC the day before.
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 23, 0, 0, TimeSpan.Zero), WaitingOrder.DueBy(Urgency.Planned, Now, new DateOnly(2026, 7, 2)));
    }

    [Fact]
    public void Crisis_first_then_the_longest_overdue_whatever_the_route()
    {
        Waiter[] waiting =
        [
            new("discharge ready next week", Urgency.Planned, Now.AddDays(-2), new DateOnly(2026, 12, 14)),
            new("community, received a week ago", Urgency.WithinDays, Now.AddDays(-7), null),
            new("discharge 10 days past ready", Urgency.Planned, Now.AddDays(-12), new DateOnly(2026, 11, 27)),
            new("community, received today", Urgency.WithinDays, Now.AddHours(-1), null),
            new("same day, this morning", Urgency.SameDay, Now.AddHours(-2), null),
            new("2-hour, just now", Urgency.TwoHour, Now.AddMinutes(-10), null),
            new("2-hour, an hour ago", Urgency.TwoHour, Now.AddHours(-1), null),
            new("discharge ready today", Urgency.Planned, Now.AddDays(-1), new DateOnly(2026, 12, 7)),
        ];
        var order = WaitingOrder.Order(waiting, w => w.Urgency, w => w.DueBy, w => w.ReceivedAt).Select(w => w.Name);
        Assert.Equal(["2-hour, an hour ago", "2-hour, just now", "same day, this morning", "discharge 10 days past ready",
            "community, received a week ago", "discharge ready today", "community, received today", "discharge ready next week"], order);
    }

    [Fact]
    public void How_far_past_its_time_says_it_in_words()
    {
        Assert.Equal("3 days overdue", WaitingOrder.Describe(Now.AddDays(-3).AddHours(-5), Now));
        Assert.Equal("1 day overdue", WaitingOrder.Describe(Now.AddHours(-30), Now));
        Assert.Equal("2 days overdue", WaitingOrder.Describe(Now.AddHours(-40), Now));
        Assert.Equal("5 hours overdue", WaitingOrder.Describe(Now.AddHours(-5), Now));
        Assert.Equal("45 minutes overdue", WaitingOrder.Describe(Now.AddMinutes(-45), Now));
        Assert.Equal("due in 2 days", WaitingOrder.Describe(Now.AddDays(2), Now));
        Assert.Equal("due in 1 hour", WaitingOrder.Describe(Now.AddMinutes(70), Now));
        Assert.Equal("due in 2 days", WaitingOrder.Describe(Now.AddDays(2).AddSeconds(-5), Now));
        Assert.Equal("1 minute overdue", WaitingOrder.Describe(Now.AddSeconds(-10), Now));
    }

    [Fact]
    public async Task The_list_puts_a_community_referral_before_a_discharge_not_yet_ready_and_says_when_each_was_due()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        async Task<string> Accepted(Dictionary<string, object?> body)
        {
            var referral = await (await hub.PostJson("/api/referrals", body)).Expect(HttpStatusCode.Created);
            var id = referral.GetProperty("episode").Str("id");
            await (await hub.PostJson($"/api/episodes/{id}/triage", new { service = "Reablement", pathway = "P1" }, "\"1\"")).Expect(HttpStatusCode.OK);
            await (await hub.PostJson($"/api/episodes/{id}/accept", new { }, "\"2\"")).Expect(HttpStatusCode.OK);
            return id;
        }
        var notYetReady = Bodies.HospitalDischarge();
        notYetReady["admittedOn"] = today.AddDays(-3).ToString("yyyy-MM-dd");
        notYetReady["dischargeReadyDate"] = today.AddDays(5).ToString("yyyy-MM-dd");
        var later = await Accepted(notYetReady);
        var community = Bodies.HospitalDischarge();
        community["route"] = "Community";
        community["source"] = "Gp";
        community["referrerName"] = "Dr Example";
        foreach (var key in new[] { "hospital", "ward", "admittedOn", "dischargeReadyDate" })
            community.Remove(key);
        var stepUp = await Accepted(community);
        var overdue = Bodies.HospitalDischarge();
        overdue["dischargeReadyDate"] = today.AddDays(-4).ToString("yyyy-MM-dd");
        var first = await Accepted(overdue);

        var list = await (await hub.GetAsync("/api/waiting-list", Ct)).Expect(HttpStatusCode.OK);
        var rows = list.EnumerateArray().ToList();
        Assert.Equal([first, stepUp, later], rows.Select(r => r.Str("episodeId")).Where(id => id == first || id == stepUp || id == later));
        var byId = rows.ToDictionary(r => r.Str("episodeId"));
        Assert.EndsWith("days overdue", byId[first].Str("due"));
        Assert.Equal("due in 2 days", byId[stepUp].Str("due"));
        Assert.StartsWith("due in", byId[later].Str("due"));
    }
}
