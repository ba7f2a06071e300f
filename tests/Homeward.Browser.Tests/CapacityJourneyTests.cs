using Homeward.Access;
using Homeward.Browser.Tests.Support;
using Homeward.Capacity;
using Homeward.Tests.Support;
using Homeward.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Homeward.Browser.Tests;

/// <summary>A provider reports capacity, the hub books it, the provider accepts: the waiting list and board follow.</summary>
public sealed class CapacityJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static ILocator Field(IPage page, string label) => page.GetByLabel(label, new() { Exact = true });

    [Fact]
    public async Task A_provider_reports_capacity_the_hub_books_it_and_the_provider_accepts()
    {
        var serviceName = "Brightwater reablement runs";
        await using (var db = app.Db())
        {
            db.CareServices.Add(new CareService
            {
                Name = serviceName, Kind = ServiceKind.HomeCareProvider, Pathway = Pathway.P1, DefaultDailyCapacity = 0,
                OrganisationId = await db.Organisations.Where(o => o.OdsCode == "ZP1").Select(o => o.Id).SingleAsync(TestContext.Current.CancellationToken),
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        // The hub has someone accepted for reablement, and nowhere to send them.
        var hub = await app.SignedIn(Role.HubCoordinator);
        await hub.GotoAsync("/refer?route=Community");
        var nhs = Bodies.NewNhsNumber();
        await Field(hub, "NHS number").FillAsync(nhs);
        await Field(hub, "Given name").FillAsync("Nora");
        await Field(hub, "Family name").FillAsync("Waitlist");
        await Field(hub, "Date of birth").FillAsync("1940-01-02");
        await Field(hub, "Address line 1").FillAsync("9 Brook Row");
        await Field(hub, "Postcode").FillAsync("EB2 3LP");
        await Field(hub, "Who is referring").SelectOptionAsync("Gp");
        await Field(hub, "Referrer's name").FillAsync("Dr Example");
        await Field(hub, "Reason for referral").FillAsync("Needs help to get washed and dressed");
        await hub.GetByRole(AriaRole.Button, new() { Name = "Submit referral" }).ClickAsync();
        await Field(hub, "Reablement").CheckAsync();
        await Field(hub, "P1: home with new or more support").CheckAsync();
        await hub.GetByRole(AriaRole.Button, new() { Name = "Save triage" }).ClickAsync();
        await hub.GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true }).ClickAsync();
        var episode = hub.Url;
        await Assertions.Expect(hub.GetByTestId("match").Filter(new() { HasText = serviceName })).ToContainTextAsync("No room");

        await hub.GotoAsync("/waiting");
        var waitingRow = hub.Locator($"[data-testid=waiting-row][data-nhs-number='{nhs}']");
        await Assertions.Expect(waitingRow).ToContainTextAsync("No capacity in 14 days");
        await hub.AssertAccessible();

        // The provider reports 20 carer hours a day for the next fortnight.
        var provider = await app.SignedIn(Role.CareProvider);
        await provider.GotoAsync("/capacity");
        await Assertions.Expect(provider.GetByTestId("service-row")).ToHaveCountAsync(1); // only its own service
        var form = provider.GetByRole(AriaRole.Form, new() { Name = $"Report capacity for {serviceName}" });
        await form.GetByLabel("Carer hours a day").FillAsync("-5");
        await form.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(provider.Locator(".nhsuk-error-summary")).ToContainTextAsync("cannot be negative");
        await provider.AssertAccessible();
        form = provider.GetByRole(AriaRole.Form, new() { Name = $"Report capacity for {serviceName}" });
        await form.GetByLabel("Carer hours a day").FillAsync("20");
        await form.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(provider.GetByTestId("banner")).ToContainTextAsync("Capacity updated");
        await Assertions.Expect(provider.GetByTestId("service-row")).ToContainTextAsync("20 h");

        // The hub sees it, books a tapering pattern, and the waiting list and board say so.
        await hub.GotoAsync(episode);
        var match = hub.GetByTestId("match").Filter(new() { HasText = serviceName });
        await Assertions.Expect(match).ToContainTextAsync("Earliest start");
        await match.GetByRole(AriaRole.Button, new() { Name = $"Book {serviceName}" }).ClickAsync();
        await Assertions.Expect(hub.GetByTestId("banner")).ToContainTextAsync("offered to the provider");
        await Assertions.Expect(hub.GetByTestId("bookings")).ToContainTextAsync("Offered");
        await hub.AssertAccessible();
        await hub.GotoAsync("/waiting");
        await Assertions.Expect(waitingRow).ToContainTextAsync($"Booked: {serviceName}");
        await hub.GotoAsync("/board?route=Community");
        var boardRow = hub.Locator($"[data-testid=board-row][data-nhs-number='{nhs}']");
        await Assertions.Expect(boardRow).ToContainTextAsync("Accept the offer");

        // The provider accepts; the board shows the start.
        await provider.GotoAsync("/capacity");
        var offer = provider.GetByTestId("offer").Filter(new() { HasText = "Nora Waitlist" });
        await offer.GetByRole(AriaRole.Button, new() { Name = "Accept offer for Nora Waitlist" }).ClickAsync();
        await Assertions.Expect(provider.GetByTestId("banner")).ToContainTextAsync("Offer accepted");
        await provider.AssertAccessible();
        await hub.ReloadAsync();
        await Assertions.Expect(boardRow).ToContainTextAsync("(booked)");

        // The person's plans change: the hub cancels the booking, which needs a reason, and the capacity is free again.
        await hub.GotoAsync(episode);
        await hub.GetByText("Cancel this booking").ClickAsync();
        await hub.GetByRole(AriaRole.Button, new() { Name = "Cancel booking" }).ClickAsync();
        await Assertions.Expect(hub.Locator(".nhsuk-error-summary")).ToContainTextAsync("reason for cancelling");
        await hub.AssertAccessible();
        await Field(hub, "Reason for cancelling the booking").FillAsync("Family will care for her this fortnight");
        await hub.GetByRole(AriaRole.Button, new() { Name = "Cancel booking" }).ClickAsync();
        await Assertions.Expect(hub.GetByTestId("banner")).ToContainTextAsync("capacity is free again");
        await Assertions.Expect(hub.GetByTestId("bookings")).ToContainTextAsync("Cancelled");
        await hub.GotoAsync("/waiting");
        await Assertions.Expect(waitingRow).Not.ToContainTextAsync("Booked:");
    }
}
