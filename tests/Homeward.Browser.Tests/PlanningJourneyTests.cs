using Homeward.Access;
using Homeward.Browser.Tests.Support;
using Homeward.Capacity;
using Homeward.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Homeward.Browser.Tests;

/// <summary>A manager asks what the next 10 days hold with more demand, then with more beds, and compares the two.</summary>
public sealed class PlanningJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static ILocator Field(IPage page, string label) => page.GetByLabel(label, new() { Exact = true });

    [Fact]
    public async Task A_manager_runs_two_scenarios_and_compares_them()
    {
        await using (var db = app.Db())
        {
            db.CareServices.Add(new CareService
            {
                Name = "Riverside rehab beds", Kind = ServiceKind.CommunityBedUnit, Pathway = Pathway.P2, DefaultDailyCapacity = 4,
                OrganisationId = await db.Organisations.Where(o => o.OdsCode == "ZWC").Select(o => o.Id).SingleAsync(TestContext.Current.CancellationToken),
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var page = await app.SignedIn(Role.Manager);
        await page.FollowNav("Planning");
        await Assertions.Expect(page.GetByTestId("capacity-inputs")).ToContainTextAsync("Riverside rehab beds");
        await page.AssertAccessible();

        // Wrong input: every problem named, what was typed kept, nothing run.
        await Field(page, "Change in demand (%)").FillAsync("lots");
        await Field(page, "Capacity of Riverside rehab beds (places)").FillAsync("-3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
        var summary = page.Locator(".nhsuk-error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("Demand change is a percentage");
        await Assertions.Expect(summary).ToContainTextAsync("Riverside rehab beds: capacity is a whole number");
        await Assertions.Expect(Field(page, "Change in demand (%)")).ToHaveValueAsync("lots");
        await page.AssertAccessible();

        await Field(page, "Change in demand (%)").FillAsync("20");
        await Field(page, "Capacity of Riverside rehab beds (places)").FillAsync("");
        await Field(page, "Name this run (optional)").FillAsync("Demand up a fifth");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
        // The run is a job: its page follows it and opens the results when it is done.
        await Assertions.Expect(page.GetByTestId("banner")).ToContainTextAsync("“Demand up a fifth” ran 200 times", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("comparison")).ToContainTextAsync("Riverside rehab beds");

        await Field(page, "Change in demand (%)").FillAsync("20");
        await Field(page, "Capacity of Riverside rehab beds (places)").FillAsync("8");
        await Field(page, "Name this run (optional)").FillAsync("Four more beds");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
        var comparison = page.GetByTestId("comparison");
        await Assertions.Expect(comparison).ToContainTextAsync("Four more beds", new() { Timeout = 60_000 });
        await Assertions.Expect(comparison).ToContainTextAsync("Demand up a fifth");
        await Assertions.Expect(comparison).ToContainTextAsync("of 8");
        // The two runs' delays on one chart, named in its legend; the second run's difference from the first, with its
        // interval, measured replication by replication (both ran with the same seed).
        await Assertions.Expect(page.Locator("svg.hw-lines[aria-labelledby=delays-title]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".hw-lines__legend").First).ToContainTextAsync("Four more beds");
        await Assertions.Expect(page.Locator(".hw-lines__legend").First).ToContainTextAsync("Demand up a fifth");
        await Assertions.Expect(page.GetByTestId("difference").First).ToContainTextAsync("against the first");
        await Assertions.Expect(page.GetByTestId("difference").First).ToContainTextAsync("same random numbers");
        await page.AssertAccessible();

        // The saved runs list both; ticking one alone shows it alone.
        await page.GetByTestId("runs").GetByRole(AriaRole.Checkbox).First.UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare the ticked runs" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "The run", Exact = true })).ToBeVisibleAsync();

        // A job's own page, opened later, says what it made and links to it; arriving there just after asking (the work
        // quicker than the browser) goes straight to the result.
        Guid job;
        await using (var db = app.Db())
            job = await db.Jobs.OrderByDescending(j => j.CreatedAt).Select(j => j.Id).FirstAsync(TestContext.Current.CancellationToken);
        await page.GotoAsync($"/jobs/{job}");
        await Assertions.Expect(page.GetByTestId("job-summary")).ToContainTextAsync("“Four more beds” ran 200 times");
        await page.AssertAccessible();
        await page.GotoAsync($"/jobs/{job}?follow=true");
        await Assertions.Expect(page.GetByTestId("banner")).ToContainTextAsync("“Four more beds” ran 200 times");
        await Assertions.Expect(page.GetByTestId("comparison")).ToContainTextAsync("Four more beds");
    }
}
