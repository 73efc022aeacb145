using Microsoft.Extensions.Logging;

namespace Webhook.Observability;

/// <summary>Log messages of requests that end without an answer (14xx; see <see cref="Log"/> for the others).</summary>
public static partial class RequestLog
{
    [LoggerMessage(1401, LogLevel.Debug, "{Method} {Path} ended without an answer: {Reason}")]
    public static partial void Abandoned(ILogger logger, string method, string path, string reason);

    /// <summary>What Kestrel would have logged at Error, with its event id, for a connection the client tore down (no stack trace).</summary>
    [LoggerMessage(1402, LogLevel.Debug, "connection torn down by the client (Kestrel event {KestrelEventId}: {KestrelMessage}): {Reason}")]
    public static partial void ConnectionTornDown(ILogger logger, int kestrelEventId, string kestrelMessage, string reason);
}
