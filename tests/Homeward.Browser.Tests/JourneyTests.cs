using System.Text.RegularExpressions;
using Homeward.Access;
using Homeward.Browser.Tests.Support;
using Homeward.Tests.Support;
using Microsoft.Playwright;

namespace Homeward.Browser.Tests;

/// <summary>People using the hub web app in a real browser, from sign-in to an ended episode.</summary>
public sealed class JourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{

    private static ILocator Field(IPage page, string label) => page.GetByLabel(label, new() { Exact = true });

    private static async Task FillPerson(IPage page, string nhsNumber, string given, string family)
    {
        await Field(page, "NHS number").FillAsync(nhsNumber);
        await Field(page, "Given name").FillAsync(given);
        await Field(page, "Family name").FillAsync(family);
        await Field(page, "Date of birth").FillAsync("1938-06-15");
        await Field(page, "Address line 1").FillAsync("4 Orchard Way");
        await Field(page, "Postcode").FillAsync("nv3 4pq");
        await Field(page, "Given").CheckAsync();
    }

    private static async Task Refer(IPage page, string routeLabel)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Refer someone" }).ClickAsync();
        await page.AssertAccessible();
        await Field(page, routeLabel).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
    }

    private static async Task ExpectStatus(IPage page, string status)
    {
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync(status);
        await page.AssertAccessible();
    }

    /// <summary>The Barthel Index (10 items, each chosen by its published descriptor) and hours of care a week, at the start or the end.</summary>
    private static async Task RecordMeasures(IPage page, string stage)
    {
        var barthel = page.Locator("#measures-barthel");
        await barthel.Locator("summary").ClickAsync();
        await barthel.GetByLabel(stage, new() { Exact = true }).CheckAsync();
        foreach (var item in new[] { "Bowels", "Bladder", "Grooming", "Toilet use", "Feeding", "Transfer (bed to chair and back)",
                     "Mobility on level surfaces", "Dressing", "Stairs", "Bathing" })
            await barthel.GetByRole(AriaRole.Group, new() { Name = item, Exact = true })
                .GetByLabel(new Regex(stage == "Start" ? "^0: " : "^1: ")).CheckAsync();
        await barthel.GetByRole(AriaRole.Button, new() { Name = "Save (Barthel Index)" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("banner")).ToContainTextAsync($"Barthel Index at the {stage.ToLowerInvariant()}: {(stage == "Start" ? 0 : 10)}");
        var items = page.GetByTestId("items-barthel");
        await items.Locator("summary").ClickAsync();
        await Assertions.Expect(items.Locator("tr", new() { HasText = "Bowels" })).ToContainTextAsync(
            stage == "Start" ? "0: Incontinent (or needs to be given enemas)" : "1: Occasional accident (once a week)");
        var hours = page.Locator("#measures-care-hours");
        await hours.Locator("summary").ClickAsync();
        await hours.GetByLabel(stage, new() { Exact = true }).CheckAsync();
        await hours.GetByLabel("Hours a week").FillAsync(stage == "Start" ? "14" : "3.5");
        await hours.GetByRole(AriaRole.Button, new() { Name = "Save (Hours of care a week)" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("banner")).ToContainTextAsync("Hours of care a week");
    }

    [Fact]
    public async Task A_hub_coordinator_refers_someone_and_the_team_takes_them_through_their_care_to_the_end()
    {
        var page = await app.SignedIn(Role.HubCoordinator);
        await Assertions.Expect(page.GetByTestId("user-role")).ToContainTextAsync("Hub coordinator, Wessex Vale Council");
        await page.AssertAccessible();

        await Refer(page, "Hospital discharge");
        var nhs = Bodies.NewNhsNumber();
        await FillPerson(page, nhs, "Iris", "Boardman");
        await Field(page, "Who is referring").SelectOptionAsync("Ward");
        await Field(page, "Referrer's name").FillAsync("Elm ward discharge team");
        await Field(page, "Reason for referral").FillAsync("Fell at home; medically optimised; needs help with washing and dressing");
        await Field(page, "Hospital").FillAsync("Vale General Hospital");
        await Field(page, "Ward").FillAsync("Elm");
        await Field(page, "Date admitted").FillAsync(DateTime.UtcNow.AddDays(-20).ToString("yyyy-MM-dd"));
        await Field(page, "Discharge ready date").FillAsync(DateTime.UtcNow.AddDays(-12).ToString("yyyy-MM-dd"));
        await page.AssertAccessible();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit referral" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("banner")).ToContainTextAsync("Referral received for Iris Boardman");
        await ExpectStatus(page, "Referred");
        var episodeUrl = page.Url;

        // On the board, with a deconditioning warning: 12 days past the discharge ready date.
        await page.GotoAsync("/board?route=HospitalDischarge");
        var row = page.Locator($"[data-testid=board-row][data-nhs-number='{nhs}']");
        await Assertions.Expect(row).ToContainTextAsync("Iris Boardman");
        await Assertions.Expect(row).ToContainTextAsync("deconditioning risk");
        await Assertions.Expect(row).ToContainTextAsync("Transfer of care hub");
        await Assertions.Expect(page.GetByTestId("deconditioning")).ToBeVisibleAsync();
        await page.AssertAccessible();

        // The board swaps itself every 10 seconds: a click in the middle of a swap can land on the old row and go nowhere,
        // so the test follows the link as the click would.
        await page.GotoAsync((await row.GetByRole(AriaRole.Link, new() { Name = "Triage" }).GetAttributeAsync("href"))!);
        await page.WaitForURLAsync(episodeUrl);
        await Field(page, "Reablement").CheckAsync();
        await Field(page, "P1: home with new or more support").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save triage" }).ClickAsync();
        await ExpectStatus(page, "Triaged");

        await page.GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true }).ClickAsync();
        await ExpectStatus(page, "Accepted");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start care" }).ClickAsync();
        await ExpectStatus(page, "Active");

        // The coordinator assesses, sets a goal with the person, takes the start measures and agrees the plan.
        await page.GetByTestId("care-link").ClickAsync();
        await page.AssertAccessible();
        await Field(page, "What matters to the person").FillAsync("Getting back to my allotment");
        await Field(page, "Their home situation").FillAsync("Bungalow, lives alone");
        await page.Locator("#assessment-hasUnpaidCarer-2").CheckAsync();
        await Field(page, "Consent given").CheckAsync();
        await Field(page, "Risks").FillAsync("None found");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save assessment" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("banner")).ToContainTextAsync("Assessment saved");
        await Assertions.Expect(page.GetByTestId("assessment")).ToContainTextAsync("Getting back to my allotment");

        await Field(page, "The goal, in the person's words").FillAsync("To walk to my allotment");
        await page.Locator("#goal-startScore-2").CheckAsync(); // −1
        await page.GetByRole(AriaRole.Button, new() { Name = "Add goal" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("goals")).ToContainTextAsync("To walk to my allotment");

        await RecordMeasures(page, "Start");
        await page.Locator("#plan summary").ClickAsync();
        await Field(page, "What the service will do").FillAsync("Help with washing and dressing; walking practice");
        await Field(page, "What the service will not do").FillAsync("Shopping and cleaning");
        await Field(page, "Transition plan for when support ends").FillAsync("Allotment society volunteer visits");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save plan" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("banner")).ToContainTextAsync("visits and 1 reviews planned");
        await page.AssertAccessible();
        var careUrl = page.Url.Split('#')[0];

        // A reablement worker records today's first visit and scores the goal at a review.
        var worker = await app.SignedIn(Role.ReablementWorker);
        await worker.GotoAsync(careUrl);
        var visit = worker.GetByTestId("visits").Locator("tbody tr").First;
        await visit.GetByText("Record").ClickAsync();
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
        if (now.Hour == 23 && now.Minute >= 55)
        {
            // Too close to midnight for a visit that starts and ends today: record it missed instead.
            await visit.GetByLabel("Missed", new() { Exact = true }).CheckAsync();
            await visit.GetByLabel("If missed, why").SelectOptionAsync("PersonNotIn");
        }
        else
        {
            await visit.GetByLabel("Done").CheckAsync();
            await visit.GetByLabel("Arrived").FillAsync(now.AddMinutes(1).ToString("HH:mm"));
            await visit.GetByLabel("Left").FillAsync(now.AddMinutes(3).ToString("HH:mm"));
        }
        await visit.GetByRole(AriaRole.Button, new() { Name = "Save visit" }).ClickAsync();
        await Assertions.Expect(worker.GetByTestId("banner")).ToContainTextAsync("recorded as");
        await Assertions.Expect(worker.GetByTestId("visits").Locator("tbody tr").First).Not.ToContainTextAsync("Planned");
        var goal = worker.Locator("[data-goal='To walk to my allotment']");
        await goal.Locator("summary", new() { HasText = "Score the goal" }).ClickAsync();
        await goal.GetByLabel("Review").CheckAsync();
        await goal.GetByLabel("0 as expected").CheckAsync();
        await goal.GetByRole(AriaRole.Button, new() { Name = "Save score" }).ClickAsync();
        // Not until what each score means for this goal has been written with the person.
        await Assertions.Expect(worker.Locator(".nhsuk-error-summary")).ToContainTextAsync("Describe with the person what each score means");
        goal = worker.Locator("[data-goal='To walk to my allotment']");
        foreach (var (label, text) in new[] { ("At −2 (much less than expected)", "Walks indoors only, with a frame"), ("At −1 (less than expected)", "Walks to the front gate with a frame"),
                     ("At 0 (the expected outcome)", "Walks to the allotment with a stick"), ("At +1 (more than expected)", "Walks to the allotment and does an hour's light work"),
                     ("At +2 (much more than expected)", "Walks to the allotment and back twice a week on my own") })
            await goal.GetByLabel(label, new() { Exact = true }).FillAsync(text);
        await goal.GetByRole(AriaRole.Button, new() { Name = "Save what each score means" }).ClickAsync();
        await Assertions.Expect(worker.GetByTestId("banner")).ToContainTextAsync("What each score means is saved");
        goal = worker.Locator("[data-goal='To walk to my allotment']");
        await goal.Locator("summary", new() { HasText = "Score the goal" }).ClickAsync();
        await goal.GetByLabel("Review").CheckAsync();
        await goal.GetByLabel("0: Walks to the allotment with a stick").CheckAsync();
        await goal.GetByRole(AriaRole.Button, new() { Name = "Save score" }).ClickAsync();
        await Assertions.Expect(worker.GetByTestId("banner")).ToContainTextAsync("Goal score saved");
        goal = worker.Locator("[data-goal='To walk to my allotment']");
        await goal.GetByTestId("levels").Locator("summary").ClickAsync();
        await Assertions.Expect(goal.GetByTestId("levels")).ToContainTextAsync(new Regex(@"\+1 more than expected\s*Walks to the allotment and does an hour's light work"));
        await Assertions.Expect(goal.GetByText("Change what each score means")).ToHaveCountAsync(0); // fixed once scored at a review
        await worker.AssertAccessible();

        // The coordinator tries to end: refused, with every gap listed and linked; completes the record; ends.
        await page.GotoAsync(careUrl);
        await Field(page, "What followed (sequel)").SelectOptionAsync("NoIdentifiedNeeds");
        await Field(page, "Where the person went").SelectOptionAsync("UsualResidence");
        await page.GetByRole(AriaRole.Button, new() { Name = "End episode" }).ClickAsync();
        var summary = page.Locator(".nhsuk-error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("Score 1 goal at the end");
        await Assertions.Expect(summary).ToContainTextAsync("Record the Barthel Index at the end");
        await Assertions.Expect(summary.GetByRole(AriaRole.Link, new() { Name = "Score 1 goal at the end." })).ToHaveAttributeAsync("href", "#goals");
        await page.AssertAccessible();

        goal = page.Locator("[data-goal='To walk to my allotment']");
        await goal.Locator("summary", new() { HasText = "Score the goal" }).ClickAsync();
        await goal.GetByLabel("End").CheckAsync();
        await goal.GetByLabel("+1: Walks to the allotment and does an hour's light work").CheckAsync();
        await goal.GetByRole(AriaRole.Button, new() { Name = "Save score" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-goal='To walk to my allotment']")).ToContainTextAsync("Achieved");
        await RecordMeasures(page, "End");
        await Assertions.Expect(page.GetByTestId("missing")).ToHaveCountAsync(0);
        await Field(page, "What followed (sequel)").SelectOptionAsync("NoIdentifiedNeeds");
        await Field(page, "Where the person went").SelectOptionAsync("UsualResidence");
        await page.GetByRole(AriaRole.Button, new() { Name = "End episode" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("ended")).ToContainTextAsync("No identified needs");
        await Assertions.Expect(page.GetByTestId("follow-up")).ToContainTextAsync("not yet due");
        await page.AssertAccessible();
        await page.GotoAsync(episodeUrl);
        await ExpectStatus(page, "Ended");
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("Visit recorded");

        // The person record shows the episode and its steps.
        await page.GetByRole(AriaRole.Link, new() { Name = "Iris Boardman" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("episodes")).ToContainTextAsync("Ended");
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("Triaged");
        await page.AssertAccessible();
    }

    [Fact]
    public async Task Rapid_response_starts_an_urgent_visit_and_a_reablement_worker_ends_it()
    {
        var ucr = await app.SignedIn(Role.RapidResponseClinician);
        await Refer(ucr, "Urgent community response");
        var nhs = Bodies.NewNhsNumber();
        await FillPerson(ucr, nhs, "Walter", "Urgent");
        await Field(ucr, "Who is referring").SelectOptionAsync("Family");
        await Field(ucr, "Referrer's name").FillAsync("Daughter");
        await Field(ucr, "Reason for referral").FillAsync("Fall at home, cannot get up unaided");
        await ucr.GetByRole(AriaRole.Button, new() { Name = "Submit referral" }).ClickAsync();
        await ExpectStatus(ucr, "Referred");
        var episodeUrl = ucr.Url;

        // The 2-hour clock runs on the board until the first visit.
        await ucr.GotoAsync("/board?route=UrgentCommunityResponse");
        var clock = ucr.Locator($"[data-testid=board-row][data-nhs-number='{nhs}']").GetByTestId("two-hour");
        await Assertions.Expect(clock).ToContainTextAsync(new Regex("2-hour response: 1 h 5[0-9] min left|2-hour response: 2 h 0 min left"));
        await ucr.AssertAccessible();
        await ucr.GotoAsync(episodeUrl);

        await Field(ucr, "2-hour rapid response").CheckAsync();
        await ucr.GetByRole(AriaRole.Button, new() { Name = "Save triage" }).ClickAsync();
        await ExpectStatus(ucr, "Triaged");
        await ucr.GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true }).ClickAsync();
        // Care starts at first contact, as the clinician enters it: not at the click.
        await ucr.GetByRole(AriaRole.Button, new() { Name = "Record first contact and start" }).ClickAsync();
        await Assertions.Expect(ucr.Locator(".nhsuk-error-summary")).ToContainTextAsync("Enter the time you arrived with the person");
        var arrived = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")); // this minute, typed
        await Field(ucr, "Day you arrived").FillAsync(arrived.ToString("yyyy-MM-dd"));
        await Field(ucr, "Time you arrived (first contact)").FillAsync(arrived.ToString("HH:mm"));
        await ucr.GetByRole(AriaRole.Button, new() { Name = "Record first contact and start" }).ClickAsync();
        await ExpectStatus(ucr, "Active");

        var worker = await app.SignedIn(Role.ReablementWorker);
        await Assertions.Expect(worker.GetByRole(AriaRole.Link, new() { Name = "Refer someone" })).ToHaveCountAsync(0);
        await worker.GotoAsync("/board?route=UrgentCommunityResponse&status=Active");
        var row = worker.Locator($"[data-testid=board-row][data-nhs-number='{nhs}']");
        await Assertions.Expect(row).ToContainTextAsync("Rapid response team");
        await worker.GotoAsync((await row.GetByRole(AriaRole.Link, new() { Name = "Deliver care; end with an outcome" }).GetAttributeAsync("href"))!);
        // A reablement worker may end care but not triage or cancel; a rapid response ends with its outcome.
        await Assertions.Expect(worker.GetByRole(AriaRole.Button, new() { Name = "Save triage" })).ToHaveCountAsync(0);
        await worker.GetByTestId("care-link").ClickAsync();
        await Field(worker, "What followed (sequel)").SelectOptionAsync("OtherShortTermSupport");
        await Field(worker, "Where the person went").SelectOptionAsync("UsualResidence");
        await worker.GetByRole(AriaRole.Button, new() { Name = "End episode" }).ClickAsync();
        await Assertions.Expect(worker.Locator(".nhsuk-error-summary")).ToContainTextAsync("Record the rapid response record");
        await Assertions.Expect(worker.Locator(".nhsuk-error-summary")).ToContainTextAsync("Record the urgent response outcome");
        // The rapid response record, not the reablement one: first contact on the clock, presenting problem, notes.
        await Assertions.Expect(worker.GetByTestId("first-contact")).ToContainTextAsync("Within 2 hours");
        await Assertions.Expect(worker.Locator("#goals")).ToHaveCountAsync(0);
        await Field(worker, "Presenting problem").SelectOptionAsync(new SelectOptionValue { Label = "Falls" });
        await Field(worker, "What happened, in words").FillAsync("Fell in the bathroom, could not get up");
        await worker.GetByRole(AriaRole.Button, new() { Name = "Save rapid response record" }).ClickAsync();
        await Assertions.Expect(worker.Locator(".nhsuk-error-summary")).ToContainTextAsync("Enter the clinical notes");
        await Assertions.Expect(Field(worker, "What happened, in words")).ToHaveValueAsync("Fell in the bathroom, could not get up");
        await Field(worker, "Clinical notes").FillAsync("No head injury; hips not tender. Helped up; pendant alarm fitted.");
        await worker.GetByRole(AriaRole.Button, new() { Name = "Save rapid response record" }).ClickAsync();
        await Assertions.Expect(worker.GetByTestId("presenting")).ToHaveTextAsync("Falls: Fell in the bathroom, could not get up");
        await worker.AssertAccessible();
        await Field(worker, "stayed at home").CheckAsync();
        await worker.GetByRole(AriaRole.Button, new() { Name = "Save outcome" }).ClickAsync();
        await Assertions.Expect(worker.GetByTestId("urgent-outcome")).ToHaveTextAsync("Stayed at home");
        await Field(worker, "What followed (sequel)").SelectOptionAsync("OtherShortTermSupport");
        await Field(worker, "Where the person went").SelectOptionAsync("UsualResidence");
        await worker.GetByRole(AriaRole.Button, new() { Name = "End episode" }).ClickAsync();
        await Assertions.Expect(worker.GetByTestId("ended")).ToBeVisibleAsync();
        await worker.AssertAccessible();
        await worker.GotoAsync(episodeUrl);
        await ExpectStatus(worker, "Ended");
        await Assertions.Expect(worker.GetByTestId("timeline")).ToContainTextAsync("Reablement worker");
    }

    [Fact]
    public async Task A_form_with_several_errors_shows_them_all_and_keeps_what_was_typed()
    {
        var page = await app.SignedIn(Role.HospitalDischargeTeam);
        await page.GotoAsync("/refer?route=HospitalDischarge");
        await Field(page, "NHS number").FillAsync("943 476 5918");
        await Field(page, "Given name").FillAsync("Ada");
        await Field(page, "Postcode").FillAsync("XX");
        await Field(page, "Reason for referral").FillAsync("Kept after the error");
        await Field(page, "Date admitted").FillAsync(DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd"));
        await Field(page, "Discharge ready date").FillAsync(DateTime.UtcNow.AddDays(-5).ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit referral" }).ClickAsync();

        var summary = page.Locator(".nhsuk-error-summary");
        await Assertions.Expect(summary).ToBeVisibleAsync();
        foreach (var message in new[] { "check digit", "Enter the family name", "Enter the date of birth", "real postcode", "Enter the first line",
                     "referral source", "Enter the referrer's name", "cannot be before the admission date" })
            await Assertions.Expect(summary).ToContainTextAsync(message);
        Assert.True(await summary.Locator("li").CountAsync() >= 8);

        await Assertions.Expect(Field(page, "NHS number")).ToHaveValueAsync("943 476 5918");
        await Assertions.Expect(Field(page, "Given name")).ToHaveValueAsync("Ada");
        await Assertions.Expect(Field(page, "Postcode")).ToHaveValueAsync("XX");
        await Assertions.Expect(Field(page, "Reason for referral")).ToHaveValueAsync("Kept after the error");
        await page.AssertAccessible();

        // Each message links to its field.
        await summary.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("real postcode") }).ClickAsync();
        await Assertions.Expect(Field(page, "Postcode")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task When_two_people_edit_a_record_the_second_is_told_and_nothing_is_overwritten()
    {
        var first = await app.SignedIn(Role.HubCoordinator);
        await Refer(first, "Community");
        await FillPerson(first, Bodies.NewNhsNumber(), "Edna", "Twoeditors");
        await Field(first, "Who is referring").SelectOptionAsync("Gp");
        await Field(first, "Referrer's name").FillAsync("Dr Example");
        await Field(first, "Reason for referral").FillAsync("Struggling at home");
        await first.GetByRole(AriaRole.Button, new() { Name = "Submit referral" }).ClickAsync();
        await first.GetByRole(AriaRole.Link, new() { Name = "Edna Twoeditors" }).ClickAsync();
        var record = first.Url;

        var second = await app.SignedIn(Role.Manager);
        await second.GotoAsync(record + "/edit");
        await first.GotoAsync(record + "/edit");

        await Field(first, "Town (optional)").FillAsync("Eastbrook");
        await first.GetByRole(AriaRole.Button, new() { Name = "Save details" }).ClickAsync();
        await Assertions.Expect(first.GetByTestId("details")).ToContainTextAsync("Eastbrook");

        await Field(second, "Town (optional)").FillAsync("Southmere");
        await second.GetByRole(AriaRole.Button, new() { Name = "Save details" }).ClickAsync();
        await Assertions.Expect(second.GetByTestId("stale")).ToContainTextAsync("Someone else changed this record first");
        await Assertions.Expect(Field(second, "Town (optional)")).ToHaveValueAsync("Eastbrook");
        await second.AssertAccessible();

        await first.GotoAsync(record);
        await Assertions.Expect(first.GetByTestId("details")).ToContainTextAsync("Eastbrook");
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var page = await app.SignedIn(Role.CareProvider);
        // Wait for the navigation the click starts, not for a URL afterwards: the board's 10-second refresh must not
        // be able to come between the two.
        var signedOut = page.WaitForURLAsync("**/account/login**");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await signedOut;
        await page.AssertAccessible();
        await page.GotoAsync("/board");
        await page.WaitForURLAsync("**/account/login**");
    }

    [Fact]
    public async Task The_board_shows_a_new_referral_without_being_reloaded()
    {
        var board = await app.SignedIn(Role.HubCoordinator);
        await board.GotoAsync("/board?route=Community");
        var reloads = 0;
        board.FrameNavigated += (_, frame) => { if (frame == board.MainFrame) reloads++; };

        var referrer = await app.SignedIn(Role.Manager);
        await Refer(referrer, "Community");
        var nhs = Bodies.NewNhsNumber();
        await FillPerson(referrer, nhs, "Lively", "Update");
        await Field(referrer, "Who is referring").SelectOptionAsync("Gp");
        await Field(referrer, "Referrer's name").FillAsync("Dr Example");
        await Field(referrer, "Reason for referral").FillAsync("Needs reablement at home");
        await referrer.GetByRole(AriaRole.Button, new() { Name = "Submit referral" }).ClickAsync();
        await ExpectStatus(referrer, "Referred");

        await Assertions.Expect(board.Locator($"[data-testid=board-row][data-nhs-number='{nhs}']"))
            .ToBeVisibleAsync(new() { Timeout = 20_000 });
        Assert.Equal(0, reloads);
    }

    [Fact]
    public async Task A_form_sent_again_makes_no_second_referral_and_says_so_when_it_was_changed_meanwhile()
    {
        var page = await app.SignedIn(Role.HubCoordinator);
        await page.GotoAsync("/refer?route=Community");
        var key = await page.Locator("input[name=idempotencyKey]").InputValueAsync();
        var nhs = Bodies.NewNhsNumber();
        async Task Fill(string reason)
        {
            await FillPerson(page, nhs, "Sent", "Twice");
            await Field(page, "Who is referring").SelectOptionAsync("Gp");
            await Field(page, "Referrer's name").FillAsync("Dr Example");
            await Field(page, "Reason for referral").FillAsync(reason);
        }
        await Fill("Falls at home; needs a review");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit referral" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("banner")).ToContainTextAsync("Referral received for Sent Twice");
        var episode = page.Url;

        // The same form again (as after going back), with the reason changed before sending: no second referral.
        await page.GotoAsync("/refer?route=Community");
        await page.Locator("input[name=idempotencyKey]").EvaluateAsync("(input, key) => input.value = key", key);
        await Fill("Falls at home; needs a review and a pendant alarm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit referral" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("already-sent")).ToContainTextAsync("made no second referral");
        await Assertions.Expect(page.GetByTestId("already-sent").GetByRole(AriaRole.Link, new() { Name = "open the referral" }))
            .ToHaveAttributeAsync("href", new Uri(episode).AbsolutePath);
        await page.AssertAccessible();

        // A new form for the same need by the same route: the open referral is named, and nothing is sent unless confirmed.
        await page.GotoAsync("/refer?route=Community");
        await Fill("Falls at home; needs a review");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit referral" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("duplicate")).ToContainTextAsync("already has an open referral");
        await page.AssertAccessible();
    }
}
