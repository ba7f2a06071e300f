using System.Net;
using System.Text.Json;
using Homeward.Access;
using Homeward.Attention;
using Homeward.Common;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.Attention;

/// <summary>The hub's needs-attention queue: worked out from the records, with time limits, owners and states.</summary>
public sealed class NeedsAttentionTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static DateOnly Today => London.DateOf(DateTimeOffset.UtcNow);
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<JsonElement?> Item(HttpClient client, string kind, string subject)
    {
        // The kind listed whole: the whole queue lists the first of each kind only.
        var view = await (await client.GetAsync($"/api/attention?kind={kind}", Ct)).Expect(HttpStatusCode.OK);
        foreach (var i in view.GetProperty("items").EnumerateArray())
            if (i.Str("kind") == kind && i.Str("subjectId") == subject)
                return i;
        return null;
    }

    private async Task<string> ReadyDaysAgo(HttpClient hub, int days)
    {
        var body = Bodies.HospitalDischarge();
        body["admittedOn"] = Day(Today.AddDays(-days - 5));
        body["dischargeReadyDate"] = Day(Today.AddDays(-days));
        return (await (await hub.PostJson("/api/referrals", body)).Expect(HttpStatusCode.Created)).GetProperty("episode").Str("id");
    }

    [Fact]
    public async Task New_two_hour_referrals_and_delays_past_48_hours_and_21_days_appear_with_their_limits()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var ucr = await (await hub.PostJson("/api/referrals", Bodies.UrgentCommunityResponse())).Expect(HttpStatusCode.Created);
        var urgent = ucr.GetProperty("episode").Str("id");
        var item = (await Item(hub, "TwoHourReferral", urgent))!.Value;
        Assert.Equal("Open", item.Str("state"));
        Assert.False(item.GetProperty("overdue").GetBoolean()); // 15 minutes to triage it
        Assert.StartsWith("First visit due by", item.Str("detail"), StringComparison.Ordinal);

        // An hour old: overdue, and first in the queue.
        await using (var db = app.Db())
        {
            var hourAgo = DateTimeOffset.UtcNow.AddHours(-1);
            await db.Episodes.Where(e => e.Id == Guid.Parse(urgent)).ExecuteUpdateAsync(u => u.SetProperty(e => e.ReferredAt, hourAgo), Ct);
        }
        var view = await (await hub.GetAsync("/api/attention", Ct)).Expect(HttpStatusCode.OK);
        Assert.True(view.GetProperty("items")[0].GetProperty("overdue").GetBoolean());
        Assert.True((await Item(hub, "TwoHourReferral", urgent))!.Value.GetProperty("overdue").GetBoolean());

        // Triaged: no longer new.
        await (await hub.PostJson($"/api/episodes/{urgent}/triage", new { service = "UrgentCommunityResponse" }, "\"1\"")).Expect(HttpStatusCode.OK);
        Assert.Null(await Item(hub, "TwoHourReferral", urgent));

        var oneDay = await ReadyDaysAgo(hub, 1);
        var threeDays = await ReadyDaysAgo(hub, 3);
        var longStay = await ReadyDaysAgo(hub, 22);
        Assert.Null(await Item(hub, "DelayOver48Hours", oneDay));
        Assert.StartsWith("3 days past the ready date", (await Item(hub, "DelayOver48Hours", threeDays))!.Value.Str("detail"), StringComparison.Ordinal);
        Assert.Null(await Item(hub, "DelayOver48Hours", longStay));
        await (await hub.PostJson($"/api/episodes/{longStay}/delays", new { reason = "Pathway3" })).Expect(HttpStatusCode.OK);
        Assert.Contains("main reason: Pathway 3", (await Item(hub, "DelayOver21Days", longStay))!.Value.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_kind_lists_its_first_fifty_with_complete_counts_and_one_kind_asked_for_lists_it_whole()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        for (var i = 0; i < NeedsAttention.ShownPerKind + 2; i++)
            await (await hub.PostJson("/api/referrals", Bodies.UrgentCommunityResponse())).Expect(HttpStatusCode.Created);

        var queue = await (await hub.GetAsync("/api/attention", Ct)).Expect(HttpStatusCode.OK);
        var count = queue.GetProperty("counts").EnumerateArray().Single(c => c.Str("kind") == "TwoHourReferral");
        Assert.True(count.GetProperty("open").GetInt32() >= NeedsAttention.ShownPerKind + 2);
        Assert.Equal(NeedsAttention.ShownPerKind, count.GetProperty("shown").GetInt32());
        Assert.Equal(NeedsAttention.ShownPerKind, queue.GetProperty("items").EnumerateArray().Count(i => i.Str("kind") == "TwoHourReferral"));

        var whole = await (await hub.GetAsync("/api/attention?kind=TwoHourReferral", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(count.GetProperty("open").GetInt32(), whole.GetProperty("items").GetArrayLength());
        Assert.All(whole.GetProperty("items").EnumerateArray(), i => Assert.Equal("TwoHourReferral", i.Str("kind")));
        var refused = await (await hub.GetAsync("/api/attention?kind=Everything", Ct)).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("kind", refused.ErrorFields());
    }

    [Fact]
    public async Task Asking_for_one_kind_answers_that_kind_only_not_its_family()
    {
        // An unanswered offer is worked out with declined ones; the alerts ask for declined offers only, and must not get it.
        var hub = await app.ClientFor(Role.HubCoordinator);
        var referral = await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
        var episode = referral.GetProperty("episode").Str("id");
        await (await hub.PostJson($"/api/episodes/{episode}/triage", new { service = "BedBasedIntermediateCare", pathway = "P2", nonHomeReason = "Needs a bed" }, "\"1\"")).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"/api/episodes/{episode}/accept", new { }, "\"2\"")).Expect(HttpStatusCode.OK);
        Guid offer;
        await using (var db = app.Db())
        {
            var service = new Homeward.Capacity.CareService
            {
                Name = $"Offered {Guid.NewGuid():N}"[..30], Kind = Homeward.Capacity.ServiceKind.CommunityBedUnit, Pathway = Homeward.Triage.Pathway.P2,
                DefaultDailyCapacity = 5, OrganisationId = await db.Organisations.Where(o => o.OdsCode == "ZP1").Select(o => o.Id).SingleAsync(Ct),
            };
            db.CareServices.Add(service);
            var booking = new Homeward.Capacity.Booking
            {
                EpisodeId = Guid.Parse(referral.GetProperty("episode").Str("id")), PersonId = Guid.Parse(referral.GetProperty("person").Str("id")),
                ServiceId = service.Id, Kind = Homeward.Capacity.BookingKind.Bed,
                StartDate = Today.AddDays(3), EndDate = Today.AddDays(3), CreatedAt = DateTimeOffset.UtcNow.AddHours(-5), CreatedBy = "test",
            };
            db.Bookings.Add(booking);
            await db.SaveChangesAsync(Ct);
            offer = booking.Id;
        }
        Assert.NotNull(await Item(hub, "OfferUnanswered", offer.ToString()));
        var declinedOnly = await (await hub.GetAsync("/api/attention?kind=OfferDeclined", Ct)).Expect(HttpStatusCode.OK);
        Assert.All(declinedOnly.GetProperty("items").EnumerateArray(), i => Assert.Equal("OfferDeclined", i.Str("kind")));
        Assert.All(declinedOnly.GetProperty("counts").EnumerateArray(), c => Assert.Equal("OfferDeclined", c.Str("kind")));
    }

    [Fact]
    public async Task A_service_reporting_less_than_it_has_booked_names_the_bookings_beyond_it_latest_first()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var first = await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
        var second = await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
        var tomorrow = Today.AddDays(1);
        Guid earlier, later;
        await using (var db = app.Db())
        {
            var service = new Homeward.Capacity.CareService
            {
                Name = $"Shortfall {Guid.NewGuid():N}"[..30], Kind = Homeward.Capacity.ServiceKind.ReablementTeam, Pathway = Homeward.Triage.Pathway.P1,
                DefaultDailyCapacity = 600, OrganisationId = await db.Organisations.Where(o => o.OdsCode == "ZP1").Select(o => o.Id).SingleAsync(Ct),
            };
            db.CareServices.Add(service);
            Homeward.Capacity.Booking Book(JsonElement referral, DateTimeOffset made)
            {
                var booking = new Homeward.Capacity.Booking
                {
                    EpisodeId = Guid.Parse(referral.GetProperty("episode").Str("id")), PersonId = Guid.Parse(referral.GetProperty("person").Str("id")), ServiceId = service.Id,
                    Kind = Homeward.Capacity.BookingKind.VisitPattern, StartDate = tomorrow,
                    EndDate = tomorrow, VisitsPerDayAtStart = 2, VisitsPerDayAtEnd = 2, MinutesPerVisit = 30, CreatedAt = made, CreatedBy = "test",
                    Days = [new Homeward.Capacity.BookingDay { Date = tomorrow, Amount = 60 }],
                };
                booking.Accept(made);
                return booking;
            }
            var a = Book(first, DateTimeOffset.UtcNow.AddHours(-2));
            var b = Book(second, DateTimeOffset.UtcNow.AddHours(-1));
            (earlier, later) = (a.Id, b.Id);
            db.Bookings.AddRange(a, b);
            // The service now reports 90 minutes for tomorrow, with 120 booked: the later booking is beyond it.
            db.CapacityDays.Add(new Homeward.Capacity.CapacityDay { ServiceId = service.Id, Date = tomorrow, Capacity = 90, Booked = 120 });
            await db.SaveChangesAsync(Ct);
        }
        var item = (await Item(hub, "BeyondCapacity", later.ToString()))!.Value;
        Assert.Contains("beyond it on 1 day", item.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(second.GetProperty("episode").Str("id"), item.Str("episodeId"));
        Assert.Null(await Item(hub, "BeyondCapacity", earlier.ToString()));
    }

    [Fact]
    public async Task A_visit_the_current_rota_could_not_plan_needs_attention_and_an_older_rotas_gap_does_not()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var referral = await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
        var (episode, person) = (Guid.Parse(referral.GetProperty("episode").Str("id")), Guid.Parse(referral.GetProperty("person").Str("id")));
        Homeward.Visits.Visit Visit(int hour) => new()
        {
            EpisodeId = episode, PersonId = person, Date = Today, WindowStart = new TimeOnly(hour, 0), WindowEnd = new TimeOnly(hour + 1, 0), Minutes = 30,
            Status = Homeward.Visits.VisitStatus.Planned,
        };
        var (morning, evening) = (Visit(8), Visit(18));
        await using (var db = app.Db())
        {
            var service = new Homeward.Capacity.CareService
            {
                Name = $"Rota gaps {Guid.NewGuid():N}"[..30], Kind = Homeward.Capacity.ServiceKind.ReablementTeam, Pathway = Homeward.Triage.Pathway.P1,
                DefaultDailyCapacity = 600, OrganisationId = await db.Organisations.Where(o => o.OdsCode == "ZP1").Select(o => o.Id).SingleAsync(Ct),
            };
            db.CareServices.Add(service);
            db.Visits.AddRange(morning, evening);
            Homeward.Rotas.Rota Rota(DateTimeOffset built, Homeward.Visits.Visit gap) => new()
            {
                ServiceId = service.Id, Date = Today, BuiltAt = built, BuiltBy = "test",
                Gaps = [new Homeward.Rotas.RotaGap { VisitId = gap.Id, Reason = "no carer free in the window" }],
            };
            // The older rota could not plan the evening visit; the newer one plans it but not the morning one.
            db.Rotas.AddRange(Rota(DateTimeOffset.UtcNow.AddHours(-2), evening), Rota(DateTimeOffset.UtcNow.AddHours(-1), morning));
            await db.SaveChangesAsync(Ct);
        }
        var item = (await Item(hub, "UnplannedVisit", morning.Id.ToString()))!.Value;
        Assert.Contains("the 08:00 visit is not planned (no carer free in the window)", item.Str("detail"), StringComparison.Ordinal);
        Assert.Null(await Item(hub, "UnplannedVisit", evening.Id.ToString()));
    }

    [Fact]
    public async Task An_item_is_taken_by_one_person_refused_to_another_handed_back_and_done()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var manager = await app.ClientFor(Role.Manager);
        var episode = await ReadyDaysAgo(hub, 4);
        var url = $"/api/attention/DelayOver48Hours/{episode}";

        var taken = await (await hub.PostAsync($"{url}/take", null, Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal("Taken", taken.Str("state"));
        var owner = taken.Str("owner");
        Assert.False(string.IsNullOrEmpty(owner));
        var refused = await (await manager.PostAsync($"{url}/take", null, Ct)).Expect(HttpStatusCode.Conflict);
        Assert.Contains(owner, refused.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(owner, (await Item(manager, "DelayOver48Hours", episode))!.Value.Str("owner"));

        Assert.Equal("Open", (await (await hub.PostAsync($"{url}/release", null, Ct)).Expect(HttpStatusCode.OK)).Str("state"));
        await (await manager.PostAsync($"{url}/take", null, Ct)).Expect(HttpStatusCode.OK);
        await (await manager.PostAsync($"{url}/done", null, Ct)).Expect(HttpStatusCode.OK);
        Assert.Null(await Item(hub, "DelayOver48Hours", episode));
        var view = await (await hub.GetAsync("/api/attention", Ct)).Expect(HttpStatusCode.OK);
        Assert.True(view.GetProperty("doneToday").GetInt32() >= 1);
        await using var db = app.Db();
        Assert.Equal(4, await db.AuditEntries.CountAsync(a => a.EntityId == $"DelayOver48Hours/{episode}", Ct));

        // Bad requests are named; an item not in the queue is not found; a provider has no queue.
        var problem = await (await hub.PostAsync($"/api/attention/Weather/{episode}/juggle", null, Ct)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["action", "kind"], problem.ErrorFields().Order());
        await (await hub.PostAsync($"/api/attention/DelayOver48Hours/{Guid.NewGuid()}/take", null, Ct)).Expect(HttpStatusCode.NotFound);
        var provider = await app.ClientFor(Role.CareProvider);
        await (await provider.GetAsync("/api/attention", Ct)).Expect(HttpStatusCode.Forbidden);
    }
}
