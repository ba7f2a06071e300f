using System.Net;
using System.Text.RegularExpressions;
using Homeward.Access;
using Homeward.Messages;
using Homeward.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Tests.YourCare;

/// <summary>
/// The app with e-mail through a real SMTP server on loopback and texts through a GOV.UK Notify stand-in on loopback
/// (the official client, a configured base address). The outbox is sent when a test says (<see cref="SendOutbox"/>).
/// </summary>
public sealed class YourCareFactory : ApiFactory
{
    public LoopbackSmtp Smtp { get; } = new();
    public NotifyStandIn Notify { get; } = NotifyStandIn.Start().GetAwaiter().GetResult();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Alerts:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Alerts:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Alerts:Smtp:Security", "None");
        builder.UseSetting("Alerts:Smtp:From", "your-care@wessex-vale.example");
        builder.UseSetting("Messages:Notify:BaseUrl", Notify.BaseUrl);
        builder.UseSetting("Messages:Notify:ApiKey", NotifyStandIn.ApiKey);
        builder.UseSetting("Messages:Notify:TextTemplateId", NotifyStandIn.TemplateId);
        builder.UseSetting("Messages:EverySeconds", "0");
    }

    public async Task<int> SendOutbox(CancellationToken ct)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SendMessages>().Round(ct);
    }

    /// <summary>A browser of the public: its own cookies, no staff sign-in, redirects seen.</summary>
    public PublicBrowser Visitor() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true }));

    public async Task<(string PersonId, string EpisodeId)> PersonInCare(object? contact = null)
    {
        var (person, episode, _) = await InCare.Person(this, contact);
        return (person, episode);
    }

    public Task Share(string personId, string name, string? email = null, string? mobilePhone = null) => InCare.Share(this, personId, name, email, mobilePhone);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        await Notify.DisposeAsync();
    }
}

/// <summary>People in care, and their family's access, made through the API as staff would.</summary>
public static class InCare
{
    /// <summary>A person in care: referred from hospital, reablement agreed, started, a plan with visits and a goal.</summary>
    public static async Task<(string PersonId, string EpisodeId, string NhsNumber)> Person(ApiFactory app, object? contact = null)
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var nhsNumber = Bodies.NewNhsNumber();
        var body = Bodies.HospitalDischarge(nhsNumber);
        if (contact is not null)
            ((Dictionary<string, object?>)body["person"]!)["contact"] = contact;
        var referral = await (await hub.PostJson("/api/referrals", body)).Expect(HttpStatusCode.Created);
        var episode = referral.GetProperty("episode");
        var url = $"/api/episodes/{episode.Str("id")}";
        await (await hub.PostJson($"{url}/triage", new { service = "Reablement", pathway = "P1" }, "\"1\"")).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"{url}/accept", new { }, "\"2\"")).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"{url}/start", new { }, "\"3\"")).Expect(HttpStatusCode.OK);
        await (await hub.PutJson($"{url}/plan", CareRecords.Plan(visitsAtStart: 2, visitsAtEnd: 1))).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"{url}/goals", new { text = "To make my own breakfast", startScore = -1 })).Expect(HttpStatusCode.OK);
        return (referral.GetProperty("person").Str("id"), episode.Str("id"), nhsNumber);
    }

    public static async Task Share(ApiFactory app, string personId, string name, string? email = null, string? mobilePhone = null)
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        await (await hub.PostJson($"/api/people/{personId}/family-access", new
        {
            name, relationship = "Son", email, mobilePhone, basis = "PersonAgreed", consentNotes = "She said so at the first visit",
        })).Expect(HttpStatusCode.OK);
    }
}

/// <summary>A member of the public's browser: pages fetched, forms posted with their anti-forgery token.</summary>
public sealed partial class PublicBrowser(HttpClient client)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    public HttpClient Client => client;

    public Task<HttpResponseMessage> Get(string url) => client.GetAsync(url, Ct);

    public async Task<HttpResponseMessage> Post(string page, string action, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page, Ct);
        fields["__RequestVerificationToken"] = AntiForgery().Match(html).Groups[1].Value;
        return await client.PostAsync(action, new FormUrlEncodedContent(fields), Ct);
    }

    public Task<HttpResponseMessage> AskForCode(string contact) =>
        Post("/your-care", "/your-care?handler=Code", new() { ["contact"] = contact });

    public Task<HttpResponseMessage> EnterCode(string contact, string code) =>
        Post("/your-care/code", "/your-care/code", new() { ["contact"] = contact, ["code"] = code });

    /// <summary>Follows redirects from <paramref name="url"/> to the page they end on; answers its address and the response.</summary>
    public async Task<(string Url, HttpResponseMessage Page)> Follow(string url)
    {
        for (var i = 0; i < 5; i++)
        {
            var response = await client.GetAsync(url, Ct);
            if (response.StatusCode != HttpStatusCode.Redirect)
                return (url, response);
            url = response.Headers.Location!.ToString();
        }
        throw new InvalidOperationException("Too many redirects.");
    }

    public static string CodeIn(string message) => Code().Match(message).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgery();

    [GeneratedRegex(@"Your code is (\d{6})")]
    private static partial Regex Code();
}
