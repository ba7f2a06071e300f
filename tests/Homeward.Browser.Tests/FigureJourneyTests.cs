using Homeward.Access;
using Homeward.Browser.Tests.Support;
using Microsoft.Playwright;

namespace Homeward.Browser.Tests;

/// <summary>A manager reads the figures, sets a target and looks behind a figure.</summary>
public sealed class FigureJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_manager_reads_the_figures_sets_a_target_and_sees_who_is_behind_one()
    {
        var page = await app.SignedIn(Role.Manager);
        await page.FollowNav("Figures");
        await Assertions.Expect(page.GetByTestId("figures")).ToContainTextAsync("Home from hospital, 65+");
        await Assertions.Expect(page.GetByTestId("figures")).ToContainTextAsync("Urgent community response within 2 hours");
        await page.AssertAccessible();

        // Bad filters are named, not a crash.
        await page.GotoAsync("/figures?from=2026-05-02&to=2026-05-01&by=Colour");
        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToContainTextAsync("cannot be before the first day");
        await page.AssertAccessible();

        await page.GotoAsync("/figures?by=AgeBand&trend=Month");
        await page.GetByText("Set a target").ClickAsync();
        await page.GetByLabel("Figure", new() { Exact = true }).SelectOptionAsync("HomeFromHospital65");
        await page.GetByLabel("Target", new() { Exact = true }).FillAsync("95");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save target" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("banner")).ToContainTextAsync("Target saved");
        await Assertions.Expect(page.Locator("[data-figure=HomeFromHospital65]")).ToContainTextAsync("95.0%");

        await page.Locator("[data-figure=UrgentResponseTwoHours] a").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Urgent community response within 2 hours" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("summary")).ToContainTextAsync("contribution");
        await page.AssertAccessible();
    }

    [Fact]
    public async Task A_manager_makes_a_national_return_and_downloads_it()
    {
        var page = await app.SignedIn(Role.Manager);
        await page.FollowNav("Returns");
        await page.AssertAccessible();
        await page.GetByLabel("Return", new() { Exact = true }).SelectOptionAsync("ascof-2a");
        // Made on the job engine: the job's page follows it and opens the made return.
        await page.GetByRole(AriaRole.Button, new() { Name = "Make the return" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("return-title")).ToContainTextAsync("ASCOF 2A", new() { Timeout = 30_000 });
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/returns/made/"));
        await Assertions.Expect(page.GetByTestId("made")).ToContainTextAsync("Made by Morgan Lead");
        await Assertions.Expect(page.GetByTestId("return")).ToContainTextAsync("65 and above");
        await page.AssertAccessible();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("csv").ClickAsync());
        Assert.StartsWith("ascof-2a-", download.SuggestedFilename, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.StartsWith("Measure,Group,Numerator,Denominator", text, StringComparison.Ordinal);

        // Client Level Data: validated before it is offered; what this test app holds passes, so it is offered.
        await page.GetByLabel("Return", new() { Exact = true }).SelectOptionAsync("cld");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make the return" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("return-title")).ToContainTextAsync("Client Level Data", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByText("The file passes its validation")).ToBeVisibleAsync();
        var cld = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("xlsx").ClickAsync());
        Assert.StartsWith("cld-", cld.SuggestedFilename, StringComparison.Ordinal);
        await page.ReloadAsync();
        await page.AssertAccessible();

        // Only one of the two dates: told which is missing.
        await page.GotoAsync("/returns?code=cld&from=2026-01-01");
        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToContainTextAsync("Give both the first and the last day");
        await page.AssertAccessible();
    }
}
