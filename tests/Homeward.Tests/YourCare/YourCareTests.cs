using System.Net;
using Homeward.Access;
using Homeward.Messages;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.YourCare;

/// <summary>
/// "Your care" as the public use it: a code by e-mail (a real SMTP server) or text (the GOV.UK Notify client against a
/// stand-in) signs in whoever holds the address; they see the care of the person who agreed, and nobody else's (404);
/// every look is logged and shown; withdrawn consent ends access at once; nobody learns who is in care by asking.
/// </summary>
public sealed class YourCareTests(YourCareFactory app) : IClassFixture<YourCareFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> CodeByEmail(string to)
    {
        await app.SendOutbox(Ct);
        var mail = await app.Smtp.WaitFor(m => m.To.ToString().Contains(to, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Your code to see your care", mail.Subject);
        return PublicBrowser.CodeIn(mail.TextBody ?? "");
    }

    [Fact]
    public async Task A_family_member_with_consent_signs_in_by_an_emailed_code_and_sees_only_that_persons_care()
    {
        var (person, _) = await app.PersonInCare();
        var (stranger, _) = await app.PersonInCare();
        await app.Share(person, "Sam Okafor", email: "sam.okafor@example.org");

        var sam = app.Visitor();
        var asked = await sam.AskForCode("  Sam.Okafor@Example.org ");
        Assert.Equal("/your-care/code", asked.Headers.Location!.ToString());
        var code = await CodeByEmail("sam.okafor@example.org");
        var signedIn = await sam.EnterCode("sam.okafor@example.org", code);
        Assert.Equal("/your-care", signedIn.Headers.Location!.ToString());

        var (url, page) = await sam.Follow("/your-care");
        Assert.Equal($"/your-care/{person}", url);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Ada Testperson&#x27;s care", html, StringComparison.Ordinal);
        Assert.Contains("Shown to Sam Okafor, Son", html, StringComparison.Ordinal);
        Assert.Contains("To make my own breakfast", html, StringComparison.Ordinal);
        Assert.Contains("Visits today and tomorrow", html, StringComparison.Ordinal);
        Assert.Contains("will call you by", html, StringComparison.Ordinal);
        Assert.Contains("a code by e-mail", html, StringComparison.Ordinal);

        // Another person's page is not found, as one that does not exist; the staff pages do not know this sign-in.
        Assert.Equal(HttpStatusCode.NotFound, (await sam.Get($"/your-care/{stranger}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await sam.Get($"/api/people/{person}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await sam.Get($"/people/{person}")).StatusCode);

        // The code works once.
        var again = await app.Visitor().EnterCode("sam.okafor@example.org", code);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);

        // Staff see who looked, and how they signed in.
        var hub = await app.ClientFor(Role.HubCoordinator);
        var shared = await (await hub.GetAsync($"/api/people/{person}/family-access", Ct)).Expect(HttpStatusCode.OK);
        var look = shared.GetProperty("views")[0];
        Assert.Equal(("Sam Okafor (Son)", "a code by e-mail"), (look.Str("viewer"), look.Str("via")));
    }

    [Fact]
    public async Task Asking_for_a_code_answers_the_same_for_an_address_nobody_holds_and_sends_nothing()
    {
        var before = await Outbox();
        var nobody = await app.Visitor().AskForCode("nobody-in-care@example.org");
        Assert.Equal("/your-care/code", nobody.Headers.Location!.ToString());
        Assert.Equal(before, await Outbox());

        var bad = await app.Visitor().AskForCode("not an address");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Enter a UK mobile phone number, like 07700 900982, or an e-mail address.", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var empty = await app.Visitor().AskForCode("");
        Assert.Contains("Enter your e-mail address or mobile phone number.", await empty.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_codes_are_refused_and_five_spend_the_code()
    {
        var (person, _) = await app.PersonInCare();
        await app.Share(person, "Kim Okafor", email: "kim.okafor@example.org");
        var kim = app.Visitor();
        await kim.AskForCode("kim.okafor@example.org");
        var code = await CodeByEmail("kim.okafor@example.org");
        var wrong = code == "000000" ? "000001" : "000000";
        var first = await kim.EnterCode("kim.okafor@example.org", wrong);
        Assert.Contains("The code is not right. Check it and try again.", await first.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var letters = await kim.EnterCode("kim.okafor@example.org", "abc");
        Assert.Contains("Enter the 6-digit code we sent you.", await letters.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        for (var i = 0; i < 4; i++)
            await kim.EnterCode("kim.okafor@example.org", wrong);
        var spent = await kim.EnterCode("kim.okafor@example.org", code);
        Assert.Equal(HttpStatusCode.BadRequest, spent.StatusCode);
        Assert.Contains("Ask for a new code", await spent.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdrawn_consent_ends_access_on_the_next_page()
    {
        var (person, _) = await app.PersonInCare();
        await app.Share(person, "Lee Okafor", email: "lee.okafor@example.org");
        var lee = app.Visitor();
        await lee.AskForCode("lee.okafor@example.org");
        await lee.EnterCode("lee.okafor@example.org", await CodeByEmail("lee.okafor@example.org"));
        Assert.Equal(HttpStatusCode.OK, (await lee.Get($"/your-care/{person}")).StatusCode);

        var hub = await app.ClientFor(Role.HubCoordinator);
        var shared = await (await hub.GetAsync($"/api/people/{person}/family-access", Ct)).Expect(HttpStatusCode.OK);
        var accessId = shared.GetProperty("family")[0].Str("id");
        var noReason = await (await hub.PostJson($"/api/people/{person}/family-access/{accessId}/withdraw", new { })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["reason"], noReason.ErrorFields());
        await (await hub.PostJson($"/api/people/{person}/family-access/{accessId}/withdraw", new { reason = "She asked us to stop" })).Expect(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NotFound, (await lee.Get($"/your-care/{person}")).StatusCode);
        var (_, home) = await lee.Follow("/your-care");
        Assert.Contains("We could not find any care to show you", await home.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_person_signs_in_by_a_code_texted_through_GOV_UK_Notify_to_the_mobile_on_their_record()
    {
        var (person, _) = await app.PersonInCare(new { mobilePhone = "07700 900456", preference = "Text" });
        var ada = app.Visitor();
        await ada.AskForCode("+44 7700 900456");
        Assert.Equal(1, await app.SendOutbox(Ct));
        var text = await app.Notify.WaitFor(t => t.PhoneNumber == "07700900456");
        Assert.Equal(NotifyStandIn.TemplateId, text.TemplateId);
        await using (var db = app.Db())
        {
            var sent = await db.OutboundMessages.SingleAsync(m => m.To == "07700900456", Ct);
            Assert.Equal((MessageChannel.Text, MessageReason.SignInCode), (sent.Channel, sent.Reason));
            Assert.NotNull(sent.SentAt);
            Assert.NotNull(sent.ProviderReference);
        }
        await ada.EnterCode("07700 900456", PublicBrowser.CodeIn(text.Body));
        var (url, page) = await ada.Follow("/your-care");
        Assert.Equal($"/your-care/{person}", url);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Your care", html, StringComparison.Ordinal);
        Assert.Contains("Your goals", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"nhsuk-table__cell\">You</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grant_names_every_problem_at_once_and_one_address_is_given_once()
    {
        var (person, _) = await app.PersonInCare();
        var hub = await app.ClientFor(Role.HubCoordinator);
        var empty = await (await hub.PostJson($"/api/people/{person}/family-access", new { mobilePhone = "01632 960123", basis = "Told" })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["name", "relationship", "mobilePhone", "basis", "consentNotes"], empty.ErrorFields());
        await app.Share(person, "Jo Okafor", email: "jo@example.org");
        var twice = await (await hub.PostJson($"/api/people/{person}/family-access", new
        {
            name = "Jo Okafor", relationship = "Son", email = "JO@example.org", basis = "PersonAgreed", consentNotes = "Again",
        })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["email"], twice.ErrorFields());
        var provider = await app.ClientFor(Role.CareProvider);
        var refused = await provider.PostJson($"/api/people/{person}/family-access", new { name = "X" });
        Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, refused.StatusCode.ToString());
    }

    [Fact]
    public async Task The_person_stops_sharing_with_a_family_member_from_their_own_page_and_a_family_member_cannot()
    {
        var (person, _) = await app.PersonInCare(new { email = "ada.stops@example.org", preference = "Email" });
        await app.Share(person, "Tom Okafor", email: "tom.stops@example.org");
        var tom = app.Visitor();
        await tom.AskForCode("tom.stops@example.org");
        await tom.EnterCode("tom.stops@example.org", await CodeByEmail("tom.stops@example.org"));
        Assert.Equal(HttpStatusCode.OK, (await tom.Get($"/your-care/{person}")).StatusCode);
        string accessId;
        await using (var db = app.Db())
            accessId = (await db.FamilyAccesses.SingleAsync(f => f.Email == "tom.stops@example.org", Ct)).Id.ToString();
        // Tom cannot withdraw his own access on the person's behalf (only the person, or the team, can).
        var byTom = await tom.Post($"/your-care/{person}", $"/your-care/{person}?handler=StopSharing", new() { ["accessId"] = accessId });
        Assert.Equal(HttpStatusCode.NotFound, byTom.StatusCode);

        var ada = app.Visitor();
        await ada.AskForCode("ada.stops@example.org");
        await ada.EnterCode("ada.stops@example.org", await CodeByEmail("ada.stops@example.org"));
        var page = await (await ada.Get($"/your-care/{person}")).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Who else can see this page", page, StringComparison.Ordinal);
        Assert.Contains("Tom Okafor", page, StringComparison.Ordinal);
        var stopped = await ada.Post($"/your-care/{person}", $"/your-care/{person}?handler=StopSharing", new() { ["accessId"] = accessId });
        Assert.Equal(HttpStatusCode.Redirect, stopped.StatusCode);
        Assert.Contains("they can no longer see your care", await (await ada.Get($"/your-care/{person}")).Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await tom.Get($"/your-care/{person}")).StatusCode);
        await using (var db = app.Db())
        {
            var withdrawn = await db.FamilyAccesses.SingleAsync(f => f.Email == "tom.stops@example.org", Ct);
            Assert.Equal("Ada Testperson (the person)", withdrawn.WithdrawnBy);
        }
    }

    [Fact]
    public async Task In_the_last_week_of_support_the_person_tells_us_how_it_went_once_with_every_question_answered()
    {
        var (person, episode) = await app.PersonInCare(new { email = "ada.view@example.org", preference = "Email" });
        var ada = app.Visitor();
        await ada.AskForCode("ada.view@example.org");
        await ada.EnterCode("ada.view@example.org", await CodeByEmail("ada.view@example.org"));
        var page = await (await ada.Get($"/your-care/{person}")).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("Tell us how it went", page, StringComparison.Ordinal);

        await using (var db = app.Db())
            await db.CarePlans.Where(p => p.EpisodeId == Guid.Parse(episode))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.EndsOn, Common.London.DateOf(DateTimeOffset.UtcNow).AddDays(3)), Ct);
        page = await (await ada.Get($"/your-care/{person}")).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Tell us how it went", page, StringComparison.Ordinal);

        var half = await ada.Post($"/your-care/{person}/feedback", $"/your-care/{person}/feedback", new() { ["Answers.Overall"] = "Good", ["Answers.Involved"] = "Sometimes" });
        Assert.Equal(HttpStatusCode.BadRequest, half.StatusCode);
        var refused = await half.Content.ReadAsStringAsync(Ct);
        foreach (var statement in new[] { "I was involved in decisions about my support", "I knew who to contact if I needed help", "My family or carer was listened to" })
            Assert.Contains(statement, refused, StringComparison.Ordinal);
        var answers = new Dictionary<string, string>
        {
            ["Answers.Overall"] = "VeryGood", ["Answers.Involved"] = "StronglyAgree", ["Answers.KnewWhatMatters"] = "Agree", ["Answers.KnewWhoToContact"] = "Agree",
            ["Answers.MoreAble"] = "Neither", ["Answers.FamilyListened"] = "DoesNotApply", ["Answers.Better"] = "Visits at the same time each day",
        };
        var sent = await ada.Post($"/your-care/{person}/feedback", $"/your-care/{person}/feedback", answers);
        Assert.Equal($"/your-care/{person}", sent.Headers.Location!.ToString());
        await using (var db = app.Db())
        {
            var kept = await db.ExperienceResponses.SingleAsync(r => r.EpisodeId == Guid.Parse(episode), Ct);
            Assert.Equal((Homeward.YourCare.Overall.VeryGood, Homeward.YourCare.AnsweredBy.ThePerson, "The person, by a code by e-mail"),
                (kept.Overall, kept.AnsweredBy, kept.RecordedBy));
        }
        page = await (await ada.Get($"/your-care/{person}")).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("Tell us how it went", page, StringComparison.Ordinal);
        var twice = await ada.Post($"/your-care/{person}/feedback", $"/your-care/{person}/feedback", answers);
        Assert.Equal(HttpStatusCode.Redirect, twice.StatusCode);

        // Staff cannot record a second view of the same episode.
        var hub = await app.ClientFor(Role.HubCoordinator);
        await (await hub.PostJson($"/api/episodes/{episode}/experience", new { overall = "Good", answeredBy = "ThePerson" })).Expect(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Staff_record_a_view_taken_by_phone_with_every_answer_named_when_missing()
    {
        var (_, episode) = await app.PersonInCare();
        var hub = await app.ClientFor(Role.HubCoordinator);
        var bad = await (await hub.PostJson($"/api/episodes/{episode}/experience", new { overall = "Great" })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["answeredBy", "familyListened", "involved", "knewWhatMatters", "knewWhoToContact", "moreAble", "overall"], bad.ErrorFields().Order());
        var kept = await (await hub.PostJson($"/api/episodes/{episode}/experience", new
        {
            overall = "Poor", involved = "Disagree", knewWhatMatters = "Agree", knewWhoToContact = "StronglyDisagree", moreAble = "Agree",
            familyListened = "Agree", answeredBy = "StaffOnTheirBehalf", better = "Nobody told me when the carer was coming",
        })).Expect(HttpStatusCode.OK);
        Assert.Equal(("Poor", "hub@demo.homeward"), (kept.Str("overall"), kept.Str("recordedBy")));
    }

    private async Task<int> Outbox()
    {
        await using var db = app.Db();
        return await db.OutboundMessages.CountAsync(Ct);
    }
}
