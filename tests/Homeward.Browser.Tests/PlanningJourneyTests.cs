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

    /// <summary>A step-down bed unit of the partnership's council, added once whichever test runs first.</summary>
    private async Task EnsureBeds(string name, int places)
    {
        await using var db = app.Db();
        if (await db.CareServices.AnyAsync(s => s.Name == name, TestContext.Current.CancellationToken))
            return;
        db.CareServices.Add(new CareService
        {
            Name = name, Kind = ServiceKind.CommunityBedUnit, Pathway = Pathway.P2, DefaultDailyCapacity = places,
            OrganisationId = await db.Organisations.Where(o => o.OdsCode == "ZWC").Select(o => o.Id).SingleAsync(TestContext.Current.CancellationToken),
        });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_manager_runs_two_scenarios_and_compares_them()
    {
        await EnsureBeds("Riverside rehab beds", 4);
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
    [Fact]
    public async Task A_manager_asks_for_the_cheapest_capacity_that_meets_a_target_and_reads_the_plan()
    {
        await EnsureBeds("Hillside step-down beds", 6);
        var page = await app.SignedIn(Role.Manager);
        await page.FollowNav("Planning");
        await page.GetByTestId("capacity-plan-link").ClickAsync();
        await page.AssertAccessible();

        // Every problem at once, what was typed kept, nothing searched.
        await page.GetByLabel("Target value").FillAsync("lots");
        await page.GetByLabel("Confidence (%)").FillAsync("200");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find the plan" }).ClickAsync();
        var summary = page.Locator(".nhsuk-error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("The share starting in time (percent) is a number from 0 to 100");
        await Assertions.Expect(summary).ToContainTextAsync("Confidence (percent) is a number from 50 to 99.9");
        await Assertions.Expect(page.GetByLabel("Target value")).ToHaveValueAsync("lots");
        await page.AssertAccessible();

        await page.GetByLabel("The next 10 days").CheckAsync();
        await page.GetByLabel("Target value").FillAsync("90");
        await page.GetByLabel("Confidence (%)").FillAsync("95");
        await page.GetByLabel("Name this plan (optional)").FillAsync("Ten days, nine in ten in time");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find the plan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Capacity plan: Ten days, nine in ten in time" }))
            .ToBeVisibleAsync(new() { Timeout = 150_000 });
        await Assertions.Expect(page.GetByTestId("summary")).ToContainTextAsync("At least 90.0% of people start within 2 days of being ready, with 95% confidence");
        await Assertions.Expect(page.GetByTestId("plan")).ToContainTextAsync("Hillside step-down beds");
        await Assertions.Expect(page.Locator("svg.hw-curve")).ToHaveCountAsync(1);
        await page.AssertAccessible();
        var planUrl = page.Url;
        // The BCF plan with this capacity.
        await page.GetByTestId("bcf-with-plan").ClickAsync();
        await Assertions.Expect(page.GetByTestId("bcf-notes")).ToContainTextAsync("Capacity as the capacity plan “Ten days, nine in ten in time”");
        await page.GotoAsync(planUrl);
        await page.SetViewportSizeAsync(375, 812);
        await page.ReloadAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"),
            "the plan is wider than a phone: " + await page.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.tagName + '.' + e.className).slice(-3).join(' | ')"));

        // The plan is kept and listed.
        await page.GotoAsync("/planning/capacity");
        await Assertions.Expect(page.GetByTestId("plans")).ToContainTextAsync("Ten days, nine in ten in time");
    }
    [Fact]
    public async Task A_manager_makes_the_BCF_capacity_and_demand_plan_and_downloads_it()
    {
        await EnsureBeds("Hillside step-down beds", 6);
        var page = await app.SignedIn(Role.Manager);
        await page.FollowNav("Planning");
        await page.GetByTestId("bcf-plan-link").ClickAsync();
        await page.GetByLabel("Plan year (its first year)").FillAsync("1999");
        await page.GetByLabel("Change in demand (%)").FillAsync("lots");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make the plan" }).ClickAsync();
        var summary = page.Locator(".nhsuk-error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("The plan year is");
        await Assertions.Expect(summary).ToContainTextAsync("Demand change is a percentage");
        await Assertions.Expect(page.GetByLabel("Change in demand (%)")).ToHaveValueAsync("lots");
        await page.AssertAccessible();

        await page.GetByLabel("Plan year (its first year)").FillAsync("");
        await page.GetByLabel("Change in demand (%)").FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make the plan" }).ClickAsync();
        var table = page.GetByTestId("bcf-plan");
        await Assertions.Expect(table).ToContainTextAsync("Rehabilitation or reablement in a bedded setting");
        await Assertions.Expect(table.Locator("thead th")).ToHaveCountAsync(15);
        await page.AssertAccessible();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-csv").ClickAsync());
        Assert.StartsWith("bcf-capacity-demand-", download.SuggestedFilename);
        await page.SetViewportSizeAsync(375, 812);
        await page.ReloadAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page is wider than a phone");
    }
}
