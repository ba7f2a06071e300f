using System.Net;
using System.Text.Json;
using Homeward.Access;
using Homeward.Capacity;
using Homeward.Tests.Support;
using Homeward.Triage;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.Capacity;

public sealed class BookingTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static string Today(int plus = 0) => DateTime.UtcNow.Date.AddDays(plus).ToString("yyyy-MM-dd");

    private async Task<CareService> Service(ServiceKind kind, Pathway pathway, int defaultCapacity, string organisation = "ZWV", bool doubleHanded = false)
    {
        await using var db = app.Db();
        var service = new CareService
        {
            Name = $"{kind} {Guid.NewGuid():N}"[..30], Kind = kind, Pathway = pathway, DefaultDailyCapacity = defaultCapacity, DoubleHanded = doubleHanded,
            OrganisationId = await db.Organisations.Where(o => o.OdsCode == organisation).Select(o => o.Id).SingleAsync(Ct),
        };
        db.CareServices.Add(service);
        await db.SaveChangesAsync(Ct);
        return service;
    }

    /// <summary>A person accepted onto a pathway, waiting for capacity; returns the episode id.</summary>
    private async Task<string> Waiting(HttpClient hub, Service service, Pathway pathway)
    {
        var referral = await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
        var id = referral.GetProperty("episode").Str("id");
        await (await hub.PostJson($"/api/episodes/{id}/triage", new { service = service.ToString(), pathway = pathway.ToString(), nonHomeReason = "Needs a bed" }, "\"1\"")).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"/api/episodes/{id}/accept", new { }, "\"2\"")).Expect(HttpStatusCode.OK);
        return id;
    }

    /// <summary>The answers that were neither the booking nor a refusal for want of capacity, for the failure message.</summary>
    private static async Task<string> Others(IEnumerable<HttpResponseMessage> responses) => string.Join("; ",
        await Task.WhenAll(responses.Where(r => r.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
            .Select(async r => $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}")));

    [Fact]
    public async Task Of_fifty_concurrent_requests_for_the_last_bed_exactly_one_succeeds_every_time()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var unit = await Service(ServiceKind.CommunityBedUnit, Pathway.P2, defaultCapacity: 1);
        var episodes = new List<string>();
        for (var i = 0; i < 50; i++)
            episodes.Add(await Waiting(hub, Homeward.Triage.Service.BedBasedIntermediateCare, Pathway.P2));

        for (var round = 0; round < 5; round++)
        {
            var day = Today(round + 1);
            var responses = await Task.WhenAll(episodes.Select(e => hub.PostJson($"/api/episodes/{e}/bookings", new { serviceId = unit.Id, startDate = day, days = 1 })));
            var created = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
            var refused = responses.Where(r => r.StatusCode == HttpStatusCode.Conflict).ToList();
            Assert.True(created == 1, $"Round {round}: {created} bookings took the last bed; statuses {string.Join(",", responses.Select(r => (int)r.StatusCode).Distinct())}");
            Assert.True(refused.Count == 49, $"Round {round}: {refused.Count} refused; the others: {await Others(responses)}");
            Assert.Contains("No bed is free", (await refused[0].Body()).Str("detail"));

            await using var db = app.Db();
            var stored = await db.CapacityDays.SingleAsync(d => d.ServiceId == unit.Id && d.Date == DateOnly.Parse(day), Ct);
            Assert.Equal(1, stored.Booked);
            Assert.Equal(1, await db.BookingDays.CountAsync(b => db.Bookings.Any(x => x.Id == b.BookingId && x.ServiceId == unit.Id) && b.Date == DateOnly.Parse(day), Ct));
        }
    }

    [Fact]
    public async Task Of_fifty_concurrent_requests_for_the_last_carer_hour_exactly_one_succeeds()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var team = await Service(ServiceKind.ReablementTeam, Pathway.P1, defaultCapacity: 90);
        var episodes = new List<string>();
        for (var i = 0; i < 50; i++)
            episodes.Add(await Waiting(hub, Homeward.Triage.Service.Reablement, Pathway.P1));

        // 30 minutes are taken first, so exactly one hour is left.
        await (await hub.PostJson($"/api/episodes/{episodes[0]}/bookings", new { serviceId = team.Id, startDate = Today(2), days = 1, visitsPerDayAtStart = 1, visitsPerDayAtEnd = 1, minutesPerVisit = 30 })).Expect(HttpStatusCode.Created);
        var responses = await Task.WhenAll(episodes.Skip(1).Select(e => hub.PostJson($"/api/episodes/{e}/bookings",
            new { serviceId = team.Id, startDate = Today(2), days = 1, visitsPerDayAtStart = 2, visitsPerDayAtEnd = 2, minutesPerVisit = 30 })));
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.Created) == 1, await Others(responses));
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.Conflict) == 48, await Others(responses));
        await using var db = app.Db();
        Assert.Equal(90, (await db.CapacityDays.SingleAsync(d => d.ServiceId == team.Id && d.Date == DateOnly.Parse(Today(2)), Ct)).Booked);
    }

    [Fact]
    public async Task A_tapering_pattern_holds_carer_time_on_every_day_and_a_decline_gives_it_all_back()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var team = await Service(ServiceKind.HomeCareProvider, Pathway.P1, defaultCapacity: 600, organisation: "ZP1");
        var episode = await Waiting(hub, Homeward.Triage.Service.Reablement, Pathway.P1);
        var booking = await (await hub.PostJson($"/api/episodes/{episode}/bookings",
            new { serviceId = team.Id, startDate = Today(1), days = 4, visitsPerDayAtStart = 4, visitsPerDayAtEnd = 1, minutesPerVisit = 30 })).Expect(HttpStatusCode.Created);
        Assert.Equal("Offered", booking.Str("status"));

        await using (var db = app.Db())
        {
            var held = await db.CapacityDays.Where(d => d.ServiceId == team.Id).OrderBy(d => d.Date).Select(d => d.Booked).ToListAsync(Ct);
            Assert.Equal([120, 90, 60, 30], held); // 4, 3, 2, 1 visits of 30 minutes
        }

        // Another provider cannot see or answer it; its own provider declines with a reason.
        var other = await Service(ServiceKind.CareHome, Pathway.P3, 5, organisation: "ZP2");
        var provider = await app.ClientFor(Role.CareProvider);
        var offers = await (await provider.GetAsync("/api/offers", Ct)).Expect(HttpStatusCode.OK);
        Assert.Contains(offers.EnumerateArray(), o => o.GetProperty("booking").Str("id") == booking.Str("id"));
        var noReason = await (await provider.PostJson($"/api/bookings/{booking.Str("id")}/decline", new { reason = "" })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["reason"], noReason.ErrorFields());
        var declined = await (await provider.PostJson($"/api/bookings/{booking.Str("id")}/decline", new { reason = "No carers for double runs that week" })).Expect(HttpStatusCode.OK);
        Assert.Equal("Declined", declined.Str("status"));
        await using (var db = app.Db())
            Assert.All(await db.CapacityDays.Where(d => d.ServiceId == team.Id).ToListAsync(Ct), d => Assert.Equal(0, d.Booked));
        await (await provider.PostJson($"/api/bookings/{booking.Str("id")}/accept", new { })).Expect(HttpStatusCode.Conflict);
        await (await provider.PutAsync($"/api/services/{other.Id}/capacity", System.Net.Http.Json.JsonContent.Create(new { from = Today(), to = Today(1), capacity = 3 }), Ct))
            .Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_offer_says_what_a_provider_needs_to_decide_and_the_key_safe_code_waits_for_acceptance()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var team = await Service(ServiceKind.HomeCareProvider, Pathway.P1, defaultCapacity: 600, organisation: "ZP1");
        var episode = await Waiting(hub, Homeward.Triage.Service.Reablement, Pathway.P1);
        Guid personId;
        await using (var db = app.Db())
        {
            personId = await db.Episodes.Where(e => e.Id == Guid.Parse(episode)).Select(e => e.PersonId).SingleAsync(Ct);
            await db.People.Where(p => p.Id == personId).ExecuteUpdateAsync(u => u
                .SetProperty(p => p.AccessToHome, "Key safe left of the front door").SetProperty(p => p.KeySafeCode, "4071"), Ct);
            db.Assessments.Add(new Homeward.Care.Assessment
            {
                EpisodeId = Guid.Parse(episode), WhatMatters = "Getting back to the allotment", HomeSituation = "Lives alone, stairs to the bathroom",
                Risks = "Falls at night; on blood thinners", AssessedBy = "hub@demo.homeward", AssessedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync(Ct);
        }
        var booking = await (await hub.PostJson($"/api/episodes/{episode}/bookings",
            new { serviceId = team.Id, startDate = Today(1), days = 4, visitsPerDayAtStart = 3, visitsPerDayAtEnd = 1, minutesPerVisit = 30 })).Expect(HttpStatusCode.Created);

        var provider = await app.ClientFor(Role.CareProvider);
        var offer = (await (await provider.GetAsync("/api/offers", Ct)).Expect(HttpStatusCode.OK)).EnumerateArray()
            .Single(o => o.GetProperty("booking").Str("id") == booking.Str("id"));
        var details = offer.GetProperty("details");
        Assert.Contains("Reablement", details.Str("need"), StringComparison.Ordinal);
        Assert.Contains("pathway 1", details.Str("need"), StringComparison.Ordinal);
        Assert.Equal(["07:30–09:30", "11:45–13:30", "16:30–18:00"], details.GetProperty("callTimes").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("Falls at night; on blood thinners", details.Str("risks"));
        Assert.False(string.IsNullOrEmpty(details.Str("area")));
        await using (var db = app.Db())
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "booking.offers" && a.People.Any(p => p.PersonId == personId), Ct));
        var contact = offer.GetProperty("person").GetProperty("contact");
        Assert.Equal("Key safe left of the front door", contact.Str("accessToHome"));
        Assert.True(contact.GetProperty("hasKeySafe").GetBoolean());
        Assert.Equal(JsonValueKind.Null, contact.GetProperty("keySafeCode").ValueKind);

        // Accepted: the person is the provider's to care for, and the code is theirs to know.
        await (await provider.PostJson($"/api/bookings/{booking.Str("id")}/accept", new { })).Expect(HttpStatusCode.OK);
        var person = await (await provider.GetAsync($"/api/people/{personId}", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal("4071", person.GetProperty("contact").Str("keySafeCode"));
    }

    [Fact]
    public async Task Ending_the_episode_releases_the_days_after_it()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var unit = await Service(ServiceKind.CommunityBedUnit, Pathway.P2, defaultCapacity: 3);
        var episode = await Waiting(hub, Homeward.Triage.Service.BedBasedIntermediateCare, Pathway.P2);
        var booking = (await (await hub.PostJson($"/api/episodes/{episode}/bookings", new { serviceId = unit.Id, startDate = Today(), days = 5 })).Expect(HttpStatusCode.Created)).Str("id");
        await (await hub.PostAsync($"/api/bookings/{booking}/accept", null, Ct)).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"/api/episodes/{episode}/start", new { }, "\"4\"")).Expect(HttpStatusCode.OK);
        await CareRecords.Complete(hub, episode);
        await (await hub.PostJson($"/api/episodes/{episode}/end", new { sequel = "NoIdentifiedNeeds", destination = "UsualResidence" }, "\"5\"")).Expect(HttpStatusCode.OK);

        await using var db = app.Db();
        var booked = await db.CapacityDays.Where(d => d.ServiceId == unit.Id).OrderBy(d => d.Date).Select(d => d.Booked).ToListAsync(Ct);
        Assert.Equal([1, 0, 0, 0, 0], booked);
        Assert.Equal(BookingStatus.Ended, (await db.Bookings.SingleAsync(b => b.ServiceId == unit.Id, Ct)).Status);
    }

    [Fact]
    public async Task Bad_bookings_are_refused_with_reasons()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var unit = await Service(ServiceKind.CommunityBedUnit, Pathway.P2, defaultCapacity: 5);
        var team = await Service(ServiceKind.ReablementTeam, Pathway.P1, defaultCapacity: 600);
        var episode = await Waiting(hub, Homeward.Triage.Service.BedBasedIntermediateCare, Pathway.P2);

        var past = await (await hub.PostJson($"/api/episodes/{episode}/bookings", new { serviceId = unit.Id, startDate = Today(-1), days = 50 })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["startDate", "days"], past.ErrorFields());
        var wrongPathway = await (await hub.PostJson($"/api/episodes/{episode}/bookings", new { serviceId = team.Id, startDate = Today() })).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("P1 service", wrongPathway.GetProperty("errors").GetProperty("serviceId")[0].GetString());

        await (await hub.PostJson($"/api/episodes/{episode}/bookings", new { serviceId = unit.Id, startDate = Today(1), days = 3 })).Expect(HttpStatusCode.Created);
        var overlap = await (await hub.PostJson($"/api/episodes/{episode}/bookings", new { serviceId = unit.Id, startDate = Today(3), days = 3 })).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("already has a booking", overlap.GetProperty("errors").GetProperty("startDate")[0].GetString());

        var referred = await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
        var notWaiting = await (await hub.PostJson($"/api/episodes/{referred.GetProperty("episode").Str("id")}/bookings", new { serviceId = unit.Id, startDate = Today() })).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("episode", notWaiting.ErrorFields());
    }

    [Fact]
    public async Task Capacity_reports_are_checked_and_a_cut_below_bookings_shows_as_over_committed()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var unit = await Service(ServiceKind.CommunityBedUnit, Pathway.P2, defaultCapacity: 2);
        var url = $"/api/services/{unit.Id}/capacity";
        var bad = await (await hub.PutAsync(url, System.Net.Http.Json.JsonContent.Create(new { from = Today(-3), to = Today(-5), capacity = -1 }), Ct)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["from", "to", "capacity"], bad.ErrorFields());
        var absurd = await (await hub.PutAsync(url, System.Net.Http.Json.JsonContent.Create(new { from = Today(), to = Today(1), capacity = 100000 }), Ct)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["capacity"], absurd.ErrorFields());

        var episode = await Waiting(hub, Homeward.Triage.Service.BedBasedIntermediateCare, Pathway.P2);
        await (await hub.PostJson($"/api/episodes/{episode}/bookings", new { serviceId = unit.Id, startDate = Today(), days = 2 })).Expect(HttpStatusCode.Created);
        await (await hub.PutAsync(url, System.Net.Http.Json.JsonContent.Create(new { from = Today(), to = Today(), capacity = 0 }), Ct)).Expect(HttpStatusCode.OK);

        var view = await (await hub.GetAsync("/api/capacity", Ct)).Expect(HttpStatusCode.OK);
        var days = view.GetProperty("services").EnumerateArray().Single(s => s.Str("id") == unit.Id.ToString()).GetProperty("days");
        Assert.True(days[0].GetProperty("overCommitted").GetBoolean());
        Assert.False(days[1].GetProperty("overCommitted").GetBoolean());
        Assert.Equal(1, days[1].GetProperty("free").GetInt32());
    }

    [Fact]
    public async Task One_person_holds_one_place_a_day_even_through_two_episodes_booked_at_once()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var nhs = Bodies.NewNhsNumber();
        var episodes = new List<string>();
        foreach (var route in new[] { "HospitalDischarge", "HospitalDischarge" })
        {
            var body = Bodies.HospitalDischarge(nhs);
            body["duplicateConfirmed"] = true;
            var id = (await (await hub.PostJson("/api/referrals", body)).Expect(HttpStatusCode.Created)).GetProperty("episode").Str("id");
            await (await hub.PostJson($"/api/episodes/{id}/triage", new { service = "BedBasedIntermediateCare", pathway = "P2", nonHomeReason = "Needs a bed" }, "\"1\"")).Expect(HttpStatusCode.OK);
            await (await hub.PostJson($"/api/episodes/{id}/accept", new { }, "\"2\"")).Expect(HttpStatusCode.OK);
            episodes.Add(id);
        }
        var (a, b) = (await Service(ServiceKind.CommunityBedUnit, Pathway.P2, 10), await Service(ServiceKind.CommunityBedUnit, Pathway.P2, 10));
        for (var round = 0; round < 4; round++)
        {
            var start = Today(2 + round * 10);
            var responses = await Task.WhenAll(
                hub.PostJson($"/api/episodes/{episodes[0]}/bookings", new { serviceId = a.Id, startDate = start, days = 5 }),
                hub.PostJson($"/api/episodes/{episodes[1]}/bookings", new { serviceId = b.Id, startDate = start, days = 5 }));
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            Assert.Contains(responses.Single(r => r.StatusCode != HttpStatusCode.Created).StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.Conflict });
        }
        await using var db = app.Db();
        var days = await db.BookingDays.Where(d => db.Bookings.Any(x => x.Id == d.BookingId && x.PersonId == db.People.Single(p => p.NhsNumber == Homeward.People.NhsNumber.Parse(nhs)).Id))
            .GroupBy(d => d.Date).Select(g => g.Count()).ToListAsync(Ct);
        Assert.Equal(20, days.Count);
        Assert.All(days, n => Assert.Equal(1, n));
        // Nothing was left held by the refused ones.
        Assert.Equal(20, await db.CapacityDays.Where(d => d.ServiceId == a.Id || d.ServiceId == b.Id).SumAsync(d => d.Booked, Ct));
    }

    [Fact]
    public async Task Care_starts_only_with_an_accepted_place_and_not_before_the_person_leaves_hospital()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var unit = await Service(ServiceKind.CommunityBedUnit, Pathway.P2, defaultCapacity: 3);
        var episode = await Waiting(hub, Homeward.Triage.Service.BedBasedIntermediateCare, Pathway.P2);
        var booking = (await (await hub.PostJson($"/api/episodes/{episode}/bookings", new { serviceId = unit.Id, startDate = Today(), days = 3 })).Expect(HttpStatusCode.Created)).Str("id");

        var offered = await (await hub.PostJson($"/api/episodes/{episode}/start", new { }, "\"4\"")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["booking"], offered.ErrorFields());
        await (await hub.PostAsync($"/api/bookings/{booking}/accept", null, Ct)).Expect(HttpStatusCode.OK);
        var future = await (await hub.PostJson($"/api/episodes/{episode}/start", new { dischargedOn = Today(2) }, "\"4\"")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["dischargedOn"], future.ErrorFields());
        await (await hub.PostJson($"/api/episodes/{episode}/start", new { dischargedOn = Today() }, "\"4\"")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_provider_that_declines_an_offer_no_longer_sees_the_person()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var provider = await app.ClientFor(Role.CareProvider);
        var team = await Service(ServiceKind.HomeCareProvider, Pathway.P1, defaultCapacity: 600, organisation: "ZP1");
        var referral = await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
        var (episode, person) = (referral.GetProperty("episode").Str("id"), referral.GetProperty("person").Str("id"));
        await (await hub.PostJson($"/api/episodes/{episode}/triage", new { service = "Reablement", pathway = "P1" }, "\"1\"")).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"/api/episodes/{episode}/accept", new { }, "\"2\"")).Expect(HttpStatusCode.OK);
        var booking = (await (await hub.PostJson($"/api/episodes/{episode}/bookings", new { serviceId = team.Id, startDate = Today(1), days = 7 })).Expect(HttpStatusCode.Created)).Str("id");

        await (await provider.GetAsync($"/api/people/{person}", Ct)).Expect(HttpStatusCode.OK);
        await (await provider.PostJson($"/api/bookings/{booking}/decline", new { reason = "No carers in that area this fortnight" })).Expect(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotFound, (await provider.GetAsync($"/api/people/{person}", Ct)).StatusCode);
    }
}
