using System.Net;
using Homeward.Access;
using Homeward.Messages;
using Homeward.Rotas;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Tests.YourCare;

/// <summary>
/// When something changes the person hears of it by the contact they prefer, and so does each family member who asked:
/// a missed visit, a visit's time moved on a rota published again, support ended. Once each, first name only, and
/// nobody who did not ask.
/// </summary>
public sealed class TellFamilyTests(YourCareFactory app) : IClassFixture<YourCareFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_missed_visit_is_told_once_to_the_person_by_e_mail_and_by_text_to_the_family_who_asked()
    {
        var (person, episode) = await app.PersonInCare(new { email = "ada.missed@example.org", preference = "Email" });
        await app.Share(person, "Sam Okafor", mobilePhone: "07700 900777");
        var hub = await app.ClientFor(Role.HubCoordinator);
        await (await hub.PostJson($"/api/people/{person}/family-access", new
        {
            name = "Quiet Okafor", relationship = "Niece", email = "quiet@example.org", messages = false, basis = "PersonAgreed", consentNotes = "At the visit",
        })).Expect(HttpStatusCode.OK);
        Guid visit;
        var today = Common.London.DateOf(DateTimeOffset.UtcNow);
        await using (var db = app.Db())
            visit = await db.Visits.Where(v => v.EpisodeId == Guid.Parse(episode) && v.Date == today)
                .OrderBy(v => v.WindowStart).Select(v => v.Id).FirstAsync(Ct);

        await (await hub.PostJson($"/api/visits/{visit}/record", new { outcome = "Missed", missedReason = "PersonNotIn" })).Expect(HttpStatusCode.OK);
        await app.SendOutbox(Ct);
        var mail = await app.Smtp.WaitFor(m => m.To.ToString().Contains("ada.missed@example.org", StringComparison.Ordinal));
        Assert.Equal("A visit did not happen", mail.Subject);
        Assert.Contains("the visit to Ada on", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Testperson", mail.TextBody, StringComparison.Ordinal);
        var text = await app.Notify.WaitFor(t => t.PhoneNumber == "07700900777");
        Assert.Contains("did not happen", text.Body, StringComparison.Ordinal);
        await using (var db = app.Db())
        {
            var told = await db.OutboundMessages.Where(m => m.PersonId == Guid.Parse(person) && m.Reason == MessageReason.VisitMissed).ToListAsync(Ct);
            Assert.Equal(["07700900777", "ada.missed@example.org"], told.Select(m => m.To).Order(StringComparer.Ordinal));
            Assert.All(told, m => Assert.NotNull(m.SentAt));
        }
    }

    [Fact]
    public async Task Support_ending_is_told_to_the_family()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var referral = await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
        var person = referral.GetProperty("person").Str("id");
        var url = $"/api/episodes/{referral.GetProperty("episode").Str("id")}";
        await (await hub.PostJson($"{url}/triage", new { service = "BedBasedIntermediateCare", pathway = "P2", nonHomeReason = "Needs daily therapy" }, "\"1\"")).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"{url}/accept", new { }, "\"2\"")).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"{url}/start", new { }, "\"3\"")).Expect(HttpStatusCode.OK);
        await CareRecords.Complete(hub, url.Split('/')[^1]);
        await app.Share(person, "Ola Okafor", email: "ola.ended@example.org");
        await (await hub.PostJson($"{url}/end", new { sequel = "NoIdentifiedNeeds", destination = "UsualResidence" }, "\"4\"")).Expect(HttpStatusCode.OK);
        await app.SendOutbox(Ct);
        var mail = await app.Smtp.WaitFor(m => m.To.ToString().Contains("ola.ended@example.org", StringComparison.Ordinal));
        Assert.Equal("Support from the team has ended", mail.Subject);
        Assert.Contains("Ada's support from the team ended on", mail.TextBody, StringComparison.Ordinal);
    }
}

/// <summary>
/// A visit's expected time moved on a rota published again is told with the old and new times. Its own app: the round
/// it starts from is a demo county, which is made only on an empty database.
/// </summary>
public sealed class VisitMovedTests(YourCareFactory app) : IClassFixture<YourCareFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_visit_whose_time_moves_on_a_rota_published_again_is_told_with_the_old_and_new_times()
    {
        await RoundToday.Make(app.Services, seed: 23, Ct);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Homeward.Data.HomewardDb>();
        var rota = await db.Rotas.AsNoTracking().SingleAsync(r => r.Status == RotaStatus.Published, Ct);
        var organisation = await db.CareServices.Where(s => s.Id == rota.ServiceId).Select(s => s.OrganisationId).SingleAsync(Ct);
        var scheduler = Actor.System(organisation, "tell-family-test");

        // The rota built again (a draft); a visit planned in both.
        await using var publishing = app.Services.CreateAsyncScope();
        var build = publishing.ServiceProvider.GetRequiredService<BuildRota>();
        var publish = publishing.ServiceProvider.GetRequiredService<PublishRota>();
        var built = await build.Handle(rota.ServiceId.ToString(), rota.Date.ToString("yyyy-MM-dd"), scheduler, Ct);
        var before = await db.RotaAssignments.AsNoTracking().Where(a => a.RotaId == rota.Id && !a.Second).Select(a => a.VisitId).ToListAsync(Ct);
        var now = await db.RotaAssignments.AsNoTracking().Where(a => a.RotaId == built.Id && !a.Second && before.Contains(a.VisitId))
            .OrderBy(a => a.Order).FirstAsync(Ct);
        var personId = await db.Visits.Where(v => v.Id == now.VisitId).Select(v => v.PersonId).SingleAsync(Ct);
        await app.Share(personId.ToString(), "Rae Okafor", email: "rae.moved@example.org");
        // The family were told (by the rota published first) to expect the carer 90 minutes earlier than the new one says.
        var told = now.Start - 90;
        await db.RotaAssignments.Where(a => a.RotaId == rota.Id && a.VisitId == now.VisitId && !a.Second).ExecuteUpdateAsync(s => s.SetProperty(a => a.Start, told), Ct);
        await publish.Handle(built.Id, built.Version, scheduler, Ct);

        // About that visit (another of the person's visits today may have moved as well, and is told on its own).
        var about = $"{now.VisitId:N}@{now.Start}";
        var message = await db.OutboundMessages.AsNoTracking()
            .SingleAsync(m => m.To == "rae.moved@example.org" && m.Reason == MessageReason.VisitTimeChanged && m.About == about, Ct);
        Assert.Contains($"(it was {TimeOnly.MinValue.AddMinutes(told):HH:mm})", message.Body, StringComparison.Ordinal);
        Assert.Contains("is now expected at about", message.Body, StringComparison.Ordinal);
    }
}
