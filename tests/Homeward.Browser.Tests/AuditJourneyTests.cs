using Homeward.Access;
using Homeward.Browser.Tests.Support;
using Homeward.People;
using Microsoft.Playwright;

namespace Homeward.Browser.Tests;

/// <summary>A privacy officer signs in to the audit trail and sees who looked at a person's record.</summary>
public sealed class AuditJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_privacy_officer_finds_who_looked_at_a_record()
    {
        var person = new Person
        {
            NhsNumber = NhsNumber.Parse("9990001227"), GivenName = "Audra", FamilyName = "Trailworth", DateOfBirth = new DateOnly(1940, 5, 6),
            AddressLine1 = "3 Mill Lane", Town = "Northvale", Postcode = Postcode.Parse("NV1 2AB"), CreatedAt = DateTimeOffset.UtcNow,
        };
        await using (var db = app.Db())
        {
            db.People.Add(person);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        // A hub coordinator opens the record.
        var hub = await app.SignedIn(Role.HubCoordinator);
        await hub.GotoAsync($"/people/{person.Id}");
        await Assertions.Expect(hub.GetByRole(AriaRole.Heading, new() { Name = "Audra Trailworth" })).ToBeVisibleAsync();

        var page = await app.SignedIn(Role.PrivacyOfficer, "/audit");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Hub board" })).ToHaveCountAsync(0);
        await page.AssertAccessible();
        await page.GetByLabel("NHS number", new() { Exact = true }).FillAsync("12345");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("NHS number", new() { Exact = true })).ToHaveValueAsync("12345");
        await page.AssertAccessible();

        await page.GetByLabel("NHS number", new() { Exact = true }).FillAsync("999 000 1227");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var rows = page.GetByTestId("audit-rows");
        await Assertions.Expect(rows).ToContainTextAsync("hub@demo.homeward");
        await Assertions.Expect(rows).ToContainTextAsync("person.record");
        await Assertions.Expect(rows).ToContainTextAsync("Audra Trailworth");
        await page.AssertAccessible();

        // Audra asks for everything held about her: the privacy officer downloads it from Subject access.
        await page.GetByRole(AriaRole.Link, new() { Name = "Subject access", Exact = true }).ClickAsync();
        await page.AssertAccessible();
        await page.GetByLabel("NHS number", new() { Exact = true }).FillAsync("999 000 0000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Download everything held" }).ClickAsync();
        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToBeVisibleAsync();
        await page.GetByLabel("NHS number", new() { Exact = true }).FillAsync("999 000 1227");
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Download everything held" }).ClickAsync());
        Assert.StartsWith("subject-access-9990001227-", download.SuggestedFilename, StringComparison.Ordinal);
        var export = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync((await download.PathAsync())!, TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("Trailworth", export.GetProperty("person").GetProperty("familyName").GetString());
        Assert.Contains(export.GetProperty("accesses").EnumerateArray(), a => a.GetProperty("action").GetString() == "person.record");
    }

    [Fact]
    public async Task A_privacy_officer_answers_a_subject_access_request_withholding_what_is_about_the_carer()
    {
        var person = new Person
        {
            NhsNumber = NhsNumber.Parse("9990001243"), GivenName = "Sadie", FamilyName = "Requester", DateOfBirth = new DateOnly(1939, 8, 9),
            AddressLine1 = "7 Mill Lane", Town = "Northvale", Postcode = Postcode.Parse("NV1 2AB"), CreatedAt = DateTimeOffset.UtcNow,
            CarerName = "Colin Requester", CarerRelationship = "Son", CarerPhone = "07700 900456",
        };
        await using (var db = app.Db())
        {
            db.People.Add(person);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var page = await app.SignedIn(Role.PrivacyOfficer, "/audit");
        await page.GotoAsync("/audit/subject-access");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the request" }).ClickAsync();
        var summary = page.Locator(".nhsuk-error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("NHS number");
        await Assertions.Expect(summary).ToContainTextAsync("Enter who asked");
        await page.AssertAccessible();
        await page.GetByLabel("Their NHS number").FillAsync("999 000 1243");
        await page.GetByLabel("Who asked").FillAsync("Sadie Requester, by e-mail");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the request" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("In review");
        var document = page.GetByTestId("document");
        await Assertions.Expect(document).ToContainTextAsync("Everything Homeward holds about Sadie Requester");
        await Assertions.Expect(document.Locator("[data-key='carer.phone']")).ToContainTextAsync("07700 900456");
        await page.AssertAccessible();
        // Withholding needs a reason; then the carer's number is withheld and the document released.
        await page.GetByLabel("Unpaid carer's phone: 07700 900456").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save what is withheld" }).ClickAsync();
        await Assertions.Expect(summary).ToContainTextAsync("Say why these lines are withheld");
        await page.GetByLabel("Unpaid carer's phone: 07700 900456").CheckAsync();
        await page.GetByLabel("Why they are withheld").FillAsync("Colin has not agreed to his number being shared");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save what is withheld" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("banner")).ToContainTextAsync("1 line is withheld");
        await Assertions.Expect(document.Locator("[data-key='carer.phone']")).ToContainTextAsync("To be withheld");
        await page.GetByRole(AriaRole.Button, new() { Name = "Release the document" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("Released");
        await Assertions.Expect(document.Locator("[data-key='carer.phone']")).ToContainTextAsync("[Withheld: information about someone else]");
        await Assertions.Expect(document).Not.ToContainTextAsync("900456");
        await page.AssertAccessible();
        var pdf = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("pdf").ClickAsync());
        Assert.EndsWith(".pdf", pdf.SuggestedFilename, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync((await pdf.PathAsync())!, TestContext.Current.CancellationToken);
        Assert.Equal("%PDF"u8.ToArray(), bytes[..4]);
        // At phone width (the page loaded afresh, as a phone would), nothing is wider than the screen.
        await page.SetViewportSizeAsync(375, 800);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("document")).ToBeVisibleAsync();
        var wider = "";
        for (var tries = 0; tries < 20; tries++)
        {
            wider = await page.EvaluateAsync<string>(@"() => document.documentElement.scrollWidth <= window.innerWidth ? '' :
                [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                    .map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').trim().slice(0, 60)).slice(-3).join(' | ')");
            if (wider == "")
                break;
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
        Assert.True(wider == "", "Wider than a phone: " + wider);
        await page.AssertAccessible();
    }

    [Fact]
    public async Task A_privacy_officer_records_a_restriction_the_hub_sees_it_and_cannot_change_the_details_until_it_is_lifted()
    {
        var person = new Person
        {
            NhsNumber = NhsNumber.Parse("9990001251"), GivenName = "Rhoda", FamilyName = "Restrict", DateOfBirth = new DateOnly(1940, 2, 3),
            AddressLine1 = "9 Mill Lane", Town = "Northvale", Postcode = Postcode.Parse("NV1 2AB"), CreatedAt = DateTimeOffset.UtcNow,
        };
        var referral = new Homeward.Referrals.Referral
        {
            PersonId = person.Id, Route = Homeward.Referrals.Route.Community, Source = Homeward.Referrals.ReferralSource.Gp, ReferrerName = "Dr Test",
            Reason = "Two falls this week", ReceivedAt = DateTimeOffset.UtcNow, SubmittedBy = "test",
        };
        var episode = Homeward.Episodes.Episode.Open(referral.Id, person.Id, referral.ReceivedAt,
            new Actor("test", "test", Role.HubCoordinator, Guid.Empty, "test"), DateTimeOffset.UtcNow);
        await using (var db = app.Db())
        {
            db.People.Add(person);
            db.Referrals.Add(referral);
            db.Episodes.Add(episode);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var page = await app.SignedIn(Role.PrivacyOfficer, "/audit");
        await page.GotoAsync("/audit/rights");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the request" }).ClickAsync();
        var summary = page.Locator(".nhsuk-error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("which right they are using");
        await Assertions.Expect(summary).ToContainTextAsync("Enter who asked");
        await page.AssertAccessible();
        await page.GetByLabel("Restrict its use").CheckAsync();
        await page.GetByLabel("Their NHS number").FillAsync("999 000 1251");
        await page.GetByLabel("Who asked").FillAsync("Rhoda Restrict, by letter");
        await page.GetByLabel("What they say, in their words").FillAsync("The referral says I refused care: I did not. Stop using it until you check.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the request" }).ClickAsync();
        await Assertions.Expect(summary).ToContainTextAsync("the ground for restriction");
        await Assertions.Expect(page.GetByLabel("Who asked")).ToHaveValueAsync("Rhoda Restrict, by letter");
        await page.GetByLabel("They contest its accuracy").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the request" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("In force");
        await page.AssertAccessible();
        var request = page.Url;

        // The hub sees the restriction on the record, and its change of details is refused with the reason, nothing typed lost.
        var hub = await app.SignedIn(Role.HubCoordinator);
        await hub.GotoAsync($"/people/{person.Id}");
        await Assertions.Expect(hub.GetByTestId("rights-restricted")).ToContainTextAsync("I did not");
        await hub.GotoAsync($"/episodes/{episode.Id}");
        await Assertions.Expect(hub.GetByTestId("rights-restricted")).ToContainTextAsync("I did not");
        await hub.GotoAsync($"/people/{person.Id}/edit");
        await hub.GetByLabel("Town").FillAsync("Southmere");
        await hub.GetByRole(AriaRole.Button, new() { Name = "Save details" }).ClickAsync();
        await Assertions.Expect(hub.GetByTestId("notice")).ToContainTextAsync("restricted");
        await Assertions.Expect(hub.GetByLabel("Town")).ToHaveValueAsync("Southmere");
        await hub.AssertAccessible();

        // Lifting needs the reason and the day the person was told.
        await page.GotoAsync(request);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the answer" }).ClickAsync();
        await Assertions.Expect(summary).ToContainTextAsync("why the restriction is lifted");
        await Assertions.Expect(summary).ToContainTextAsync("the day the person was told");
        await page.GetByLabel("Why it is lifted").FillAsync("Checked with the ward: the referral was wrong and has been corrected");
        await page.GetByLabel("Day the person was told it would be lifted").FillAsync(DateOnly.FromDateTime(DateTime.Now).ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the answer" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("Lifted");
        await hub.GotoAsync($"/people/{person.Id}");
        await Assertions.Expect(hub.GetByTestId("rights-restricted")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_privacy_officer_destroys_a_record_due_for_review_after_confirming_the_checks()
    {
        // Care that ended nine years ago: a community referral declined then.
        var then = DateTimeOffset.UtcNow.AddYears(-9);
        var person = new Person
        {
            NhsNumber = NhsNumber.Parse("9990001332"), GivenName = "Olwen", FamilyName = "Longago", DateOfBirth = new DateOnly(1930, 5, 6),
            AddressLine1 = "3 Old Row", Town = "Northvale", Postcode = Postcode.Parse("NV1 2AB"), CreatedAt = then,
        };
        var referral = new Homeward.Referrals.Referral
        {
            PersonId = person.Id, Route = Homeward.Referrals.Route.Community, Source = Homeward.Referrals.ReferralSource.Gp, ReferrerName = "Dr Test",
            Reason = "A fall", ReceivedAt = then, SubmittedBy = "test",
        };
        var actor = new Actor("test", "test", Role.HubCoordinator, Guid.Empty, "test");
        var episode = Homeward.Episodes.Episode.Open(referral.Id, person.Id, then, actor, then);
        episode.Decline("Needs are outside the service's criteria", then, actor, then);
        await using (var db = app.Db())
        {
            db.People.Add(person);
            db.Referrals.Add(referral);
            db.Episodes.Add(episode);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var page = await app.SignedIn(Role.PrivacyOfficer, "/audit");
        await page.FollowNav("Retention");
        await page.GetByTestId("due").GetByRole(AriaRole.Link, new() { Name = "Olwen Longago" }).ClickAsync();
        await page.GetByLabel("Destroy it: erase everything").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        var summary = page.Locator(".nhsuk-error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("the authority for destroying it");
        await Assertions.Expect(summary).ToContainTextAsync("Confirm that you have checked");
        await page.AssertAccessible();
        await page.GetByLabel("Why").FillAsync("Retention schedule: 8 years after care ended; no complaint, inquiry, safeguarding concern or hold");
        await page.GetByLabel("I have checked for a complaint").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("banner")).ToContainTextAsync("Olwen Longago's record is destroyed");
        await Assertions.Expect(page.GetByTestId("register")).ToContainTextAsync(person.Id.ToString());
        await Assertions.Expect(page.GetByTestId("register")).Not.ToContainTextAsync("Longago");
        await page.AssertAccessible();
        await using (var db = app.Db())
            Assert.False(await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.People, p => p.Id == person.Id,
                TestContext.Current.CancellationToken));

        // The record is no longer there to review.
        await page.GotoAsync($"/audit/retention/{person.Id}");
        await Assertions.Expect(page.GetByTestId("not-due")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_hospital_breaks_the_glass_for_someone_it_did_not_refer_and_the_privacy_officer_reviews_it()
    {
        var person = new Person
        {
            NhsNumber = NhsNumber.Parse("9990001235"), GivenName = "Glenda", FamilyName = "Glassbreak", DateOfBirth = new DateOnly(1938, 2, 3),
            AddressLine1 = "5 Mill Lane", Town = "Northvale", Postcode = Postcode.Parse("NV1 2AB"), CreatedAt = DateTimeOffset.UtcNow,
        };
        await using (var db = app.Db())
        {
            db.People.Add(person);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        // The hospital did not refer her: her record is "not found", with the way to emergency access.
        var hospital = await app.SignedIn(Role.HospitalDischargeTeam);
        await hospital.GotoAsync($"/people/{person.Id}");
        await Assertions.Expect(hospital.GetByTestId("break-glass-hint")).ToBeVisibleAsync();
        await hospital.GetByTestId("break-glass-hint").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(hospital.GetByRole(AriaRole.Heading, new() { Name = "Emergency access to a record" })).ToBeVisibleAsync();
        await hospital.AssertAccessible();

        // Too short a reason: said, and the NHS number typed is kept.
        await hospital.GetByLabel("NHS number").FillAsync("999 000 1235");
        await hospital.GetByLabel("Why do you need this record now?").FillAsync("Urgent");
        await hospital.GetByRole(AriaRole.Button, new() { Name = "Open the record" }).ClickAsync();
        await Assertions.Expect(hospital.Locator(".nhsuk-error-summary")).ToContainTextAsync("at least 20 characters");
        await Assertions.Expect(hospital.GetByLabel("NHS number")).ToHaveValueAsync("999 000 1235");
        await hospital.AssertAccessible();
        await hospital.GetByLabel("Why do you need this record now?").FillAsync("In A&E after a fall; we need her care plan and carers.");
        await hospital.GetByRole(AriaRole.Button, new() { Name = "Open the record" }).ClickAsync();
        await Assertions.Expect(hospital.GetByRole(AriaRole.Heading, new() { Name = "Glenda Glassbreak" })).ToBeVisibleAsync();
        await Assertions.Expect(hospital.GetByTestId("emergency-open")).ToBeVisibleAsync();
        await hospital.AssertAccessible();

        var privacy = await app.SignedIn(Role.PrivacyOfficer, "/audit");
        await privacy.GetByRole(AriaRole.Link, new() { Name = "Break-glass reviews" }).ClickAsync();
        var access = privacy.GetByTestId("break-glass-access").Filter(new() { HasText = "Glenda Glassbreak" });
        await Assertions.Expect(access.GetByTestId("reason")).ToHaveTextAsync("In A&E after a fall; we need her care plan and carers.");
        await privacy.AssertAccessible();
        // A concern needs a note.
        await access.GetByLabel("Concern: follow up with the user and their organisation").CheckAsync();
        await access.GetByRole(AriaRole.Button, new() { Name = "Save review" }).ClickAsync();
        await Assertions.Expect(privacy.Locator(".nhsuk-error-summary")).ToContainTextAsync("Say what the concern is");
        await privacy.AssertAccessible();
        access = privacy.GetByTestId("break-glass-access").Filter(new() { HasText = "Glenda Glassbreak" });
        await access.GetByLabel("Justified: the reason stands").CheckAsync();
        await access.GetByRole(AriaRole.Button, new() { Name = "Save review" }).ClickAsync();
        await Assertions.Expect(privacy.GetByTestId("banner")).ToContainTextAsync("Review of");
        await Assertions.Expect(privacy.GetByTestId("break-glass-access").Filter(new() { HasText = "Glenda Glassbreak" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_user_with_two_roles_chooses_which_to_act_in_and_can_change_it()
    {
        var page = await app.SignedIn(Role.RapidResponseClinician);
        await Assertions.Expect(page.GetByTestId("user-role")).ToContainTextAsync("Rapid response");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Rotas" })).ToHaveCountAsync(0);
        await page.GetByTestId("change-role").ClickAsync();
        await page.AssertAccessible();
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^Hub coordinator,")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-role")).ToContainTextAsync("Hub coordinator, Wessex Vale Council");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Rotas" })).ToBeVisibleAsync();
    }
}
