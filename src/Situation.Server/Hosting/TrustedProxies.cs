using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Situation.Server.Hosting;

/// <summary>
/// Behind a load balancer every request comes from the balancer: limits and sign-in tallies would
/// count the whole province as one caller. The balancer's X-Forwarded-For names the real caller, but
/// anyone can send that header, so it is believed only from the proxies configured here.
/// </summary>
public static class TrustedProxies
{
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app, IReadOnlyCollection<string> proxies)
    {
        if (proxies.Count == 0)
            return app;
        var forwarded = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // Through a chain of trusted proxies, to the first address none of them vouches for.
            ForwardLimit = null,
        };
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            if (proxy.Contains('/') && System.Net.IPNetwork.TryParse(proxy, out var network))
                forwarded.KnownIPNetworks.Add(network);
            else if (IPAddress.TryParse(proxy, out var address))
                forwarded.KnownProxies.Add(address);
            else
                throw new InvalidOperationException($"Situation:Limits:TrustedProxies: '{proxy}' is neither an address nor a network such as 10.0.0.0/8");
        }
        return app.UseForwardedHeaders(forwarded);
    }
}
