using Homeward.Demo;
using Microsoft.Playwright;

namespace Homeward.Browser.Tests;

/// <summary>
/// Takes the README's screenshots from a running app with the demo county:
/// <c>HOMEWARD_SCREENSHOTS_URL=http://127.0.0.1:5080 dotnet test --project tests/Homeward.Browser.Tests</c>.
/// Skipped otherwise.
/// </summary>
public sealed class Screenshots
{
    [Fact]
    public async Task Take_the_documentation_screenshots()
    {
        var url = Environment.GetEnvironmentVariable("HOMEWARD_SCREENSHOTS_URL");
        Assert.SkipWhen(string.IsNullOrEmpty(url), "Set HOMEWARD_SCREENSHOTS_URL to a running app to take screenshots.");
        var folder = Path.Combine(Support.BrowserApp.RepositoryRoot, "docs", "images");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await (await browser.NewContextAsync(new() { BaseURL = url, ViewportSize = new() { Width = 1400, Height = 1000 } })).NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "sign-in.png") });
        await page.GetByLabel("User name", new() { Exact = true }).FillAsync("hub@demo.homeward");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/board**");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "board.png") });

        await page.GotoAsync("/refer?route=HospitalDischarge");
        await page.GetByLabel("NHS number", new() { Exact = true }).FillAsync("943 476 5918");
        await page.GetByLabel("Given name", new() { Exact = true }).FillAsync("Ada");
        await page.GetByLabel("Postcode", new() { Exact = true }).FillAsync("XX");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit referral" }).ClickAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "referral-errors.png") });

        await page.GotoAsync("/capacity");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "capacity.png") });
        await page.GotoAsync("/waiting");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "waiting-list.png") });

        await page.GotoAsync("/board?sort=Delay&desc=true");
        await page.Locator("[data-testid=board-row] a").First.ClickAsync();
        await page.WaitForURLAsync("**/people/**");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "person-record.png"), FullPage = true });
        await page.GoBackAsync();
        await page.Locator("[data-testid=board-row]").First.GetByRole(AriaRole.Link).Nth(1).ClickAsync();
        await page.WaitForURLAsync("**/episodes/**");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "episode.png"), FullPage = true });

        await page.GotoAsync("/visits");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "visits.png") });
        await page.GetByTestId("day-visits").Locator("tbody a").First.ClickAsync();
        await page.WaitForURLAsync("**/care**");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "care-record.png"), FullPage = true });
        await page.GotoAsync("/figures?from=2026-08-01&to=2026-10-31&by=Locality");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "figures.png"), FullPage = true });
        await page.GotoAsync("/follow-ups?due=Overdue");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "follow-ups.png") });
    }
}
