using Homeward.Access;
using Homeward.Browser.Tests.Support;
using Homeward.People;
using Microsoft.Playwright;

namespace Homeward.Browser.Tests;

/// <summary>A privacy officer signs in to the audit trail and sees who looked at a person's record.</summary>
public sealed class AuditJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_privacy_officer_finds_who_looked_at_a_record()
    {
        var person = new Person
        {
            NhsNumber = NhsNumber.Parse("9990001227"), GivenName = "Audra", FamilyName = "Trailworth", DateOfBirth = new DateOnly(1940, 5, 6),
            AddressLine1 = "3 Mill Lane", Town = "Northvale", Postcode = Postcode.Parse("NV1 2AB"), CreatedAt = DateTimeOffset.UtcNow,
        };
        await using (var db = app.Db())
        {
            db.People.Add(person);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        // A hub coordinator opens the record.
        var hub = await app.SignedIn(Role.HubCoordinator);
        await hub.GotoAsync($"/people/{person.Id}");
        await Assertions.Expect(hub.GetByRole(AriaRole.Heading, new() { Name = "Audra Trailworth" })).ToBeVisibleAsync();

        var page = await app.SignedIn(Role.PrivacyOfficer, "**/audit**");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Hub board" })).ToHaveCountAsync(0);
        await page.AssertAccessible();
        await page.GetByLabel("NHS number", new() { Exact = true }).FillAsync("12345");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("NHS number", new() { Exact = true })).ToHaveValueAsync("12345");
        await page.AssertAccessible();

        await page.GetByLabel("NHS number", new() { Exact = true }).FillAsync("999 000 1227");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var rows = page.GetByTestId("audit-rows");
        await Assertions.Expect(rows).ToContainTextAsync("hub@demo.homeward");
        await Assertions.Expect(rows).ToContainTextAsync("person.record");
        await Assertions.Expect(rows).ToContainTextAsync("Audra Trailworth");
        await page.AssertAccessible();
    }
}
