using System.Text.RegularExpressions;
using Homeward.Access;
using Homeward.Browser.Tests.Support;
using Homeward.Demo;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Homeward.Browser.Tests;

/// <summary>
/// "Your care" as the public see it: a daughter with recorded consent signs in on her phone with a code and sees her
/// mother's visits with the carer's first name; another person's page is not found for her; the mother signs in at a
/// desktop and sees who has looked; staff record a family member's access on the person's record. Every page passes axe
/// and fits a 375-pixel screen.
/// </summary>
public sealed partial class YourCareJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<IPage> Visitor(ViewportSize viewport)
    {
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = viewport, HasTouch = viewport.Width < 500, IsMobile = viewport.Width < 500 });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        Accessibility.WatchPolicy(page);
        return page;
    }

    /// <summary>Signs in with a code as a member of the public would, reading the code from the outbox (no relay in this app).</summary>
    private async Task SignIn(IPage page, string contact)
    {
        await page.GotoAsync("/your-care");
        await page.AssertAccessible();
        await page.GetByLabel("Your e-mail address or mobile phone number").FillAsync(contact);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a code" }).ClickAsync();
        await page.WaitForURLAsync("**/your-care/code");
        await page.AssertAccessible();
        string body;
        await using (var db = app.Db())
            body = await db.OutboundMessages.Where(m => m.To == contact).OrderByDescending(m => m.CreatedAt).Select(m => m.Body).FirstAsync(Ct);
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(Code().Match(body).Groups[1].Value);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync(PersonPage());
    }

    [Fact]
    public async Task A_family_member_and_the_person_see_their_care_and_nobody_else_sees_it()
    {
        await RoundToday.Make(app.Services, seed: 17, Ct);
        Guid mother, other;
        await using (var db = app.Db())
        {
            Assert.True(await DemoFamily.Share(db, TimeProvider.System, Ct), "The round today has somebody to share.");
            mother = await db.FamilyAccesses.Where(f => f.Email == DemoFamily.Email).Select(f => f.PersonId).SingleAsync(Ct);
            other = await db.Visits.Where(v => v.PersonId != mother).Select(v => v.PersonId).FirstAsync(Ct);
            await db.People.Where(p => p.Id == mother).ExecuteUpdateAsync(s => s.SetProperty(p => p.Email, "mother@example.org"), Ct);
        }

        // The daughter, on her phone.
        var daughter = await Visitor(new() { Width = 375, Height = 812 });
        await SignIn(daughter, DemoFamily.Email);
        await Assertions.Expect(daughter.GetByTestId("your-care-heading")).ToContainTextAsync("'s care");
        await Assertions.Expect(daughter.GetByTestId("visits")).ToContainTextAsync("Riley is coming");
        await Assertions.Expect(daughter.GetByTestId("team-phone")).ToContainTextAsync("01632 960");
        Assert.True(await daughter.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page is wider than the phone.");
        await daughter.AssertAccessible();
        if (Environment.GetEnvironmentVariable("HOMEWARD_SCREENSHOTS") == "1")
            await daughter.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.RepositoryRoot, "docs", "images", "your-care-family.png"), FullPage = true });

        // Someone else's care: not found, as a page that does not exist.
        var elsewhere = await daughter.GotoAsync($"/your-care/{other}");
        Assert.Equal(404, elsewhere!.Status);

        // The mother, at a desktop: her own page, and who has looked at it.
        var herself = await Visitor(new() { Width = 1280, Height = 900 });
        await SignIn(herself, "mother@example.org");
        await Assertions.Expect(herself.GetByTestId("your-care-heading")).ToHaveTextAsync("Your care");
        await Assertions.Expect(herself.GetByTestId("views")).ToContainTextAsync("(Daughter)");
        await Assertions.Expect(herself.GetByTestId("views")).ToContainTextAsync("You");
        await herself.AssertAccessible();
        await herself.GetByTestId("public-sign-out").ClickAsync();
        await herself.WaitForURLAsync("**/your-care");
        Assert.Equal(302, (await herself.APIRequest.GetAsync($"/your-care/{mother}", new() { MaxRedirects = 0 })).Status);

        // Staff record another family member on the person's record: every problem at once, then saved.
        var hub = await app.SignedIn(Role.HubCoordinator);
        await hub.GotoAsync($"/people/{mother}");
        await Assertions.Expect(hub.GetByTestId("family")).ToContainTextAsync("Daughter");
        await Assertions.Expect(hub.GetByTestId("public-views")).ToContainTextAsync("by a code by e-mail");
        await hub.GetByText("Let a family member or carer see their care").ClickAsync();
        await hub.GetByRole(AriaRole.Button, new() { Name = "Save" }).Last.ClickAsync();
        await Assertions.Expect(hub.Locator(".nhsuk-error-summary")).ToContainTextAsync("Enter their name");
        await Assertions.Expect(hub.Locator(".nhsuk-error-summary")).ToContainTextAsync("how and when the consent was given");
        await hub.AssertAccessible();
        await hub.GetByLabel("Their name").FillAsync("Chris Able");
        await hub.GetByLabel("Relationship to the person").FillAsync("Neighbour who cares for her");
        await hub.GetByLabel("Their mobile number").FillAsync("07700 900002");
        await hub.GetByLabel("The person agreed").CheckAsync();
        await hub.GetByLabel("How and when consent was given").FillAsync("She said so at today's visit");
        await hub.GetByRole(AriaRole.Button, new() { Name = "Save" }).Last.ClickAsync();
        await Assertions.Expect(hub.GetByTestId("banner")).ToContainTextAsync("Chris Able can now see this person's care");
        await Assertions.Expect(hub.GetByTestId("family")).ToContainTextAsync("07700900002");
    }

    [GeneratedRegex(@"Your code is (\d{6})")]
    private static partial Regex Code();

    [GeneratedRegex(@"/your-care/[0-9a-f-]{36}$")]
    private static partial Regex PersonPage();
}
