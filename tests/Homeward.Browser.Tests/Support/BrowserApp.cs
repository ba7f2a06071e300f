using Homeward.Access;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Homeward.Demo;
using Homeward.Tests.Support;
using Homeward.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;

namespace Homeward.Browser.Tests.Support;

/// <summary>
/// The real app served by Kestrel on a loopback port, on a fresh database of the provider under test,
/// and Debian's Chromium driven by Playwright (no browser download).
/// </summary>
public class BrowserApp : IAsyncLifetime
{
    private WebApplication? _app;
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    private readonly string _connection = TestDatabase.Fresh();

    /// <summary>The app's database, for the command-line tool to work on beside it.</summary>
    public string ConnectionString => _connection;

    /// <summary>Settings a fixture adds to (or puts in place of) the usual ones.</summary>
    protected virtual IEnumerable<string> Settings => [];

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Homeward.slnx")))
                    return dir.FullName;
            throw new InvalidOperationException("Cannot find the repository root (Homeward.slnx).");
        }
    }

    public async ValueTask InitializeAsync()
    {
        _app = HomewardApp.Build([
            "--urls=http://127.0.0.1:0",
            $"--contentRoot={Path.Combine(RepositoryRoot, "src", "Homeward.Web")}",
            "--environment=Testing",
            $"--Database:Provider={TestDatabase.Provider}",
            $"--ConnectionStrings:Homeward={_connection}",
            "--Demo:County=false",
            "--Rotas:SearchSeconds=2",
            // Each fixture starts its own app: loading UK Core in each (ten seconds of a core) starves the journeys.
            "--Fhir:WarmUp=false",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore=None",
            .. Settings,
        ]);
        await _app.StartAsync();
        BaseUrl = _app.Urls.First();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("HOMEWARD_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A database context on the app's database, to arrange what the journey starts from.</summary>
    public Homeward.Data.HomewardDb Db() =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Homeward.Data.HomewardDb>(
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(_app!.Services).ServiceProvider);

    /// <summary>The app's services, to arrange larger starting points (a demo county).</summary>
    public IServiceProvider Services => _app!.Services;

    /// <summary>A new browser session (its own cookies) signed in as the demo account of a role.</summary>
    /// <param name="landing">
    /// Where the role starts: "your day" for hospital teams, providers and reablement workers (their round, for one on a
    /// team's list of carers), Needs attention for the hub and managers.
    /// </param>
    public async Task<IPage> SignedIn(Homeward.Access.Role role, string? landing = null, ViewportSize? viewport = null)
    {
        landing ??= role is Homeward.Access.Role.HospitalDischargeTeam or Homeward.Access.Role.CareProvider or Homeward.Access.Role.ReablementWorker
            ? "/home|/my-day"
            : role is Homeward.Access.Role.HubCoordinator or Homeward.Access.Role.Manager or Homeward.Access.Role.RapidResponseClinician ? "/attention"
            : "/board";
        var context = await Browser.NewContextAsync(viewport is null
            ? new() { BaseURL = BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 } }
            // A phone: narrow, touch, and allowed to share where it is (at the place the test sets).
            : new() { BaseURL = BaseUrl, ViewportSize = viewport, HasTouch = true, IsMobile = true, Permissions = ["geolocation"] });
        // Generous limits: on a busy 2-core machine the first page of a fresh app can take a while to answer.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        Accessibility.WatchPolicy(page);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("User name").FillAsync(DemoAccounts.Accounts.Single(a => a.Role == role).UserName);
        await page.GetByLabel("Password").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        // A user with several profiles is asked which to act in: the account's own role here.
        if (page.Url.Contains("/account/profile", StringComparison.Ordinal))
        {
            await page.GetByLabel(new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(role.Label()) + ",")).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        }
        var lands = new System.Text.RegularExpressions.Regex("^[^?#]*(" + landing + ")");
        await page.WaitForURLAsync(url => lands.IsMatch(new Uri(url).PathAndQuery));
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (!TestDatabase.IsPostgres)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(_connection["Data Source=".Length..] + suffix);
        }
    }
}

public static class Accessibility
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, List<string>> Refused = [];

    /// <summary>Records every Content Security Policy refusal the browser reports on the page.</summary>
    public static void WatchPolicy(IPage page)
    {
        var refused = Refused.GetOrCreateValue(page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                lock (refused)
                    refused.Add(message.Text);
        };
    }

    /// <summary>Runs axe on the page (WCAG 2.2 A and AA rules) and fails on any serious or critical violation.</summary>
    public static async Task AssertAccessible(this IPage page)
    {
        // Nothing on the page may need what the Content Security Policy forbids (inline script or style).
        if (Refused.TryGetValue(page, out var refused))
            lock (refused)
                Assert.True(refused.Count == 0, $"The Content Security Policy refused something on {page.Url}:\n" + string.Join("\n", refused));
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        });
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"Accessibility violations on {page.Url}:\n" + string.Join("\n",
            bad.Select(v => $"- {v.Impact} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))})")));
    }
}

public static class Navigation
{
    /// <summary>
    /// Follows a link in the header's menu as a person would: where the menu is too wide for the window, the NHS.UK
    /// header moves the last links under "More", so open it first.
    /// </summary>
    public static async Task FollowNav(this IPage page, string name)
    {
        await page.Locator("[data-nhsuk-header-init]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var link = page.Locator(".nhsuk-header__navigation").GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
        if (!await link.First.IsVisibleAsync())
            await page.GetByRole(AriaRole.Button, new() { Name = "More" }).ClickAsync();
        await link.First.ClickAsync();
    }
}
