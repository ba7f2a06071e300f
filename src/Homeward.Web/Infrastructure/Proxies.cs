using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Homeward.Web.Infrastructure;

/// <summary>
/// <c>Network:BehindProxy=true</c>: the app runs behind a reverse proxy that terminates TLS (nginx, HAProxy, an Azure
/// front door) and honours its <c>X-Forwarded-For</c>, <c>-Proto</c> and <c>-Host</c>. <c>Network:KnownProxies</c> (a
/// comma-separated list of addresses) says which proxies to believe; without it only loopback is believed, as
/// ASP.NET Core does by default.
/// </summary>
public static class Proxies
{
    public static bool Configure(IServiceCollection services, IConfiguration config)
    {
        if (!config.GetValue("Network:BehindProxy", false))
            return false;
        var known = (config["Network:KnownProxies"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var addresses = new List<IPAddress>();
        foreach (var text in known)
            addresses.Add(IPAddress.TryParse(text, out var address) ? address
                : throw new InvalidOperationException($"Network:KnownProxies: \"{text}\" is not an IP address."));
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var address in addresses)
                o.KnownProxies.Add(address);
        });
        return true;
    }
}
