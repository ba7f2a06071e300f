using Homeward.Access;
using Homeward.Browser.Tests.Support;
using Microsoft.Playwright;

namespace Homeward.Browser.Tests;

/// <summary>
/// A coordinator refers someone whose NHS number nobody knows (ticked on the form), finds "NHS numbers to trace" in
/// Needs attention, and enters the number the trace found on the person's page; at desktop and phone width, with axe.
/// </summary>
public sealed class TraceJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static ILocator Field(IPage page, string label) => page.GetByLabel(label, new() { Exact = true });

    [Theory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task A_coordinator_refers_someone_without_an_NHS_number_and_enters_it_once_traced(int width)
    {
        var page = await app.SignedIn(Role.HubCoordinator);
        await page.SetViewportSizeAsync(width, 900);
        await page.GotoAsync("/refer?route=UrgentCommunityResponse");
        var family = width == 375 ? "Untracedphone" : "Untraceddesk";

        // Left blank and not ticked: refused, saying how.
        await Field(page, "Given name").FillAsync("Nora");
        await Field(page, "Family name").FillAsync(family);
        await Field(page, "Date of birth").FillAsync("1936-02-11");
        await Field(page, "Address line 1").FillAsync("2 Brook Row");
        await Field(page, "Postcode").FillAsync("nv1 2ab");
        await Field(page, "Who is referring").SelectOptionAsync("Family");
        await Field(page, "Referrer's name").FillAsync("Neighbour");
        await Field(page, "Reason for referral").FillAsync("Found on the floor this morning; cannot get up unaided");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit referral" }).ClickAsync();
        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToContainTextAsync("the hub will trace it");

        await Field(page, "Not known: record the person and the hub will trace it").CheckAsync();
        await page.AssertAccessible();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit referral" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("banner")).ToContainTextAsync($"Referral received for Nora {family}");

        await page.GotoAsync("/attention?show=NhsNumberTrace");
        var item = page.Locator("[data-kind=NhsNumberTrace]").Filter(new() { HasText = family });
        await Assertions.Expect(item).ToContainTextAsync("Referred without an NHS number");
        await page.AssertAccessible();
        await page.GotoAsync((await item.GetByRole(AriaRole.Link, new() { Name = $"Nora {family}" }).GetAttributeAsync("href"))!);
        await Assertions.Expect(page.GetByTestId("trace")).ToContainTextAsync("NHS number not known");
        await page.AssertAccessible();

        // A wrong number is refused where it was typed; the traced one is recorded.
        await Field(page, "NHS number found by the trace").FillAsync("1234567890");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the NHS number" }).ClickAsync();
        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToBeVisibleAsync();
        await page.AssertAccessible();
        var nhs = Homeward.Tests.Support.Bodies.NewNhsNumber();
        await Field(page, "NHS number found by the trace").FillAsync(nhs);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the NHS number" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("banner")).ToContainTextAsync("recorded, verified");
        await Assertions.Expect(page.GetByTestId("trace")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("details")).ToContainTextAsync($"{nhs[..3]} {nhs[3..6]} {nhs[6..]}");
    }
}
