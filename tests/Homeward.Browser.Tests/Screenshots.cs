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
    private static string Folder => Path.Combine(Support.BrowserApp.RepositoryRoot, "docs", "images");

    private static async Task<(IPlaywright, IBrowser, IPage)> Open()
    {
        var url = Environment.GetEnvironmentVariable("HOMEWARD_SCREENSHOTS_URL");
        Assert.SkipWhen(string.IsNullOrEmpty(url), "Set HOMEWARD_SCREENSHOTS_URL to a running app to take screenshots.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await (await browser.NewContextAsync(new() { BaseURL = url, ViewportSize = new() { Width = 1400, Height = 1000 } })).NewPageAsync();
        return (playwright, browser, page);
    }

    /// <summary>A referral sent to UK Core by a trust's system, as staff see it (HOMEWARD_SCREENSHOTS_URL=… -- --filter-method "*as_sent*").</summary>
    [Fact]
    public async Task Take_the_referral_as_sent_screenshot()
    {
        var (playwright, browser, page) = await Open();
        using var _ = playwright;
        await using var __ = browser;
        await SignIn(page, "hub@demo.homeward");
        var bundle = $$"""
            { "resourceType": "Bundle", "type": "transaction", "entry": [
              { "fullUrl": "urn:uuid:7a000000-0000-4000-8000-000000000001", "resource": { "resourceType": "Patient",
                  "identifier": [ { "system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9990000026" } ],
                  "name": [ { "use": "official", "family": "Testbrook", "given": ["Maud"] } ], "gender": "female", "birthDate": "1937-02-03",
                  "address": [ { "use": "home", "line": ["9 Willow Row"], "city": "Northvale", "postalCode": "NV1 2AB" } ] },
                "request": { "method": "POST", "url": "Patient" } },
              { "resource": { "resourceType": "ServiceRequest", "identifier": [ { "system": "https://fhir.vale-general.example/Id/referral", "value": "VG-2026-{{DateTime.UtcNow:HHmmss}}" } ],
                  "status": "active", "intent": "order", "subject": { "reference": "urn:uuid:7a000000-0000-4000-8000-000000000001" },
                  "requester": { "display": "Dr Rowan Test (Elm ward)" },
                  "reasonCode": [ { "coding": [ { "system": "http://snomed.info/sct", "code": "1912002", "display": "Fall" } ], "text": "Fall at home; medically optimised; needs reablement." } ] },
                "request": { "method": "POST", "url": "ServiceRequest" } },
              { "resource": { "resourceType": "Encounter", "status": "in-progress", "class": { "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "IMP", "display": "inpatient encounter" },
                  "period": { "start": "{{DateTime.UtcNow.AddDays(-6):yyyy-MM-dd}}T14:00:00+00:00" }, "location": [ { "location": { "display": "Elm ward" } } ],
                  "serviceProvider": { "display": "Vale General Hospital" } }, "request": { "method": "POST", "url": "Encounter" } },
              { "resource": { "resourceType": "Condition", "clinicalStatus": { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active" } ] },
                  "code": { "coding": [ { "system": "http://snomed.info/sct", "code": "1912002", "display": "Fall" } ] }, "subject": { "reference": "urn:uuid:7a000000-0000-4000-8000-000000000001" } },
                "request": { "method": "POST", "url": "Condition" } },
              { "resource": { "resourceType": "Observation", "status": "final",
                  "code": { "coding": [ { "system": "http://snomed.info/sct", "code": "1104051000000101", "display": "NEWS2 total score" } ] },
                  "subject": { "reference": "urn:uuid:7a000000-0000-4000-8000-000000000001" }, "valueInteger": 1 }, "request": { "method": "POST", "url": "Observation" } },
              { "resource": { "resourceType": "AllergyIntolerance", "code": { "coding": [ { "system": "http://snomed.info/sct", "code": "91936005", "display": "Allergy to penicillin" } ] },
                  "patient": { "reference": "urn:uuid:7a000000-0000-4000-8000-000000000001" } }, "request": { "method": "POST", "url": "AllergyIntolerance" } }
            ] }
            """;
        var response = await page.Context.APIRequest.PostAsync("/fhir", new() { Data = bundle, Headers = new Dictionary<string, string> { ["Content-Type"] = "application/fhir+json" } });
        var id = System.Text.Json.JsonDocument.Parse(await response.TextAsync()).RootElement.GetProperty("entry")[1].GetProperty("resource").GetProperty("id").GetString();
        var referral = await page.Context.APIRequest.GetAsync($"/api/referrals/{id}");
        var episode = System.Text.Json.JsonDocument.Parse(await referral.TextAsync()).RootElement.GetProperty("episode").GetProperty("id").GetString();
        await page.GotoAsync($"/episodes/{episode}");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "referral-as-sent.png"), FullPage = true });
    }

    /// <summary>A Transfer of Care discharge summary as staff read it (HOMEWARD_SCREENSHOTS_URL=… -- --filter-method "*discharge_summary*").</summary>
    [Fact]
    public async Task Take_the_discharge_summary_screenshot()
    {
        var (playwright, browser, page) = await Open();
        using var _ = playwright;
        await using var __ = browser;
        await SignIn(page, "hub@demo.homeward");
        var nhs = Homeward.Tests.Support.Bodies.NewNhsNumber();
        var body = Homeward.Tests.Support.Bodies.HospitalDischarge(nhs);
        var person = (Dictionary<string, object?>)body["person"]!;
        (person["givenName"], person["familyName"], person["dateOfBirth"], person["gender"], person["addressLine1"], person["postcode"]) =
            ("Maud", "Testbrook", "1937-02-03", "Female", "9 Willow Row", "NV1 2AB");
        var referral = await page.Context.APIRequest.PostAsync("/api/referrals", new() { DataObject = body });
        var episode = System.Text.Json.JsonDocument.Parse(await referral.TextAsync()).RootElement.GetProperty("episode").GetProperty("id").GetString();
        var sent = await page.Context.APIRequest.PostAsync("/fhir/Bundle", new()
        {
            Data = Homeward.Tests.Support.DischargeSummaries.Document(nhs, $"DS-{Guid.NewGuid():N}"[..20]),
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/fhir+json" },
        });
        var id = System.Text.Json.JsonDocument.Parse(await sent.TextAsync()).RootElement.GetProperty("id").GetString();
        await page.GotoAsync($"/episodes/{episode}/sent/{id}");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "discharge-summary.png"), FullPage = true });
    }

    /// <summary>Someone referred without an NHS number, as the hub sees them (HOMEWARD_SCREENSHOTS_URL=… -- --filter-method "*trace*").</summary>
    [Fact]
    public async Task Take_the_trace_screenshot()
    {
        var (playwright, browser, page) = await Open();
        using var _ = playwright;
        await using var __ = browser;
        await SignIn(page, "hub@demo.homeward");
        var body = Homeward.Tests.Support.Bodies.UrgentCommunityResponse();
        var person = (Dictionary<string, object?>)body["person"]!;
        person.Remove("nhsNumber");
        (person["nhsNumberVerification"], person["givenName"], person["familyName"]) = ("03", "Nora", "Testbridge");
        var referral = await page.Context.APIRequest.PostAsync("/api/referrals", new() { DataObject = body });
        var id = System.Text.Json.JsonDocument.Parse(await referral.TextAsync()).RootElement.GetProperty("person").GetProperty("id").GetString();
        await page.GotoAsync($"/people/{id}");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "nhs-number-trace.png") });
    }

    /// <summary>A referral held for a patient-matching decision, at desktop and phone width (HOMEWARD_SCREENSHOTS_URL=… -- --filter-method "*matching*").</summary>
    [Fact]
    public async Task Take_the_matching_screenshots()
    {
        var (playwright, browser, page) = await Open();
        using var _ = playwright;
        await using var __ = browser;
        await SignIn(page, "hub@demo.homeward");
        string nhs;
        do
            nhs = "999" + Random.Shared.Next(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        while (Homeward.People.NhsNumber.CheckDigit(nhs) is not { } check || (nhs += check).Length != 10);
        await page.Context.APIRequest.PostAsync("/api/referrals", new() { DataObject = Homeward.Tests.Support.Bodies.HospitalDischarge(nhs) });
        var again = Homeward.Tests.Support.Bodies.HospitalDischarge(nhs);
        var person = (Dictionary<string, object?>)again["person"]!;
        (person["dateOfBirth"], person["familyName"], person["addressLine1"]) = ("1941-04-03", "Testperson-Vale", "14 Mill Lane");
        (again["personDetails"], again["duplicateConfirmed"]) = ("Hold", true);
        var held = await page.Context.APIRequest.PostAsync("/api/referrals", new() { DataObject = again });
        var id = System.Text.Json.JsonDocument.Parse(await held.TextAsync()).RootElement.GetProperty("id").GetString();
        await page.GotoAsync($"/matching/{id}");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "patient-matching.png"), FullPage = true });
        await page.SetViewportSizeAsync(375, 812);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "patient-matching-phone.png"), FullPage = true });
    }

    /// <summary>Your day for a hospital team and a provider, at desktop and phone width (HOMEWARD_SCREENSHOTS_URL=… -- --filter-method "*your_day*").</summary>
    [Fact]
    public async Task Take_the_your_day_screenshots()
    {
        var (playwright, browser, page) = await Open();
        using var _ = playwright;
        await using var __ = browser;
        await SignIn(page, "discharge@demo.homeward", "**/home**");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "your-day-hospital.png"), FullPage = true });
        await page.Context.ClearCookiesAsync();
        await SignIn(page, "provider@demo.homeward", "**/home**");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "your-day-provider.png"), FullPage = true });
        await page.SetViewportSizeAsync(375, 812);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "your-day-provider-phone.png"), FullPage = true });
    }

    /// <summary>The returns: ASCOF 2A, Client Level Data with its validation, its data-quality page (HOMEWARD_SCREENSHOTS_URL=… -- --filter-method "*returns*").</summary>
    [Fact]
    public async Task Take_the_returns_screenshots()
    {
        var (playwright, browser, page) = await Open();
        using var _ = playwright;
        await using var __ = browser;
        await SignIn(page, "manager@demo.homeward");
        await MadeReturn(page, "ascof-2a");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "returns-ascof-2a.png"), FullPage = true });
        await MadeReturn(page, "cld");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "returns-cld.png") });
        await page.GotoAsync("/returns/data-quality");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "returns-data-quality.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await MadeReturn(page, "ascof-2d");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "returns-phone.png"), FullPage = true });
    }

    /// <summary>A return made on the job engine: the job's page opens it when it is done.</summary>
    private static async Task MadeReturn(IPage page, string code)
    {
        await page.GotoAsync($"/returns?code={code}");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/returns/made/"), new() { Timeout = 120_000 });
    }

    /// <summary>The delay ledger on an episode and on the board, the weekly collection (HOMEWARD_SCREENSHOTS_URL=… -- --filter-method "*delay*").</summary>
    [Fact]
    public async Task Take_the_delay_screenshots()
    {
        var (playwright, browser, page) = await Open();
        using var _ = playwright;
        await using var __ = browser;
        await SignIn(page, "hub@demo.homeward");
        // The longest delay still in hospital: record a change of reason through the form, as the hub would.
        var board = await page.Context.APIRequest.GetAsync("/api/board?route=HospitalDischarge&sort=Delay&pageSize=20");
        var rows = System.Text.Json.JsonDocument.Parse(await board.TextAsync()).RootElement.GetProperty("rows").EnumerateArray();
        var episode = rows.First(r => r.GetProperty("stillInHospital").GetBoolean() && r.GetProperty("status").GetString() != "Referred")
            .GetProperty("episodeId").GetString();
        await page.GotoAsync($"/episodes/{episode}");
        await page.SelectOptionAsync("#delay-reason", "MedicinesToTakeHome");
        await page.FillAsync("#delay-detail", "Pharmacy to dispense the new inhalers");
        await page.ClickAsync("button:has-text('Record the reason')");
        await page.Locator("[data-testid=delay]").ScreenshotAsync(new() { Path = Path.Combine(Folder, "delay-ledger.png") });
        await page.GotoAsync("/board?route=HospitalDischarge&sort=Delay");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "board-delays.png") });
        await MadeReturn(page, "weekly-intermediate-care");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "returns-weekly-intermediate-care.png") });
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync($"/episodes/{episode}");
        await page.Locator("[data-testid=delay]").ScreenshotAsync(new() { Path = Path.Combine(Folder, "delay-ledger-phone.png") });
        await page.SetViewportSizeAsync(1400, 1000);
        await page.GotoAsync("/attention");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "needs-attention.png") });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "needs-attention-phone.png") });
    }

    /// <summary>Only the planning page (HOMEWARD_SCREENSHOTS_URL=… dotnet test … -- --filter-method "*planning*").</summary>
    [Fact]
    public async Task Take_the_planning_screenshot()
    {
        var (playwright, browser, page) = await Open();
        using var _ = playwright;
        await using var __ = browser;
        await SignIn(page, "manager@demo.homeward");
        await page.GotoAsync("/planning");
        await page.GetByLabel("The next 26 weeks, with the year's seasonal pattern").CheckAsync();
        await page.GetByLabel("Name this run (optional)", new() { Exact = true }).FillAsync("Winter as it stands");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=comparison]", new() { Timeout = 90_000 });
        await page.GetByLabel("Change in demand (%)", new() { Exact = true }).FillAsync("20");
        await page.GetByLabel("Name this run (optional)", new() { Exact = true }).FillAsync("Demand up 20%");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=comparison]", new() { Timeout = 90_000 });
        await page.Locator("#comparison").ScrollIntoViewIfNeededAsync();
        await page.EvaluateAsync("() => document.getElementById('comparison').scrollIntoView()");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "planning.png") });
        await page.Locator(".hw-band-chart").First.ScreenshotAsync(new() { Path = Path.Combine(Folder, "planning-delays.png") });
    }

    /// <summary>A capacity plan: the form refused, then the plan found with its curve (-- --filter-method "*capacity_plan*").</summary>
    [Fact]
    public async Task Take_the_capacity_plan_screenshots()
    {
        var (playwright, browser, page) = await Open();
        using var _ = playwright;
        await using var __ = browser;
        await SignIn(page, "manager@demo.homeward");
        await page.GotoAsync("/planning/capacity");
        await page.GetByLabel("Target value").FillAsync("about ninety");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find the plan" }).ClickAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "capacity-plan-errors.png") });
        await page.GetByLabel("Target value").FillAsync("95");
        await page.GetByLabel("Change in demand (%)").FillAsync("20");
        await page.GetByLabel("Name this plan (optional)").FillAsync("Winter, demand up a fifth");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find the plan" }).ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=curve]", new() { Timeout = 180_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "capacity-plan.png"), FullPage = true });
        await page.GetByTestId("curve").ScreenshotAsync(new() { Path = Path.Combine(Folder, "capacity-plan-curve.png") });
        await page.GetByTestId("bcf-with-plan").ClickAsync();
        await page.GetByTestId("bcf-plan").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "bcf-plan.png"), FullPage = true });
    }

    /// <summary>The scheduler's rota page and a carer's day (HOMEWARD_SCREENSHOTS_URL=… -- --filter-method "*rota*").</summary>
    [Fact]
    public async Task Take_the_rota_screenshots()
    {
        var (playwright, browser, page) = await Open();
        using var _ = playwright;
        await using var __ = browser;
        await SignIn(page, "hub@demo.homeward");
        await page.GotoAsync("/rotas");
        await page.GetByLabel("Team", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = (await page.Locator("#serviceId option", new() { HasTextString = "Northvale" }).TextContentAsync())! });
        await page.GetByRole(AriaRole.Button, new() { Name = "Build the rota" }).ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=rota-timeline]", new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "rota.png"), FullPage = false });
        await page.Locator("[data-testid=rota-timeline]").ScreenshotAsync(new() { Path = Path.Combine(Folder, "rota-timeline.png") });
        // Who could take a visit: the first later visit someone else can take.
        var rotaUrl = page.Url;
        foreach (var link in (await page.GetByTestId("take-link").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))")).Reverse().Take(40))
        {
            await page.GotoAsync(link);
            if (await page.GetByTestId("choices").CountAsync() == 0)
                continue;
            await page.Locator("#take").ScrollIntoViewIfNeededAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "rota-who-could-take.png") });
            break;
        }
        await page.GotoAsync(rotaUrl);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish the rota" }).ClickAsync();
        await page.GetByTestId("banner").WaitForAsync();
        await page.Context.ClearCookiesAsync();
        await SignIn(page, "reablement@demo.homeward", "**/my-day**");
        await page.GotoAsync($"/my-day?date={DateTime.UtcNow.AddDays(1):yyyy-MM-dd}");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "my-day.png") });
    }

    /// <summary>A team's carers (HOMEWARD_SCREENSHOTS_URL=… -- --filter-method "*carers*").</summary>
    [Fact]
    public async Task Take_the_carers_screenshot()
    {
        var (playwright, browser, page) = await Open();
        using var _ = playwright;
        await using var __ = browser;
        await SignIn(page, "hub@demo.homeward");
        await page.GotoAsync("/rotas/carers");
        await page.GetByLabel("Team", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = (await page.Locator("#team option", new() { HasTextString = "Northvale" }).TextContentAsync())! });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show carers" }).ClickAsync();
        await page.GetByTestId("carers").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "carers.png") });
        var teamUrl = page.Url;
        // A carer's leave, sickness and changed hours.
        await page.GetByTestId("carers").GetByRole(AriaRole.Link).First.ClickAsync();
        await page.GetByLabel("Off sick").CheckAsync();
        await page.GetByLabel("First day", new() { Exact = true }).FillAsync(DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd"));
        await page.GetByLabel("Last day", new() { Exact = true }).FillAsync(DateTime.UtcNow.AddDays(4).ToString("yyyy-MM-dd"));
        await page.GetByLabel("Note (optional)").FillAsync("Rang in at 06:40");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the change" }).ClickAsync();
        await page.GetByTestId("changes").WaitForAsync();
        await page.Locator("#availability").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "carer-availability.png") });
        await page.GotoAsync(teamUrl);
        await page.GetByTestId("add-carer").ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Jo Weekender");
        await page.GetByLabel("Where their day starts and ends (postcode)").FillAsync("ZB9 9ZZ");
        await page.GetByLabel("insulin", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Shift ends", new() { Exact = true }).FillAsync("06:30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the carer" }).ClickAsync();
        await page.Locator(".nhsuk-error-summary").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "carer-errors.png"), FullPage = true });
    }

    /// <summary>Break glass and its review (HOMEWARD_SCREENSHOTS_URL=… -- --filter-method "*access*").</summary>
    [Fact]
    public async Task Take_the_access_screenshots()
    {
        var (playwright, browser, page) = await Open();
        using var _ = playwright;
        await using var __ = browser;
        // Someone the hospital did not refer: an urgent community response referral.
        await SignIn(page, "hub@demo.homeward");
        await page.GotoAsync("/board?route=UrgentCommunityResponse");
        var nhs = await page.GetByTestId("board-row").First.GetAttributeAsync("data-nhs-number");
        await page.Context.ClearCookiesAsync();
        await SignIn(page, "discharge@demo.homeward", "**/home**");
        await page.GotoAsync("/break-glass");
        await page.GetByLabel("NHS number").FillAsync(nhs!);
        await page.GetByLabel("Why do you need this record now?").FillAsync("Attended A&E after a fall at home; we need her care plan and who visits her.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "break-glass.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the record" }).ClickAsync();
        await page.GetByTestId("emergency-open").WaitForAsync();
        await page.Context.ClearCookiesAsync();
        await SignIn(page, "privacy@demo.homeward", "**/audit**");
        await page.GotoAsync("/audit/break-glass");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "break-glass-review.png") });
    }

    /// <summary>
    /// The retention page and a disposal review refused then kept (-- --filter-method "*retention*"). Records are due
    /// only 8 years after care ended: against the demo the list is empty unless some care was moved back in time.
    /// </summary>
    [Fact]
    public async Task Take_the_retention_screenshots()
    {
        var (playwright, browser, page) = await Open();
        using var _ = playwright;
        await using var __ = browser;
        await SignIn(page, "privacy@demo.homeward", "**/audit**");
        await page.GotoAsync("/audit/retention");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "retention.png") });
        if (await page.GetByTestId("due").CountAsync() == 0)
            return;
        await page.GetByTestId("due").Locator("a").First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await page.GetByLabel("Destroy it: erase everything").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "retention-review.png"), FullPage = true });
        await page.GetByLabel("Keep it: there is a reason").CheckAsync();
        await page.GetByLabel("Why").FillAsync("A complaint about the service is with the Ombudsman");
        await page.GetByLabel("when it comes up for review again").FillAsync(DateTime.Today.AddYears(1).ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await page.GetByTestId("banner").WaitForAsync();
        await page.GetByTestId("register").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "retention-register.png") });
    }

    /// <summary>The rapid response record, a goal's levels, a subject access request in review and released (-- --filter-method "*clinical_safety*").</summary>
    [Fact]
    public async Task Take_the_clinical_safety_screenshots()
    {
        var (playwright, browser, page) = await Open();
        using var _ = playwright;
        await using var __ = browser;
        await SignIn(page, "hub@demo.homeward");
        async Task<string> FirstEpisode(string query)
        {
            await page.GotoAsync($"/board?{query}");
            return (await page.GetByTestId("board-row").First.Locator("a[href^='/episodes/']").Last.GetAttributeAsync("href"))!;
        }
        await page.GotoAsync(await FirstEpisode("route=UrgentCommunityResponse&status=Active") + "/care");
        await page.Locator("#urgent").ScreenshotAsync(new() { Path = Path.Combine(Folder, "ucr-record.png") });

        await page.GotoAsync("/board?route=HospitalDischarge&status=Active&pathway=P1");
        var episodes = new List<string>();
        foreach (var link in await page.GetByTestId("board-row").Locator("a[href^='/episodes/']").AllAsync())
            episodes.Add((await link.GetAttributeAsync("href"))!);
        foreach (var episode in episodes.Distinct().Take(20))
        {
            await page.GotoAsync(episode + "/care");
            if (await page.Locator("[data-goal] [data-testid=levels]").CountAsync() > 0)
                break;
        }
        var goal = page.Locator("[data-goal]").First;
        await goal.GetByTestId("levels").Locator("summary").ClickAsync();
        await goal.Locator("summary", new() { HasText = "Score the goal" }).ClickAsync();
        await page.Locator("#goals").ScreenshotAsync(new() { Path = Path.Combine(Folder, "goal-levels.png") });

        await page.GotoAsync("/board?status=Active");
        var nhs = await page.GetByTestId("board-row").First.GetAttributeAsync("data-nhs-number");
        await page.Context.ClearCookiesAsync();
        await SignIn(page, "privacy@demo.homeward", "**/audit**");
        await page.GotoAsync("/audit/subject-access");
        await page.GetByLabel("Their NHS number").FillAsync(nhs!);
        await page.GetByLabel("Who asked").FillAsync("The person, by letter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the request" }).ClickAsync();
        await page.GetByTestId("document").WaitForAsync();
        await page.EvaluateAsync("() => document.querySelector('h2').scrollIntoView()");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "subject-access-review.png") });
        var thirdParty = page.Locator("#withhold input[type=checkbox]");
        if (await thirdParty.CountAsync() > 0)
        {
            await thirdParty.First.CheckAsync();
            await page.GetByLabel("Why they are withheld").FillAsync("The person named has not agreed to their details being shared");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save what is withheld" }).ClickAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Release the document" }).ClickAsync();
        await page.GetByTestId("pdf").WaitForAsync();
        await page.EvaluateAsync("() => document.getElementById('document-title').scrollIntoView()");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "subject-access-document.png") });
    }

    /// <summary>A restriction recorded by the privacy officer, and the person's record as the hub then sees it (-- --filter-method "*rights*").</summary>
    [Fact]
    public async Task Take_the_rights_screenshots()
    {
        var (playwright, browser, page) = await Open();
        using var _ = playwright;
        await using var __ = browser;
        await SignIn(page, "hub@demo.homeward");
        await page.GotoAsync("/board?status=Active");
        var nhs = await page.GetByTestId("board-row").Nth(2).GetAttributeAsync("data-nhs-number");
        await page.Context.ClearCookiesAsync();
        await SignIn(page, "privacy@demo.homeward", "**/audit**");
        await page.GotoAsync("/audit/rights");
        await page.GetByLabel("Restrict its use").CheckAsync();
        await page.GetByLabel("Their NHS number").FillAsync(nhs!);
        await page.GetByLabel("Who asked").FillAsync("The person, by phone");
        await page.GetByLabel("What they say, in their words").FillAsync("The referral says I have dementia. I do not: stop using it until you have checked with my GP.");
        await page.GetByLabel("They contest its accuracy").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the request" }).ClickAsync();
        await page.GetByTestId("rights-answer").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "rights-request.png") });
        var person = (await page.Locator("a[href^='/people/']").First.GetAttributeAsync("href"))!;
        await page.Context.ClearCookiesAsync();
        await SignIn(page, "hub@demo.homeward");
        await page.GotoAsync(person);
        await page.GetByTestId("rights-restricted").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "rights-restricted.png") });
    }

    private static async Task SignIn(IPage page, string user, string landing = "**/attention**")
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("User name", new() { Exact = true }).FillAsync(user);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(landing);
    }

    /// <summary>System pressure, Needs attention with the pressure and the live alert, a provider's offers, the audit trail in words (-- --filter-method "*pressure*").</summary>
    [Fact]
    public async Task Take_the_pressure_and_offer_screenshots()
    {
        var (playwright, browser, page) = await Open();
        using var _ = playwright;
        await using var __ = browser;
        await SignIn(page, "hub@demo.homeward");
        // A new 2-hour referral, so the live alert has something to say (a second run finds the first still waiting).
        await page.Context.APIRequest.PostAsync("/api/referrals", new() { DataObject = Homeward.Tests.Support.Bodies.UrgentCommunityResponse() });
        await page.GotoAsync("/pressure");
        await page.GetByLabel("Action", new() { Exact = true }).FillAsync("Ask the home care framework for 40 extra hours this week");
        await page.GetByLabel("Owner").FillAsync("Brokerage lead");
        await page.GetByLabel("When it is due").SelectOptionAsync("12");
        await page.GetByTestId("add-action").GetByRole(AriaRole.Button, new() { Name = "Log the action" }).ClickAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "pressure.png"), FullPage = true });
        await page.GotoAsync("/attention");
        await Assertions.Expect(page.GetByTestId("live-alerts").Locator("[data-kind=TwoHourReferral]")).ToBeVisibleAsync(new() { Timeout = 40_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "needs-attention-pressure.png") });
        await page.Context.ClearCookiesAsync();
        await SignIn(page, "provider@demo.homeward", "**/home**");
        await page.GotoAsync("/capacity");
        await page.GetByTestId("offers").ScrollIntoViewIfNeededAsync();
        await page.GetByTestId("offers").ScreenshotAsync(new() { Path = Path.Combine(Folder, "offers.png") });
        await page.Context.ClearCookiesAsync();
        await SignIn(page, "privacy@demo.homeward", "**/audit**");
        await page.GotoAsync("/audit?action=board");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "audit-list-views.png") });
    }

    [Fact]
    public async Task Take_the_documentation_screenshots()
    {
        var (playwright, browser, page) = await Open();
        using var _ = playwright;
        await using var __ = browser;
        var folder = Folder;
        await page.GotoAsync("/account/login");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "sign-in.png") });
        await page.GetByLabel("User name", new() { Exact = true }).FillAsync("hub@demo.homeward");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/attention**");
        await page.GotoAsync("/board");
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

    /// <summary>Finding a person, a referral for someone already held, and Administration on a phone (-- --filter-method "*finding*").</summary>
    [Fact]
    public async Task Take_the_finding_and_administration_screenshots()
    {
        var (playwright, browser, page) = await Open();
        using var _ = playwright;
        await using var __ = browser;
        await SignIn(page, "hub@demo.homeward");
        await page.GotoAsync("/people?q=" + Uri.EscapeDataString("smith NV1"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "find-a-person.png") });

        // Someone held, referred again with another family name and postcode: the differences are asked about, not dropped.
        var held = page.GetByTestId("people").Locator("tbody tr").First;
        var nhs = (await held.Locator("td").Nth(1).TextContentAsync())!.Replace(" ", "");
        var born = (await held.Locator("td").Nth(2).TextContentAsync())!;
        await page.GotoAsync("/refer?route=Community");
        await page.GetByLabel("NHS number", new() { Exact = true }).FillAsync(nhs);
        await page.GetByLabel("Given name", new() { Exact = true }).FillAsync("Someone");
        await page.GetByLabel("Family name", new() { Exact = true }).FillAsync("Else");
        await page.GetByLabel("Date of birth", new() { Exact = true }).FillAsync(DateTime.ParseExact(born[..born.IndexOf(" (", StringComparison.Ordinal)], "d MMM yyyy",
            System.Globalization.CultureInfo.GetCultureInfo("en-GB")).ToString("yyyy-MM-dd"));
        await page.GetByLabel("Address line 1", new() { Exact = true }).FillAsync("1 New Street");
        await page.GetByLabel("Postcode", new() { Exact = true }).FillAsync("SM1 1AB");
        await page.GetByLabel("Who is referring", new() { Exact = true }).SelectOptionAsync("Gp");
        await page.GetByLabel("Referrer's name", new() { Exact = true }).FillAsync("Dr Example");
        await page.GetByLabel("Reason for referral", new() { Exact = true }).FillAsync("Struggling at home since a chest infection");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit referral" }).ClickAsync();
        await page.Locator(".nhsuk-error-summary").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "referral-differences.png"), FullPage = true });

        await page.Context.ClearCookiesAsync();
        await page.SetViewportSizeAsync(375, 812);
        await SignIn(page, "admin@demo.homeward", "**/admin");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "admin-phone.png") });
        await page.GotoAsync("/admin/localities/new");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Northvale");
        await page.GetByLabel("Postcodes in the locality", new() { Exact = true }).FillAsync("NV1\nnonsense\nEB");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the locality" }).ClickAsync();
        await page.Locator(".nhsuk-error-summary").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "admin-locality-errors.png"), FullPage = true });
    }
}
