using System.Text.Json;
using Homeward.Access;
using Homeward.Browser.Tests.Support;
using Microsoft.Playwright;

namespace Homeward.Browser.Tests;

/// <summary>A hub coordinator starts the day from what needs attention: takes a new 2-hour referral and marks it done.</summary>
public sealed class AttentionJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_coordinator_takes_an_item_and_marks_it_done()
    {
        var page = await app.SignedIn(Role.HubCoordinator);
        var referred = await page.Context.APIRequest.PostAsync("/api/referrals", new() { DataObject = Homeward.Tests.Support.Bodies.UrgentCommunityResponse() });
        Assert.Equal(201, referred.Status);
        var episode = JsonDocument.Parse(await referred.TextAsync()).RootElement.GetProperty("episode").GetProperty("id").GetString();

        await page.FollowNav("Needs attention");
        var item = page.Locator($"[data-kind=TwoHourReferral][data-subject='{episode}']");
        await Assertions.Expect(item).ToContainTextAsync("First visit due by");
        await page.AssertAccessible();

        await item.GetByRole(AriaRole.Button, new() { Name = "Take" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("banner")).ToContainTextAsync("you have taken this");
        item = page.Locator($"[data-kind=TwoHourReferral][data-subject='{episode}']");
        await Assertions.Expect(item).ToContainTextAsync("Taken by");
        await item.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("banner")).ToContainTextAsync("done");
        await Assertions.Expect(page.Locator($"[data-kind=TwoHourReferral][data-subject='{episode}']")).ToHaveCountAsync(0);
        await page.AssertAccessible();
    }
}
