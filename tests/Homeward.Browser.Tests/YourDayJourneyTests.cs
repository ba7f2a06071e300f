using Homeward.Access;
using Homeward.Browser.Tests.Support;
using Microsoft.Playwright;

namespace Homeward.Browser.Tests;

/// <summary>A hospital team, a provider and a reablement worker each start from "your day", at desktop and phone width.</summary>
public sealed class YourDayJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Each_role_lands_on_its_own_day_and_follows_an_item()
    {
        var hospital = await app.SignedIn(Role.HospitalDischargeTeam);
        var body = Homeward.Tests.Support.Bodies.HospitalDischarge();
        body["dischargeReadyDate"] = DateTime.UtcNow.AddDays(-4).ToString("yyyy-MM-dd");
        Assert.Equal(201, (await hospital.Context.APIRequest.PostAsync("/api/referrals", new() { DataObject = body })).Status);
        await hospital.ReloadAsync();
        await Assertions.Expect(hospital.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your referrals");
        var item = hospital.GetByTestId("section-delayed").Locator("tr[data-urgent=true]").Filter(new() { HasText = "4 days past the ready date" }).First;
        await Assertions.Expect(item).ToContainTextAsync("no delay reason recorded");
        await hospital.AssertAccessible();
        await item.GetByRole(AriaRole.Link).ClickAsync();
        await hospital.WaitForURLAsync("**/episodes/**");

        foreach (var role in new[] { Role.CareProvider, Role.ReablementWorker })
        {
            var page = await app.SignedIn(role);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(role == Role.CareProvider ? "Your offers and people" : "Today");
            await page.SetViewportSizeAsync(375, 812);
            await page.AssertAccessible();
        }
    }
}
