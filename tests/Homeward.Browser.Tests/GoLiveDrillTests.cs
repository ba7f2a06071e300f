using System.Diagnostics;
using System.Text.RegularExpressions;
using Homeward.Browser.Tests.Support;
using Homeward.Tests.Support;
using Microsoft.Playwright;

namespace Homeward.Browser.Tests;

/// <summary>
/// The go-live drill, on each database: an empty database with the demo off; the first administrator made with the
/// command-line tool; the partnership applied from the documented set-up file; the administrator signs in, adds a
/// hospital discharge nurse and a hub coordinator (every problem said first), each chooses a password from their link;
/// the hospital refers someone, and the hub triages and books them, and sees them in the figures. With
/// HOMEWARD_SAVE_SCREENSHOTS=1 it also takes the administration pages' screenshots for the docs.
/// </summary>
public sealed class GoLiveDrillTests(GoLiveDrillTests.EmptyApp app) : IClassFixture<GoLiveDrillTests.EmptyApp>
{
    /// <summary>The app on an empty database, as a partnership starts it: no demo.</summary>
    public sealed class EmptyApp : BrowserApp
    {
        protected override IEnumerable<string> Settings => ["--Demo:Seed=false"];
    }

    private const string AdminPassword = "Go-live-admin-2026!";
    private static readonly bool SaveScreenshots = Environment.GetEnvironmentVariable("HOMEWARD_SAVE_SCREENSHOTS") == "1";

    private static ILocator Field(IPage page, string label) => page.GetByLabel(label, new() { Exact = true });

    /// <summary>Runs the built command-line tool on the app's database; returns its exit code and what it printed.</summary>
    private Task<(int Code, string Output)> Cli(string? input, params string[] args) => CliOn(app.ConnectionString, input, args);

    private static async Task<(int Code, string Output)> CliOn(string database, string? input, params string[] args)
    {
        var dll = Path.Combine(BrowserApp.RepositoryRoot, "src", "Homeward.Cli", "bin", "Debug", "net10.0", "Homeward.Cli.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in new[] { dll }.Concat(args).Concat(["--database", database, "--provider", TestDatabase.Provider]))
            start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        if (input is not null)
            await process.StandardInput.WriteLineAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await error);
    }

    private async Task<IPage> NewPage()
    {
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        Accessibility.WatchPolicy(page);
        return page;
    }

    private static async Task SignIn(IPage page, string userName, string password, string landing)
    {
        await page.GotoAsync("/account/login");
        await Field(page, "User name").FillAsync(userName);
        await Field(page, "Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(landing);
    }

    private async Task Shot(IPage page, string name)
    {
        if (SaveScreenshots)
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.RepositoryRoot, "docs", "images", name), FullPage = false });
    }

    /// <summary>The administrator adds a user through the form and returns the link that lets them choose a password.</summary>
    private static async Task<string> AddUser(IPage admin, string name, string userName, string role, string organisation)
    {
        await admin.GotoAsync("/admin/users/new");
        await Field(admin, "Name").FillAsync(name);
        await Field(admin, "Sign-in (work e-mail)").FillAsync(userName);
        await Field(admin, "Role").SelectOptionAsync(new SelectOptionValue { Label = role });
        await Field(admin, "Organisation").SelectOptionAsync(new SelectOptionValue { Label = organisation });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add the user and make their link" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("banner")).ToContainTextAsync($"{name} added");
        return (await admin.GetByTestId("password-link").TextContentAsync())!.Trim();
    }

    private async Task<IPage> ChoosePassword(string link, string userName, string password, string landing)
    {
        var page = await NewPage();
        await page.GotoAsync(new Uri(link).PathAndQuery);
        await Field(page, "New password").FillAsync(password);
        await Field(page, "The same again").FillAsync(password + "x");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set my password" }).ClickAsync();
        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToContainTextAsync("not the same");
        await Field(page, "New password").FillAsync(password);
        await Field(page, "The same again").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set my password" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("banner")).ToContainTextAsync("Your password is set");
        await SignIn(page, userName, password, landing);
        return page;
    }

    [Fact]
    public async Task A_partnership_goes_live_from_an_empty_database_to_its_first_referral()
    {
        // The command-line tool makes the first administrator; the set-up file makes the partnership (twice: the second changes nothing).
        var created = await Cli(AdminPassword, "admin", "create-admin", "--user-name", "it.admin@hartmoor.example", "--name", "Sam Admin",
            "--organisation", "XHC", "--organisation-name", "Hartmoor County Council (adult social care)", "--password-stdin");
        Assert.True(created.Code == 0, created.Output);
        var again = await Cli(null, "admin", "create-admin", "--user-name", "second@hartmoor.example", "--name", "Second", "--organisation", "XHC");
        Assert.True(again.Code == 1 && again.Output.Contains("already an active system administrator", StringComparison.Ordinal), again.Output);
        var example = Path.Combine(BrowserApp.RepositoryRoot, "docs", "examples", "partnership.yaml");
        var setup = await Cli(null, "setup", "--partnership", example);
        Assert.True(setup.Code == 0 && setup.Output.Contains("Applied: 20 of 21 records changed", StringComparison.Ordinal), setup.Output);
        var rerun = await Cli(null, "setup", "--partnership", example);
        Assert.True(rerun.Code == 0 && rerun.Output.Contains("Applied: 0 of 21 records changed", StringComparison.Ordinal), rerun.Output);

        // A mistyped database is an error, never a new empty database that reports "intact".
        var typo = TestDatabase.Fresh();
        var verify = await CliOn(typo, null, "audit", "verify");
        Assert.True(verify.Code == 2 && (verify.Output.Contains("There is no database", StringComparison.Ordinal)
                                        || verify.Output.Contains("Cannot connect", StringComparison.Ordinal)), verify.Output);
        if (!TestDatabase.IsPostgres)
            Assert.False(File.Exists(typo["Data Source=".Length..]));

        // The administrator signs in to Administration (they see no records) and adds two users, every problem said first.
        var admin = await NewPage();
        await SignIn(admin, "it.admin@hartmoor.example", AdminPassword, "**/admin");
        await Assertions.Expect(admin.GetByTestId("partnership-name")).ToContainTextAsync("Hartmoor intermediate care partnership");
        await Assertions.Expect(admin.GetByTestId("localities")).ToContainTextAsync("HM6 1");
        await Assertions.Expect(admin.GetByRole(AriaRole.Link, new() { Name = "Hub board" })).ToHaveCountAsync(0);
        await admin.AssertAccessible();
        await Shot(admin, "admin.png");
        await admin.GotoAsync("/admin/users/new");
        await Field(admin, "Sign-in (work e-mail)").FillAsync("not an address");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add the user and make their link" }).ClickAsync();
        var summary = admin.Locator(".nhsuk-error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("Enter the user's name");
        await Assertions.Expect(summary).ToContainTextAsync("work e-mail address");
        await Assertions.Expect(summary).ToContainTextAsync("Choose role");
        await Assertions.Expect(Field(admin, "Sign-in (work e-mail)")).ToHaveValueAsync("not an address");
        await admin.AssertAccessible();
        await Shot(admin, "admin-user-errors.png");
        var nurseLink = await AddUser(admin, "Casey Ward", "ward10@royalhartmoor.example", "Hospital discharge team", "Royal Hartmoor Hospitals NHS Foundation Trust (XRA)");
        await admin.AssertAccessible();
        await Shot(admin, "admin-user.png");
        var hubLink = await AddUser(admin, "Jo Coordinator", "hub.coordinator@hartmoor.example", "Hub coordinator", "Hartmoor County Council (adult social care) (XHC)");

        // The nurse chooses a password and refers someone from Royal Hartmoor Hospital.
        var nurse = await ChoosePassword(nurseLink, "ward10@royalhartmoor.example", "Ward-ten-nurse-2026!", "**/home**");
        await nurse.GotoAsync("/refer?route=HospitalDischarge");
        var nhs = Bodies.NewNhsNumber();
        await Field(nurse, "NHS number").FillAsync(nhs);
        await Field(nurse, "Given name").FillAsync("Hilda");
        await Field(nurse, "Family name").FillAsync("Golive");
        await Field(nurse, "Date of birth").FillAsync("1937-08-09");
        await Field(nurse, "Address line 1").FillAsync("3 Moor View");
        await Field(nurse, "Postcode").FillAsync("HM1 4AB");
        await Field(nurse, "Mobile (optional)").FillAsync("07700 900 777");
        await Field(nurse, "Who is referring").SelectOptionAsync("Ward");
        await Field(nurse, "Referrer's name").FillAsync("Ward 10 discharge team");
        await Field(nurse, "Reason for referral").FillAsync("Hip replacement; medically optimised; needs help to wash and dress");
        await Field(nurse, "Hospital").FillAsync("Royal Hartmoor Hospital");
        await Field(nurse, "Ward").FillAsync("Ward 10 (care of the elderly)");
        await Field(nurse, "Date admitted").FillAsync(DateTime.UtcNow.AddDays(-6).ToString("yyyy-MM-dd"));
        await Field(nurse, "Discharge ready date").FillAsync(DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd"));
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Submit referral" }).ClickAsync();
        await Assertions.Expect(nurse.GetByTestId("banner")).ToContainTextAsync("Referral received for Hilda Golive");

        // The hub coordinator starts at Needs attention, finds her, triages her to reablement and books the north's team (her postcode's locality).
        var hub = await ChoosePassword(hubLink, "hub.coordinator@hartmoor.example", "Hub-coordinator-2026!", "**/attention**");
        await hub.GotoAsync("/people?q=" + Uri.EscapeDataString("Golive 9/8/1937"));
        await Assertions.Expect(hub.GetByTestId("people")).ToContainTextAsync("Hartmoor North");
        await hub.AssertAccessible();
        await hub.GetByTestId("people").GetByRole(AriaRole.Link, new() { Name = "In progress" }).ClickAsync();
        await Assertions.Expect(hub.GetByTestId("contact")).ToContainTextAsync("07700 900777");
        await Field(hub, "Reablement").CheckAsync();
        await Field(hub, "P1: home with new or more support").CheckAsync();
        await hub.GetByRole(AriaRole.Button, new() { Name = "Save triage" }).ClickAsync();
        await hub.GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true }).ClickAsync();
        var match = hub.GetByTestId("match").Filter(new() { HasText = "North reablement team" });
        await Assertions.Expect(match).ToContainTextAsync("Earliest start");
        await Assertions.Expect(hub.GetByTestId("match").Filter(new() { HasText = "Kestrel Home Care (bridging)" })).ToContainTextAsync("opens on");
        await match.GetByRole(AriaRole.Button, new() { Name = "Book North reablement team" }).ClickAsync();
        await Assertions.Expect(hub.GetByTestId("bookings")).ToContainTextAsync("North reablement team");

        // She is in the partnership's figures, behind the demand figure.
        await hub.GotoAsync("/figures/DemandChange");
        await Assertions.Expect(hub.Locator("main")).ToContainTextAsync("Hilda Golive");

        // The administrator deactivates the nurse: her open session stops at once.
        await admin.GotoAsync("/admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Casey Ward" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("banner")).ToContainTextAsync("is deactivated");
        await nurse.GotoAsync("/board");
        await nurse.WaitForURLAsync(new Regex("/account/login"));

        // Signing out ends the session on the server: a copy of the hub coordinator's cookie stops working too.
        var copy = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl });
        await copy.AddCookiesAsync((await hub.Context.CookiesAsync()).Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path }));
        var other = await copy.NewPageAsync();
        await other.GotoAsync("/board");
        await Assertions.Expect(other.GetByTestId("user-role")).ToContainTextAsync("Hub coordinator");
        var signedOut = hub.WaitForURLAsync("**/account/login**");
        await hub.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await signedOut;
        await other.GotoAsync("/board");
        await other.WaitForURLAsync(new Regex("/account/login"));
    }
}
