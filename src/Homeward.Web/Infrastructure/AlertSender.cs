using Homeward.Alerts;

namespace Homeward.Web.Infrastructure;

/// <summary>
/// Sends alerts to the team mailbox every few seconds (<c>Alerts:EverySeconds</c>, default 15) once a mailbox and an
/// SMTP relay are set (<c>Alerts:Mailbox</c>, <c>Alerts:Smtp:Host</c>); otherwise it does nothing. A failed round is
/// logged and tried again next time.
/// </summary>
public sealed class AlertSender(IServiceScopeFactory scopes, IConfiguration config, ILogger<AlertSender> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = config.GetValue("Alerts:EverySeconds", 15.0);
        if (seconds <= 0 || string.IsNullOrEmpty(config["Alerts:Mailbox"]) || string.IsNullOrEmpty(config["Alerts:Smtp:Host"]))
            return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sent = await scope.ServiceProvider.GetRequiredService<SendAlerts>().Round(stoppingToken);
                if (sent > 0)
                    log.LogInformation("Alerted the team mailbox to {Count} new items needing attention.", sent);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Sending alerts failed; they will be tried again.");
            }
        }
    }
}
