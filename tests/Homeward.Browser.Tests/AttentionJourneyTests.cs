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

/// <summary>
/// Alerts reach a coordinator on whatever page they have open, within seconds, and the board's own refresh never takes
/// their focus or place.
/// </summary>
public sealed class LiveAlertJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_new_two_hour_referral_is_announced_on_an_open_board_without_moving_focus()
    {
        var page = await app.SignedIn(Role.HubCoordinator);
        await page.GotoAsync("/board");
        var live = page.GetByTestId("board-live");
        var before = await live.TextContentAsync();
        var sort = page.GetByTestId("board").Locator("thead a").First;
        await sort.FocusAsync();
        // A mark on the element itself (not an attribute, which a refresh would copy or drop): only the same element keeps it.
        await page.EvaluateAsync("() => { document.activeElement.hwMark = 'focused before'; }");

        var referred = await page.Context.APIRequest.PostAsync("/api/referrals", new() { DataObject = Homeward.Tests.Support.Bodies.UrgentCommunityResponse() });
        Assert.Equal(201, referred.Status);

        // A declined offer with nothing else offered, and a missed visit: each kind that cannot wait says so too.
        var other = await page.Context.APIRequest.PostAsync("/api/referrals", new() { DataObject = Homeward.Tests.Support.Bodies.HospitalDischarge() });
        var made = System.Text.Json.JsonDocument.Parse(await other.TextAsync()).RootElement;
        var (episodeId, personId) = (Guid.Parse(made.GetProperty("episode").GetProperty("id").GetString()!), Guid.Parse(made.GetProperty("person").GetProperty("id").GetString()!));
        await using (var db = app.Db())
        {
            var service = new Homeward.Capacity.CareService
            {
                Name = $"Alert beds {Guid.NewGuid():N}"[..30], Kind = Homeward.Capacity.ServiceKind.CommunityBedUnit, Pathway = Homeward.Triage.Pathway.P2,
                DefaultDailyCapacity = 5, OrganisationId = (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Organisations, TestContext.Current.CancellationToken)).Id,
            };
            db.CareServices.Add(service);
            var declined = new Homeward.Capacity.Booking
            {
                EpisodeId = episodeId, PersonId = personId, ServiceId = service.Id, Kind = Homeward.Capacity.BookingKind.Bed,
                StartDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2)),
                EndDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2)), CreatedAt = DateTimeOffset.UtcNow.AddHours(-1), CreatedBy = "test",
            };
            declined.Decline("No bed that week", DateTimeOffset.UtcNow);
            db.Bookings.Add(declined);
            db.Visits.Add(new Homeward.Visits.Visit
            {
                EpisodeId = episodeId, PersonId = personId, Date = DateOnly.FromDateTime(DateTime.UtcNow), WindowStart = new(7, 30), WindowEnd = new(9, 30),
                Minutes = 30, Status = Homeward.Visits.VisitStatus.Missed, MissedReason = Homeward.Visits.MissedReason.CouldNotGetIn, RecordedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            foreach (var step in new[] { ("triage", new { service = "BedBasedIntermediateCare", pathway = "P2", nonHomeReason = "Needs a bed" } as object, "\"1\""), ("accept", new { }, "\"2\"") })
                Assert.Equal(200, (await page.Context.APIRequest.PostAsync($"/api/episodes/{episodeId}/{step.Item1}",
                    new() { DataObject = step.Item2, Headers = new Dictionary<string, string> { ["If-Match"] = step.Item3 } })).Status);
        }

        var panel = page.GetByTestId("live-alerts");
        var alert = panel.Locator("[data-kind=TwoHourReferral]");
        await Assertions.Expect(alert).ToBeVisibleAsync(new() { Timeout = 40_000 });
        await Assertions.Expect(alert).ToContainTextAsync("New 2-hour referrals");
        await Assertions.Expect(panel.Locator("[data-kind=OfferDeclined]")).ToContainTextAsync("Offers declined: 1", new() { Timeout = 30_000 });
        await Assertions.Expect(panel.Locator("[data-kind=MissedVisit]")).ToContainTextAsync("Missed visits");
        await Assertions.Expect(panel.Locator("[data-kind=OfferUnanswered]")).ToHaveCountAsync(0);
        await Assertions.Expect(live).Not.ToHaveTextAsync(before!, new() { Timeout = 30_000 });
        // The board changed under the reader, and their focus stayed on the link they were on.
        Assert.Equal("focused before", await page.EvaluateAsync<string>("() => document.activeElement?.hwMark ?? document.activeElement?.tagName ?? ''"));
        await page.AssertAccessible();
        await page.GetByTestId("live-alerts").GetByRole(AriaRole.Link, new() { Name = "Open Needs attention" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-kind=TwoHourReferral]").First).ToBeVisibleAsync();
    }
}

/// <summary>A coordinator starts the day at Needs attention, sees the system's pressure, and logs and closes an escalation action.</summary>
public sealed class PressureJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_coordinator_logs_an_escalation_action_with_an_owner_and_marks_it_done()
    {
        var page = await app.SignedIn(Role.HubCoordinator);
        await Assertions.Expect(page.GetByTestId("pressure-summary")).ToContainTextAsync("OPEL");
        await page.GetByTestId("pressure-summary").GetByRole(AriaRole.Link, new() { Name = "See what it is made of" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("opel-level")).ToContainTextAsync("OPEL");
        await Assertions.Expect(page.GetByTestId("opel-parameters").Locator("[data-parameter=BedOccupancy]")).ToBeVisibleAsync();
        await page.AssertAccessible();

        var form = page.GetByTestId("add-action");
        await form.GetByRole(AriaRole.Button, new() { Name = "Log the action" }).ClickAsync();
        var summary = page.Locator(".nhsuk-error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("Enter the action");
        await Assertions.Expect(summary).ToContainTextAsync("Enter who owns the action");
        await page.AssertAccessible();

        await page.GetByLabel("Action", new() { Exact = true }).FillAsync("Ask the home care framework for 40 extra hours this week");
        await page.GetByLabel("Owner").FillAsync("Brokerage lead");
        await page.GetByLabel("When it is due").SelectOptionAsync("4");
        await page.GetByTestId("add-action").GetByRole(AriaRole.Button, new() { Name = "Log the action" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("banner")).ToContainTextAsync("owned by Brokerage lead");
        var open = page.GetByTestId("open-actions").Locator("li").Filter(new() { HasText = "40 extra hours" });
        await Assertions.Expect(open).ToContainTextAsync("due by");

        await open.GetByLabel("What was done").FillAsync("Two providers took 24 and 20 hours");
        await open.GetByRole(AriaRole.Button, new() { Name = "Mark done" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("banner")).ToContainTextAsync("Marked done");
        await Assertions.Expect(page.GetByTestId("done-actions")).ToContainTextAsync("Two providers took 24 and 20 hours");
        await page.SetViewportSizeAsync(375, 800);
        await page.AssertAccessible();

        // A manager's day starts in the same place: the exceptions of the day with the system's pressure above them.
        var manager = await app.SignedIn(Role.Manager);
        await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Needs attention");
        await Assertions.Expect(manager.GetByTestId("pressure-summary")).ToContainTextAsync("OPEL");
        await manager.SetViewportSizeAsync(375, 800);
        await manager.AssertAccessible();
    }
}
