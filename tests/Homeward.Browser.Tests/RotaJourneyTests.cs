using Homeward.Access;
using Homeward.Browser.Tests.Support;
using Homeward.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Homeward.Browser.Tests;

/// <summary>
/// A scheduler builds tomorrow's rota for a team of the demo county, tries a wrong request, moves a visit, publishes;
/// the carer then sees their own day.
/// </summary>
public sealed class RotaJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_scheduler_builds_adjusts_and_publishes_a_rota_and_the_carer_sees_their_day()
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

        var page = await app.SignedIn(Role.HubCoordinator);
        await page.FollowNav("Rotas");
        await page.AssertAccessible();

        // Nothing chosen and a day that does not exist: both said, nothing built.
        await page.GetByLabel("Day", new() { Exact = true }).FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Build the rota" }).ClickAsync();
        var summary = page.Locator(".nhsuk-error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("Choose the team");
        await Assertions.Expect(summary).ToContainTextAsync("the day");
        await page.AssertAccessible();

        var option = await page.Locator("#serviceId option", new() { HasTextString = team }).GetAttributeAsync("value");
        await page.GetByLabel("Team", new() { Exact = true }).SelectOptionAsync(option!);
        await page.GetByLabel("Day", new() { Exact = true }).FillAsync(DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Build the rota" }).ClickAsync();
        // The build is a job: its page follows it and opens the rota when it is done.
        await Assertions.Expect(page.GetByTestId("banner")).ToContainTextAsync("Rota built", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("Draft");
        await Assertions.Expect(page.GetByTestId("rota-timeline")).ToBeVisibleAsync();
        Assert.True(int.Parse(await page.GetByTestId("planned").TextContentAsync() ?? "0") > 0);
        await page.AssertAccessible();

        // Move a visit without saying where to: refused with the field named; then to a carer on shift.
        var visit = page.GetByLabel("Visit", new() { Exact = true });
        var firstVisit = await page.Locator("#visitId option:not([value=''])").First.GetAttributeAsync("value");
        await visit.SelectOptionAsync(firstVisit!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Move and re-time" }).ClickAsync();
        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToContainTextAsync("Choose a carer on shift");
        await Assertions.Expect(page.GetByLabel("Visit", new() { Exact = true })).ToHaveValueAsync(firstVisit!);
        var carers = await page.Locator("#workerId option:not([value=''])").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        var visits = await page.Locator("#visitId option:not([value=''])").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        var moved = false;
        var refusals = new List<string>();
        // On a full day a visit may fit nowhere else without breaking a rule (the morning peak above all): try visits
        // spread over the day until one fits.
        foreach (var candidate in visits.Where((_, i) => i % Math.Max(1, visits.Length / 12) == 0).Take(12))
        {
            foreach (var carer in carers)
            {
                await page.GetByLabel("Visit", new() { Exact = true }).SelectOptionAsync(candidate);
                await page.GetByLabel("To", new() { Exact = true }).SelectOptionAsync(carer);
                await page.GetByRole(AriaRole.Button, new() { Name = "Move and re-time" }).ClickAsync();
                if (await page.GetByTestId("banner").CountAsync() > 0)
                {
                    moved = true;
                    break;
                }
                // Refused (it would break a rule): the reason is said and the page is still the draft.
                await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToBeVisibleAsync();
                refusals.Add(await page.Locator(".nhsuk-error-summary").InnerTextAsync());
            }
            if (moved)
                break;
        }
        Assert.True(moved, "No carer on shift could take any of the visits tried: " + string.Join(" | ", refusals.Take(5)));
        await Assertions.Expect(page.GetByTestId("banner")).ToContainTextAsync("Visit moved");

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish the rota" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("Published");

        var carerPage = await app.SignedIn(Role.ReablementWorker);
        await carerPage.GetByRole(AriaRole.Link, new() { Name = "My day", Exact = true }).ClickAsync();
        await carerPage.GetByLabel("Another day", new() { Exact = true }).FillAsync(DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd"));
        await carerPage.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(carerPage.GetByTestId("my-round")).ToContainTextAsync("Riley Able");
        await carerPage.AssertAccessible();
    }

    [Fact]
    public async Task A_scheduler_adds_a_carer_with_every_problem_said_and_marks_them_as_left()
    {
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoCounty>()
                .GenerateAsync(new DemoCounty.Options(DemoSize.Small, Seed: 5, Today: DateOnly.FromDateTime(DateTime.UtcNow)), ct: Ct);
        string team, postcode;
        await using (var db = app.Db())
        {
            var teamId = await db.CareWorkers.Where(w => w.UserName == "reablement@demo.homeward").Select(w => w.ServiceId).SingleAsync(Ct);
            team = await db.CareServices.Where(s => s.Id == teamId).Select(s => s.Name).SingleAsync(Ct);
            postcode = (await db.PostcodeLocations.OrderBy(p => p.Postcode).FirstAsync(Ct)).Postcode;
        }

        var page = await app.SignedIn(Role.HubCoordinator);
        await page.FollowNav("Rotas");
        await page.GetByTestId("carers-link").ClickAsync();
        var option = await page.Locator("#team option", new() { HasTextString = team }).GetAttributeAsync("value");
        await page.GetByLabel("Team", new() { Exact = true }).SelectOptionAsync(option!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show carers" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("carers")).ToContainTextAsync("Riley Able");
        await page.AssertAccessible();

        // No name, a postcode nobody knows, no days: all said at once, what was typed kept.
        await page.GetByTestId("add-carer").ClickAsync();
        await page.GetByLabel("Where their day starts and ends (postcode)").FillAsync("ZB9 9ZZ");
        foreach (var day in new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" })
            await page.GetByLabel(day, new() { Exact = true }).UncheckAsync();
        await page.GetByLabel("insulin", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the carer" }).ClickAsync();
        var summary = page.Locator(".nhsuk-error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("Enter the carer's name");
        await Assertions.Expect(summary).ToContainTextAsync("postcode directory");
        await Assertions.Expect(summary).ToContainTextAsync("Choose the days they work");
        await Assertions.Expect(page.GetByLabel("Where their day starts and ends (postcode)")).ToHaveValueAsync("ZB9 9ZZ");
        await Assertions.Expect(page.GetByLabel("insulin", new() { Exact = true })).ToBeCheckedAsync();
        await page.AssertAccessible();

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Jo Weekender");
        await page.GetByLabel("Where their day starts and ends (postcode)").FillAsync(postcode);
        await page.GetByLabel("Saturday", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Sunday", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the carer" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("banner")).ToContainTextAsync("Jo Weekender added");
        var row = page.GetByTestId("carers").Locator("tr", new() { HasTextString = "Jo Weekender" });
        await Assertions.Expect(row).ToContainTextAsync("insulin");
        await Assertions.Expect(row).ToContainTextAsync("Sat, Sun");

        // They leave: still listed (past rotas name them), marked as left.
        await page.GetByRole(AriaRole.Link, new() { Name = "Jo Weekender" }).ClickAsync();
        await page.GetByLabel("No, they have left").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("banner")).ToContainTextAsync("details saved");
        await Assertions.Expect(page.GetByTestId("carers").Locator("tr", new() { HasTextString = "Jo Weekender" })).ToContainTextAsync("Left");
    }
}
