using Homeward.Alerts;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Homeward.Messages;

/// <summary>
/// Sends what is waiting in the outbox: each message claimed for a minute (so two instances never send it twice), sent
/// by its channel, and marked sent, or its error kept and tried again next round until <see cref="OutboundMessage.MaxAttempts"/>.
/// A channel not set up (no SMTP relay, no Notify key) leaves its messages waiting, and says so on them.
/// </summary>
public sealed class SendMessages(HomewardDb db, IMailer mailer, ITextSender texts, IConfiguration config, TimeProvider clock,
    ILogger<SendMessages> log)
{
    public const int Batch = 50;
    private static readonly TimeSpan Claim = TimeSpan.FromMinutes(1);

    public bool EmailConfigured => !string.IsNullOrWhiteSpace(config["Alerts:Smtp:Host"]);

    /// <summary>
    /// <c>Messages:WriteToLog</c>: a message whose channel is not set up is written to the log instead (marked sent, "log"),
    /// so the demo can be tried without a relay. Never on a real service: the log is not a way to reach people.
    /// </summary>
    public bool WriteToLog => config.GetValue("Messages:WriteToLog", false);

    public async Task<int> Round(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var waiting = await db.OutboundMessages.AsNoTracking()
            .Where(m => m.SentAt == null && m.GivenUpAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.CreatedAt).Select(m => m.Id).Take(Batch).ToListAsync(ct);
        var sent = 0;
        foreach (var id in waiting)
            if (await One(id, ct))
                sent++;
        return sent;
    }

    /// <summary>Sends one message now if nobody else is; true when it went.</summary>
    public async Task<bool> One(Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var claimed = await db.OutboundMessages
            .Where(m => m.Id == id && m.SentAt == null && m.GivenUpAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.ClaimedUntil, now + Claim), ct);
        if (claimed == 0)
            return false;
        var message = await db.OutboundMessages.SingleAsync(m => m.Id == id, ct);
        string? reference = null;
        // A channel not set up is not a failed attempt: the message waits for it.
        var error = message.Channel switch
        {
            MessageChannel.Email when !EmailConfigured => "No SMTP relay is set (Alerts:Smtp:Host): the e-mail waits until one is.",
            MessageChannel.Text when !texts.Configured => "GOV.UK Notify is not set (Messages:Notify): the text waits until it is.",
            _ => null,
        };
        if (error is not null && WriteToLog)
        {
            log.LogWarning("Demo message ({Channel} to {To}, not sent: {Why}) {Subject}: {Body}", message.Channel, message.To, error, message.Subject, message.Body);
            (error, reference) = (null, "log");
        }
        else if (error is null)
            try
            {
                if (message.Channel == MessageChannel.Email)
                    await mailer.Send(message.To, message.Subject ?? "Your care", message.Body, ct);
                else
                    reference = await texts.Send(message.To, message.Body, message.Id.ToString(), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                error = e.Message;
                message.Attempts++;
            }
        var at = clock.GetUtcNow();
        if (error is null)
            (message.SentAt, message.ProviderReference, message.LastError) = (at, reference, null);
        else
        {
            message.LastError = error.Length > 500 ? error[..500] : error;
            if (message.Attempts >= OutboundMessage.MaxAttempts)
                message.GivenUpAt = at;
        }
        message.ClaimedUntil = null;
        await db.SaveChangesAsync(ct);
        return error is null;
    }
}
