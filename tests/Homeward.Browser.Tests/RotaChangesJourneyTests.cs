using Homeward.Access;
using Homeward.Browser.Tests.Support;
using Homeward.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Homeward.Browser.Tests;

/// <summary>
/// A scheduler gives a carer a long day tomorrow (every problem said first), builds tomorrow's rota, asks who could
/// take a visit and gives it to the cheapest carer offered; at phone width too.
/// </summary>
public sealed class RotaChangesJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_scheduler_changes_a_carer_s_hours_and_gives_a_visit_to_whoever_could_take_it()
    {
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoCounty>()
                .GenerateAsync(new DemoCounty.Options(DemoSize.Small, Seed: 5, Today: DateOnly.FromDateTime(DateTime.UtcNow)), ct: Ct);
        string team;
        await using (var db = app.Db())
        {
            var teamId = await db.CareWorkers.Where(w => w.UserName == "reablement@demo.homeward").Select(w => w.ServiceId).SingleAsync(Ct);
            team = await db.CareServices.Where(s => s.Id == teamId).Select(s => s.Name).SingleAsync(Ct);
        }
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd");

        var page = await app.SignedIn(Role.HubCoordinator);
        await page.FollowNav("Rotas");
        await page.GetByTestId("carers-link").ClickAsync();
        var option = await page.Locator("#team option", new() { HasTextString = team }).GetAttributeAsync("value");
        await page.GetByLabel("Team", new() { Exact = true }).SelectOptionAsync(option!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show carers" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Riley Able", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("no-changes")).ToBeVisibleAsync();

        // Nothing chosen, hours for an absence: every problem said, what was typed kept.
        await page.GetByLabel("Hours start").FillAsync("09:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the change" }).ClickAsync();
        var summary = page.Locator(".nhsuk-error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("Choose kind of change");
        await Assertions.Expect(summary).ToContainTextAsync("Enter the first day");
        await Assertions.Expect(page.GetByLabel("Hours start")).ToHaveValueAsync("09:00");
        await page.AssertAccessible();

        await page.GetByLabel("Other hours than usual").CheckAsync();
        await page.GetByLabel("First day", new() { Exact = true }).FillAsync(tomorrow);
        await page.GetByLabel("Hours start").FillAsync("07:00");
        await page.GetByLabel("Hours end").FillAsync("22:00");
        await page.GetByLabel("Note (optional)").FillAsync("Covering the evening round");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the change" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("banner")).ToContainTextAsync("Recorded: Works 07:00–22:00");
        await Assertions.Expect(page.GetByTestId("changes")).ToContainTextAsync("Covering the evening round");

        // Tomorrow's rota plans Riley in those hours.
        await page.GotoAsync("/rotas");
        await page.GetByLabel("Team", new() { Exact = true }).SelectOptionAsync(option!);
        await page.GetByLabel("Day", new() { Exact = true }).FillAsync(tomorrow);
        await page.GetByRole(AriaRole.Button, new() { Name = "Build the rota" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("banner")).ToContainTextAsync("Rota built", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("[data-testid=round] summary", new() { HasTextString = "Riley Able" })).ToContainTextAsync("07:00–22:00 (Hours changed to 07:00–22:00)");

        // Who could take a visit: the first visit someone else can take, given to the cheapest carer offered.
        var links = await page.GetByTestId("take-link").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.NotEmpty(links);
        string? carer = null;
        // On a full day many visits fit nowhere else (the morning peak above all): the later ones first.
        foreach (var link in links.Reverse().Take(40))
        {
            await page.GotoAsync(link);
            await Assertions.Expect(page.Locator("#take")).ToContainTextAsync("Who could take");
            if (await page.GetByTestId("choices").CountAsync() == 0)
            {
                // Nobody can: said, with each carer's reason.
                await Assertions.Expect(page.GetByTestId("nobody")).ToBeVisibleAsync();
                await Assertions.Expect(page.GetByTestId("cannot-take")).ToContainTextAsync(":");
                continue;
            }
            await page.AssertAccessible();
            var give = page.GetByTestId("choices").GetByRole(AriaRole.Button).First;
            carer = (await give.TextContentAsync())!.Replace("Give to ", "", StringComparison.Ordinal).Trim();
            await give.ClickAsync();
            break;
        }
        Assert.True(carer is not null, $"None of {Math.Min(40, links.Length)} of {links.Length} visits could be taken by another carer.");
        await Assertions.Expect(page.GetByTestId("banner")).ToContainTextAsync("Visit moved");
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("Draft");

        // At phone width, the choices fit the screen.
        var phone = await app.SignedIn(Role.HubCoordinator, viewport: new ViewportSize { Width = 375, Height = 800 });
        await phone.GotoAsync(links[0]);
        await Assertions.Expect(phone.Locator("#take")).ToBeVisibleAsync();
        var width = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var wide = await phone.EvaluateAsync<string>("[...document.querySelectorAll('body *')].filter(e => !e.closest('.hw-scroll') && e.getBoundingClientRect().right > 380).slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + (e.id || '') + ' ' + (e.textContent || '').slice(0, 30) + ' ' + Math.round(e.getBoundingClientRect().right)).join(' | ')");
        Assert.True(width <= 390, $"The page is {width} px wide at phone width: {wide}");
    }
}
