using System.Text.Json;
using Homeward.Access;
using Homeward.Browser.Tests.Support;
using Microsoft.Playwright;

namespace Homeward.Browser.Tests;

/// <summary>A ward's discharge team sends its discharge-ready list and keeps the delay reason up to date.</summary>
public sealed class DelayJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_discharge_team_uploads_its_ready_list_and_changes_a_delay_reason()
    {
        var page = await app.SignedIn(Role.HospitalDischargeTeam);
        var today = Homeward.Common.London.DateOf(DateTimeOffset.UtcNow);
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var nhs = Homeward.Tests.Support.Bodies.NewNhsNumber();
        var body = Homeward.Tests.Support.Bodies.HospitalDischarge(nhs);
        body["admittedOn"] = Day(today.AddDays(-9));
        body["dischargeReadyDate"] = Day(today.AddDays(-1));
        var referred = await page.Context.APIRequest.PostAsync("/api/referrals", new() { DataObject = body });
        Assert.Equal(201, referred.Status);

        await page.FollowNav("Discharge-ready list");
        await page.AssertAccessible();
        // Nothing chosen: said, not a crash.
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload the list" }).ClickAsync();
        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToContainTextAsync("Choose the day's discharge-ready list");
        await page.AssertAccessible();

        var csv = $"nhs_number,discharge_ready_date,delay_reason\n{nhs},{Day(today.AddDays(-3))},Transport\n{Homeward.Tests.Support.Bodies.NewNhsNumber()},{Day(today)},\n";
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "ready.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload the list" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("ready-summary")).ToContainTextAsync("2 lines: 1 changed, 0 unchanged, 1 with nobody to update, 0 not taken.");
        await page.AssertAccessible();

        // The line's outcome leads to the episode, where the ledger shows the reason; the team records a new one.
        await page.Locator("[data-result=Changed] a").ClickAsync();
        await Assertions.Expect(page.GetByTestId("delay-reason")).ToHaveTextAsync("Awaiting transport");
        await Assertions.Expect(page.GetByTestId("delay")).ToContainTextAsync("3 days past the discharge ready date");
        await page.SelectOptionAsync("#delay-reason", "MedicinesToTakeHome");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the reason" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("banner")).ToContainTextAsync("Delay reason recorded: Awaiting medicines to take home");
        await Assertions.Expect(page.GetByTestId("delay").Locator("tbody tr")).ToHaveCountAsync(2);
        await page.AssertAccessible();
    }
}
