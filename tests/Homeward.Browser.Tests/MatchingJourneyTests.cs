using System.Text.Json;
using Homeward.Access;
using Homeward.Browser.Tests.Support;
using Microsoft.Playwright;

namespace Homeward.Browser.Tests;

/// <summary>
/// A referral held because its patient's date of birth differs from the person held for the NHS number: the hub
/// coordinator finds it in Needs attention, compares sent with held, and decides it is the same person.
/// </summary>
public sealed class MatchingJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_coordinator_compares_a_held_referral_with_the_record_and_takes_it_for_the_person_held()
    {
        var page = await app.SignedIn(Role.HubCoordinator);
        var body = Homeward.Tests.Support.Bodies.HospitalDischarge();
        Assert.Equal(201, (await page.Context.APIRequest.PostAsync("/api/referrals", new() { DataObject = body })).Status);
        var person = (Dictionary<string, object?>)body["person"]!;
        var again = Homeward.Tests.Support.Bodies.HospitalDischarge((string)person["nhsNumber"]!);
        ((Dictionary<string, object?>)again["person"]!)["dateOfBirth"] = "1941-04-03";
        again["personDetails"] = "Hold";
        again["duplicateConfirmed"] = true;
        var held = await page.Context.APIRequest.PostAsync("/api/referrals", new() { DataObject = again });
        Assert.Equal(202, held.Status);
        var id = JsonDocument.Parse(await held.TextAsync()).RootElement.GetProperty("id").GetString();

        await page.FollowNav("Needs attention");
        var item = page.Locator($"[data-kind=PatientMatch][data-subject='{id}']");
        await Assertions.Expect(item).ToContainTextAsync("the date of birth differ");
        await item.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Is this the person held");
        await Assertions.Expect(page.Locator("[data-testid=match] tr[data-differs=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=match] tr[data-differs=true]")).ToContainTextAsync("3 April 1941");
        await page.AssertAccessible();

        // Nothing chosen: said, nothing done.
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToContainTextAsync("Choose whether this is the person held.");

        await page.GetByLabel("The same person: keep the details held").CheckAsync();
        await page.GetByLabel("Note").FillAsync("Rang the ward: the birth date was mistyped.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await page.WaitForURLAsync("**/episodes/**");
        await Assertions.Expect(page.GetByTestId("banner")).ToContainTextAsync("referral taken for the person held");
        await page.AssertAccessible();

        await page.GotoAsync($"/matching/{id}");
        await Assertions.Expect(page.GetByTestId("decided")).ToContainTextAsync("Taken");
    }
}
