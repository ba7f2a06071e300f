using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace Homeward.Alerts;

/// <summary>Sends one e-mail through the partnership's SMTP relay (NHSmail or its own) with MailKit.</summary>
public interface IMailer
{
    Task Send(string to, string subject, string body, CancellationToken ct);
}

/// <summary>
/// <c>Alerts:Smtp:Host</c>, <c>Port</c> (587), <c>Security</c> (<c>StartTls</c>, <c>SslOnConnect</c>, <c>None</c>; by
/// default STARTTLS where the server offers it), <c>UserName</c>, <c>Password</c> and <c>From</c>.
/// </summary>
public sealed class SmtpMailer(IConfiguration config) : IMailer
{
    public async Task Send(string to, string subject, string body, CancellationToken ct)
    {
        var smtp = config.GetSection("Alerts:Smtp");
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp["From"] ?? "homeward@localhost"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        using var client = new SmtpClient();
        var security = smtp["Security"] switch
        {
            "None" => SecureSocketOptions.None,
            "StartTls" => SecureSocketOptions.StartTls,
            "SslOnConnect" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        };
        var host = smtp["Host"] ?? throw new InvalidOperationException("Alerts:Smtp:Host is not set: there is no relay to send through.");
        await client.ConnectAsync(host, smtp.GetValue("Port", 587), security, ct);
        if (smtp["UserName"] is { Length: > 0 } user)
            await client.AuthenticateAsync(user, smtp["Password"] ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}
