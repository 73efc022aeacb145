using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Webhook.Hosting;

/// <summary>
/// Kestrel's limits, each chosen for the one client the webhook has: the API server, which sends a review in one
/// go over the cluster network, keeps a few long-lived connections (HTTP/2 where offered) and waits the webhook's
/// timeoutSeconds for the answer (5 s in the manifests rendered here, 30 s at most). Anything slower than that client
/// can be is cut, so slow headers and slow bodies cannot hold memory or connections.
/// </summary>
public static class KestrelLimits
{
    /// <summary>
    /// Enough for several API server replicas and their HTTP/2 connections many times over; each connection may hold
    /// up to <see cref="MaxRequestBufferBytes"/> (HTTP/1.1) or <see cref="Http2ConnectionWindowBytes"/> (HTTP/2) of
    /// unread input, so this bounds what Kestrel buffers (256 × 128 KiB = 32 MiB).
    /// </summary>
    public const int MaxConnections = 256;

    /// <summary>HTTP/1.1: unread input per connection before Kestrel stops reading the socket.</summary>
    public const int MaxRequestBufferBytes = 64 * 1024;

    /// <summary>HTTP/2: unread request data per connection and per stream (flow-control windows).</summary>
    public const int Http2ConnectionWindowBytes = 128 * 1024;

    public const int Http2StreamWindowBytes = 64 * 1024;

    /// <summary>
    /// A body must arrive at 128 KiB/s on average once 5 s have passed. The API server sends at network speed, far
    /// above that, and a review still being sent after 5 s is close to its timeout anyway; a client that trickles
    /// bytes is cut after 5 s. Kestrel's default (240 B/s) lets a client hold a request for hours at 300 B/s.
    /// </summary>
    public static readonly MinDataRate MinRequestBodyRate = new(bytesPerSecond: 128 * 1024, gracePeriod: TimeSpan.FromSeconds(5));

    public static void Apply(KestrelServerLimits limits)
    {
        limits.MaxRequestBodySize = ServeOptions.MaxRequestBytes;
        limits.MinRequestBodyDataRate = MinRequestBodyRate;
        limits.MaxConcurrentConnections = MaxConnections;
        limits.MaxConcurrentUpgradedConnections = 0;
        limits.MaxRequestBufferSize = MaxRequestBufferBytes;

        // The API server sends its headers in one write: 5 s is far more than it needs, and a client that trickles
        // them is cut (the default is 30 s).
        limits.RequestHeadersTimeout = TimeSpan.FromSeconds(5);

        // Longer than the idle timeout of the API server's HTTP client (90 s), so the server is not the one to close
        // an idle connection just as the client sends a review on it (the default, 130 s, kept on purpose).
        limits.KeepAliveTimeout = TimeSpan.FromSeconds(130);

        limits.Http2.MaxStreamsPerConnection = 100;
        limits.Http2.InitialConnectionWindowSize = Http2ConnectionWindowBytes;
        limits.Http2.InitialStreamWindowSize = Http2StreamWindowBytes;
        limits.Http2.MaxRequestHeaderFieldSize = 16 * 1024;
        limits.Http2.HeaderTableSize = 4096;
    }
}
