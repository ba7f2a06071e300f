using System.Net;
using System.Text.Json;
using Homeward.Access;
using Homeward.Common;
using Homeward.Home;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.Home;

/// <summary>
/// "Your day": a hospital team starts from its own referrals' exceptions (held or sent back, past the ready date without
/// a reason, no ready date yet), a provider from its offers and people; nobody else's records appear.
/// </summary>
public sealed class YourDayTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static DateOnly Today => London.DateOf(DateTimeOffset.UtcNow);

    private static JsonElement Section(JsonElement day, string key) =>
        day.GetProperty("sections").EnumerateArray().Single(s => s.Str("key") == key).GetProperty("items");

    [Fact]
    public async Task A_hospital_team_starts_from_its_own_referrals_exceptions()
    {
        var hospital = await app.ClientFor(Role.HospitalDischargeTeam);
        var hub = await app.ClientFor(Role.HubCoordinator);

        // Three days past the ready date with no reason: needs the ward.
        var late = Bodies.HospitalDischarge();
        late["dischargeReadyDate"] = Today.AddDays(-3).ToString("yyyy-MM-dd");
        var lateName = $"{((Dictionary<string, object?>)late["person"]!)["givenName"]} {((Dictionary<string, object?>)late["person"]!)["familyName"]}";
        var lateEpisode = (await (await hospital.PostJson("/api/referrals", late)).Expect(HttpStatusCode.Created)).GetProperty("episode").Str("id");
        // Someone the hub referred, also past their date: not the hospital's.
        var hubs = Bodies.HospitalDischarge();
        hubs["dischargeReadyDate"] = Today.AddDays(-3).ToString("yyyy-MM-dd");
        var hubEpisode = (await (await hub.PostJson("/api/referrals", hubs)).Expect(HttpStatusCode.Created)).GetProperty("episode").Str("id");
        // A referral held because the birth date differs from the record held.
        var known = Bodies.HospitalDischarge();
        await (await hospital.PostJson("/api/referrals", known)).Expect(HttpStatusCode.Created);
        var again = Bodies.HospitalDischarge((string)((Dictionary<string, object?>)known["person"]!)["nhsNumber"]!);
        ((Dictionary<string, object?>)again["person"]!)["dateOfBirth"] = "1941-03-14";
        (again["personDetails"], again["duplicateConfirmed"]) = ("Hold", true);
        await (await hospital.PostJson("/api/referrals", again)).Expect(HttpStatusCode.Accepted);

        var day = await (await hospital.GetAsync("/api/home", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal("Your referrals", day.Str("heading"));
        var delayed = Section(day, "delayed").EnumerateArray().ToList();
        var mine = delayed.Single(i => i.Str("link") == $"/episodes/{lateEpisode}");
        Assert.Equal(lateName, mine.Str("name"));
        Assert.Contains("3 days past the ready date", mine.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("no delay reason recorded", mine.Str("detail"), StringComparison.Ordinal);
        Assert.True(mine.GetProperty("urgent").GetBoolean());
        Assert.DoesNotContain(delayed, i => i.Str("link") == $"/episodes/{hubEpisode}");
        var held = Section(day, "held").EnumerateArray().Single();
        Assert.Contains("the date of birth differ", held.Str("detail"), StringComparison.Ordinal);

        // Once the ward records a reason, it is no longer "needs you" (under 21 days).
        await (await hospital.PostJson($"/api/episodes/{lateEpisode}/delays", new { reason = "MedicalDecision" })).Expect(HttpStatusCode.OK);
        day = await (await hospital.GetAsync("/api/home", Ct)).Expect(HttpStatusCode.OK);
        mine = Section(day, "delayed").EnumerateArray().Single(i => i.Str("link") == $"/episodes/{lateEpisode}");
        Assert.False(mine.GetProperty("urgent").GetBoolean());
        Assert.Contains("reason:", mine.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_list_shows_who_needs_the_user_first_says_how_many_in_all_and_where_the_rest_are()
    {
        await using var own = new ApiFactory();
        var hospital = await own.ClientFor(Role.HospitalDischargeTeam);
        for (var i = 0; i < YourDay.Shown + 2; i++)
            await (await hospital.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
        // The latest referred, three days past its date with no reason: needs the ward, so first.
        var late = Bodies.HospitalDischarge();
        late["dischargeReadyDate"] = Today.AddDays(-3).ToString("yyyy-MM-dd");
        var lateEpisode = (await (await hospital.PostJson("/api/referrals", late)).Expect(HttpStatusCode.Created)).GetProperty("episode").Str("id");

        var day = await (await hospital.GetAsync("/api/home", Ct)).Expect(HttpStatusCode.OK);
        var delayed = day.GetProperty("sections").EnumerateArray().Single(s => s.Str("key") == "delayed");
        Assert.Equal(YourDay.Shown + 3, delayed.GetProperty("total").GetInt32());
        var items = delayed.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(YourDay.Shown, items.Count);
        Assert.Equal($"/episodes/{lateEpisode}", items[0].Str("link"));
        Assert.Equal("/board?route=HospitalDischarge&sort=Delay", delayed.GetProperty("more").Str("url"));
        // The held list has nowhere else to be seen: it is never cut short, and says so by having no "more".
        Assert.Equal(JsonValueKind.Null, day.GetProperty("sections").EnumerateArray().Single(s => s.Str("key") == "held").GetProperty("more").ValueKind);
    }

    [Fact]
    public async Task A_provider_starts_from_offers_waiting_for_its_answer_and_who_is_starting()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var provider = await app.ClientFor(Role.CareProvider);
        var offered = await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
        var accepted = await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
        var tomorrow = Today.AddDays(1);
        await using (var db = app.Db())
        {
            var service = new Homeward.Capacity.CareService
            {
                Name = $"Home care {Guid.NewGuid():N}"[..30], Kind = Homeward.Capacity.ServiceKind.ReablementTeam, Pathway = Homeward.Triage.Pathway.P1,
                DefaultDailyCapacity = 600, OrganisationId = await db.Organisations.Where(o => o.OdsCode == "ZP1").Select(o => o.Id).SingleAsync(Ct),
            };
            db.CareServices.Add(service);
            Homeward.Capacity.Booking Book(JsonElement referral, Homeward.Capacity.BookingStatus status, DateTimeOffset made)
            {
                var booking = new Homeward.Capacity.Booking
                {
                    EpisodeId = Guid.Parse(referral.GetProperty("episode").Str("id")), PersonId = Guid.Parse(referral.GetProperty("person").Str("id")), ServiceId = service.Id,
                    Kind = Homeward.Capacity.BookingKind.VisitPattern, StartDate = tomorrow, EndDate = tomorrow.AddDays(13),
                    VisitsPerDayAtStart = 2, VisitsPerDayAtEnd = 1, MinutesPerVisit = 30, CreatedAt = made, CreatedBy = "test",
                };
                if (status == Homeward.Capacity.BookingStatus.Accepted)
                    booking.Accept(made);
                return booking;
            }
            db.Bookings.AddRange(Book(offered, Homeward.Capacity.BookingStatus.Offered, DateTimeOffset.UtcNow.AddHours(-5)),
                Book(accepted, Homeward.Capacity.BookingStatus.Accepted, DateTimeOffset.UtcNow.AddHours(-1)));
            await db.SaveChangesAsync(Ct);
        }

        var day = await (await provider.GetAsync("/api/home", Ct)).Expect(HttpStatusCode.OK);
        var offer = Section(day, "offers").EnumerateArray().Single(i => i.GetProperty("personId").GetString() == offered.GetProperty("person").Str("id"));
        Assert.True(offer.GetProperty("urgent").GetBoolean()); // five hours unanswered: past the limit
        Assert.Contains("answer it now", offer.Str("detail"), StringComparison.Ordinal);
        var starting = Section(day, "starting").EnumerateArray().Single(i => i.GetProperty("personId").GetString() == accepted.GetProperty("person").Str("id"));
        Assert.Equal($"/episodes/{accepted.GetProperty("episode").Str("id")}", starting.Str("link"));

        // The hub's own "your day" is the worker's view (no round): it answers, it does not fail.
        await (await hub.GetAsync("/api/home", Ct)).Expect(HttpStatusCode.OK);
    }
}
