using Homeward.Messages;

namespace Homeward.Web.Infrastructure;

/// <summary>
/// Sends the outbox to people and families every few seconds (<c>Messages:EverySeconds</c>, default 5): e-mail once an
/// SMTP relay is set (<c>Alerts:Smtp:Host</c>), texts once GOV.UK Notify is (<c>Messages:Notify</c>); with neither it does
/// nothing and the messages wait (or, with <c>Messages:WriteToLog</c>, as in development, are written to the log). A failed
/// round is logged and tried again.
/// </summary>
public sealed class MessageSender(IServiceScopeFactory scopes, IConfiguration config, ITextSender texts, ILogger<MessageSender> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = config.GetValue("Messages:EverySeconds", 5.0);
        if (seconds <= 0 || string.IsNullOrEmpty(config["Alerts:Smtp:Host"]) && !texts.Configured && !config.GetValue("Messages:WriteToLog", false))
            return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sent = await scope.ServiceProvider.GetRequiredService<SendMessages>().Round(stoppingToken);
                if (sent > 0)
                    log.LogInformation("Sent {Count} messages to people and families.", sent);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Sending messages to people and families failed; they will be tried again.");
            }
        }
    }
}
