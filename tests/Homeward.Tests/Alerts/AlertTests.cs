using System.Net;
using Homeward.Access;
using Homeward.Alerts;
using Homeward.Attention;
using Homeward.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Tests.Alerts;

/// <summary>The app with a team mailbox on a real SMTP server on loopback; rounds run when a test says (no timer).</summary>
public sealed class AlertFactory : ApiFactory
{
    public LoopbackSmtp Smtp { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Alerts:Mailbox", "hub-team@wessex-vale.example");
        builder.UseSetting("Alerts:AppUrl", "https://homeward.wessex-vale.example/");
        builder.UseSetting("Alerts:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Alerts:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Alerts:Smtp:Security", "None");
        builder.UseSetting("Alerts:Smtp:From", "homeward@wessex-vale.example");
        builder.UseSetting("Alerts:EverySeconds", "0");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>Alerts reach the team mailbox through a real SMTP client, once an item, naming nobody.</summary>
public sealed class AlertTests(AlertFactory app) : IClassFixture<AlertFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<int> Round(IMailer? mailer = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var send = mailer is null ? services.GetRequiredService<SendAlerts>()
            : new SendAlerts(services.GetRequiredService<Homeward.Data.HomewardDb>(), services.GetRequiredService<NeedsAttention>(), mailer,
                services.GetRequiredService<IConfiguration>(), TimeProvider.System);
        return await send.Round(Ct);
    }

    [Fact]
    public async Task A_new_two_hour_referral_is_mailed_to_the_team_once_naming_nobody()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var nhs = Bodies.NewNhsNumber();
        var referral = await (await hub.PostJson("/api/referrals", Bodies.UrgentCommunityResponse(nhs))).Expect(HttpStatusCode.Created);
        Assert.True(await Round() >= 1);
        var mail = await app.Smtp.WaitFor(m => m.Subject?.Contains("2-hour referral", StringComparison.Ordinal) == true);
        Assert.Equal("hub-team@wessex-vale.example", mail.To.Mailboxes.Single().Address);
        Assert.Equal("homeward@wessex-vale.example", mail.From.Mailboxes.Single().Address);
        Assert.Contains("New 2-hour referrals: 1", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://homeward.wessex-vale.example/attention", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(nhs, mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Testperson", mail.TextBody, StringComparison.Ordinal); // the family name every test person has

        // Once: the next round has nothing new.
        var count = app.Smtp.Messages.Count;
        Assert.Equal(0, await Round());
        Assert.Equal(count, app.Smtp.Messages.Count);
        await using var db = app.Db();
        var episode = Guid.Parse(referral.GetProperty("episode").Str("id"));
        Assert.NotNull((await db.AlertsSent.SingleAsync(a => a.SubjectId == episode, Ct)).SentAt);
    }

    [Fact]
    public async Task A_send_that_fails_gives_its_items_back_for_the_next_round()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var referral = await (await hub.PostJson("/api/referrals", Bodies.UrgentCommunityResponse())).Expect(HttpStatusCode.Created);
        var episode = Guid.Parse(referral.GetProperty("episode").Str("id"));
        await Assert.ThrowsAsync<IOException>(() => Round(new RelayDown()));
        await using (var db = app.Db())
            Assert.False(await db.AlertsSent.AnyAsync(a => a.SubjectId == episode, Ct));
        Assert.True(await Round() >= 1);
        await using (var db = app.Db())
            Assert.NotNull((await db.AlertsSent.SingleAsync(a => a.SubjectId == episode, Ct)).SentAt);
    }

    /// <summary>The relay refusing the connection, as a real one does when it is down.</summary>
    private sealed class RelayDown : IMailer
    {
        public Task Send(string to, string subject, string body, CancellationToken ct) => throw new IOException("Connection refused by the relay.");
    }
}

/// <summary>The app's own timer sends: a 2-hour referral reaches the mailbox within seconds.</summary>
public sealed class AlertTimerFactory : ApiFactory
{
    public LoopbackSmtp Smtp { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Alerts:Mailbox", "hub-team@wessex-vale.example");
        builder.UseSetting("Alerts:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Alerts:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Alerts:Smtp:Security", "None");
        builder.UseSetting("Alerts:EverySeconds", "0.5");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public sealed class AlertTimerTests(AlertTimerFactory app) : IClassFixture<AlertTimerFactory>
{
    [Fact]
    public async Task The_app_mails_a_new_two_hour_referral_within_seconds()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        await (await hub.PostJson("/api/referrals", Bodies.UrgentCommunityResponse())).Expect(HttpStatusCode.Created);
        var mail = await app.Smtp.WaitFor(m => m.Subject?.Contains("2-hour referral", StringComparison.Ordinal) == true, seconds: 10);
        Assert.Equal("hub-team@wessex-vale.example", mail.To.Mailboxes.Single().Address);
    }
}
