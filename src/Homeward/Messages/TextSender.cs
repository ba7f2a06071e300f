using Microsoft.Extensions.Configuration;
using Notify.Client;

namespace Homeward.Messages;

/// <summary>Sends one text message; answers the provider's id for it.</summary>
public interface ITextSender
{
    bool Configured { get; }
    Task<string?> Send(string mobileNumber, string body, string reference, CancellationToken ct);
}

/// <summary>
/// Texts through GOV.UK Notify with its .NET client: <c>Messages:Notify:ApiKey</c> (a live key from the partnership's
/// Notify service), <c>Messages:Notify:TextTemplateId</c> (a text template whose whole content is <c>((body))</c>) and,
/// for a stand-in or a proxy, <c>Messages:Notify:BaseUrl</c> (Notify's own by default).
/// </summary>
public sealed class NotifyTextSender(IConfiguration config) : ITextSender
{
    public const string DefaultBaseUrl = "https://api.notifications.service.gov.uk";

    private IConfigurationSection Settings => config.GetSection("Messages:Notify");

    public bool Configured => !string.IsNullOrWhiteSpace(Settings["ApiKey"]) && !string.IsNullOrWhiteSpace(Settings["TextTemplateId"]);

    public async Task<string?> Send(string mobileNumber, string body, string reference, CancellationToken ct)
    {
        if (!Configured)
            throw new InvalidOperationException("Messages:Notify:ApiKey and TextTemplateId are not set: texts cannot be sent.");
        var client = new NotificationClient(Settings["BaseUrl"] is { Length: > 0 } url ? url : DefaultBaseUrl, Settings["ApiKey"]);
        var response = await client.SendSmsAsync(mobileNumber, Settings["TextTemplateId"], new Dictionary<string, dynamic> { ["body"] = body }, reference);
        return response.id;
    }
}
