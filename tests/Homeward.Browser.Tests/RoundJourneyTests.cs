using Homeward.Access;
using Homeward.Browser.Tests.Support;
using Homeward.Rounds;
using Homeward.Tests.Support;
using Homeward.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Homeward.Browser.Tests;

/// <summary>
/// A carer works today's round on a phone (375 px, touch, location shared): lands on the round, checks in and out of one
/// visit and records "no access" at another while the phone is offline, and what they did arrives once when it is back
/// online; the round fits the screen and passes axe.
/// </summary>
public sealed class RoundJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_carer_works_their_round_on_a_phone_offline_and_what_they_did_arrives_once()
    {
        await RoundToday.Make(app.Services, seed: 13, Ct);
        var page = await app.SignedIn(Role.ReablementWorker, "/my-day", new() { Width = 375, Height = 812 });
        await Assertions.Expect(page.GetByTestId("my-round")).ToContainTextAsync("Riley Able");
        var cards = page.GetByTestId("visit");
        Assert.True(await cards.CountAsync() >= 2, "The round needs two visits.");
        var first = cards.Nth(0);
        var second = cards.Nth(1);
        var firstId = Guid.Parse((await first.GetAttributeAsync("data-visit"))!);
        var secondId = Guid.Parse((await second.GetAttributeAsync("data-visit"))!);
        Guid firstEpisode;
        await using (var db = app.Db())
        {
            // The phone stands at the first person's door (their postcode's centre).
            var home = await (from v in db.Visits join p in db.People on v.PersonId equals p.Id where v.Id == firstId select new { p.Latitude, p.Longitude }).SingleAsync(Ct);
            if (home.Latitude is { } lat)
                await page.Context.SetGeolocationAsync(new() { Latitude = (float)lat, Longitude = (float)home.Longitude!.Value, Accuracy = 10 });
            // The first person's plan lists a task for every visit and a medicine to prompt.
            firstEpisode = await db.Visits.Where(v => v.Id == firstId).Select(v => v.EpisodeId).SingleAsync(Ct);
            await db.CarePlans.Where(p => p.EpisodeId == firstEpisode).ExecuteUpdateAsync(x => x
                .SetProperty(p => p.Tasks, "Help to wash and dress").SetProperty(p => p.Medicines, "Paracetamol 1 g"), Ct);
        }
        await page.ReloadAsync();
        await Assertions.Expect(first.GetByLabel("Help to wash and dress")).ToBeCheckedAsync();
        // The carer confirms they have seen the round.
        await page.GetByRole(AriaRole.Button, new() { Name = "I have seen my round" }).TapAsync();
        await Assertions.Expect(page.GetByTestId("banner")).ToContainTextAsync("you have confirmed your round");
        await Assertions.Expect(page.GetByTestId("confirmed")).ToBeVisibleAsync();
        // Every card open (what to do, getting in, soft signs, could not visit): still no wider than the phone, and accessible.
        await page.EvaluateAsync("() => document.querySelectorAll('.hw-round details').forEach(d => d.open = true)");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The round is wider than the phone.");
        await page.AssertAccessible();
        if (Environment.GetEnvironmentVariable("HOMEWARD_SCREENSHOTS") == "1")
        {
            await page.EvaluateAsync("() => { const c = document.querySelector('.hw-round__visit'); c.dataset.status = 'InProgress'; c.querySelector('.hw-round__soft-signs').open = true; const t = c.querySelector('[data-testid=visit-status]'); t.textContent = 'Checked in 07:41'; t.className = 'nhsuk-tag nhsuk-tag--blue'; }");
            await first.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.RepositoryRoot, "docs", "images", "round-check-out.png") });
            await page.ReloadAsync();
        }
        await page.EvaluateAsync("() => document.querySelectorAll('.hw-round details').forEach(d => d.open = false)");

        // Today's round is kept on the phone by the service worker, for when there is no signal.
        await page.WaitForFunctionAsync("() => caches.open('homeward-round-v1').then(c => c.match('/my-day')).then(r => !!r)");
        await page.GetByLabel("Share my location when I check in and out", new() { Exact = false }).CheckAsync();

        await page.Context.SetOfflineAsync(true);
        await first.GetByRole(AriaRole.Button, new() { Name = "Check in" }).TapAsync();
        await Assertions.Expect(first.GetByTestId("visit-status")).ToContainTextAsync("Checked in");
        await Assertions.Expect(first.GetByTestId("pending")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("sync")).ToContainTextAsync("offline");
        await first.GetByLabel("Notes from the visit (optional)").FillAsync("Washed and dressed; breakfast eaten.");
        // The medicine not yet answered: the phone asks first (a record kept offline could not be refused later).
        await first.GetByRole(AriaRole.Button, new() { Name = "Check out" }).TapAsync();
        await Assertions.Expect(page.GetByTestId("sync")).ToContainTextAsync("Say whether the medicine was taken");
        await first.GetByLabel("Taken").CheckAsync();
        await first.GetByText("Worried about them? Soft signs").TapAsync();
        await first.GetByLabel("New or worse confusion").CheckAsync();
        await first.GetByRole(AriaRole.Button, new() { Name = "Check out" }).TapAsync();
        await Assertions.Expect(first.GetByTestId("visit-status")).ToContainTextAsync("Done");

        await second.GetByText("Could not visit", new() { Exact = true }).TapAsync();
        await second.GetByLabel("No access: could not get in").CheckAsync();
        await second.GetByLabel("What happened").FillAsync("No answer; curtains closed.");
        await second.GetByRole(AriaRole.Button, new() { Name = "Tell the hub: could not visit" }).TapAsync();
        await Assertions.Expect(second.GetByTestId("visit-status")).ToContainTextAsync("Could not visit: no access");
        await Assertions.Expect(page.GetByTestId("sync")).ToContainTextAsync("3 records are kept on this phone");
        await page.AssertAccessible();
        if (Environment.GetEnvironmentVariable("HOMEWARD_SCREENSHOTS") == "1")
        {
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.RepositoryRoot, "docs", "images", "round-offline.png") });
        }
        await using (var db = app.Db())
            Assert.False(await db.VisitActions.AnyAsync(a => a.VisitId == firstId || a.VisitId == secondId, Ct), "Nothing may reach Homeward while offline.");

        // Back online: the outbox goes, in order, once.
        await page.Context.SetOfflineAsync(false);
        await Assertions.Expect(page.GetByTestId("sync")).ToContainTextAsync("Sent: 3 records");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('homeward.outbox.')).map(k => JSON.parse(localStorage.getItem(k)).length).reduce((a, b) => a + b, 0)"));
        await using (var db = app.Db())
        {
            var done = await db.Visits.AsNoTracking().SingleAsync(v => v.Id == firstId, Ct);
            Assert.Equal((VisitStatus.Done, true, "Washed and dressed; breakfast eaten."), (done.Status, done.OnPhone, done.Notes));
            Assert.NotNull(done.ArrivedMetres);
            Assert.InRange(done.ArrivedMetres!.Value, 0, 50);
            var missed = await db.Visits.AsNoTracking().SingleAsync(v => v.Id == secondId, Ct);
            Assert.Equal((VisitStatus.Missed, MissedReason.CouldNotGetIn), (missed.Status, missed.MissedReason));
            Assert.Equal([("Help to wash and dress", TaskOutcome.Done), ("Paracetamol 1 g", TaskOutcome.Given)],
                (await db.VisitTaskRecords.Where(t => t.VisitId == firstId).OrderBy(t => t.Position).ToListAsync(Ct)).Select(t => (t.Text, t.Outcome)));
            Assert.True(await db.Observations.AnyAsync(o => o.VisitId == firstId && o.StepUp && o.SoftSigns == "NewOrWorseConfusion", Ct));
            Assert.Equal(3, await db.VisitActions.CountAsync(a => (a.VisitId == firstId || a.VisitId == secondId) && a.Outcome == VisitActionOutcome.Applied, Ct));
        }

        // The round as Homeward now has it.
        await page.ReloadAsync();
        await Assertions.Expect(first.GetByTestId("visit-status")).ToContainTextAsync("Done");
        await Assertions.Expect(second.GetByTestId("visit-status")).ToContainTextAsync("Could not visit");
        await Assertions.Expect(first.GetByTestId("pending")).ToBeHiddenAsync();

        // The commissioning view: what was planned against what was delivered, the phone's records verified.
        var manager = await app.SignedIn(Role.Manager);
        await manager.GotoAsync("/visits");
        await manager.GetByTestId("delivered-link").ClickAsync();
        await Assertions.Expect(manager.GetByTestId("by-carer")).ToContainTextAsync("Riley Able");
        await Assertions.Expect(manager.GetByTestId("by-team")).ToContainTextAsync("Everyone");
        await Assertions.Expect(manager.GetByTestId("csv")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/api/visits/delivered\\.csv\\?from="));
        await manager.AssertAccessible();
        await manager.GotoAsync("/visits/delivered?from=2026-02-30&to=2026-01-01");
        await Assertions.Expect(manager.Locator(".nhsuk-error-summary")).ToContainTextAsync("real date");

        // The care record shows the soft sign; a clinician adds NEWS2 observations (a temperature that is not a number is said):
        // respiration 26 → 3, SpO₂ 93% → 2, systolic 104 → 1, pulse 118 → 2, 38.4 °C → 1: NEWS2 9.
        await manager.GotoAsync($"/episodes/{firstEpisode}/care#observations");
        await Assertions.Expect(manager.GetByTestId("observations")).ToContainTextAsync("New or worse confusion");
        await manager.GetByText("Record soft signs or NEWS2").ClickAsync();
        foreach (var (label, value) in new[] { ("Respiration rate", "26"), ("SpO₂ (%)", "93"), ("Systolic BP", "104"), ("Pulse", "118"), ("Temperature (°C)", "warm") })
            await manager.GetByLabel(label, new() { Exact = true }).FillAsync(value);
        await manager.GetByLabel("Consciousness (ACVPU)").SelectOptionAsync("Alert");
        await manager.Locator("#observations").GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(manager.Locator(".nhsuk-error-summary")).ToContainTextAsync("temperature");
        await manager.GetByLabel("Temperature (°C)", new() { Exact = true }).FillAsync("38.4");
        await manager.Locator("#observations").GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(manager.GetByTestId("banner")).ToContainTextAsync("step up");
        await Assertions.Expect(manager.GetByTestId("observations")).ToContainTextAsync("NEWS2 9");
        await manager.AssertAccessible();
    }
}
