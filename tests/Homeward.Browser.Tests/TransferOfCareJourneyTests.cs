using System.Text.Json;
using Homeward.Access;
using Homeward.Browser.Tests.Support;
using Microsoft.Playwright;

namespace Homeward.Browser.Tests;

/// <summary>
/// A discharge summary the trust's system sent after its referral: the hub coordinator finds it on the episode, opens
/// it and reads it under its headings, at desktop and at phone width, with nothing from the sender able to act.
/// </summary>
public sealed class TransferOfCareJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_coordinator_reads_the_discharge_summary_sent_after_the_referral()
    {
        var page = await app.SignedIn(Role.HubCoordinator);
        var nhs = Homeward.Tests.Support.Bodies.NewNhsNumber();
        var body = Homeward.Tests.Support.Bodies.HospitalDischarge(nhs);
        var person = (Dictionary<string, object?>)body["person"]!;
        (person["givenName"], person["familyName"], person["dateOfBirth"], person["gender"], person["addressLine1"], person["postcode"]) =
            ("Maud", "Testbrook", "1937-02-03", "Female", "9 Willow Row", "NV1 2AB");
        var referral = await page.Context.APIRequest.PostAsync("/api/referrals", new() { DataObject = body });
        Assert.Equal(201, referral.Status);
        var episode = JsonDocument.Parse(await referral.TextAsync()).RootElement.GetProperty("episode").GetProperty("id").GetString();
        var hostile = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Alendronic acid 70 mg weekly</p><script>document.title='owned'</script>"
                      + "<img src=\"x\" onerror=\"document.title='owned'\"/></div>";
        var sent = await page.Context.APIRequest.PostAsync("/fhir/Bundle", new()
        {
            Data = Homeward.Tests.Support.DischargeSummaries.Document(nhs, $"DS-{Guid.NewGuid():N}"[..20], narrative: hostile),
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/fhir+json" },
        });
        Assert.Equal(201, sent.Status);

        await page.GotoAsync($"/episodes/{episode}");
        await page.GetByTestId("sent-with").GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Discharge summary") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Elm ward discharge summary");
        await Assertions.Expect(page.GetByTestId("document-section").GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync(["Clinical summary", "Medications and medical devices"]);
        await Assertions.Expect(page.GetByTestId("document-details")).ToContainTextAsync("Dr Rowan Test (C1234567)");
        await Assertions.Expect(page.GetByText("Alendronic acid 70 mg weekly", new() { Exact = true })).ToBeVisibleAsync();
        Assert.NotEqual("owned", await page.TitleAsync());
        await page.AssertAccessible();

        await page.SetViewportSizeAsync(375, 800);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Elm ward discharge summary");
        await page.AssertAccessible();
    }
}
